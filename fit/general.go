package fit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// The general-deterrence stage fitted on MID dyad-years (docs/fit.md,
// "General deterrence"): a penalised logit of "no use-of-force onset this
// year" on the challenger covariates of deter.ChallengerCovariates, with
// Gelman et al.'s (2008) prior (Gelman, Jakulin, Pittau and Su, "A weakly
// informative default prior distribution for logistic and other regression
// models", Annals of Applied Statistics 2). The sample is large (about
// 300,000 dyad-years) but its covariates take few distinct values, so the
// likelihood is summed over covariate patterns with counts, and Newton's
// method runs on the exact gradient and Hessian.

// GeneralNames are the covariates, in deter.ChallengerCovariates.Values order.
var GeneralNames = []string{"rivalry", "ln(1 + peace years)", "no prior dispute", "contiguous"}

// generalFrom and generalTo are the sample's years: MID 5.0's span.
const (
	generalFrom = evidence.SystemFirstYear
	generalTo   = evidence.MIDLastYear
)

// pattern is one covariate pattern with its dyad-year and event counts.
type pattern struct {
	x    [deter.NumChallengerCovariates]float64
	n, k float64 // dyad-years, years without onset
}

// GeneralFit is the penalised logit of P(no onset in a year).
type GeneralFit struct {
	// Intercept is the logit at the covariate means (Means), with its SE.
	Intercept, InterceptSE float64
	// Coef and SE are the slopes on the covariates' own scales.
	Coef, SE []float64
	Means    []float64
	// Corr is the largest absolute correlation of the intercept with a slope.
	Corr       float64
	LogLik     float64 // at the mode, on the fitting rows
	Iterations int
}

// Predict is P(no onset) for covariates x.
func (f *GeneralFit) Predict(x []float64) float64 {
	eta := f.Intercept
	for j, v := range x {
		eta += f.Coef[j] * (v - f.Means[j])
	}
	return logistic(eta)
}

// ErrGeneralFit reports a Newton iteration that did not converge.
var ErrGeneralFit = errors.New("general-deterrence fit: Newton's method did not converge")

// newtonTol is the largest absolute Newton step (on the standardised
// scale) at which the iteration stops: far below the SEs (>= 1e-2).
const newtonTol = 1e-10

