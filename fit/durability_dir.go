package fit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// The post-war hazard slope of the structural index, fitted on directed
// post-war spells (docs/fit.md, "Post-war hazard slope of the structural
// index (pre-registered)"):
//
//	S(t) = pc + (1 − pc) exp(−(t/Λ)^K e^{η − a (x − x̄)}),
//
// with x = x_{A→B} the engine's index of challenger A against protege B
// from national capability in the war's last year (deter.NationalIndex),
// η the dyad covariates (durability_cov.go). M1 fits a ≥ 0 and x̄ (the
// sample mean); M0 fixes a at Huth's A1 and the reference at di_ref (the
// carry-over); M2 fixes a = 0. The choice between M1 and M0 is 10-fold
// cross-validation by undirected dyad.

// National deploy shares of the fallback, the catalogue's default means
// (scenario: model.capability.challenger_deploy uniform 0.5–0.9,
// protege_deploy 1; a pipeline test holds them equal).
const (
	NationalDeployChallenger = 0.7
	NationalDeployProtege    = 1.0
)

// DirectedCounts describes the directed construction.
type DirectedCounts struct {
	Spells, Renewals int // undirected spells and renewed wars
	// Ambiguous renewals count in both directions; DroppedCINC spells
	// (each two directed spells) had a missing CINC in the war's last year.
	Ambiguous, DroppedCINC int
	Directed, Events       int // directed spells in the fit and their events
}

// DirectSpells turns undirected post-war spells (PostWarSpells with
// minHostility, covariates filled) into directed ones, A→B then B→A. A→B
// has the event when the renewing dispute's directed row for A against B
// (onset year, disponset 1, hostility at least minHostility) has A on
// side A, the side that took the first militarised action (COW MID 5.0);
// otherwise it is censored in the event year. A renewal with no such row,
// with both or neither on side A, or with disputes that disagree is
// ambiguous and counts in both directions. Spells whose states have no
// CINC in the war's last year are dropped.
func DirectSpells(sp []Spell, minHostility int) ([]Spell, DirectedCounts, error) {
	var n DirectedCounts
	mid, err := evidence.Load("mid_dyad")
	if err != nil {
		return nil, n, err
	}
	mc, err := numCols(mid, "ccode1", "ccode2", "year", "disponset", "hostlev1", "hostlev2", "sidea1", "sidea2")
	if err != nil {
		return nil, n, err
	}
	type dy struct{ a, b, y int }
	first := map[dy][2]bool{} // [A moved first in some dispute, B did]
	for i := range mc[0] {
		if mc[3][i] != 1 || math.Max(mc[4][i], mc[5][i]) < float64(minHostility) {
			continue
		}
		k := dy{int(mc[0][i]), int(mc[1][i]), int(mc[2][i])}
		f := first[k]
		switch {
		case mc[6][i] == 1 && mc[7][i] == 0:
			f[0] = true
		case mc[6][i] == 0 && mc[7][i] == 1:
			f[1] = true
		default: // both or neither on side A: says nothing
			f[0], f[1] = true, true
		}
		first[k] = f
	}
	cinc, err := capability.Default()
	if err != nil {
		return nil, n, err
	}
	out := make([]Spell, 0, 2*len(sp))
	for _, s := range sp {
		n.Spells++
		ca, errA := cinc.CINC(s.A, s.End)
		cb, errB := cinc.CINC(s.B, s.End)
		if errA != nil || errB != nil || ca <= 0 || cb <= 0 {
			n.DroppedCINC++
			continue
		}
		ab, ba := s, s
		ab.CA, ab.CB = ca, cb
		ba.A, ba.B, ba.CA, ba.CB = s.B, s.A, cb, ca
		if s.Event {
			n.Renewals++
			f := first[dy{s.A, s.B, s.End + s.Years}]
			if f[0] == f[1] { // no row, or the data cannot tell
				ab.Ambiguous, ba.Ambiguous = true, true
				n.Ambiguous++
			} else {
				ab.Event, ba.Event = f[0], f[1]
			}
		}
		out = append(out, ab, ba)
	}
	n.Directed = len(out)
	for _, s := range out {
		if s.Event {
			n.Events++
		}
	}
	return out, n, nil
}

// SetNationalIndex fills each directed spell's Index from c's γ, c0 and c1.
func SetNationalIndex(sp []Spell, c *deter.Coefficients) {
	for i := range sp {
		sp[i].Index = deter.NationalIndex(c, sp[i].CA, sp[i].CB, NationalDeployChallenger, NationalDeployProtege)
	}
}

// SlopeModel names the models of the pre-registered comparison.
type SlopeModel int

