package fit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// The general stage's index slope measured on its own data (docs/fit.md,
// "General-stage slope of the structural index (pre-registered)"). The
// general fit above reads the dyad-years at the Huth-average index and
// carries A1 over from 58 crises; here each dyad-year gets the index of
// the bare dyad from national capability in the previous year
// (deter.NationalIndex, the post-war fit's function) and three models are
// compared by 10-fold CV by undirected dyad: G1 (slope fitted, b >= 0), G0
// (b held at the Huth A1) and G2 (b = 0, reported only).

// GenSlopeRow is one directed dyad-year of the slope comparison.
type GenSlopeRow struct {
	X       [deter.NumChallengerCovariates]float64
	Index   float64 // x_{A→B,t} from CINC in t − 1
	NoOnset bool
	Dyad    int64 // undirected dyad key (the general CV's)
	// Pact is d of the guarantee test (docs/fit.md, "General-stage
	// guarantees"): the target has at least one defence partner in t − 1
	// that is not also the challenger's. Only G4 and G5 read it.
	Pact bool
}

// dyadKey is the general CV's undirected dyad key.
func dyadKey(a, b int) int64 {
	return int64(min(a, b))*10000 + int64(max(a, b))
}

// GeneralSlopeRows gives each dyad-year the bare dyad's index from the
// two states' CINC in the previous year; rows with either CINC missing
// are dropped and counted.
func GeneralSlopeRows(rows []evidence.GeneralDyadYear, c *deter.Coefficients, cinc *capability.Index) (out []GenSlopeRow, dropped int) {
	return slopeRowsFrom(rows, laggedCINC(rows, cinc), c)
}

// laggedCINC is each row's (CINC_A, CINC_B) in the year before, NaN when
// missing: the part of the index that does not depend on the coefficients
// (fit.Refit computes it once per process).
func laggedCINC(rows []evidence.GeneralDyadYear, cinc *capability.Index) [][2]float64 {
	out := make([][2]float64, len(rows))
	for i, r := range rows {
		ca, errA := cinc.CINC(r.A, r.Year-1)
		cb, errB := cinc.CINC(r.B, r.Year-1)
		if errA != nil || errB != nil {
			ca = math.NaN()
		}
		out[i] = [2]float64{ca, cb}
	}
	return out
}

// slopeRowsFrom computes the index from c's γ, c0 and c1 for the rows
// whose lagged CINCs are known.
func slopeRowsFrom(rows []evidence.GeneralDyadYear, lag [][2]float64, c *deter.Coefficients) (out []GenSlopeRow, dropped int) {
	out = make([]GenSlopeRow, 0, len(rows))
	for i, r := range rows {
		ca, cb := lag[i][0], lag[i][1]
		if math.IsNaN(ca) {
			dropped++
			continue
		}
		out = append(out, GenSlopeRow{X: covariates(r), Index: deter.NationalIndex(c, ca, cb, NationalDeployChallenger, NationalDeployProtege),
			NoOnset: !r.Onset, Dyad: dyadKey(r.A, r.B)})
	}
	return out, dropped
}

// GenSlopeFit is one model of the comparison, on the original scales.
type GenSlopeFit struct {
	Intercept, InterceptSE float64 // at the covariate means and x = Ref
	Coef, SE, Means        []float64
	Slope, SlopeSE         float64 // b; SE from the information, or the profile bound / 1.96
	Ref, Scale             float64 // x̄ and 2 SD of x over the fitting rows
	Held                   bool    // b held (G0, G2)
	Boundary               bool    // G1's mode at b = 0: SlopeSE is the profile one
	Upper95                float64 // the profile bound when Boundary
	LogLik, Penalised      float64 // at the mode, on the fitting rows
	// HasPact: the model has the guarantee indicator d (G4, G5: docs/fit.md,
	// "General-stage guarantees"), with coefficient Pact (δ >= 0 on P(no
	// onset)) at centre PactMean (the share of fitting rows with d = 1);
	// PactSE, PactBoundary and PactUpper95 as for the slope.
	HasPact                bool
	Pact, PactSE, PactMean float64
	PactBoundary           bool
	PactUpper95            float64
	// FreeSlope and FreePact are the unrestricted mode's b and δ when the
	// restricted mode is at a boundary (reported, not used).
	FreeSlope, FreePact float64
}

