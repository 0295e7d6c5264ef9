// Package glm fits binary-response generalised linear models (logit and
// probit) by iteratively reweighted least squares on gonum's mat, with
// standard errors from the inverse Fisher information. No maintained Go
// module offers this (STACK.md), so it is written here.
//
// IRLS is Fisher scoring (McCullagh and Nelder 1989, Generalized Linear
// Models, 2nd ed., section 2.5): with linear predictor eta = X b, mean
// mu = F(eta) and density f = F', each step solves the weighted least
// squares problem (X' W X) b_new = X' W z with working weights
// w = f^2 / (mu (1 - mu)) and working response z = eta + (y - mu) / f.
// For the logit link f = mu(1-mu), so w = mu(1-mu) and scoring is Newton.
package glm

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Link is the inverse link of a binary GLM: a CDF F and its density.
type Link int

const (
	// Logit is the logistic CDF.
	Logit Link = iota
	// Probit is the standard normal CDF.
	Probit
)

func (l Link) String() string {
	if l == Probit {
		return "probit"
	}
	return "logit"
}

// cdfPdf returns F(eta), 1-F(eta) (computed directly, so that tail
// probabilities keep their precision) and f(eta).
func (l Link) cdfPdf(eta float64) (mu, nu, f float64) {
	if l == Probit {
		return distuv.UnitNormal.CDF(eta), distuv.UnitNormal.CDF(-eta), distuv.UnitNormal.Prob(eta)
	}
	mu, nu = logistic(eta), logistic(-eta)
	return mu, nu, mu * nu
}