// fitGeneral maximises the penalised likelihood over patterns. Inputs are
// rescaled as FitLogit rescales them (binary ones centred, others centred
// and divided by 2 SD, all weighted by the dyad-years), with Cauchy(0, 2.5)
// on the slopes and Cauchy(0, 10) on the intercept.
func fitGeneral(ps []pattern) (*GeneralFit, error) {
	const k = deter.NumChallengerCovariates
	var N float64
	mean, sc := make([]float64, k), make([]float64, k)
	binary := make([]bool, k)
	for j := range binary {
		binary[j] = true
	}
	for _, p := range ps {
		N += p.n
		for j, v := range p.x {
			mean[j] += p.n * v
			binary[j] = binary[j] && (v == 0 || v == 1)
		}
	}
	if N == 0 {
		return nil, fmt.Errorf("general-deterrence fit: no dyad-years")
	}
	for j := range mean {
		mean[j] /= N
		sc[j] = 1
		if !binary[j] {
			var v float64
			for _, p := range ps {
				v += p.n * (p.x[j] - mean[j]) * (p.x[j] - mean[j])
			}
			if s := 2 * math.Sqrt(v/N); s > 0 {
				sc[j] = s
			}
		}
	}
	z := make([][k + 1]float64, len(ps))
	for i, p := range ps {
		z[i][0] = 1
		for j := range k {
			z[i][j+1] = (p.x[j] - mean[j]) / sc[j]
		}
	}
	scale := func(j int) float64 {
		if j == 0 {
			return 10
		}
		return 2.5
	}
	// obj returns the negative log posterior and fills grad and hess.
	obj := func(b []float64, grad []float64, hess *mat.SymDense) float64 {
		var f float64
		if grad != nil {
			clear(grad)
			for r := 0; r <= k; r++ {
				for c := r; c <= k; c++ {
					hess.SetSym(r, c, 0)
				}
			}
		}
		for i, p := range ps {
			var eta float64
			for j := range b {
				eta += b[j] * z[i][j]
			}
			f -= p.k*logLogistic(eta) + (p.n-p.k)*logLogistic(-eta)
			if grad == nil {
				continue
			}
			q := logistic(eta)
			g, h := p.n*q-p.k, p.n*q*(1-q)
			for r := 0; r <= k; r++ {
				grad[r] += g * z[i][r]
				for c := r; c <= k; c++ {
					hess.SetSym(r, c, hess.At(r, c)+h*z[i][r]*z[i][c])
				}
			}
		}
		for j, v := range b {
			s := scale(j)
			f -= logCauchy(v, s)
			if grad != nil {
				grad[j] += 2 * v / (s*s + v*v)
				hess.SetSym(j, j, hess.At(j, j)+2*(s*s-v*v)/((s*s+v*v)*(s*s+v*v)))
			}
		}
		return f
	}
	b := make([]float64, k+1)
	var K float64
	for _, p := range ps {
		K += p.k
	}
	b[0] = math.Log(K / (N - K)) // start at the base rate
	grad := make([]float64, k+1)
	hess := mat.NewSymDense(k+1, nil)
	step := mat.NewVecDense(k+1, nil)
	f := obj(b, grad, hess)
	it := 0
	for ; it < 100; it++ {
		var ch mat.Cholesky
		if !ch.Factorize(hess) {
			return nil, fmt.Errorf("%w: Hessian not positive definite at iteration %d", ErrGeneralFit, it)
		}
		if err := ch.SolveVecTo(step, mat.NewVecDense(k+1, grad)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrGeneralFit, err)
		}
		t, moved := 1.0, false
		trial := make([]float64, k+1)
		for half := 0; half < 40; half++ {
			for j := range b {
				trial[j] = b[j] - t*step.AtVec(j)
			}
			if ft := obj(trial, nil, nil); ft <= f {
				copy(b, trial)
				moved = true
				break
			}
			t /= 2
		}
		big := 0.0
		for j := range b {
			big = math.Max(big, math.Abs(t*step.AtVec(j)))
		}
		f = obj(b, grad, hess)
		if !moved || big < newtonTol {
			break
		}
	}
	if it == 100 {
		return nil, ErrGeneralFit
	}
	var ch mat.Cholesky
	if !ch.Factorize(hess) {
		return nil, fmt.Errorf("%w: Hessian not positive definite at the mode", ErrGeneralFit)
	}
	var cov mat.SymDense
	if err := ch.InverseTo(&cov); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrGeneralFit, err)
	}
	gf := &GeneralFit{Intercept: b[0], InterceptSE: math.Sqrt(cov.At(0, 0)), Coef: make([]float64, k), SE: make([]float64, k),
		Means: mean, Iterations: it + 1}
	for j := range k {
		gf.Coef[j] = b[j+1] / sc[j]
		gf.SE[j] = math.Sqrt(cov.At(j+1, j+1)) / sc[j]
		gf.Corr = math.Max(gf.Corr, math.Abs(cov.At(0, j+1)/math.Sqrt(cov.At(0, 0)*cov.At(j+1, j+1))))
	}
	for _, p := range ps {
		q := gf.Predict(p.x[:])
		gf.LogLik += p.k*math.Log(q) + (p.n-p.k)*math.Log1p(-q)
	}
	return gf, nil
}

// covariates returns x for one dyad-year.
func covariates(r evidence.GeneralDyadYear) [deter.NumChallengerCovariates]float64 {
	return deter.ChallengerCovariates{Rivalry: r.Rivalry, PeaceYears: float64(r.PeaceYears), NoPrior: r.NoPrior, Contiguous: r.Contiguous}.Values()
}