// Predict is P(no onset) for covariates x and index v.
func (f *GenSlopeFit) Predict(x []float64, v float64) float64 {
	eta := f.Intercept + f.Slope*(v-f.Ref)
	for j, xv := range x {
		eta += f.Coef[j] * (xv - f.Means[j])
	}
	return logistic(eta)
}

// PredictRow is P(no onset) for row r: Predict with the indicator's term
// δ·(d − d̄) when the model has it.
func (f *GenSlopeFit) PredictRow(r *GenSlopeRow) float64 {
	if !f.HasPact {
		return f.Predict(r.X[:], r.Index)
	}
	eta := f.Intercept + f.Slope*(r.Index-f.Ref) + f.Pact*(b2f(r.Pact)-f.PactMean)
	for j, xv := range r.X {
		eta += f.Coef[j] * (xv - f.Means[j])
	}
	return logistic(eta)
}

// ErrGenSlope reports a Newton iteration that did not converge.
var ErrGenSlope = errors.New("general-stage slope fit: Newton's method did not converge")

// slopeDesign is the standardised design of a set of rows: column 0 the
// intercept, 1..k the covariates as the general fit scales them, k+1 the
// index centred and divided by 2 SD and, with pact, k+2 the indicator d
// centred (a binary input: scale 1).
type slopeDesign struct {
	z            [][]float64
	y            []bool
	means, sc    []float64
	ref, scale   float64
	nRows        int
	covariateDim int
	pact         bool
	pactMean     float64
	// modeOnly skips the profile bounds at a boundary (the CV reads only
	// the mode's predictions; the bounds are SEs for the report).
	modeOnly bool
}

// newSlopeDesign is the design of rows, with the indicator column when
// pact (G4, G5).
func newSlopeDesign(rows []GenSlopeRow, pact bool) (*slopeDesign, error) {
	const k = deter.NumChallengerCovariates
	n := float64(len(rows))
	if n == 0 {
		return nil, fmt.Errorf("general-stage slope fit: no dyad-years")
	}
	d := &slopeDesign{means: make([]float64, k), sc: make([]float64, k), nRows: len(rows), covariateDim: k, pact: pact}
	binary := make([]bool, k)
	for j := range binary {
		binary[j] = true
	}
	for _, r := range rows {
		d.ref += r.Index
		for j, v := range r.X {
			d.means[j] += v
			binary[j] = binary[j] && (v == 0 || v == 1)
		}
	}
	d.ref /= n
	if pact {
		for _, r := range rows {
			d.pactMean += b2f(r.Pact)
		}
		d.pactMean /= n
		if d.pactMean == 0 || d.pactMean == 1 {
			return nil, fmt.Errorf("general-stage guarantee fit: the indicator does not vary")
		}
	}
	var vx float64
	for _, r := range rows {
		vx += (r.Index - d.ref) * (r.Index - d.ref)
	}
	d.scale = 2 * math.Sqrt(vx/n)
	if !(d.scale > 0) {
		return nil, fmt.Errorf("general-stage slope fit: the index does not vary")
	}
	for j := range d.means {
		d.means[j] /= n
		d.sc[j] = 1
		if !binary[j] {
			var v float64
			for _, r := range rows {
				v += (r.X[j] - d.means[j]) * (r.X[j] - d.means[j])
			}
			if s := 2 * math.Sqrt(v/n); s > 0 {
				d.sc[j] = s
			}
		}
	}
	w := k + 2
	if pact {
		w++
	}
	d.z, d.y = make([][]float64, len(rows)), make([]bool, len(rows))
	buf := make([]float64, len(rows)*w)
	for i, r := range rows {
		z := buf[i*w : (i+1)*w]
		z[0] = 1
		for j := range k {
			z[j+1] = (r.X[j] - d.means[j]) / d.sc[j]
		}
		z[k+1] = (r.Index - d.ref) / d.scale
		if pact {
			z[k+2] = b2f(r.Pact) - d.pactMean
		}
		d.z[i], d.y[i] = z, r.NoOnset
	}
	return d, nil
}