func logistic(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// Prob returns F(x'b).
func (l Link) Prob(x, b []float64) float64 {
	var eta float64
	for j := range b {
		eta += x[j] * b[j]
	}
	p, _, _ := l.cdfPdf(eta)
	return p
}

// Fit is a fitted model.
type Fit struct {
	Link       Link
	Coef, SE   []float64
	Cov        *mat.SymDense // inverse Fisher information at the estimate
	LogLik     float64
	N          int
	Iterations int
	tail       float64 // smallest fitted min(p, 1-p)
}

// Errors.
var (
	ErrNotConverged = errors.New("glm: IRLS did not converge")
	ErrSingular     = errors.New("glm: information matrix is singular (collinear regressors?)")
	// ErrSeparation reports fitted probabilities at 0 or 1: the MLE does not exist.
	ErrSeparation = errors.New("glm: quasi-complete separation: some fitted probabilities reach 0 or 1")
	ErrShape      = errors.New("glm: X rows must match y, y must be 0/1, and n must exceed the number of columns")
)

const (
	// tol is the convergence criterion on the relative change of each
	// coefficient between iterations.
	tol = 1e-10
	// maxIter bounds Fisher scoring; well-posed problems converge in <15.
	maxIter = 100
	// tiny keeps weights and logs finite when a fitted probability or
	// density underflows.
	tiny = 1e-300
	// sepTol flags separation: when scoring has not converged and some
	// fitted probability is within sepTol of 0 or 1, coefficients are
	// running off to infinity.
	sepTol = 1e-6
)

// FitBinary fits y (0/1) on the columns of X (include a column of ones for
// an intercept) with the given link. On ErrSeparation it also returns the
// last iterate, whose large coefficients and standard errors show which
// regressors separate; it is not an estimate.
func FitBinary(X *mat.Dense, y []float64, link Link) (*Fit, error) {
	n, k := X.Dims()
	if n != len(y) || n <= k {
		return nil, ErrShape
	}
	for _, v := range y {
		if v != 0 && v != 1 {
			return nil, ErrShape
		}
	}
	b := mat.NewVecDense(k, nil)
	prev := mat.NewVecDense(k, nil)
	eta := make([]float64, n)
	w := make([]float64, n)
	z := make([]float64, n)
	xtwx := mat.NewSymDense(k, nil)
	xtwz := mat.NewVecDense(k, nil)
	for it := 1; it <= maxIter; it++ {
		tail := 1.0
		for i := 0; i < n; i++ {
			mu, nu, f := link.cdfPdf(eta[i])
			tail = math.Min(tail, math.Min(mu, nu))
			mu, nu, f = math.Max(mu, tiny), math.Max(nu, tiny), math.Max(f, tiny)
			w[i] = f * f / (mu * nu)
			// y - mu written as y*nu - (1-y)*mu keeps the residual exact
			// when mu rounds to 1 (it would vanish and fake convergence).
			z[i] = eta[i] + (y[i]*nu-(1-y[i])*mu)/f
		}
		weightedNormal(X, w, z, xtwx, xtwz)
		// Under separation the weights of the separated rows vanish and
		// X'WX turns singular as the coefficients diverge: tell the two
		// causes apart by the fitted probabilities.
		var ch mat.Cholesky
		ok := ch.Factorize(xtwx)
		prev.CopyVec(b)
		if ok {
			ok = ch.SolveVecTo(b, xtwz) == nil
		}
		if !ok {
			if it > 1 && tail < sepTol {
				return nil, ErrSeparation
			}
			return nil, ErrSingular
		}
		for i := 0; i < n; i++ {
			eta[i] = mat.Dot(X.RowView(i), b)
		}
		if converged(prev, b) {
			return finish(X, y, b, link, it)
		}
	}
	// Fisher scoring converges quadratically when the MLE exists; under
	// separation the coefficients run off to infinity and never settle.
	if f, err := finish(X, y, b, link, maxIter); err == nil && f.minTail() < sepTol {
		return f, ErrSeparation
	}
	return nil, ErrNotConverged
}

// converged reports whether every coefficient moved by less than tol
// relative to its size.
func converged(prev, b *mat.VecDense) bool {
	for j := 0; j < b.Len(); j++ {
		if math.Abs(b.AtVec(j)-prev.AtVec(j)) > tol*(math.Abs(b.AtVec(j))+tol) {
			return false
		}
	}
	return true
}

// weightedNormal fills X'WX and X'Wz.
func weightedNormal(X *mat.Dense, w, z []float64, xtwx *mat.SymDense, xtwz *mat.VecDense) {
	n, k := X.Dims()
	xtwx.Zero()
	xtwz.Zero()
	for i := 0; i < n; i++ {
		row := X.RawRowView(i)
		for a := 0; a < k; a++ {
			wa := w[i] * row[a]
			xtwz.SetVec(a, xtwz.AtVec(a)+wa*z[i])
			for c := a; c < k; c++ {
				xtwx.SetSym(a, c, xtwx.At(a, c)+wa*row[c])
			}
		}
	}
}

// finish computes the log-likelihood and the covariance (inverse Fisher
// information) at b.
func finish(X *mat.Dense, y []float64, b *mat.VecDense, link Link, it int) (*Fit, error) {
	n, k := X.Dims()
	w := make([]float64, n)
	f := &Fit{Link: link, Coef: make([]float64, k), SE: make([]float64, k), N: n, Iterations: it, tail: 1}
	for i := 0; i < n; i++ {
		mu, nu, d := link.cdfPdf(mat.Dot(X.RowView(i), b))
		f.tail = math.Min(f.tail, math.Min(mu, nu))
		mu, nu, d = math.Max(mu, tiny), math.Max(nu, tiny), math.Max(d, tiny)
		w[i] = d * d / (mu * nu)
		f.LogLik += y[i]*math.Log(mu) + (1-y[i])*math.Log(nu)
	}
	info := mat.NewSymDense(k, nil)
	weightedNormal(X, w, make([]float64, n), info, mat.NewVecDense(k, nil))
	var ch mat.Cholesky
	if !ch.Factorize(info) {
		return nil, ErrSingular
	}
	cov := mat.NewSymDense(k, nil)
	if err := ch.InverseTo(cov); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSingular, err)
	}
	f.Cov = cov
	for j := 0; j < k; j++ {
		f.Coef[j] = b.AtVec(j)
		f.SE[j] = math.Sqrt(cov.At(j, j))
	}
	return f, nil
}

// minTail is the smallest fitted probability of either outcome.
func (f *Fit) minTail() float64 { return f.tail }

// Z returns coefficient j's z statistic and two-sided normal p-value.
func (f *Fit) Z(j int) (z, p float64) {
	z = f.Coef[j] / f.SE[j]
	return z, 2 * distuv.UnitNormal.CDF(-math.Abs(z))
}
