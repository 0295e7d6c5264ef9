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
	SlopeFitted SlopeModel = iota // M1: a ≥ 0 fitted, reference x̄
	SlopeCarry                    // M0: a = Huth's A1, reference di_ref
	SlopeZero                     // M2: a = 0
)

func (m SlopeModel) String() string {
	return [...]string{"M1 fitted slope", "M0 carry-over (A1, di_ref)", "M2 no slope"}[m]
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
	penalised           float64 // log-likelihood + log-prior at the mode
}

// SpellLogLik is one spell's interval-censored log-likelihood under the fit.
func (f *SlopeFit) SpellLogLik(s Spell) float64 {
	return spellLogLikStable(s, logistic(f.PC0), f.K, f.Lambda, f.eta(s.X)-f.Slope*(s.Index-f.Ref))
}

// profileDrop is half the 95% point of chi-square(1): the fall of the
// profile log-likelihood that bounds a 95% interval.
const profileDrop = 1.920729

// FitSlope fits model m on directed spells (Index filled); a1 and ref are
// the carry-over's slope and reference (used by M0 only).
func FitSlope(sp []Spell, m SlopeModel, a1, ref float64) (SlopeFit, error) {
	f := SlopeFit{Model: m}
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
	if err := f.fit(sp, true); err != nil {
		return f, err
	}
	if f.Slope >= 0 {
		return f, nil
	}
	// The unrestricted mode is below 0: the restricted mode is the
	// boundary a = 0, and the interval a profile one.
	f.Boundary, f.Slope = true, 0
	if err := f.fit(sp, false); err != nil {
		return f, err
	}
	at0 := f.penalised
	var profErr error
	prof := func(a float64) float64 {
		g := f
		g.Slope = a
		if err := g.fit(sp, false); err != nil {
			profErr = err
		}
		return at0 - g.penalised
	}
	lo, hi := 0.0, 0.5
	for prof(hi) < profileDrop && hi < 1e3 {
		lo, hi = hi, 2*hi
	}
	for range 40 {
		mid := (lo + hi) / 2
		if prof(mid) < profileDrop {
			lo = mid
		} else {
			hi = mid
		}
	}
	f.Upper95, f.SESlope = hi, hi/1.96
	return f, profErr
}