// patternStart is a Newton start for G1 and G2 on the design's scales:
// the covariates-only fit (fitGeneral, on the rows' covariate patterns:
// about 1,000 instead of 222,586 rows, so it costs milliseconds) with the
// slope at 0. Its means are the design's (the same rows), so it is G2's
// mode, and G1's is near it: Newton then needs a few passes over the rows
// instead of about eight, which matters in fit.Refit (once per dyad group
// of a backtest). Run and Refit start alike, so Refit with nothing left
// out still reproduces the committed fit bit for bit.
func (d *slopeDesign) patternStart(rows []GenSlopeRow) []float64 {
	idx := map[[deter.NumChallengerCovariates]float64]int{}
	var ps []pattern
	for _, r := range rows {
		j, ok := idx[r.X]
		if !ok {
			j = len(ps)
			idx[r.X] = j
			ps = append(ps, pattern{x: r.X})
		}
		ps[j].n++
		if r.NoOnset {
			ps[j].k++
		}
	}
	gf, err := fitGeneral(ps)
	if err != nil {
		return nil // the cold start
	}
	start := []float64{gf.Intercept}
	for j, c := range gf.Coef {
		start = append(start, c*d.sc[j])
	}
	return start
}

// slopeFree marks the slope as a free parameter in fitAt.
var slopeFree = math.NaN()

// hold says which of the restricted parameters (the index's slope b and,
// in a design with the indicator, δ) are held and where, on their
// original scales; NaN (slopeFree) leaves one free.
type hold struct{ slope, pact float64 }

// fitAt is fitHold with the slope held at held (NaN: free) and δ, if the
// design has it, free.
func (d *slopeDesign) fitAt(held float64, start []float64) (*GenSlopeFit, []float64, error) {
	return d.fitHold(hold{held, slopeFree}, start)
}

