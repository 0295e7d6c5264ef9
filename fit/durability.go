package fit

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// Spell is a post-war dyad spell: from the last year two states fought
// each other in a COW interstate war until their next militarised dispute
// at or above a hostility level (MID: 4 use of force, 5 war) or censoring.
type Spell struct {
	A, B, WarNum, End int
	Years             int  // years to the renewed dispute, or to censoring
	Event             bool // a renewed use-of-force dispute was observed
	// X are the post-war dyad covariates as of End (AddPostWarCovariates;
	// zero until filled): rivalry, contiguity, ln(1 + earlier wars).
	X [NumPostWarCovariates]float64
	// Directed spells only (DirectSpells): A is the challenger and B the
	// protege; CA and CB their CINC in End, Index the structural index
	// x_{A→B} (SetNationalIndex), Ambiguous a renewal whose first mover
	// the data cannot say (the event then counts in both directions).
	CA, CB, Index float64
	Ambiguous     bool
	// Out are the war-outcome indicators of a directed spell (challenger
	// won, lost; AddWarOutcomes).
	Out [NumOutcomes]float64
	// Pact is the defence-pact indicator of a directed spell (1 if the
	// protege has a guarantor under evidence.DefencePacts; AddPactIndicator).
	Pact float64
	// Bil is 1 when the war that starts the spell had exactly two state
	// participants (AddBilateral; a dyad property, both directions).
	Bil float64
}

// midLastYear is the last year MID 5.0 covers.
const midLastYear = 2014

// PostWarSpells builds the spells from the embedded COW war and MID data.
// A pair that fought several wars has one spell per war; a spell ends at
// the first dispute onset at minHostility or above between the two after the
// war's last year (so a later war ends it too), and is censored at 2014 or
// when either state leaves the state system.
func PostWarSpells(minHostility int) ([]Spell, string, error) {
	war, err := evidence.Load("cow_war")
	if err != nil {
		return nil, "", err
	}
	mid, err := evidence.Load("mid_dyad")
	if err != nil {
		return nil, "", err
	}
	states, err := evidence.Load("cow_states")
	if err != nil {
		return nil, "", err
	}
	wc, err := numCols(war, "warnum", "ccode1", "ccode2", "year", "sidea1", "sidea2")
	if err != nil {
		return nil, "", err
	}
	type key struct{ w, a, b int }
	last := map[key]int{}
	for i := range wc[0] {
		a, b := int(wc[1][i]), int(wc[2][i])
		if a >= b || wc[4][i] == wc[5][i] {
			continue // each pair once; only opponents
		}
		k := key{int(wc[0][i]), a, b}
		last[k] = max(last[k], int(wc[3][i]))
	}
	mc, err := numCols(mid, "ccode1", "ccode2", "year", "disponset", "hostlev1", "hostlev2")
	if err != nil {
		return nil, "", err
	}
	onsets := map[[2]int][]int{}
	for i := range mc[0] {
		if mc[3][i] != 1 || math.Max(mc[4][i], mc[5][i]) < float64(minHostility) {
			continue
		}
		a, b := int(mc[0][i]), int(mc[1][i])
		if a > b {
			a, b = b, a
		}
		onsets[[2]int{a, b}] = append(onsets[[2]int{a, b}], int(mc[2][i]))
	}
	sc, err := numCols(states, "ccode", "styear", "endyear")
	if err != nil {
		return nil, "", err
	}
	exit := func(cc, y int) int { // end of the membership spell that covers y
		e := y
		for i := range sc[0] {
			if int(sc[0][i]) == cc && int(sc[1][i]) <= y && int(sc[2][i]) >= y {
				e = int(sc[2][i])
			}
		}
		return e
	}
	keys := make([]key, 0, len(last))
	for k := range last {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].w != keys[j].w {
			return keys[i].w < keys[j].w
		}
		if keys[i].a != keys[j].a {
			return keys[i].a < keys[j].a
		}
		return keys[i].b < keys[j].b
	})
	var out []Spell
	for _, k := range keys {
		end := last[k]
		cens := min(midLastYear, exit(k.a, end), exit(k.b, end))
		s := Spell{A: k.a, B: k.b, WarNum: k.w, End: end, Years: cens - end}
		for _, y := range onsets[[2]int{k.a, k.b}] {
			if y > end && y <= cens && (!s.Event || y-end < s.Years) {
				s.Event, s.Years = true, y-end
			}
		}
		if s.Years >= 1 {
			out = append(out, s)
		}
	}
	wd, _ := evidence.DatasetOf("cow_war")
	md, _ := evidence.DatasetOf("mid")
	return out, fmt.Sprintf("COW Inter-State War %s; COW %s; COW states 2016", wd.Version, md.Version), nil
}

