package assess

import (
	"math/rand/v2"

	"github.com/guarantor/guarantor/uncertainty"
)

// Dist is an uncertain input of the UDG engine: Rand draws from it (per
// Monte Carlo draw, must not allocate), Quantile gives its p-quantile (for
// one-at-a-time swings and medians), Mean its mean. Every Dist is an
// uncertainty.Dist (the project's one distribution type, truncating rather
// than clamping a bounded normal) behind this interface; the structural
// engine reads uncertainty.Dist directly.
type Dist interface {
	Rand(r *rand.Rand) float64
	Quantile(p float64) float64
	Mean() float64
	String() string
}

// uDist adapts an uncertainty.Dist to Dist.
type uDist struct{ d uncertainty.Dist }

func (u *uDist) Rand(r *rand.Rand) float64  { return u.d.Sample(r) }
func (u *uDist) Quantile(p float64) float64 { return u.d.Quantile(p) }
func (u *uDist) Mean() float64              { return u.d.MeanValue() }
func (u *uDist) String() string             { return u.d.String() }

// Of wraps a validated uncertainty.Dist (it panics on an invalid one: the
// constructors below validate their arguments).
func Of(d uncertainty.Dist) Dist {
	if err := d.Validate(); err != nil {
		panic("assess: " + err.Error())
	}
	return &uDist{d}
}

// Point is a fixed value.
func Point(v float64) Dist { return &uDist{uncertainty.PointDist(v)} }

// Uniform is uniform on [lo, hi].
func Uniform(lo, hi float64) Dist {
	return Of(uncertainty.Dist{Kind: uncertainty.Uniform, Min: lo, Max: hi})
}

// Triangular has support [lo, hi] and mode mode.
func Triangular(lo, mode, hi float64) Dist {
	return Of(uncertainty.Dist{Kind: uncertainty.Triangular, Min: lo, Mode: mode, Max: hi})
}

// LogNormal has log(X) ~ N(mu, sigma²).
func LogNormal(mu, sigma float64) Dist {
	return Of(uncertainty.Dist{Kind: uncertainty.LogNormal, Mu: mu, Sigma: sigma})
}

// Beta is Beta(a, b).
func Beta(a, b float64) Dist {
	return Of(uncertainty.Dist{Kind: uncertainty.Beta, Alpha: a, Beta: b})
}

// BetaParams returns the parameters of a Beta input, and false for any
// other distribution.
func BetaParams(d Dist) (a, b float64, ok bool) {
	u, isU := d.(*uDist)
	if !isU || u.d.Kind != uncertainty.Beta {
		return 0, 0, false
	}
	return u.d.Alpha, u.d.Beta, true
}

// degenerate reports whether a distribution has one value, so a draw can
// skip it.
func degenerate(d Dist) bool {
	return d.Quantile(0.001) == d.Quantile(0.999)
}
