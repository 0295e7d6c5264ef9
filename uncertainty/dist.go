package uncertainty

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mathext"
)

// Kind names a family of distributions.
type Kind uint8

// The supported families. The zero Kind is Point, so a zero Dist is the
// constant 0.
const (
	Point Kind = iota
	Uniform
	Triangular
	Normal
	LogNormal
	Beta
	Discrete
)

var kindNames = [...]string{"point", "uniform", "triangular", "normal", "lognormal", "beta", "discrete"}

// String returns the name used in scenario files ("uniform", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// ParseKind maps a scenario-file name to a Kind.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return 0, false
}

// Dist is one univariate distribution. Only the fields of its Kind are used:
//
//	Point       Value
//	Uniform     Min, Max
//	Triangular  Min, Mode, Max
//	Normal      Mean, SD; optional truncation to [Min, Max] when Min < Max
//	LogNormal   Mu, Sigma (of the logarithm)
//	Beta        Alpha, Beta, rescaled to [Min, Max] (default [0, 1])
//	Discrete    Values with Weights (need not sum to 1)
//
// A Dist is a value: copy it freely. Validate it once at the boundary; the
// samplers assume a valid Dist and never allocate.
type Dist struct {
	Kind                Kind
	Value               float64
	Min, Max, Mode      float64
	Mean, SD            float64
	Mu, Sigma           float64
	Alpha, Beta         float64
	Values, Weights     []float64
	sorted, cum         []float64 // values in increasing order and their cumulative normalised weights (Discrete)
	truncLo, truncHi    float64   // Φ(Min), Φ(Max) for a truncated normal
	truncated, prepared bool
}

// Errors returned by Validate.
var (
	ErrBadParams = errors.New("invalid distribution parameters")
)

// PointDist returns the constant v.
func PointDist(v float64) Dist { return Dist{Kind: Point, Value: v, prepared: true} }

// Validate checks the parameters and precomputes what sampling needs. It
// returns an error wrapping ErrBadParams that says what was expected.
func (d *Dist) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrBadParams, fmt.Sprintf(format, a...))
	}
	switch d.Kind {
	case Point:
		if !finite(d.Value) {
			return bad("value must be finite")
		}
	case Uniform:
		if !finite(d.Min, d.Max) || !(d.Min < d.Max) {
			return bad("uniform needs finite min < max, got min=%g max=%g", d.Min, d.Max)
		}
	case Triangular:
		if !finite(d.Min, d.Mode, d.Max) || !(d.Min < d.Max) || d.Mode < d.Min || d.Mode > d.Max {
			return bad("triangular needs min <= mode <= max and min < max, got min=%g mode=%g max=%g", d.Min, d.Mode, d.Max)
		}
	case Normal:
		if !finite(d.Mean, d.SD) || !(d.SD > 0) {
			return bad("normal needs a finite mean and sd > 0, got mean=%g sd=%g", d.Mean, d.SD)
		}
		d.truncated = d.Min < d.Max
		if d.truncated {
			d.truncLo, d.truncHi = stdNormalCDF((d.Min-d.Mean)/d.SD), stdNormalCDF((d.Max-d.Mean)/d.SD)
			if !(d.truncHi-d.truncLo > minTruncMass) {
				return bad("normal truncated to [%g, %g] keeps almost no probability mass", d.Min, d.Max)
			}
		}
	case LogNormal:
		if !finite(d.Mu, d.Sigma) || !(d.Sigma > 0) {
			return bad("lognormal needs a finite mu and sigma > 0, got mu=%g sigma=%g", d.Mu, d.Sigma)
		}
	case Beta:
		if !finite(d.Alpha, d.Beta) || !(d.Alpha > 0) || !(d.Beta > 0) {
			return bad("beta needs alpha > 0 and beta > 0, got alpha=%g beta=%g", d.Alpha, d.Beta)
		}
		if d.Min == 0 && d.Max == 0 {
			d.Max = 1
		}
		if !finite(d.Min, d.Max) || !(d.Min < d.Max) {
			return bad("beta needs min < max, got min=%g max=%g", d.Min, d.Max)
		}
	case Discrete:
		if err := d.prepareDiscrete(); err != nil {
			return err
		}
	default:
		return bad("unknown kind %d", d.Kind)
	}
	d.prepared = true
	return nil
}