// aggregate sums dyad-years into covariate patterns (in a fixed order);
// with own, the event is the sensitivity's (A's own hostility >= 4).
func aggregate(rows []evidence.GeneralDyadYear, keep func(i int) bool, own ...bool) []pattern {
	ownForce := len(own) > 0 && own[0]
	idx := map[[deter.NumChallengerCovariates]float64]int{}
	var ps []pattern
	for i, r := range rows {
		if keep != nil && !keep(i) {
			continue
		}
		x := covariates(r)
		j, ok := idx[x]
		if !ok {
			j = len(ps)
			idx[x] = j
			ps = append(ps, pattern{x: x})
		}
		ps[j].n++
		if !r.Onset && !ownForce || ownForce && !r.OwnForce {
			ps[j].k++
		}
	}
	sort.Slice(ps, func(a, b int) bool {
		for j := range ps[a].x {
			if ps[a].x[j] != ps[b].x[j] {
				return ps[a].x[j] < ps[b].x[j]
			}
		}
		return false
	})
	return ps
}

// GeneralCV is the k-fold cross-validation by dyad.
type GeneralCV struct {
	Folds int
	Seed  uint64
	Dyads int
	// Mean log score per held-out dyad-year (log P(observed)), and the
	// Brier score of P(onset): the covariate model and the intercept-only
	// model, each refitted without the fold it scores.
	LogScore, LogScoreIntercept float64
	Brier, BrierIntercept       float64
	// Onset-year log scores: the mean over held-out onsets only.
	OnsetLogScore, OnsetLogScoreIntercept float64
}

// GeneralReport is the general-deterrence fit on MID dyad-years.
type GeneralReport struct {
	From, To          int
	DyadYears, Onsets int
	Rate              float64
	Fit               GeneralFit
	CV                GeneralCV
	// Sensitivity refits on another event or span (reported, not used).
	Sensitivity []GeneralSensitivity
	// Reference is the mean over Huth's crises of A0 + A1 (ln Cbar - ln Pi):
	// AGeneral = Fit.Intercept - Reference.
	Reference float64
	Sample    string
	Data      string
}

// GeneralSensitivity is the model refitted on another event or span.
type GeneralSensitivity struct {
	Label             string
	DyadYears, Onsets int
	Fit               GeneralFit
}

// fitGeneralDeterrence fits the dyad-year model and cross-validates it by dyad.
func fitGeneralDeterrence(ctx context.Context, folds int, seed uint64) (GeneralReport, error) {
	rows, err := evidence.GeneralSample(generalFrom, generalTo)
	if err != nil {
		return GeneralReport{}, err
	}
	r := GeneralReport{From: generalFrom, To: generalTo, DyadYears: len(rows), Sample: evidence.GeneralSampleInfo,
		Data: evidence.HistorySources()}
	for _, row := range rows {
		if row.Onset {
			r.Onsets++
		}
	}
	r.Rate = float64(r.Onsets) / float64(r.DyadYears)
	f, err := fitGeneral(aggregate(rows, nil))
	if err != nil {
		return r, err
	}
	r.Fit = *f
	if r.CV, err = crossValidateGeneral(ctx, rows, folds, seed); err != nil {
		return r, err
	}
	sens := []struct {
		label    string
		from, to int
		own      bool
	}{
		{"event: the challenger's own hostility >= 4", generalFrom, generalTo, true},
		{"years 1816-1945", generalFrom, 1945, false},
		{"years 1946-2014", 1946, generalTo, false},
	}
	for _, s := range sens {
		keep := func(i int) bool { return rows[i].Year >= s.from && rows[i].Year <= s.to }
		ps := aggregate(rows, keep, s.own)
		row := GeneralSensitivity{Label: s.label}
		for _, p := range ps {
			row.DyadYears += int(p.n)
			row.Onsets += int(p.n - p.k)
		}
		sf, err := fitGeneral(ps)
		if err != nil {
			return r, fmt.Errorf("sensitivity %s: %w", s.label, err)
		}
		row.Fit = *sf
		r.Sensitivity = append(r.Sensitivity, row)
	}
	return r, nil
}