// fit estimates PC0, K, Λ and the δ, with the slope free (free) or held at
// f.Slope; the prior on the slope (half-Cauchy on the standardised scale)
// enters the penalised value either way, so profiles compare.
func (f *SlopeFit) fit(sp []Spell, free bool) error {
	const m = NumPostWarCovariates
	f.CureCovFit = CureCovFit{N: len(sp)}
	c := &f.CureCovFit
	for _, s := range sp {
		if s.Event {
			c.Events++
		}
	}
	c.Centre, c.Scale = covariateScales(sp)
	z := make([][m]float64, len(sp))
	zx := make([]float64, len(sp))
	for i, s := range sp {
		for j := range m {
			z[i][j] = (s.X[j] - c.Centre[j]) / c.Scale[j]
		}
		zx[i] = (s.Index - f.Ref) / f.XScale
	}
	fixed := f.Slope * f.XScale // the standardised slope when held
	loglik := func(th []float64) float64 {
		pc, k, lam := logistic(th[0]), math.Exp(th[1]), math.Exp(th[2])
		b := fixed
		if free {
			b = th[3+m]
		}
		var ll float64
		for i, s := range sp {
			e := -b * zx[i]
			for j := range m {
				e += th[3+j] * z[i][j]
			}
			ll += spellLogLikStable(s, pc, k, lam, e)
		}
		return ll
	}
	slopePrior := func(th []float64) float64 {
		if free {
			return logCauchy(th[3+m], 2.5)
		}
		if f.Model == SlopeFitted {
			return logCauchy(fixed, 2.5)
		}
		return 0
	}
	nlp := func(th []float64) float64 {
		v := -loglik(th) - slopePrior(th)
		for j := range m {
			v -= logCauchy(th[3+j], 2.5)
		}
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	// Start Λ where the average spell's hazard is that of a 20-year scale:
	// a held slope far from the sample's centre (M0's reference) moves the
	// hazard by orders of magnitude, and BFGS fails from Λ = 20 there.
	var off float64
	for i := range sp {
		off -= fixed * zx[i] / float64(len(sp))
	}
	start := []float64{0, 0, math.Log(20) + off, 0, 0, 0}
	if free {
		start = append(start, 0)
	}
	sol, err := Minimize(Objective{N: len(sp), NegLogPost: nlp}, start)
	if err != nil {
		return fmt.Errorf("post-war slope %v: %w", f.Model, err)
	}
	c.PC0, c.K, c.Lambda = sol.Theta[0], math.Exp(sol.Theta[1]), math.Exp(sol.Theta[2])
	c.SEPC0, c.SEK, c.SELam = sol.SE[0], c.K*sol.SE[1], c.Lambda*sol.SE[2]
	for j := range m {
		c.Coef[j], c.SE[j] = sol.Theta[3+j]/c.Scale[j], sol.SE[3+j]/c.Scale[j]
	}
	if free {
		f.Slope, f.SESlope = sol.Theta[3+m]/f.XScale, sol.SE[3+m]/f.XScale
	}
	c.LogLik, c.Status = loglik(sol.Theta), sol.Status
	f.penalised = -sol.NegLogPost
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
	var pairs []Pair
	for _, s := range undirected {
		pairs = append(pairs, MakePair(s.A, s.B))
	}
	fold := dyadFolds(pairs, folds, seed)
	cv := SlopeCV{Folds: folds, Seed: seed, Dyads: len(fold)}
	if folds < 2 || folds > len(fold) {
		return cv, fmt.Errorf("post-war slope CV: %d folds for %d dyads", folds, len(fold))
	}
	diff := map[Pair]float64{}
	for k := range folds {
		var train []Spell
		for _, s := range sp {
			if fold[MakePair(s.A, s.B)] != k {
				train = append(train, s)
			}
		}
		var fs [3]SlopeFit
		for m := range fs {
			var err error
			if fs[m], err = FitSlope(train, SlopeModel(m), a1, ref); err != nil {
				return cv, fmt.Errorf("fold %d of %d: %w", k+1, folds, err)
			}
		}
		for _, s := range sp {
			p := MakePair(s.A, s.B)
			if fold[p] != k {
				continue
			}
			var ll [3]float64
			for m := range fs {
				ll[m] = fs[m].SpellLogLik(s)
				cv.Score[m] += ll[m]
			}
			diff[p] += ll[SlopeFitted] - ll[SlopeCarry]
		}
	}
	var mean, ss float64
	for _, d := range diff {
		mean += d / float64(len(diff))
	}
	for _, d := range diff {
		ss += (d - mean) * (d - mean)
	}
	nd := float64(len(diff))
	cv.SE = math.Sqrt(nd * ss / (nd - 1))
	cv.Adopted = cv.Score[SlopeFitted] > cv.Score[SlopeCarry]
	return cv, nil
}

// spellLogLikStable is spellLogLikHR with the log hazard ratio e, computed
// without cancellation: the index moves the hazard by many orders of
// magnitude here (e below −15 for M0's strongest protégés), where
// S(t−1) − S(t) as a difference of two numbers near 1 loses every digit
// and the numerical gradient with them. With H(t) = (t/Λ)^K e^e,
// S(t−1) − S(t) = (1 − pc) e^{−H(t−1)} (−expm1(−(H(t) − H(t−1)))) and
// S(t) = 1 − (1 − pc)(−expm1(−H(t))).
func spellLogLikStable(x Spell, pc, k, lam, e float64) float64 {
	t := float64(x.Years)
	H := func(t float64) float64 {
		if t <= 0 {
			return 0
		}
		return math.Exp(k*math.Log(t/lam) + e)
	}
	if x.Event {
		h0, h1 := H(t-1), H(t)
		return math.Log(math.Max((1-pc)*math.Exp(-h0)*-math.Expm1(-(h1-h0)), 1e-300))
	}
	return math.Log(math.Max(1+(1-pc)*math.Expm1(-H(t)), 1e-300))
}