// prepareDiscrete checks a discrete distribution and builds its sorted
// values and cumulative weights.
func (d *Dist) prepareDiscrete() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrBadParams, fmt.Sprintf(format, a...))
	}
	if len(d.Values) == 0 || len(d.Values) != len(d.Weights) {
		return bad("discrete needs as many weights as values (at least one), got %d values and %d weights", len(d.Values), len(d.Weights))
	}
	total := 0.0
	for i, w := range d.Weights {
		if !finite(w, d.Values[i]) || w < 0 {
			return bad("discrete weights must be finite and >= 0, values finite (item %d)", i)
		}
		total += w
	}
	if !(total > 0) {
		return bad("discrete weights must not all be zero")
	}
	// The inverse CDF needs the values in increasing order; sort a
	// copy so the caller's slices stay as written.
	order := make([]int, len(d.Values))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return d.Values[order[i]] < d.Values[order[j]] })
	d.sorted, d.cum = make([]float64, len(order)), make([]float64, len(order))
	acc := 0.0
	for i, o := range order {
		acc += d.Weights[o] / total
		d.sorted[i], d.cum[i] = d.Values[o], acc
	}
	d.cum[len(d.cum)-1] = 1
	return nil
}

// finite reports whether every x is neither NaN nor infinite.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// minTruncMass guards against truncation windows so far in a tail that the
// inverse-CDF sampler would lose all precision.
const minTruncMass = 1e-12

// Prepared reports whether Validate succeeded on d (or d came from PointDist).
func (d *Dist) Prepared() bool { return d.prepared }

// IsPoint reports whether d is a constant.
func (d *Dist) IsPoint() bool { return d.Kind == Point }

// Sample draws one value using r. It allocates nothing.
func (d *Dist) Sample(r *rand.Rand) float64 {
	switch d.Kind {
	case Point:
		return d.Value
	case Uniform:
		return d.Min + r.Float64()*(d.Max-d.Min)
	case Normal:
		if !d.truncated {
			return d.Mean + d.SD*r.NormFloat64()
		}
	case LogNormal:
		return math.Exp(d.Mu + d.Sigma*r.NormFloat64())
	case Beta:
		x := gammaSample(r, d.Alpha)
		y := gammaSample(r, d.Beta)
		return d.Min + (d.Max-d.Min)*x/(x+y)
	}
	return d.Quantile(openUnit(r))
}

// openUnit returns a uniform draw in the open interval (0, 1).
func openUnit(r *rand.Rand) float64 {
	for {
		if u := r.Float64(); u > 0 {
			return u
		}
	}
}

// Quantile is the inverse CDF at u in [0, 1]; quasi-random designs map
// Sobol points through it. u outside [0, 1] is clamped.
func (d *Dist) Quantile(u float64) float64 {
	u = math.Min(1, math.Max(0, u))
	switch d.Kind {
	case Point:
		return d.Value
	case Uniform:
		return d.Min + u*(d.Max-d.Min)
	case Triangular:
		w := d.Max - d.Min
		f := (d.Mode - d.Min) / w
		if u < f {
			return d.Min + math.Sqrt(u*w*(d.Mode-d.Min))
		}
		return d.Max - math.Sqrt((1-u)*w*(d.Max-d.Mode))
	case Normal:
		if d.truncated {
			u = d.truncLo + u*(d.truncHi-d.truncLo)
		}
		return d.Mean + d.SD*stdNormalQuantile(u)
	case LogNormal:
		return math.Exp(d.Mu + d.Sigma*stdNormalQuantile(u))
	case Beta:
		return d.Min + (d.Max-d.Min)*mathext.InvRegIncBeta(d.Alpha, d.Beta, u)
	case Discrete:
		for i, c := range d.cum {
			if u <= c {
				return d.sorted[i]
			}
		}
		return d.sorted[len(d.sorted)-1]
	}
	return math.NaN()
}