// crossValidateGeneral deals the undirected dyads into folds (shuffled
// with seed), refits without each fold and scores its dyad-years.
func crossValidateGeneral(ctx context.Context, rows []evidence.GeneralDyadYear, folds int, seed uint64) (GeneralCV, error) {
	dyad := func(r evidence.GeneralDyadYear) int64 {
		a, b := min(r.A, r.B), max(r.A, r.B)
		return int64(a)*10000 + int64(b)
	}
	var keys []int64
	seen := map[int64]bool{}
	for _, r := range rows {
		if k := dyad(r); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	if folds < 2 || folds > len(keys) {
		return GeneralCV{}, fmt.Errorf("general-deterrence CV: %d folds for %d dyads", folds, len(keys))
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	fold := map[int64]int{}
	for i, k := range keys {
		fold[k] = i % folds
	}
	cv := GeneralCV{Folds: folds, Seed: seed, Dyads: len(keys)}
	var n, onsets float64
	for f := range folds {
		if err := ctx.Err(); err != nil {
			return cv, err
		}
		train := aggregate(rows, func(i int) bool { return fold[dyad(rows[i])] != f })
		gf, err := fitGeneral(train)
		if err != nil {
			return cv, fmt.Errorf("fold %d of %d: %w", f+1, folds, err)
		}
		var tn, tk float64
		for _, p := range train {
			tn, tk = tn+p.n, tk+p.k
		}
		base := tk / tn
		for _, r := range rows {
			if fold[dyad(r)] != f {
				continue
			}
			x := covariates(r)
			p := gf.Predict(x[:])
			y := 1.0
			if r.Onset {
				y = 0
			}
			ls, ln := math.Log(p), math.Log(base)
			if r.Onset {
				ls, ln = math.Log1p(-p), math.Log1p(-base)
				cv.OnsetLogScore += ls
				cv.OnsetLogScoreIntercept += ln
				onsets++
			}
			cv.LogScore += ls
			cv.LogScoreIntercept += ln
			cv.Brier += (p - y) * (p - y)
			cv.BrierIntercept += (base - y) * (base - y)
			n++
		}
	}
	cv.LogScore /= n
	cv.LogScoreIntercept /= n
	cv.Brier /= n
	cv.BrierIntercept /= n
	cv.OnsetLogScore /= onsets
	cv.OnsetLogScoreIntercept /= onsets
	return cv, nil
}

// huthReference is the mean over Huth's crises of the structural index
// A0 + A1 (ln Cbar - ln Pi) under the Huth fit: the index the general stage
// reads (huthModel.stageIndex; the expected form's under the informed
// form, whose general stage reads that index).
func huthReference(ks []Crisis, f HuthFit) float64 {
	m := newHuthModel(f.Sol.Theta, f.Spec)
	var s float64
	for i := range ks {
		s += m.stageIndex(&ks[i])
	}
	return s / float64(len(ks))
}

// fillGeneral sets AGeneral and the challenger covariates' coefficients.
func fillGeneral(c *deter.Coefficients, g GeneralReport) {
	method := fmt.Sprintf("penalised ML: logit of no use-of-force MID onset (A on the initiating side, hostility >= 4) in %d directed politically relevant dyad-years %d-%d (%d onsets); Cauchy(0, 2.5) on standardised inputs (Gelman et al. 2008); SE from the observed information",
		g.DyadYears, g.From, g.To, g.Onsets)
	data := g.Data
	c.AGeneral = deter.Estimate{Value: g.Fit.Intercept - g.Reference, SE: g.Fit.InterceptSE, Data: data + "; Huth structural fit",
		Method: fmt.Sprintf("%s: the intercept at the covariate means (%.3f, SE %.3f) minus the mean over Huth's 58 crises of A0 + A1 (ln Cbar - ln Pi) (%.3f), so a dyad-year is read at a Huth-average deterrence index (A0, A1 held at their Huth values; the SE omits the reference's)",
			method, g.Fit.Intercept, g.Fit.InterceptSE, g.Reference)}
	es := c.ChallengerEstimates()
	why := []string{
		"a TSS strategic rivalry in force in the previous year (Thompson, Sakuwa and Suhas 2022)",
		"per ln(1 + years since the pair's last use-of-force MID onset, either direction)",
		"no use-of-force MID between the two since the later of 1816 and their entry into the system (a left-censored spell)",
		"direct land contiguity (COW Direct Contiguity 3.2)",
	}
	for j, e := range es {
		*e = deter.Estimate{Value: g.Fit.Coef[j], SE: g.Fit.SE[j], Centre: g.Fit.Means[j], Data: data,
			Method: method + "; " + why[j] + "; the term is value × (x − centre), centre = the sample mean"}
	}
}