const (
	SlopeFitted    SlopeModel = iota // M1: a ≥ 0 fitted, reference x̄
	SlopeCarry                       // M0: a = Huth's A1, reference di_ref
	SlopeZero                        // M2: a = 0
	SlopeOutcome                     // M3: M1 with the war outcome (docs/fit.md, "War outcome")
	SlopePact                        // M4: M3 with the defence-pact indicator, δ_pact ≤ 0 (docs/fit.md, "Post-war defence-pact indicator")
	SlopeBilateral                   // M5: M3 with the bilateral-war indicator, sign free (docs/fit.md, "Bilateral wars")
)

func (m SlopeModel) String() string {
	return [...]string{"M1 fitted slope", "M0 carry-over (A1, di_ref)", "M2 no slope", "M3 M1 with the war outcome", "M4 M3 with the defence-pact indicator", "M5 M3 with the bilateral-war indicator"}[m]
}

// SlopeFit is a cure Weibull with covariates and the index's hazard slope.
type SlopeFit struct {
	CureCovFit
	Model SlopeModel
	// Slope a and Ref (x̄ for M1 and M2, di_ref for M0) enter as
	// e^{−Slope (x − Ref)}; SESlope is the observed-information SE (M1
	// inside the boundary) or Upper95 / 1.96 (M1 at a = 0).
	Slope, SESlope, Ref float64
	XScale              float64 // 2 SD of x in the sample (the prior's scale)
	Boundary            bool    // M1's mode is at a = 0
	Upper95             float64 // profile 95% upper bound when Boundary
	// OutCoef, OutSE and OutCentre are M3's war-outcome log hazard ratios
	// (challenger won, challenger lost), their SEs and sample means.
	OutCoef, OutSE, OutCentre [NumOutcomes]float64
	// PactCoef, PactSE and PactCentre are M4's defence-pact log hazard
	// ratio δ_pact (≤ 0), its SE and the sample mean p̄; PactBoundary says
	// the mode is at δ_pact = 0 (SE then |PactLower95| / 1.96, a profile
	// bound). pactHeld holds δ_pact at PactCoef (profile points).
	PactCoef, PactSE, PactCentre float64
	PactBoundary                 bool
	PactLower95                  float64
	pactHeld                     bool
	// BilCoef, BilSE and BilCentre are M5's bilateral-war log hazard ratio
	// δ_bil (sign free), its observed-information SE and the sample mean b̄.
	BilCoef, BilSE, BilCentre float64
	penalised                 float64   // log-likelihood + log-prior at the mode
	theta, warm               []float64 // the mode, and a start for the next fit (profile points)
	slopeGrad                 float64   // d(penalised log posterior)/d(standardised slope) at a held slope
	modeOnly                  bool      // a profile point: no standard errors
}

// SpellLogLik is one spell's interval-censored log-likelihood under the fit.
func (f *SlopeFit) SpellLogLik(s Spell) float64 {
	e := f.eta(s.X) - f.Slope*(s.Index-f.Ref)
	if f.Model.hasOutcome() {
		for j := range NumOutcomes {
			e += f.OutCoef[j] * (s.Out[j] - f.OutCentre[j])
		}
	}
	switch f.Model {
	case SlopePact:
		e += f.PactCoef * (s.Pact - f.PactCentre)
	case SlopeBilateral:
		e += f.BilCoef * (s.Bil - f.BilCentre)
	}
	return spellLogLikStable(s, logistic(f.PC0), f.K, f.Lambda, e)
}

// numCov is the number of covariates in η: the dyad's three, and the war
// outcome's two for M3.
func (f *SlopeFit) numCov() int {
	switch {
	case f.Model == SlopePact && !f.pactHeld, f.Model == SlopeBilateral:
		return NumPostWarCovariates + NumOutcomes + 1
	case f.Model.hasOutcome():
		return NumPostWarCovariates + NumOutcomes
	}
	return NumPostWarCovariates
}

// profileDrop is half the 95% point of chi-square(1): the fall of the
// profile log-likelihood that bounds a 95% interval.
const profileDrop = 1.920729

// FitSlope fits model m on directed spells (Index filled); a1 and ref are
// the carry-over's slope and reference (used by M0 only).
func FitSlope(sp []Spell, m SlopeModel, a1, ref float64) (SlopeFit, error) {
	if m == SlopePact {
		return fitPact(sp)
	}
	return fitSlopeFrom(sp, SlopeFit{Model: m}, a1, ref)
}

