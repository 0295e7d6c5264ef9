package history

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Penalties of the ex-ante logit, fixed before any score was computed and
// never tuned on one: a normal prior with standard deviation SlopePriorSD
// on each slope of a standardised feature (a ridge penalty; with 30-60
// cases and four features an unpenalised logit separates or nearly so),
// and a weak normal prior with InterceptPriorSD on the intercept, which
// only keeps it finite when a training set has one outcome.
const (
	SlopePriorSD     = 1.0
	InterceptPriorSD = 10.0
)

// Newton's method stops when the largest step is below logitTol (in
// logits) or after logitMaxIter steps; the objective is strictly concave,
// so it converges from zero in a handful of steps.
const (
	logitTol     = 1e-10
	logitMaxIter = 100
)

// ErrLogitDiverged reports a logit fit whose Newton steps did not settle.
var ErrLogitDiverged = errors.New("ex-ante logit: Newton's method did not converge")

// Logit is a fitted penalised logistic regression on standardised
// features: P(y = 1 | x) = L(B0 + sum_j B[j] (x_j - Mean[j]) / Scale[j]).
type Logit struct {
	B0          float64
	B           []float64
	Mean, Scale []float64 // of the training rows
}

// Prob is the fitted probability at x.
func (l *Logit) Prob(x []float64) float64 {
	z := l.B0
	for j, b := range l.B {
		z += b * (x[j] - l.Mean[j]) / l.Scale[j]
	}
	return 1 / (1 + math.Exp(-z))
}

// FitLogit maximises the penalised log likelihood of y given the rows X by
// Newton's method (the objective is concave: the log likelihood of a
// logit plus Gaussian log priors). Features are standardised on these
// rows alone, so nothing about the test rows enters the fit; a feature
// constant on them gets scale 1 and, being zero after centring, a zero
// slope.
func FitLogit(X [][]float64, y []float64) (*Logit, error) {
	return fitLogit(X, y, SlopePriorSD, InterceptPriorSD)
}

func fitLogit(X [][]float64, y []float64, slopeSD, interceptSD float64) (*Logit, error) {
	return fitLogitWeighted(X, y, nil, slopeSD, interceptSD)
}

// fitLogitWeighted maximises the weighted penalised log likelihood
// sum_i w_i log L(y_i | x_i) + log prior; nil w weighs every row 1 (and
// then gives exactly fitLogit's numbers). The features are standardised
// with the weighted mean and standard deviation, so that the prior means
// the same thing as in the unweighted fit for the population the weights
// stand for. The survival backtest passes inverse-probability-of-censoring
// weights (IPCWLogitPredictor).
func fitLogitWeighted(X [][]float64, y, w []float64, slopeSD, interceptSD float64) (*Logit, error) {
	n := len(X)
	if n == 0 {
		return nil, errors.New("ex-ante logit: no training rows")
	}
	wt := func(i int) float64 {
		if w == nil {
			return 1
		}
		return w[i]
	}
	sw := 0.0
	for i := range n {
		sw += wt(i)
	}
	if !(sw > 0) {
		return nil, errors.New("ex-ante logit: training weights sum to zero")
	}
	k := len(X[0])
	l := &Logit{B: make([]float64, k), Mean: make([]float64, k), Scale: make([]float64, k)}
	for j := range k {
		for i := range n {
			l.Mean[j] += wt(i) * X[i][j]
		}
		l.Mean[j] /= sw
		v := 0.0
		for i := range n {
			v += wt(i) * (X[i][j] - l.Mean[j]) * (X[i][j] - l.Mean[j])
		}
		l.Scale[j] = math.Sqrt(v / sw)
		if l.Scale[j] < 1e-12 {
			l.Scale[j] = 1
		}
	}
	Z := make([][]float64, n) // design with a leading 1
	for i := range n {
		Z[i] = make([]float64, k+1)
		Z[i][0] = 1
		for j := range k {
			Z[i][j+1] = (X[i][j] - l.Mean[j]) / l.Scale[j]
		}
	}
	prec := make([]float64, k+1) // prior precisions
	prec[0] = 1 / (interceptSD * interceptSD)
	for j := 1; j <= k; j++ {
		prec[j] = 1 / (slopeSD * slopeSD)
	}
	beta := make([]float64, k+1)
	g := mat.NewVecDense(k+1, nil)
	H := mat.NewSymDense(k+1, nil)
	var step mat.VecDense
	for range logitMaxIter {
		gradient(Z, y, w, beta, prec, g, H)
		var ch mat.Cholesky
		if !ch.Factorize(H) {
			return nil, fmt.Errorf("%w: information matrix not positive definite", ErrLogitDiverged)
		}
		if err := ch.SolveVecTo(&step, g); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrLogitDiverged, err)
		}
		big := 0.0
		for j := range beta {
			beta[j] += step.AtVec(j)
			big = math.Max(big, math.Abs(step.AtVec(j)))
		}
		if big < logitTol {
			l.B0 = beta[0]
			copy(l.B, beta[1:])
			return l, nil
		}
	}
	return nil, ErrLogitDiverged
}

// gradient fills g with the gradient of the penalised log likelihood at
// beta and H with its negative Hessian (the observed information plus the
// prior precisions), so that the Newton step is H^-1 g. Row i counts
// with weight w[i] (1 when w is nil).
func gradient(Z [][]float64, y, w, beta, prec []float64, g *mat.VecDense, H *mat.SymDense) {
	k := len(beta)
	for a := range k {
		g.SetVec(a, -prec[a]*beta[a])
		for b := a; b < k; b++ {
			v := 0.0
			if a == b {
				v = prec[a]
			}
			H.SetSym(a, b, v)
		}
	}
	for i, z := range Z {
		eta := 0.0
		for j := range k {
			eta += beta[j] * z[j]
		}
		p := 1 / (1 + math.Exp(-eta))
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		r, h := wi*(y[i]-p), wi*p*(1-p)
		for a := range k {
			g.SetVec(a, g.AtVec(a)+r*z[a])
			for b := a; b < k; b++ {
				H.SetSym(a, b, H.At(a, b)+h*z[a]*z[b])
			}
		}
	}
}

// LogitPredictor refits the ex-ante logit on the training rows of X and y
// in every fold and forecasts the test rows (1/2 when there are no
// training rows, as the base rate does).
func LogitPredictor(X [][]float64, y []float64) Predictor {
	return func(train, test []int) ([]float64, error) {
		if len(train) == 0 {
			return BaseRatePredictor(y)(train, test)
		}
		tx, ty := make([][]float64, len(train)), make([]float64, len(train))
		for k, i := range train {
			tx[k], ty[k] = X[i], y[i]
		}
		l, err := FitLogit(tx, ty)
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(test))
		for k, i := range test {
			out[k] = l.Prob(X[i])
		}
		return out, nil
	}
}