func numCols(t *evidence.Table, names ...string) ([][]float64, error) {
	out := make([][]float64, len(names))
	for i, n := range names {
		var err error
		if out[i], err = t.Num(n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CureFit is a split-population Weibull fit.
type CureFit struct {
	PC0, K, Lambda    float64 // logit cured share, shape, scale (years)
	SEPC0, SEK, SELam float64
	LogLik            float64
	// Plain Weibull (no cure term) for comparison.
	K0, Lambda0, LogLik0 float64
	N, Events            int
	Status               string
}

// cureSurv is S(t) = pc + (1-pc) exp(-(t/lambda)^k).
func cureSurv(t, pc, k, lam float64) float64 {
	if t <= 0 {
		return 1
	}
	return pc + (1-pc)*math.Exp(-math.Pow(t/lam, k))
}

// spellLogLik treats time in whole years as interval-censored: an event
// in year t has probability S(t-1) - S(t); a spell censored at t, S(t).
func spellLogLik(sp []Spell, pc, k, lam float64) float64 {
	var s float64
	for _, x := range sp {
		t := float64(x.Years)
		if x.Event {
			s += math.Log(math.Max(cureSurv(t-1, pc, k, lam)-cureSurv(t, pc, k, lam), 1e-300))
		} else {
			s += math.Log(math.Max(cureSurv(t, pc, k, lam), 1e-300))
		}
	}
	return s
}

// FitCure fits the cure Weibull by ML (parameters logit pc, ln k,
// ln lambda; flat priors: 374-odd spells identify all three) and a plain
// Weibull beside it. SEs of k and lambda are by the delta method.
func FitCure(sp []Spell) (CureFit, error) {
	f := CureFit{N: len(sp)}
	for _, x := range sp {
		if x.Event {
			f.Events++
		}
	}
	nll := func(th []float64) float64 {
		v := -spellLogLik(sp, logistic(th[0]), math.Exp(th[1]), math.Exp(th[2]))
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	sol, err := Minimize(Objective{N: len(sp), NegLogPost: nll}, []float64{0, 0, math.Log(20)})
	if err != nil {
		return f, fmt.Errorf("cure Weibull: %w", err)
	}
	f.PC0, f.K, f.Lambda = sol.Theta[0], math.Exp(sol.Theta[1]), math.Exp(sol.Theta[2])
	f.SEPC0, f.SEK, f.SELam = sol.SE[0], f.K*sol.SE[1], f.Lambda*sol.SE[2]
	f.LogLik, f.Status = -sol.NegLogPost, sol.Status
	nll0 := func(th []float64) float64 {
		v := -spellLogLik(sp, 0, math.Exp(th[0]), math.Exp(th[1]))
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	s0, err := Minimize(Objective{N: len(sp), NegLogPost: nll0}, []float64{0, math.Log(50)})
	if err != nil {
		return f, fmt.Errorf("plain Weibull: %w", err)
	}
	f.K0, f.Lambda0, f.LogLik0 = math.Exp(s0.Theta[0]), math.Exp(s0.Theta[1]), -s0.NegLogPost
	return f, nil
}

func durability(folds int, seed uint64, huth *deter.Coefficients, engine EngineIndexFunc) (DurabilityReport, error) {
	var r DurabilityReport
	sp, data, err := PostWarSpells(5)
	if err != nil {
		return r, err
	}
	if r.CV, err = durabilityCV(sp, folds, seed); err != nil {
		return r, err
	}
	if r.Fit, err = FitCure(sp); err != nil {
		return r, err
	}
	r.Data = data
	r.LRCure = 2 * (r.Fit.LogLik - r.Fit.LogLik0)
	if err := AddPostWarCovariates(sp); err != nil {
		return r, err
	}
	if r.CovCV, err = crossValidatePostWarCov(sp, folds, seed); err != nil {
		return r, err
	}
	if r.Cov, err = FitCureCov(sp); err != nil {
		return r, err
	}
	r.LRCov = 2 * (r.Cov.LogLik - r.Fit.LogLik)
	dir, n, err := DirectSpells(sp, 5)
	if err != nil {
		return r, err
	}
	r.Directed = n
	SetNationalIndex(dir, huth)
	if r.SlopeCV, err = crossValidateSlope(sp, dir, folds, seed, huth.A1.Value, huth.DIRef.Value); err != nil {
		return r, err
	}
	for m := range r.Slope {
		if r.Slope[m], err = FitSlope(dir, SlopeModel(m), huth.A1.Value, huth.DIRef.Value); err != nil {
			return r, err
		}
	}
	if r.Outcomes, err = AddWarOutcomes(dir); err != nil {
		return r, err
	}
	if r.OutcomeCV, err = crossValidateOutcome(sp, dir, folds, seed); err != nil {
		return r, err
	}
	if r.Outcome, err = FitSlope(dir, SlopeOutcome, 0, 0); err != nil {
		return r, err
	}
	adopted := SlopeFitted
	if r.OutcomeCV.Adopted {
		adopted = SlopeOutcome
	}
	if r.Guar, err = durabilityGuar(sp, dir, folds, seed, huth, engine, adopted); err != nil {
		return r, err
	}
	if r.Pact, err = durabilityPact(sp, dir, folds, seed, adopted); err != nil {
		return r, err
	}
	if r.Bilateral, err = durabilityBilateral(sp, dir, folds, seed, adopted); err != nil {
		return r, err
	}
	sp4, _, err := PostWarSpells(4)
	if err != nil {
		return r, err
	}
	if r.UseOfForce, err = FitCure(sp4); err != nil {
		return r, err
	}
	if err := AddPostWarCovariates(sp4); err != nil {
		return r, err
	}
	r.UseOfForceCov, err = FitCureCov(sp4)
	return r, err
}

// durabilityCV scores the cure and plain Weibull by k-fold cross-validation.
func durabilityCV(sp []Spell, folds int, seed uint64) (DurabilityCV, error) {
	cv := DurabilityCV{Folds: folds}
	ll := make([]float64, 2*len(sp))
	_, err := CrossValidate(len(sp), folds, seed, func(train, test []int) ([]float64, error) {
		tr := make([]Spell, len(train))
		for i, j := range train {
			tr[i] = sp[j]
		}
		f, err := FitCure(tr)
		if err != nil {
			return nil, err
		}
		for _, j := range test {
			one := sp[j : j+1]
			ll[2*j] = spellLogLik(one, logistic(f.PC0), f.K, f.Lambda)
			ll[2*j+1] = spellLogLik(one, 0, f.K0, f.Lambda0)
		}
		return make([]float64, len(test)), nil
	})
	if err != nil {
		return cv, fmt.Errorf("durability cross-validation: %w", err)
	}
	for j := range sp {
		cv.CureLogLik += ll[2*j] / float64(len(sp))
		cv.Weibull += ll[2*j+1] / float64(len(sp))
	}
	return cv, nil
}

func fillDurability(c *deter.Coefficients, d DurabilityReport) {
	m := fmt.Sprintf("ML split-population Weibull on %d post-war dyad spells (%d renewed wars, MID hostility 5), years interval-censored; SE from the observed information (delta method for K, Lambda)", d.Fit.N, d.Fit.Events)
	f := CureCovFit{PC0: d.Fit.PC0, K: d.Fit.K, Lambda: d.Fit.Lambda, SEPC0: d.Fit.SEPC0, SEK: d.Fit.SEK, SELam: d.Fit.SELam}
	if d.CovCV.Adopted {
		// The pre-registered rule (docs/fit.md): the covariate model's
		// 10-fold CV log-likelihood by dyad beats the plain cure Weibull's.
		f = d.Cov
		m = fmt.Sprintf("penalised ML split-population Weibull with post-war dyad covariates (proportional hazards on the non-cured hazard; Cauchy(0, 2.5) on standardised slopes) on %d post-war dyad spells (%d renewed wars, MID hostility 5), years interval-censored; SE from the observed information (delta method for K, Lambda); adopted by %d-fold CV by dyad (%.2f vs %.2f)", d.Cov.N, d.Cov.Events, d.CovCV.Folds, d.CovCV.Covariates, d.CovCV.Plain)
		if d.CovCV.Folds == 0 { // Refit: the committed fit's choice, not cross-validated again
			m = m[:strings.LastIndex(m, "; adopted by")] + "; adopted as in the committed fit"
		}
	}
	var w SlopeFit
	if d.Directed.Directed > 0 {
		w, m = fillDirected(c, d)
		f = w.CureCovFit
	}
	c.K = deter.Estimate{Value: f.K, SE: f.SEK, Data: d.Data, Method: m}
	c.Lambda = deter.Estimate{Value: f.Lambda, SE: f.SELam, Data: d.Data, Method: m}
	c.PC0 = deter.Estimate{Value: f.PC0, SE: f.SEPC0, Data: d.Data, Method: m + "; the cure share at deterrence index 0"}
	what := [NumPostWarCovariates]string{
		"log hazard ratio of a TSS strategic rivalry in force in the war's last year (Thompson, Sakuwa and Suhas 2022)",
		"log hazard ratio of direct land contiguity in the war's last year (COW Direct Contiguity 3.2)",
		"log hazard ratio per ln(1 + earlier COW wars between the two, ended two or more years before the war's last year)",
	}
	es := c.PostWarEstimates()
	for j := range NumPostWarCovariates {
		e := es[j]
		if !d.CovCV.Adopted && d.Directed.Directed == 0 {
			*e = deter.Estimate{Prior: "not adopted: the covariate model lost the pre-registered cross-validation (docs/fit.md); no effect"}
			continue
		}
		*e = deter.Estimate{Value: f.Coef[j], SE: f.SE[j], Centre: f.Centre[j], Data: d.Data + "; " + evidence.PostWarSources(),
			Method: m + "; " + what[j] + "; the term is value × (x − centre), centre = the spell-sample mean"}
	}
	// The war outcome (docs/fit.md, "War outcome"): M3's when adopted.
	whatOut := [NumOutcomes]string{
		"log hazard ratio of the war that just ended having been won by the challenger (COW 4.0 outcome: challenger 1, protege 2), against no decision",
		"log hazard ratio of the war that just ended having been lost by the challenger (COW 4.0 outcome: challenger 2, protege 1), against no decision",
	}
	for j := range NumOutcomes {
		e := es[NumPostWarCovariates+j]
		if w.Model != SlopeOutcome {
			*e = deter.Estimate{Prior: "not adopted: the war-outcome model did not beat the adopted model in the pre-registered cross-validation (docs/fit.md, \"War outcome\"); no effect"}
			continue
		}
		*e = deter.Estimate{Value: w.OutCoef[j], SE: w.OutSE[j], Centre: w.OutCentre[j], Data: d.Data + "; COW Inter-State War 4.0 outcome codes",
			Method: m + "; " + whatOut[j] + "; the term is value × (x − centre), centre = the directed sample's mean"}
	}
}

// fillDirected is the pre-registered post-war slope's choice (docs/fit.md,
// "Post-war hazard slope of the structural index"): the level (PC0, K, Λ,
// the δ) is the adopted directed model's either way; PWSlope and PWRef
// are M1's when its CV score beats the carry-over's, else labelled as not
// adopted (the engine then keeps A1 and DIRef).
func fillDirected(c *deter.Coefficients, d DurabilityReport) (SlopeFit, string) {
	n := d.Directed
	adopted := d.SlopeCV.Adopted
	w := d.Slope[SlopeCarry]
	if adopted {
		w = d.Slope[SlopeFitted]
		if d.OutcomeCV.Adopted {
			w = d.Outcome
		}
	}
	choice := fmt.Sprintf("adopted by %d-fold CV by dyad (seed %d): M1 %.2f vs M0 %.2f (M2 %.2f)", d.SlopeCV.Folds, d.SlopeCV.Seed, d.SlopeCV.Score[SlopeFitted], d.SlopeCV.Score[SlopeCarry], d.SlopeCV.Score[SlopeZero])
	if d.SlopeCV.Folds == 0 {
		choice = "adopted as in the committed fit"
	}
	model := "M0: hazard ratio exp(-A1 (x - di_ref)) held at Huth's A1 and di_ref"
	if adopted {
		model = "M1: hazard ratio exp(-a (x - mean x)), a >= 0 fitted"
	}
	if w.Model == SlopeOutcome {
		model = "M3: M1 with the war outcome (challenger won, lost)"
		if d.OutcomeCV.Folds > 0 {
			model += fmt.Sprintf(", adopted by %d-fold CV by dyad against M1 (%.2f vs %.2f)", d.OutcomeCV.Folds, d.OutcomeCV.M3, d.OutcomeCV.M1)
		}
	}
	m := fmt.Sprintf("penalised ML split-population Weibull with post-war dyad covariates and the structural index (%s; proportional hazards on the non-cured hazard; Cauchy(0, 2.5) on standardised slopes) on %d directed post-war spells (%d undirected, %d renewed wars, %d with no first mover counted in both directions, %d dropped for missing CINC; %d directed events, MID hostility 5, side A moves first), years interval-censored; SE from the observed information (delta method for K, Lambda); %s", model, n.Directed, n.Spells, n.Renewals, n.Ambiguous, n.DroppedCINC, n.Events, choice)
	data := d.Data + "; COW NMC 7.0 (CINC in the war's last year)"
	if !adopted {
		c.PWSlope = deter.Estimate{Prior: "not adopted: the slope fitted on directed post-war spells lost the pre-registered cross-validation to the carry-over (docs/fit.md); the engine uses A1 and di_ref"}
		c.PWRef = c.PWSlope
		return w, m
	}
	se := "SE from the observed information"
	if w.Boundary {
		se = fmt.Sprintf("mode at the boundary a = 0; SE = the 95%% profile upper bound %.4g / 1.96", w.Upper95)
	}
	c.PWSlope = deter.Estimate{Value: w.Slope, SE: w.SESlope, Data: data,
		Method: m + "; log hazard ratio per unit of the index x = ln C - ln pi (challenger's national capability x 0.7 against the protege's, deter.NationalIndex), restricted to >= 0 (half-Cauchy(0, 2.5) on x / 2 SD); " + se}
	c.PWRef = deter.Estimate{Value: w.Ref, Data: data,
		Method: fmt.Sprintf("mean of the index x over the %d directed post-war spells of the fit (the reference at which the fitted curve applies unchanged)", n.Directed)}
	return w, m
}