// fitHold maximises the penalised likelihood with the restricted
// parameters free or held as h says. The prior: Cauchy(0, 10) on the
// intercept, Cauchy(0, 2.5) on each standardised slope, the index's and
// δ's included (also when held, so penalised values compare across held
// values: the profile). The free parameters are, in order, the intercept,
// the covariates, b if free and δ if the design has it and it is free.
func (d *slopeDesign) fitHold(h hold, start []float64) (*GenSlopeFit, []float64, error) {
	k := d.covariateDim
	held := h.slope
	free := math.IsNaN(held)
	pactFree := d.pact && math.IsNaN(h.pact)
	pactHeld := d.pact && !pactFree
	// cols[j] is the design column of free parameter j.
	cols := make([]int, 0, k+3)
	for j := 0; j <= k; j++ {
		cols = append(cols, j)
	}
	if free {
		cols = append(cols, k+1)
	}
	if pactFree {
		cols = append(cols, k+2)
	}
	p := len(cols)
	heldZ, heldP := 0.0, 0.0
	if !free {
		heldZ = held * d.scale
	}
	if pactHeld {
		heldP = h.pact // a binary input: scale 1
	}
	scale := func(j int) float64 {
		if j == 0 {
			return 10
		}
		return 2.5
	}
	// h accumulates the Hessian's upper triangle in a flat array (the
	// refit runs this once per dyad group of a backtest: mat's At/SetSym
	// per row were most of its time).
	hs := make([]float64, p*p)
	obj := func(b []float64, grad []float64, hess *mat.SymDense) (f, ll float64) {
		if grad != nil {
			clear(grad)
			clear(hs)
		}
		for i, z := range d.z {
			eta := heldZ * z[k+1]
			if pactHeld {
				eta += heldP * z[k+2]
			}
			for j := range b {
				eta += b[j] * z[cols[j]]
			}
			// One exponential gives both log L(±eta) and q = L(eta).
			e := math.Exp(-math.Abs(eta))
			l1 := math.Log1p(e)
			lp, lm := -l1, -eta-l1 // log L(eta), log L(-eta) for eta >= 0
			if eta < 0 {
				lp, lm = eta-l1, -l1
			}
			if d.y[i] {
				ll += lp
			} else {
				ll += lm
			}
			if grad == nil {
				continue
			}
			q := 1 / (1 + e)
			if eta < 0 {
				q = e / (1 + e)
			}
			g, w := q, q*(1-q)
			if d.y[i] {
				g = q - 1
			}
			for r := range p {
				zr := z[cols[r]]
				grad[r] += g * zr
				wz := w * zr
				hr := hs[r*p : r*p+p]
				for c := r; c < p; c++ {
					hr[c] += wz * z[cols[c]]
				}
			}
		}
		if grad != nil {
			for r := range p {
				for c := r; c < p; c++ {
					hess.SetSym(r, c, hs[r*p+c])
				}
			}
		}
		f = -ll
		for j, v := range b {
			s := scale(j)
			f -= logCauchy(v, s)
			if grad != nil {
				grad[j] += 2 * v / (s*s + v*v)
				hess.SetSym(j, j, hess.At(j, j)+2*(s*s-v*v)/((s*s+v*v)*(s*s+v*v)))
			}
		}
		if !free {
			f -= logCauchy(heldZ, 2.5)
		}
		if pactHeld {
			f -= logCauchy(heldP, 2.5)
		}
		return f, ll
	}
	b := make([]float64, p)
	if len(start) == k+1 || len(start) == p {
		copy(b, start) // a start without the slope leaves it at 0
	} else {
		var K float64
		for _, y := range d.y {
			if y {
				K++
			}
		}
		b[0] = math.Log(K / (float64(d.nRows) - K))
	}
	grad := make([]float64, p)
	hess := mat.NewSymDense(p, nil)
	step := mat.NewVecDense(p, nil)
	trial := make([]float64, p)
	// The trial point's gradient and Hessian are computed with its value,
	// so an accepted step costs one pass over the rows, not two.
	tgrad, thess := make([]float64, p), mat.NewSymDense(p, nil)
	f, ll := obj(b, grad, hess) // ll: the log-likelihood at b, kept with f
	it := 0
	for ; it < 100; it++ {
		var ch mat.Cholesky
		if !ch.Factorize(hess) {
			return nil, nil, fmt.Errorf("%w: Hessian not positive definite at iteration %d", ErrGenSlope, it)
		}
		if err := ch.SolveVecTo(step, mat.NewVecDense(p, grad)); err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrGenSlope, err)
		}
		t, moved := 1.0, false
		for half := 0; half < 40; half++ {
			for j := range b {
				trial[j] = b[j] - t*step.AtVec(j)
			}
			if ft, lt := obj(trial, tgrad, thess); ft <= f {
				copy(b, trial)
				f, ll, grad, tgrad, hess, thess = ft, lt, tgrad, grad, thess, hess
				moved = true
				break
			}
			t /= 2
		}
		big := 0.0
		for j := range b {
			big = math.Max(big, math.Abs(t*step.AtVec(j)))
		}
		if !moved || big < newtonTol {
			break
		}
	}
	if it == 100 {
		return nil, nil, ErrGenSlope
	}
	var ch mat.Cholesky
	if !ch.Factorize(hess) {
		return nil, nil, fmt.Errorf("%w: Hessian not positive definite at the mode", ErrGenSlope)
	}
	var cov mat.SymDense
	if err := ch.InverseTo(&cov); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrGenSlope, err)
	}
	sf := &GenSlopeFit{Intercept: b[0], InterceptSE: math.Sqrt(cov.At(0, 0)), Coef: make([]float64, k), SE: make([]float64, k),
		Means: d.means, Ref: d.ref, Scale: d.scale, Held: !free, Slope: held, LogLik: ll, Penalised: -f}
	for j := range k {
		sf.Coef[j] = b[j+1] / d.sc[j]
		sf.SE[j] = math.Sqrt(cov.At(j+1, j+1)) / d.sc[j]
	}
	if free {
		sf.Slope = b[k+1] / d.scale
		sf.SlopeSE = math.Sqrt(cov.At(k+1, k+1)) / d.scale
	}
	if d.pact {
		sf.HasPact, sf.PactMean, sf.Pact = true, d.pactMean, heldP
		if pactFree {
			sf.Pact, sf.PactSE = b[p-1], math.Sqrt(cov.At(p-1, p-1))
		}
	}
	return sf, b, nil
}

// fitG1 is G1: the slope fitted and restricted to b >= 0. With the
// unrestricted mode below 0 the restricted mode is b = 0 (G2's fit) and
// the SE is the 95% profile upper bound / 1.96. On a design with the
// indicator (G4, G5) δ is restricted to >= 0 alike (fitRestricted).
func (d *slopeDesign) fitG1(start []float64) (*GenSlopeFit, error) { return d.fitRestricted(start) }

