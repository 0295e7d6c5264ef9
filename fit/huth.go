package fit

import (
	"fmt"
	"math"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// Outcome is a crisis outcome in Signorino and Tarar's (2006) coding.
type Outcome int

// Outcomes.
const (
	StatusQuo Outcome = iota // the challenger did not attack (deterrence success)
	BackDown                 // it attacked and the defender backed down
	War                      // it attacked and the defender fought
)

// Crisis is one of Huth's (1988) extended-immediate deterrence crises.
type Crisis struct {
	ID, Year int
	Outcome  Outcome
	// IBF, SBF and LBF are the immediate, short-term and long-term balance
	// of forces, defender and protege against the attacker (Huth 1988).
	IBF, SBF, LBF float64
	Ally          bool    // military alliance defender-protege (milallia)
	Nuclear       bool    // the defender has nuclear weapons
	DemDefender   bool    // democratic defender (dem_def): audience costs
	Trade         float64 // defender-protege foreign trade (fortrade)
	Arms          float64 // arms transfers defender to protege (milarm)
}

// Deterred is 1 for a status-quo outcome, else 0.
func (c Crisis) Deterred() float64 {
	if c.Outcome == StatusQuo {
		return 1
	}
	return 0
}

// HuthCrises reads the embedded Huth file.
func HuthCrises() ([]Crisis, string, error) {
	t, err := evidence.Load("huth_1988")
	if err != nil {
		return nil, "", err
	}
	names := []string{"case_id", "year", "outcome_code", "ibf", "sbf", "lbf", "milallia", "nuclear", "dem_def", "fortrade", "milarm"}
	cols := make([][]float64, len(names))
	for j, n := range names {
		if cols[j], err = t.Num(n); err != nil {
			return nil, "", fmt.Errorf("huth_1988: %w", err)
		}
	}
	out := make([]Crisis, t.Rows)
	for i := range out {
		for j, n := range names {
			if math.IsNaN(cols[j][i]) {
				return nil, "", fmt.Errorf("huth_1988 row %d: %s missing", i+2, n)
			}
		}
		c := Crisis{ID: int(cols[0][i]), Year: int(cols[1][i]), IBF: cols[3][i], SBF: cols[4][i], LBF: cols[5][i],
			Ally: cols[6][i] == 1, Nuclear: cols[7][i] == 1, DemDefender: cols[8][i] == 1, Trade: cols[9][i], Arms: cols[10][i]}
		switch cols[2][i] {
		case 1:
			c.Outcome = StatusQuo
		case 3:
			c.Outcome = BackDown
		case 4:
			c.Outcome = War
		default:
			return nil, "", fmt.Errorf("huth_1988 row %d: outcome_code %v: expected 1, 3 or 4", i+2, cols[2][i])
		}
		if !(c.IBF > 0 && c.SBF > 0) {
			return nil, "", fmt.Errorf("huth_1988 row %d: ibf %v, sbf %v: expected > 0", i+2, c.IBF, c.SBF)
		}
		out[i] = c
	}
	ds, _ := evidence.DatasetOf("huth_1988")
	return out, "Huth 1988 crises, " + ds.Version, nil
}

// Structural parameters of the Huth fit, in the order of the parameter
// vector. The defender equation is deter.Response with a crisis-sample
// intercept; the challenger's is deter.StatusQuo with n = 1 guarantor.
const (
	pD0    = iota // defender intercept in Huth's crises (a crisis-selected sample)
	pDAlly        // + military alliance with the protege
	pBE           // ln(1 + trade)
	pBA           // democratic defender
	pBD           // P(defender and protege prevail) - 1/2
	pLogG         // ln Gamma
	pC1           // cost slope on ln(F_S/F_C)
	pCN           // nuclear cost
	pA0           // status-quo intercept (immediate deterrence)
	pLogA1        // ln A1
	nHuth
)

var huthNames = [nHuth]string{"d0", "d_ally", "be", "ba", "bd", "ln_gamma", "c1", "cn", "a0", "ln_a1"}

// HuthSpec fixes the choices of the Huth fit that are not estimated.
type HuthSpec struct {
	// Balance picks Huth's measure of the theatre ratio F_S/F_C: "" or
	// "ibf" (immediate: forces in place), "sbf" (short-term: forces that
	// can be brought in), or "geo" (their geometric mean).
	Balance string
	// PriorWidth multiplies every prior scale (0 means 1): a sensitivity
	// check that the estimates are the data's, not the priors'.
	PriorWidth float64
	// ProtegeShare is the protege's share of the defender-side theatre
	// forces, used for the empty responding set (the challenger against the
	// protege alone): Huth's balance counts defender and protege together
	// and the file does not split them.
	ProtegeShare float64
	// Aggregation is how the challenger folds the response distribution
	// into ln Cbar and ln Pi ("" = deter.AggExpected). Run chooses it by
	// CompareAggregations unless Options.Spec sets it.
	Aggregation deter.Aggregation
}

// DefaultHuthSpec is the specification `guarantor fit` uses.
var DefaultHuthSpec = HuthSpec{ProtegeShare: 0.25}

// ratio returns the theatre ratio the spec reads from a crisis.
func (s HuthSpec) ratio(k *Crisis) float64 {
	switch s.Balance {
	case "sbf":
		return k.SBF
	case "geo":
		return math.Sqrt(k.IBF * k.SBF)
	}
	return k.IBF
}

// huthModel evaluates the chain for one crisis: the defender's q, the
// challenger's P(SQ) and the log-likelihood of the observed outcome.
type huthModel struct {
	c    deter.Coefficients
	d0   float64
	ally float64
	phi  float64
	spec HuthSpec
}

func newHuthModel(theta []float64, spec HuthSpec) huthModel {
	var m huthModel
	m.d0, m.ally, m.phi, m.spec = theta[pD0], theta[pDAlly], spec.ProtegeShare, spec
	m.c.BE.Value, m.c.BA.Value, m.c.BD.Value = theta[pBE], theta[pBA], theta[pBD]
	m.c.Gamma.Value = math.Exp(theta[pLogG])
	m.c.C1.Value, m.c.CN.Value = theta[pC1], theta[pCN]
	m.c.A0.Value, m.c.A1.Value = theta[pA0], math.Exp(theta[pLogA1])
	return m
}

// probs returns q (the defender fights if attacked) and P(status quo).
func (m *huthModel) probs(k *Crisis) (q, psq float64) {
	q, psq, _, _ = m.outcomes(k)
	return q, psq
}

// outcomes returns q and the probabilities of the three outcomes (status
// quo, back-down, war) under the spec's aggregation (crisisOutcomes).
func (m *huthModel) outcomes(k *Crisis) (q, sq, backDown, war float64) {
	g := m.c.Gamma.Value
	// Forces in units of the challenger's: F_C = 1, F_S = ibf with the
	// defender, phi * ibf without it.
	r := m.spec.ratio(k)
	piD := deter.Contest(1, r, g)
	pi0 := deter.Contest(1, m.phi*r, g)
	base := m.d0
	if k.Ally {
		base += m.ally
	}
	aud := 0.0
	if k.DemDefender {
		aud = 1
	}
	q = deter.Response(&m.c, deter.ResponseInput{Base: base, StakeUSDbn: k.Trade, Audience: aud, PWin: 1 - piD})
	p := [2]float64{1 - q, q} // the sets {} and {defender}
	pis := [2]float64{pi0, piD}
	lnC := [2]float64{deter.LogWarCost(&m.c, m.phi*r, 1, false), deter.LogWarCost(&m.c, r, 1, k.Nuclear)}
	sq, backDown, war = crisisOutcomes(m.spec.Aggregation, &m.c, p, pis, lnC)
	return q, sq, backDown, war
}

// stageIndex is the index the general and post-war stages read for k,
// A0 + A1 (ln C̄ − ln Π), under the spec's deter.Aggregation.StageIndex:
// the form's own index for an index form (logit P(SQ) exactly), the
// expected form's under the informed form, whose P(SQ) is an average over
// the sets and no index (docs/assess.md, "The informed challenger's
// stages").
func (m *huthModel) stageIndex(k *Crisis) float64 {
	a := m.spec.Aggregation
	if a == "" || a.Index() {
		// logit P(SQ), clamped, as the references have always read it: the
		// committed index-form coefficients are reproduced bit for bit.
		_, p := m.probs(k)
		return deter.Logit(math.Min(math.Max(p, 1e-12), 1-1e-12))
	}
	g := m.c.Gamma.Value
	r := m.spec.ratio(k)
	piD, pi0 := deter.Contest(1, r, g), deter.Contest(1, m.phi*r, g)
	q, _ := m.probs(k)
	lnC := [2]float64{deter.LogWarCost(&m.c, m.phi*r, 1, false), deter.LogWarCost(&m.c, r, 1, k.Nuclear)}
	lc, lp := a.StageIndex().Aggregate([]float64{1 - q, q}, []float64{pi0, piD}, lnC[:])
	_, idx := deter.StatusQuo(&m.c, lc, lp, false)
	return idx
}

// logLik is the log-likelihood of one crisis's outcome: P(SQ), P(back-down)
// or P(war) (crisisOutcomes).
func (m *huthModel) logLik(k *Crisis) float64 {
	_, sq, bd, war := m.outcomes(k)
	const floor = 1e-300
	switch k.Outcome {
	case StatusQuo:
		return math.Log(math.Max(sq, floor))
	case BackDown:
		return math.Log(math.Max(bd, floor))
	default:
		return math.Log(math.Max(war, floor))
	}
}

// huthPriors holds the prior scales, set from the data's input scales
// (Gelman et al. 2008: Cauchy(0, 2.5) on a coefficient of an input scaled
// to standard deviation 0.5, so scale 2.5 / (2 sd(x)); binary inputs
// Cauchy(0, 2.5); intercepts Cauchy(0, 10)); the two log-parameters get
// Normal(0, 1.5), i.e. Gamma and A1 within a factor 20 of 1 at two SDs.
type huthPriors struct{ scale [nHuth]float64 }

func newHuthPriors(ks []Crisis, spec HuthSpec) huthPriors {
	var p huthPriors
	lt, lr := make([]float64, len(ks)), make([]float64, len(ks))
	for i, k := range ks {
		lt[i], lr[i] = math.Log1p(k.Trade), math.Log(spec.ratio(&k))
	}
	p.scale = [nHuth]float64{10, 2.5, 2.5 / (2 * sd(lt)), 2.5, 2.5 / (2 * 0.25), 1.5, 2.5 / (2 * sd(lr)), 2.5, 10, 1.5}
	if spec.PriorWidth > 0 {
		for j := range p.scale {
			p.scale[j] *= spec.PriorWidth
		}
	}
	return p
}

func (p huthPriors) logPrior(theta []float64) float64 {
	var s float64
	for j, x := range theta {
		if j == pLogG || j == pLogA1 {
			s += logNormal(x, 0, p.scale[j])
		} else {
			s += logCauchy(x, p.scale[j])
		}
	}
	return s
}

func sd(x []float64) float64 {
	var m, v float64
	for _, a := range x {
		m += a
	}
	m /= float64(len(x))
	for _, a := range x {
		v += (a - m) * (a - m)
	}
	return math.Sqrt(v / float64(len(x)-1))
}

// HuthFit is the structural fit on a set of crises.
type HuthFit struct {
	Spec   HuthSpec
	Names  []string
	Sol    Solution
	LogLik float64 // unpenalised, at the estimate
	N      int
}

var huthStart = []float64{0, 0, 0, 0, 0, 0, 1, 0, 0, 0}

// huthNegLogPost is the structural model's negative log posterior on ks
// (penalised likelihood); a NaN, where the model is undefined, is +Inf so
// that the optimiser steps back.
func huthNegLogPost(ks []Crisis, spec HuthSpec) func(theta []float64) float64 {
	pr := newHuthPriors(ks, spec)
	return func(theta []float64) float64 {
		m := newHuthModel(theta, spec)
		s := -pr.logPrior(theta)
		for i := range ks {
			s -= m.logLik(&ks[i])
		}
		if math.IsNaN(s) {
			return math.Inf(1)
		}
		return s
	}
}

// FitHuth estimates the structural model on ks by penalised ML.
func FitHuth(ks []Crisis, spec HuthSpec) (HuthFit, error) {
	nll := huthNegLogPost(ks, spec)
	sol, err := Minimize(Objective{N: len(ks), Names: huthNames[:], NegLogPost: nll}, huthStart)
	if err != nil {
		return HuthFit{}, fmt.Errorf("huth structural fit: %w", err)
	}
	f := HuthFit{Spec: spec, Names: huthNames[:], Sol: sol, N: len(ks)}
	m := newHuthModel(sol.Theta, spec)
	for i := range ks {
		f.LogLik += m.logLik(&ks[i])
	}
	return f, nil
}

// Predict returns q and P(status quo) for a crisis under the fit.
func (f HuthFit) Predict(k Crisis) (q, psq float64) {
	m := newHuthModel(f.Sol.Theta, f.Spec)
	return m.probs(&k)
}
