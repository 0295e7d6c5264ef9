package assess

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Dist is an uncertain input: Rand draws from it (used per Monte Carlo
// draw, must not allocate), Quantile gives its p-quantile (used for
// one-at-a-time swings and medians), Mean its mean.
type Dist interface {
	Rand(r *rand.Rand) float64
	Quantile(p float64) float64
	Mean() float64
	String() string
}

// Point is a fixed value.
type Point float64

func (d Point) Rand(*rand.Rand) float64  { return float64(d) }
func (d Point) Quantile(float64) float64 { return float64(d) }
func (d Point) Mean() float64            { return float64(d) }
func (d Point) String() string           { return fmt.Sprintf("%g", float64(d)) }

// Uniform is uniform on [Lo, Hi].
type Uniform struct{ Lo, Hi float64 }

func (d Uniform) Rand(r *rand.Rand) float64  { return d.Lo + (d.Hi-d.Lo)*r.Float64() }
func (d Uniform) Quantile(p float64) float64 { return d.Lo + (d.Hi-d.Lo)*p }
func (d Uniform) Mean() float64              { return (d.Lo + d.Hi) / 2 }
func (d Uniform) String() string             { return fmt.Sprintf("uniform(%g, %g)", d.Lo, d.Hi) }

// Triangular has support [Lo, Hi] and mode Mode.
type Triangular struct{ Lo, Mode, Hi float64 }

func (d Triangular) Rand(r *rand.Rand) float64 { return d.Quantile(r.Float64()) }
func (d Triangular) Quantile(p float64) float64 {
	w := d.Hi - d.Lo
	if w <= 0 {
		return d.Lo
	}
	f := (d.Mode - d.Lo) / w
	if p < f {
		return d.Lo + math.Sqrt(p*w*(d.Mode-d.Lo))
	}
	return d.Hi - math.Sqrt((1-p)*w*(d.Hi-d.Mode))
}
func (d Triangular) Mean() float64 { return (d.Lo + d.Mode + d.Hi) / 3 }
func (d Triangular) String() string {
	return fmt.Sprintf("triangular(%g, %g, %g)", d.Lo, d.Mode, d.Hi)
}

// Normal is N(Mu, Sigma²), optionally truncated to [Lo, Hi] by clamping
// (Lo = Hi = 0 means no bounds).
type Normal struct{ Mu, Sigma, Lo, Hi float64 }

func (d Normal) clamp(x float64) float64 {
	if d.Lo < d.Hi {
		x = math.Min(math.Max(x, d.Lo), d.Hi)
	}
	return x
}
func (d Normal) Rand(r *rand.Rand) float64 { return d.clamp(d.Mu + d.Sigma*r.NormFloat64()) }
func (d Normal) Quantile(p float64) float64 {
	return d.clamp(d.Mu + d.Sigma*math.Sqrt2*math.Erfinv(2*p-1))
}
func (d Normal) Mean() float64 { return d.Mu }
func (d Normal) String() string {
	if d.Lo < d.Hi {
		return fmt.Sprintf("normal(%g, %g) in [%g, %g]", d.Mu, d.Sigma, d.Lo, d.Hi)
	}
	return fmt.Sprintf("normal(%g, %g)", d.Mu, d.Sigma)
}

// LogNormal has log(X) ~ N(Mu, Sigma²).
type LogNormal struct{ Mu, Sigma float64 }

func (d LogNormal) Rand(r *rand.Rand) float64 { return math.Exp(d.Mu + d.Sigma*r.NormFloat64()) }
func (d LogNormal) Quantile(p float64) float64 {
	return math.Exp(d.Mu + d.Sigma*math.Sqrt2*math.Erfinv(2*p-1))
}
func (d LogNormal) Mean() float64  { return math.Exp(d.Mu + d.Sigma*d.Sigma/2) }
func (d LogNormal) String() string { return fmt.Sprintf("lognormal(%g, %g)", d.Mu, d.Sigma) }

// Beta is Beta(A, B). Rand uses two gamma draws (Marsaglia and Tsang 2000,
// "A simple method for generating gamma variables"), which is allocation
// free and far faster than inverting the incomplete beta function.
type Beta struct{ A, B float64 }

func (d Beta) Rand(r *rand.Rand) float64 {
	x := gammaRand(r, d.A)
	y := gammaRand(r, d.B)
	return x / (x + y)
}
func (d Beta) Quantile(p float64) float64 { return distuv.Beta{Alpha: d.A, Beta: d.B}.Quantile(p) }
func (d Beta) Mean() float64              { return d.A / (d.A + d.B) }
func (d Beta) String() string             { return fmt.Sprintf("beta(%g, %g)", d.A, d.B) }

// gammaRand draws Gamma(a, 1) by Marsaglia and Tsang (2000); for a < 1 it
// uses the boost Gamma(a) = Gamma(a+1)·U^(1/a).
func gammaRand(r *rand.Rand, a float64) float64 {
	boost := 1.0
	if a < 1 {
		boost = math.Pow(r.Float64(), 1/a)
		a++
	}
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v * boost
		}
	}
}

// Discrete takes Values[i] with probability Probs[i] (Probs sum to 1).
type Discrete struct {
	Values, Probs []float64
}

func (d Discrete) Rand(r *rand.Rand) float64 { return d.Quantile(r.Float64()) }
func (d Discrete) Quantile(p float64) float64 {
	acc := 0.0
	for i, q := range d.Probs {
		acc += q
		if p < acc {
			return d.Values[i]
		}
	}
	return d.Values[len(d.Values)-1]
}
func (d Discrete) Mean() float64 {
	m := 0.0
	for i, q := range d.Probs {
		m += q * d.Values[i]
	}
	return m
}
func (d Discrete) String() string { return fmt.Sprintf("discrete(%v; %v)", d.Values, d.Probs) }

// degenerate reports whether a distribution has one value, so a draw can
// skip it.
func degenerate(d Dist) bool {
	return d.Quantile(0.001) == d.Quantile(0.999)
}