// fitRestricted maximises the penalised likelihood with b >= 0 and, in a
// design with the indicator, δ >= 0 (docs/fit.md, "General-stage
// guarantees", rule 4). A mode inside the restriction is the restricted
// mode (the half-Cauchy has the Cauchy's shape on [0, ∞)), with SEs from
// the observed information. Otherwise the restricted mode is the best
// feasible fit with one or both of them held at 0 (with one restricted
// parameter: it at 0), and each one at 0 gets the profile interval: the
// upper 95% bound where the penalised profile, maximised over the other
// parameters within the restriction, falls by 1.92 from the mode; its SE
// is reported as that bound / 1.96.
func (d *slopeDesign) fitRestricted(start []float64) (*GenSlopeFit, error) {
	f, _, err := d.fitHold(hold{slopeFree, slopeFree}, start)
	if err != nil {
		return nil, err
	}
	if f.Slope >= 0 && (!d.pact || f.Pact >= 0) {
		return f, nil
	}
	if len(start) > d.covariateDim+1 {
		start = start[:d.covariateDim+1] // the restricted parameters start at 0
	}
	cands := []hold{{0, slopeFree}}
	if d.pact {
		cands = append(cands, hold{slopeFree, 0}, hold{0, 0})
	}
	var best *GenSlopeFit
	var bh hold
	var warm []float64
	for _, h := range cands {
		g, w, err := d.fitHold(h, start)
		if err != nil {
			return nil, err
		}
		ok := (!math.IsNaN(h.slope) || g.Slope >= 0) && (!d.pact || !math.IsNaN(h.pact) || g.Pact >= 0)
		if ok && (best == nil || g.Penalised > best.Penalised) {
			best, bh, warm = g, h, w
		}
	}
	if best == nil {
		return nil, fmt.Errorf("general-stage slope fit: no feasible restricted mode")
	}
	best.FreeSlope, best.FreePact = f.Slope, f.Pact
	// at is the restricted profile: the other restricted parameter free,
	// or at 0 when its free value falls below 0.
	at := func(h hold) (float64, error) {
		st := warm // the mode's values, where the free parameters are the same
		if math.IsNaN(h.slope) != math.IsNaN(bh.slope) || d.pact && math.IsNaN(h.pact) != math.IsNaN(bh.pact) {
			st = warm[:d.covariateDim+1]
		}
		g, _, err := d.fitHold(h, st)
		if err != nil {
			return 0, err
		}
		switch {
		case d.pact && math.IsNaN(h.pact) && g.Pact < 0:
			h.pact = 0
		case math.IsNaN(h.slope) && g.Slope < 0:
			h.slope = 0
		default:
			return g.Penalised, nil
		}
		if g, _, err = d.fitHold(h, warm[:d.covariateDim+1]); err != nil {
			return 0, err
		}
		return g.Penalised, nil
	}
	if d.modeOnly {
		best.Held, best.Boundary = false, !math.IsNaN(bh.slope)
		best.PactBoundary = d.pact && !math.IsNaN(bh.pact)
		return best, nil
	}
	if !math.IsNaN(bh.slope) {
		ub, err := profileUpper(best.Penalised, func(v float64) (float64, error) { return at(hold{v, slopeFree}) }, 0.01/d.scale)
		if err != nil {
			return nil, err
		}
		best.Held, best.Boundary = false, true
		best.Upper95 = ub
		best.SlopeSE = ub / 1.96
	}
	if d.pact && !math.IsNaN(bh.pact) {
		ub, err := profileUpper(best.Penalised, func(v float64) (float64, error) { return at(hold{slopeFree, v}) }, 0.01)
		if err != nil {
			return nil, err
		}
		best.PactBoundary, best.PactUpper95, best.PactSE = true, ub, ub/1.96
	}
	return best, nil
}

// profileUpper is the value v > 0 of a restricted parameter at its
// boundary where the penalised profile at(v) has fallen by profileDrop
// from top (its value at the mode), by doubling from step and bisection.
func profileUpper(top float64, at func(v float64) (float64, error), step float64) (float64, error) {
	drop := func(v float64) (float64, error) {
		pv, err := at(v)
		if err != nil {
			return 0, err
		}
		return top - pv - profileDrop, nil
	}
	lo, hi := 0.0, step
	for {
		v, err := drop(hi)
		if err != nil {
			return 0, err
		}
		if v > 0 {
			break
		}
		lo, hi = hi, 2*hi
		if hi > 1e3 {
			return 0, fmt.Errorf("general-stage slope fit: the profile does not fall by %.2f", profileDrop)
		}
	}
	for hi-lo > profileTol*hi {
		m := (lo + hi) / 2
		v, err := drop(m)
		if err != nil {
			return 0, err
		}
		if v > 0 {
			hi = m
		} else {
			lo = m
		}
	}
	return (lo + hi) / 2, nil
}

// GenSlopeModel names the models of the comparisons: the slope's (G1, G0,
// G2) and the guarantee test's (G3, G4, G5; docs/fit.md, "General-stage
// guarantees").
type GenSlopeModel int