// fitSlopeFrom is FitSlope from f's model (and, for M4, a held δ_pact).
func fitSlopeFrom(sp []Spell, f SlopeFit, a1, ref float64) (SlopeFit, error) {
	m := f.Model
	if len(sp) == 0 {
		return f, fmt.Errorf("post-war slope %v: no spells", m)
	}
	var mean, v float64
	for _, s := range sp {
		mean += s.Index / float64(len(sp))
	}
	for _, s := range sp {
		v += (s.Index - mean) * (s.Index - mean) / float64(len(sp))
	}
	f.Ref, f.XScale = mean, 2*math.Sqrt(v)
	if f.XScale == 0 {
		f.XScale = 1
	}
	switch m {
	case SlopeCarry:
		f.Slope, f.Ref = a1, ref
		return f, f.fit(sp, false)
	case SlopeZero:
		return f, f.fit(sp, false)
	}
	// M1, M3 and the models built on M3: the slope restricted to a ≥ 0.
	// The fit at the boundary a = 0 first: where the penalised profile falls
	// as a leaves 0 (the unrestricted mode is below 0 when the profile is
	// concave), the restricted mode is the boundary and the interval a
	// profile one; otherwise the slope is fitted from there.
	f.Slope = 0
	if err := f.fit(sp, false); err != nil {
		return f, err
	}
	if f.slopeGrad > 0 {
		g := f
		g.warm = append(append([]float64(nil), f.theta...), 0)
		if err := g.fit(sp, true); err != nil {
			return g, err
		}
		if g.Slope >= 0 {
			return g, nil
		}
	}
	f.Boundary = true
	at0, warm := f.penalised, f.theta
	var profErr error
	// drop is the signed root of twice the fall of the penalised profile
	// from a = 0, minus 1.96: zero where the fall is 1.92. The root
	// deviance is close to linear in a, so regula falsi needs few points.
	// Each profile point is refitted from the boundary mode (warm start).
	drop := func(a float64) float64 {
		g := f
		g.Slope, g.warm, g.modeOnly = a, warm, true
		if err := g.fit(sp, false); err != nil {
			profErr = err
		}
		return math.Sqrt(2*math.Max(at0-g.penalised, 0)) - math.Sqrt(2*profileDrop)
	}
	lo, hi := 0.0, 0.5
	flo, fhi := -math.Sqrt(2*profileDrop), drop(hi)
	for fhi < 0 && hi < 1e3 {
		lo, flo, hi = hi, fhi, 2*hi
		fhi = drop(hi)
	}
	f.Upper95 = rootIllinois(drop, lo, hi, flo, fhi)
	f.SESlope = f.Upper95 / 1.96
	return f, profErr
}

// profileTol is the bracket width at which the profile bound's root
// search stops, relative to the bound: the profile itself is computed to
// about 1e-7 (the optimiser's tolerance on the penalised objective), so a
// finer bracket chases noise.
const profileTol = 1e-6

// rootIllinois finds the root of an increasing f in [lo, hi] (f(lo) < 0 <=
// f(hi)) by the Illinois variant of regula falsi (Dowell and Jarratt 1971,
// BIT 11): superlinear on a smooth function, each step keeps a bracket.
func rootIllinois(f func(float64) float64, lo, hi, flo, fhi float64) float64 {
	side := 0
	for range 100 {
		if hi-lo <= profileTol*hi || fhi == flo {
			break
		}
		x := hi - fhi*(hi-lo)/(fhi-flo)
		fx := f(x)
		switch {
		case fx == 0:
			return x
		case fx < 0:
			lo, flo = x, fx
			if side == -1 {
				fhi /= 2
			}
			side = -1
		default:
			hi, fhi = x, fx
			if side == 1 {
				flo /= 2
			}
			side = 1
		}
	}
	return hi
}

