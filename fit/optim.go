package fit

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// ErrFit reports an optimisation that ended without a usable optimum.
var ErrFit = errors.New("fit: penalised maximum likelihood failed")

const (
	// gradTol is the gradient threshold on the objective scaled by 1/n:
	// the central-difference gradient is accurate to about 1e-8 here, so a
	// tighter threshold would only chase rounding.
	gradTol = 1e-7
	// fdStep is the central-difference step for gradients (in parameter
	// units; every parameter here is of order 0.1-10).
	fdStep = 1e-5
	// hessStep is the step for the numerical Hessian behind the standard errors.
	hessStep = 1e-4
)

// Objective is a negative penalised log-likelihood in n observations.
type Objective struct {
	N     int
	Names []string
	// NegLogPost returns -(log-likelihood + log-prior) at theta; +Inf
	// where the model is undefined.
	NegLogPost func(theta []float64) float64
	// ModeOnly skips the observed information (Solution.SE and Cov stay
	// nil): for callers that need only the mode and its value, such as the
	// points of a profile likelihood, where the numerical Hessian would cost
	// more than the optimisation.
	ModeOnly bool
	// Grad, if set, is the analytic gradient of NegLogPost (written into
	// grad); else Minimize differentiates numerically.
	Grad func(grad, theta []float64)
}

// Solution is a penalised ML estimate with its curvature-based SEs.
type Solution struct {
	Theta, SE  []float64
	Cov        *mat.SymDense // inverse observed information of the penalised objective
	NegLogPost float64
	Status     string
	Iterations int
}

// Minimize finds the mode of the penalised likelihood from start by BFGS
// on the objective scaled by 1/n (gonum's line searches assume values of
// order one; STACK.md), with the objective's gradient or else central
// differences, and checks the
// status. A run that stops for another reason than the gradient or
// function convergence is retried from its end point by Nelder-Mead and
// then BFGS again before it is reported as a failure.
func Minimize(o Objective, start []float64) (Solution, error) {
	n := float64(o.N)
	f := func(x []float64) float64 { return o.NegLogPost(x) / n }
	prob := optimize.Problem{
		Func: f,
		Grad: func(g, x []float64) {
			fd.Gradient(g, f, x, &fd.Settings{Formula: fd.Central, Step: fdStep})
		},
	}
	if o.Grad != nil {
		prob.Grad = func(g, x []float64) {
			o.Grad(g, x)
			for i := range g {
				g[i] /= n
			}
		}
	}
	set := &optimize.Settings{GradientThreshold: gradTol, MajorIterations: 2000}
	x := append([]float64(nil), start...)
	var res *optimize.Result
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		res, err = optimize.Minimize(prob, x, set, &optimize.BFGS{})
		if err == nil && converged(res.Status) {
			break
		}
		if res != nil && !math.IsInf(res.F, 0) && !math.IsNaN(res.F) {
			x = res.X
		}
		nm, _ := optimize.Minimize(optimize.Problem{Func: f}, x, &optimize.Settings{MajorIterations: 4000}, &optimize.NelderMead{})
		if nm != nil && nm.F < f(x) {
			x = nm.X
		}
	}
	if err != nil && (res == nil || !converged(res.Status)) {
		return Solution{}, fmt.Errorf("%w: %v", ErrFit, err)
	}
	if !converged(res.Status) {
		return Solution{}, fmt.Errorf("%w: status %v", ErrFit, res.Status)
	}
	s := Solution{Theta: res.X, NegLogPost: res.F * n, Status: res.Status.String(), Iterations: res.Stats.MajorIterations}
	if o.ModeOnly {
		return s, nil
	}
	s.Cov, s.SE, err = curvature(o.NegLogPost, res.X)
	return s, err
}

func converged(s optimize.Status) bool {
	return s == optimize.GradientThreshold || s == optimize.FunctionConvergence
}

// curvature inverts the numerical Hessian of the (unscaled) penalised
// objective at the mode: the observed information, whose inverse is the
// usual large-sample covariance (and the Laplace approximation to the
// posterior covariance under the priors).
func curvature(f func([]float64) float64, x []float64) (*mat.SymDense, []float64, error) {
	k := len(x)
	h := mat.NewSymDense(k, nil)
	fd.Hessian(h, f, x, &fd.Settings{Formula: fd.Central, Step: hessStep})
	var ch mat.Cholesky
	if !ch.Factorize(h) {
		return nil, nil, fmt.Errorf("%w: observed information not positive definite at the mode", ErrFit)
	}
	cov := mat.NewSymDense(k, nil)
	if err := ch.InverseTo(cov); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrFit, err)
	}
	se := make([]float64, k)
	for j := range se {
		se[j] = math.Sqrt(cov.At(j, j))
	}
	return cov, se, nil
}

// logCauchy is the log density of Cauchy(0, scale) at x, up to a constant.
func logCauchy(x, scale float64) float64 {
	z := x / scale
	return -math.Log1p(z * z)
}

// dLogCauchy is the derivative of logCauchy in x.
func dLogCauchy(x, scale float64) float64 {
	z := x / scale
	return -2 * z / (scale * (1 + z*z))
}

// logNormal is the log density of Normal(mean, sd) at x, up to a constant.
func logNormal(x, mean, sd float64) float64 {
	z := (x - mean) / sd
	return -0.5 * z * z
}

// logistic is L(x) = 1/(1+e^-x).
func logistic(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// logLogistic is ln L(x), accurate in both tails.
func logLogistic(x float64) float64 {
	if x > 0 {
		return -math.Log1p(math.Exp(-x))
	}
	return x - math.Log1p(math.Exp(x))
}

func sortFloats(x []float64) { slices.Sort(x) }