const (
	GenG1 GenSlopeModel = iota // b fitted, >= 0
	GenG0                      // b held at the Huth A1 (the carry-over)
	GenG2                      // b = 0
	GenG3                      // G1's form on x⁺ (the caller passes rows with x⁺ as Index)
	GenG4                      // G1 + δ·d, δ >= 0
	GenG5                      // G3 + δ·d (rows with x⁺), reported only
)

// fitSlopeModel fits model m on rows; a1 is the carry-over's slope.
func fitSlopeModel(rows []GenSlopeRow, m GenSlopeModel, a1 float64) (*GenSlopeFit, error) {
	return fitSlopeModelMode(rows, m, a1, false)
}

// fitSlopeModelMode is fitSlopeModel; with modeOnly a mode at a boundary
// gets no profile bound (for the CV, which reads only the predictions).
func fitSlopeModelMode(rows []GenSlopeRow, m GenSlopeModel, a1 float64, modeOnly bool) (*GenSlopeFit, error) {
	d, err := newSlopeDesign(rows, m == GenG4 || m == GenG5)
	if err != nil {
		return nil, err
	}
	d.modeOnly = modeOnly
	switch m {
	case GenG1, GenG3, GenG4, GenG5:
		return d.fitRestricted(d.patternStart(rows))
	case GenG0:
		f, _, err := d.fitAt(a1, nil)
		return f, err
	default:
		f, _, err := d.fitAt(0, d.patternStart(rows))
		return f, err
	}
}

// GeneralSlopeReport is the pre-registered comparison.
type GeneralSlopeReport struct {
	DyadYears, Onsets, Dropped int
	A1                         float64 // the carry-over's slope (Huth)
	IndexMin, IndexMedian      float64
	IndexMax, OnsetMeanIndex   float64
	Fits                       [3]GenSlopeFit // G1, G0, G2
	Folds                      int
	Seed                       uint64
	Dyads                      int
	CV                         [3]float64 // summed held-out log-likelihoods
	DiffSE                     float64    // SE of CV(G1) − CV(G0) over dyads
	Adopted                    bool       // CV(G1) > CV(G0)
}