// fit estimates PC0, K, Λ and the δ, with the slope free (free) or held at
// f.Slope; the prior on the slope (half-Cauchy on the standardised scale)
// enters the penalised value either way, so profiles compare.
func (f *SlopeFit) fit(sp []Spell, free bool) error {
	const m = NumPostWarCovariates
	mc := f.numCov()
	f.CureCovFit = CureCovFit{N: len(sp)}
	c := &f.CureCovFit
	for _, s := range sp {
		if s.Event {
			c.Events++
		}
	}
	c.Centre, c.Scale = covariateScales(sp)
	f.OutCentre = outcomeCentres(sp)
	f.PactCentre = pactCentre(sp)
	f.BilCentre = bilCentre(sp)
	o := f.newObjective(sp, free)
	fixed, zx := o.fixed, o.zx
	// Start Λ where the average spell's hazard is that of a 20-year scale:
	// a held slope far from the sample's centre (M0's reference) moves the
	// hazard by orders of magnitude, and BFGS fails from Λ = 20 there.
	var off float64
	for i := range sp {
		off -= fixed * zx[i] / float64(len(sp))
	}
	start := make([]float64, 3+mc)
	start[2] = math.Log(20) + off
	if free {
		start = append(start, 0)
	}
	if len(f.warm) == len(start) {
		start = append([]float64(nil), f.warm...)
	}
	sol, err := Minimize(Objective{N: len(sp), NegLogPost: o.nlp, Grad: o.grad, ModeOnly: f.modeOnly}, start)
	if err != nil {
		return fmt.Errorf("post-war slope %v: %w", f.Model, err)
	}
	c.PC0, c.K, c.Lambda = sol.Theta[0], math.Exp(sol.Theta[1]), math.Exp(sol.Theta[2])
	se := sol.SE
	if f.modeOnly {
		se = make([]float64, len(sol.Theta))
	}
	c.SEPC0, c.SEK, c.SELam = se[0], c.K*se[1], c.Lambda*se[2]
	for j := range m {
		c.Coef[j], c.SE[j] = sol.Theta[3+j]/c.Scale[j], se[3+j]/c.Scale[j]
	}
	for j := m; j < m+NumOutcomes && j < mc; j++ {
		f.OutCoef[j-m], f.OutSE[j-m] = sol.Theta[3+j], se[3+j]
	}
	if mc == m+NumOutcomes+1 {
		if f.Model == SlopeBilateral {
			f.BilCoef, f.BilSE = sol.Theta[3+m+NumOutcomes], se[3+m+NumOutcomes]
		} else {
			f.PactCoef, f.PactSE = sol.Theta[3+m+NumOutcomes], se[3+m+NumOutcomes]
		}
	}
	if free {
		f.Slope, f.SESlope = sol.Theta[3+mc]/f.XScale, se[3+mc]/f.XScale
	}
	c.LogLik, c.Status = o.loglik(sol.Theta), sol.Status
	f.penalised, f.theta = -sol.NegLogPost, sol.Theta
	if !free {
		// The slope of the penalised profile at the held value (by the
		// envelope theorem, the partial derivative at the mode), per unit of
		// the standardised slope: FitSlope reads its sign at a = 0.
		const h = 1e-4
		f.slopeGrad = (o.llAt(sol.Theta, fixed+h)-o.llAt(sol.Theta, fixed-h))/(2*h) + dLogCauchy(fixed, 2.5)
	}
	return nil
}

// covariateScales are the covariates' sample means and Gelman et al.'s
// scales (1 for a binary input, 2 SD otherwise).
func covariateScales(sp []Spell) (centre, scale [NumPostWarCovariates]float64) {
	for j := range NumPostWarCovariates {
		binary := true
		for _, s := range sp {
			centre[j] += s.X[j] / float64(len(sp))
			binary = binary && (s.X[j] == 0 || s.X[j] == 1)
		}
		scale[j] = 1
		if !binary {
			var v float64
			for _, s := range sp {
				v += (s.X[j] - centre[j]) * (s.X[j] - centre[j])
			}
			if sd := math.Sqrt(v / float64(len(sp))); sd > 0 {
				scale[j] = 2 * sd
			}
		}
	}
	return centre, scale
}

// SlopeCV is the pre-registered comparison of the three models.
type SlopeCV struct {
	Folds, Dyads int
	Seed         uint64
	// Score is the summed held-out log-likelihood of each model
	// (SlopeModel order); SE the standard error of the summed difference
	// M1 − M0 over dyads.
	Score   [3]float64
	SE      float64
	Adopted bool // Score[M1] > Score[M0]: M1 replaces the carry-over
}

// dyadFolds assigns undirected pairs to folds exactly as the covariate
// CV does (crossValidatePostWarCov): pairs sorted, shuffled by PCG(seed).
func dyadFolds(pairs []Pair, folds int, seed uint64) map[Pair]int {
	keys := append([]Pair(nil), pairs...)
	sort.Slice(keys, func(i, j int) bool { return keys[i].A < keys[j].A || keys[i].A == keys[j].A && keys[i].B < keys[j].B })
	keys = compactPairs(keys)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	fold := make(map[Pair]int, len(keys))
	for i, k := range keys {
		fold[k] = i % folds
	}
	return fold
}

func compactPairs(ps []Pair) []Pair {
	out := ps[:0]
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			out = append(out, p)
		}
	}
	return out
}

// crossValidateSlope runs the pre-registered comparison on directed
// spells; the folds come from the undirected spells' pairs (all of them,
// so the assignment is the covariate CV's).
func crossValidateSlope(undirected, sp []Spell, folds int, seed uint64, a1, ref float64) (SlopeCV, error) {
	sets := [][]Spell{sp, sp, sp}
	r, err := crossValidateDirected("post-war slope", undirected, sets, folds, seed, int(SlopeCarry), int(SlopeFitted), func(m int, train []Spell) (SlopeFit, error) {
		return FitSlope(train, SlopeModel(m), a1, ref)
	})
	cv := SlopeCV{Folds: r.Folds, Seed: r.Seed, Dyads: r.Dyads}
	if err != nil {
		return cv, err
	}
	copy(cv.Score[:], r.Score)
	cv.SE = r.SE()
	cv.Adopted = cv.Score[SlopeFitted] > cv.Score[SlopeCarry]
	return cv, nil
}
