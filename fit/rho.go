package fit

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/guarantor/guarantor/evidence"
)

// RhoFit is the random-intercept probit of alliance fulfilment: case i of
// war j is honoured iff a + b [post-1945] + sigma u_j + e_ij > 0, with u_j
// and e_ij independent standard normals. Two allies invoked in the same war
// then have latent utilities with correlation rho = sigma^2 / (1 + sigma^2):
// the Gaussian-copula correlation of deter's responses, read off the
// fulfilment record (the war-level shock is what allies share).
type RhoFit struct {
	Rho, SE            float64
	Sigma              float64
	Intercept, Post    float64
	LogLik, LogLikRho0 float64 // at the estimate, and with sigma = 0 (independent responses)
	// Upper95 is the profile-likelihood upper bound of rho: the largest rho
	// whose profile log-likelihood is within 1.92 (chi-square(1) 0.95 / 2)
	// of the maximum. It stays meaningful when the estimate sits at the
	// boundary rho = 0, where the curvature-based SE is not.
	Upper95     float64
	Cases, Wars int
	MultiWars   int // wars with two or more cases (the ones that inform rho)
	Status      string
}

// hermiteNodes is the number of Gauss-Hermite nodes for the war effect:
// the integrand is smooth, and 40 nodes integrate it to far below the
// optimiser's tolerance.
const hermiteNodes = 40

// FitRho fits the random-intercept probit by marginal maximum likelihood
// (the war effect integrated out by Gauss-Hermite quadrature).
func FitRho(cases []evidence.FulfilmentCase) (RhoFit, error) {
	wars := map[int][]int{}
	var order []int
	for i, c := range cases {
		if _, ok := wars[c.War]; !ok {
			order = append(order, c.War)
		}
		wars[c.War] = append(wars[c.War], i)
	}
	f := RhoFit{Cases: len(cases), Wars: len(order)}
	for _, w := range order {
		if len(wars[w]) > 1 {
			f.MultiWars++
		}
	}
	xs, ws := make([]float64, hermiteNodes), make([]float64, hermiteNodes)
	quad.Hermite{}.FixedLocations(xs, ws, math.Inf(-1), math.Inf(1))
	ll := func(a, b, sigma float64) float64 {
		var s float64
		for _, w := range order {
			var lw float64
			for k, x := range xs {
				z := math.Sqrt2 * x
				p := ws[k] / math.SqrtPi
				for _, i := range wars[w] {
					eta := a + sigma*z
					if cases[i].Year >= 1945 {
						eta += b
					}
					if !cases[i].Honoured {
						eta = -eta
					}
					p *= distuv.UnitNormal.CDF(eta)
				}
				lw += p
			}
			s += math.Log(math.Max(lw, 1e-300))
		}
		return s
	}
	// Parameters: a, b, ln sigma; flat priors.
	nll := func(th []float64) float64 {
		v := -ll(th[0], th[1], math.Exp(th[2]))
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	sol, err := Minimize(Objective{N: len(cases), NegLogPost: nll}, []float64{0, 0, 0})
	if err != nil {
		return f, fmt.Errorf("random-intercept probit: %w", err)
	}
	f.Intercept, f.Post, f.Sigma = sol.Theta[0], sol.Theta[1], math.Exp(sol.Theta[2])
	s2 := f.Sigma * f.Sigma
	f.Rho = s2 / (1 + s2)
	// d rho / d ln sigma = 2 s2 / (1 + s2)^2
	f.SE = 2 * s2 / ((1 + s2) * (1 + s2)) * sol.SE[2]
	f.LogLik, f.Status = -sol.NegLogPost, sol.Status
	// The same model with sigma = 0 is a plain probit in a and b.
	s0, err := Minimize(Objective{N: len(cases), NegLogPost: func(th []float64) float64 { return -ll(th[0], th[1], 0) }}, []float64{0, 0})
	if err != nil {
		return f, fmt.Errorf("probit without the war effect: %w", err)
	}
	f.LogLikRho0 = -s0.NegLogPost
	// Profile: for rho on a grid above the estimate, maximise over a, b.
	profile := func(rho float64) (float64, error) {
		sigma := math.Sqrt(rho / (1 - rho))
		s, err := Minimize(Objective{N: len(cases), NegLogPost: func(th []float64) float64 { return -ll(th[0], th[1], sigma) }},
			[]float64{f.Intercept, f.Post})
		return -s.NegLogPost, err
	}
	lo, hi := f.Rho, 0.99
	if p, err := profile(hi); err != nil || f.LogLik-p < 1.92 {
		f.Upper95 = hi
		return f, err
	}
	for it := 0; it < 40 && hi-lo > 1e-4; it++ {
		mid := (lo + hi) / 2
		p, err := profile(mid)
		if err != nil {
			return f, fmt.Errorf("rho profile at %.3f: %w", mid, err)
		}
		if f.LogLik-p < 1.92 {
			lo = mid
		} else {
			hi = mid
		}
	}
	f.Upper95 = (lo + hi) / 2
	return f, nil
}