// slopeFolds deals the undirected dyads into folds as crossValidateGeneral
// does (the same sorted keys, the same shuffle), so the folds are the
// general fit's.
func slopeFolds(rows []GenSlopeRow, all []evidence.GeneralDyadYear, folds int, seed uint64) (map[int64]int, int, error) {
	var keys []int64
	seen := map[int64]bool{}
	for _, r := range all {
		if k := dyadKey(r.A, r.B); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	if folds < 2 || folds > len(keys) {
		return nil, 0, fmt.Errorf("general-stage slope CV: %d folds for %d dyads", folds, len(keys))
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	fold := make(map[int64]int, len(keys))
	for i, k := range keys {
		fold[k] = i % folds
	}
	used := map[int64]bool{}
	for _, r := range rows {
		used[r.Dyad] = true
	}
	return fold, len(used), nil
}

// fitGeneralSlope runs the pre-registered comparison: c supplies the
// Huth γ, c0, c1 of the index and the carry-over's A1.
func fitGeneralSlope(ctx context.Context, all []evidence.GeneralDyadYear, c *deter.Coefficients, folds int, seed uint64) (GeneralSlopeReport, error) {
	cinc, err := capability.Default()
	if err != nil {
		return GeneralSlopeReport{}, err
	}
	rows, dropped := GeneralSlopeRows(all, c, cinc)
	r := GeneralSlopeReport{DyadYears: len(rows), Dropped: dropped, A1: c.A1.Value, Folds: folds, Seed: seed}
	if len(rows) == 0 {
		return r, fmt.Errorf("general-stage slope: no dyad-year has both CINCs")
	}
	xs := make([]float64, len(rows))
	for i, row := range rows {
		xs[i] = row.Index
		if !row.NoOnset {
			r.Onsets++
			r.OnsetMeanIndex += row.Index
		}
	}
	if r.Onsets > 0 {
		r.OnsetMeanIndex /= float64(r.Onsets)
	}
	sort.Float64s(xs)
	r.IndexMin, r.IndexMedian, r.IndexMax = xs[0], xs[len(xs)/2], xs[len(xs)-1]
	for m := range r.Fits {
		f, err := fitSlopeModel(rows, GenSlopeModel(m), r.A1)
		if err != nil {
			return r, fmt.Errorf("general-stage slope, model %d: %w", m, err)
		}
		r.Fits[m] = *f
	}
	fold, nd, err := slopeFolds(rows, all, folds, seed)
	if err != nil {
		return r, err
	}
	r.Dyads = nd
	models := []GenSlopeModel{GenG1, GenG0, GenG2}
	score, perDyad, err := genCV(ctx, [][]GenSlopeRow{rows, rows, rows}, fold, folds, func(m int, train []GenSlopeRow) (*GenSlopeFit, error) {
		return fitSlopeModelMode(train, models[m], r.A1, true)
	})
	if err != nil {
		return r, fmt.Errorf("general-stage slope %w", err)
	}
	copy(r.CV[:], score)
	r.DiffSE = perDyad.diffSE(0, 1)
	r.Adopted = r.CV[GenG1] > r.CV[GenG0]
	return r, nil
}

// dyadScores are the held-out log-likelihoods of each model summed per
// undirected dyad.
type dyadScores map[int64][]float64

// diffSE is the standard error of the summed held-out difference model b −
// model a, from its spread over dyads (the dyads are the CV's independent
// units).
func (p dyadScores) diffSE(a, b int) float64 {
	var mean, ss float64
	for _, v := range p {
		mean += v[b] - v[a]
	}
	mean /= float64(len(p))
	for _, v := range p {
		d := v[b] - v[a] - mean
		ss += d * d
	}
	n := float64(len(p))
	return math.Sqrt(n * ss / (n - 1))
}

// genCV is the one held-out loop of the pre-registered comparisons on the
// dyad-years (the general stage's slope, its guarantee test): sets[m] are
// model m's rows (the same rows in the same order; they differ only in
// what a model reads, such as x or x⁺), fold assigns each undirected dyad
// a fold, and fit fits model m on a training subset of its set. It returns
// each model's summed held-out log-likelihood and the per-dyad sums.
func genCV(ctx context.Context, sets [][]GenSlopeRow, fold map[int64]int, folds int, fit func(m int, train []GenSlopeRow) (*GenSlopeFit, error)) ([]float64, dyadScores, error) {
	score := make([]float64, len(sets))
	per := dyadScores{}
	for _, set := range sets {
		if len(set) != len(sets[0]) {
			return nil, nil, fmt.Errorf("CV: the models' row sets differ in length (%d and %d)", len(sets[0]), len(set))
		}
	}
	fs := make([]*GenSlopeFit, len(sets))
	for f := range folds {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		for m, set := range sets {
			var train []GenSlopeRow
			for _, row := range set {
				if fold[row.Dyad] != f {
					train = append(train, row)
				}
			}
			var err error
			if fs[m], err = fit(m, train); err != nil {
				return nil, nil, fmt.Errorf("CV, fold %d of %d, model %d: %w", f+1, folds, m, err)
			}
		}
		for i := range sets[0] {
			row0 := &sets[0][i]
			if fold[row0.Dyad] != f {
				continue
			}
			v := per[row0.Dyad]
			if v == nil {
				v = make([]float64, len(sets))
				per[row0.Dyad] = v
			}
			for m, sf := range fs {
				p := sf.PredictRow(&sets[m][i])
				var ls float64
				if sets[m][i].NoOnset {
					ls = math.Log(p)
				} else {
					ls = math.Log1p(-p)
				}
				score[m] += ls
				v[m] += ls
			}
		}
	}
	return score, per, nil
}

// fillGeneralSlope is the pre-registered choice (docs/fit.md,
// "General-stage slope of the structural index"): when G1's CV score beats
// the carry-over's, AGeneral becomes G1's intercept (at the covariate
// means and x = x̄), the covariates' coefficients G1's, and GenSlope and
// GenRef its b and x̄; otherwise GenSlope and GenRef are labelled as not
// adopted and fillGeneral's carry-over stays.
func fillGeneralSlope(c *deter.Coefficients, g GeneralSlopeReport, data string) {
	if !g.Adopted {
		c.GenSlope = deter.Estimate{Prior: "not adopted: the slope fitted on the MID dyad-years lost the pre-registered cross-validation to the carry-over (docs/fit.md); the general stage uses A0 + AGeneral and A1"}
		c.GenRef = c.GenSlope
		return
	}
	f := g.Fits[GenG1]
	choice := fmt.Sprintf("adopted by %d-fold CV by dyad (seed %d): G1 %.2f vs G0 %.2f (G2 %.2f)", g.Folds, g.Seed, g.CV[GenG1], g.CV[GenG0], g.CV[GenG2])
	if g.Folds == 0 {
		choice = "adopted as in the committed fit"
	}
	data += "; COW NMC 7.0 (CINC in the year before)"
	method := fmt.Sprintf("penalised ML: logit of no use-of-force MID onset (A on the initiating side, hostility >= 4) in %d directed politically relevant dyad-years with both CINCs in the year before (%d onsets, %d dropped for a missing CINC), on the challenger covariates and the index x = ln C - ln pi of the bare dyad (challenger's national capability x 0.7 against the target's, deter.NationalIndex); Cauchy(0, 2.5) on standardised inputs (Gelman et al. 2008), the slope restricted to >= 0; %s",
		g.DyadYears, g.Onsets, g.Dropped, choice)
	se := "SE from the observed information"
	if f.Boundary {
		se = fmt.Sprintf("mode at the boundary b = 0; SE = the 95%% profile upper bound %.4g / 1.96", f.Upper95)
	}
	c.AGeneral = deter.Estimate{Value: f.Intercept, SE: f.InterceptSE, Data: data,
		Method: method + "; the intercept at the covariate means and x = gen_ref (the whole intercept of the general stage: A0 does not enter it); SE from the observed information"}
	c.GenSlope = deter.Estimate{Value: f.Slope, SE: f.SlopeSE, Data: data,
		Method: method + "; logit slope per unit of x (caveat: measured with national capabilities and no guarantors); " + se}
	c.GenRef = deter.Estimate{Value: f.Ref, Data: data,
		Method: fmt.Sprintf("mean of the index x over the %d dyad-years of the fit (the reference at which AGeneral applies)", g.DyadYears)}
	fillGeneralCovariates(c, f, data, method)
}

// fillGeneralCovariates sets the challenger covariates' coefficients from
// the adopted general-stage fit f.
func fillGeneralCovariates(c *deter.Coefficients, f GenSlopeFit, data, method string) {
	why := []string{
		"a TSS strategic rivalry in force in the previous year (Thompson, Sakuwa and Suhas 2022)",
		"per ln(1 + years since the pair's last use-of-force MID onset, either direction)",
		"no use-of-force MID between the two since the later of 1816 and their entry into the system (a left-censored spell)",
		"direct land contiguity (COW Direct Contiguity 3.2)",
	}
	for j, e := range c.ChallengerEstimates() {
		*e = deter.Estimate{Value: f.Coef[j], SE: f.SE[j], Centre: f.Means[j], Data: data,
			Method: method + "; " + why[j] + "; the term is value × (x − centre), centre = the sample mean"}
	}
}

// refitGeneralSlope is the adopted G1 refitted on rows (x from c's γ, c0
// and c1, as the engine with c computes it), for fit.Refit. With plus (x⁺
// per row, aligned with rows) it is G3: x⁺ in place of x (docs/fit.md,
// "General-stage guarantees", rule 6: x⁺ is not recomputed per refit).
func refitGeneralSlope(rows []evidence.GeneralDyadYear, lag [][2]float64, c *deter.Coefficients, warm bool, plus []float64) (GeneralSlopeReport, error) {
	sr, dropped := slopeRowsFrom(rows, lag, c)
	if plus != nil {
		j := 0
		for i := range rows {
			if !math.IsNaN(lag[i][0]) {
				sr[j].Index = plus[i]
				j++
			}
		}
	}
	g := GeneralSlopeReport{DyadYears: len(sr), Dropped: dropped, A1: c.A1.Value, Adopted: true}
	for _, r := range sr {
		if !r.NoOnset {
			g.Onsets++
		}
	}
	d, err := newSlopeDesign(sr, false)
	if err != nil {
		return g, err
	}
	// With nothing left out Newton starts as in Run (so the committed fit
	// is reproduced bit for bit); with pairs left out it starts at the
	// committed mode on this design's scales, which the few rows left out
	// barely move: fewer passes over the rows, once per dyad group.
	start := d.patternStart(sr)
	if com := deter.Default(); warm && com.GeneralSlopeFitted() {
		start = []float64{0}
		eta0 := com.AGeneral.Value + com.GenSlope.Value*(d.ref-com.GenRef.Value)
		for j, e := range com.ChallengerEstimates() {
			eta0 += e.Value * (d.means[j] - e.Centre)
			start = append(start, e.Value*d.sc[j])
		}
		start[0] = eta0
		start = append(start, com.GenSlope.Value*d.scale)
	}
	f, err := d.fitG1(start)
	if err != nil {
		return g, err
	}
	g.Fits[GenG1] = *f
	return g, nil
}