// MeanValue returns the distribution's expectation (the truncated normal's
// is computed in closed form), used as the "central" value of an input in
// one-at-a-time sensitivity analysis.
func (d *Dist) MeanValue() float64 {
	switch d.Kind {
	case Point:
		return d.Value
	case Uniform:
		return (d.Min + d.Max) / 2
	case Triangular:
		return (d.Min + d.Mode + d.Max) / 3
	case Normal:
		if !d.truncated {
			return d.Mean
		}
		a, b := (d.Min-d.Mean)/d.SD, (d.Max-d.Mean)/d.SD
		return d.Mean + d.SD*(stdNormalPDF(a)-stdNormalPDF(b))/(d.truncHi-d.truncLo)
	case LogNormal:
		return math.Exp(d.Mu + d.Sigma*d.Sigma/2)
	case Beta:
		return d.Min + (d.Max-d.Min)*d.Alpha/(d.Alpha+d.Beta)
	case Discrete:
		m, prev := 0.0, 0.0
		for i, c := range d.cum {
			m += (c - prev) * d.sorted[i]
			prev = c
		}
		return m
	}
	return math.NaN()
}

// Support returns the smallest and largest values the distribution can
// take (±Inf for unbounded tails).
func (d *Dist) Support() (lo, hi float64) {
	switch d.Kind {
	case Point:
		return d.Value, d.Value
	case Uniform, Triangular, Beta:
		return d.Min, d.Max
	case Normal:
		if d.truncated {
			return d.Min, d.Max
		}
		return math.Inf(-1), math.Inf(1)
	case LogNormal:
		return 0, math.Inf(1)
	case Discrete:
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, v := range d.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		return lo, hi
	}
	return math.NaN(), math.NaN()
}

// String renders d compactly, e.g. "triangular(1000, 5000, 12000)".
func (d *Dist) String() string {
	switch d.Kind {
	case Point:
		return fmt.Sprintf("%g", d.Value)
	case Uniform:
		return fmt.Sprintf("uniform(%g, %g)", d.Min, d.Max)
	case Triangular:
		return fmt.Sprintf("triangular(%g, %g, %g)", d.Min, d.Mode, d.Max)
	case Normal:
		if d.Min < d.Max {
			return fmt.Sprintf("normal(%g, %g) on [%g, %g]", d.Mean, d.SD, d.Min, d.Max)
		}
		return fmt.Sprintf("normal(%g, %g)", d.Mean, d.SD)
	case LogNormal:
		return fmt.Sprintf("lognormal(%g, %g)", d.Mu, d.Sigma)
	case Beta:
		if d.Min != 0 || (d.Max != 1 && d.Max != 0) {
			return fmt.Sprintf("beta(%g, %g) on [%g, %g]", d.Alpha, d.Beta, d.Min, d.Max)
		}
		return fmt.Sprintf("beta(%g, %g)", d.Alpha, d.Beta)
	case Discrete:
		return fmt.Sprintf("discrete(%v @ %v)", d.Values, d.Weights)
	}
	return "?"
}

func stdNormalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

func stdNormalPDF(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }

// stdNormalQuantile is Φ⁻¹(u) through the inverse complementary error
// function, which keeps precision in both tails; u = 0 or 1 give ∓Inf.
func stdNormalQuantile(u float64) float64 { return -math.Sqrt2 * math.Erfcinv(2*u) }

// gammaSample draws Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple
// method for generating gamma variables", ACM TOMS 26(3); for shape < 1 it
// uses the boost Gamma(shape+1)·U^(1/shape) from the same paper.
func gammaSample(r *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return gammaSample(r, shape+1) * math.Pow(openUnit(r), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := openUnit(r)
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}
