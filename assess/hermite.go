package assess

import "math"

// gaussHermite returns the k nodes and weights of Gauss-Hermite quadrature
// for the standard normal density (the "probabilists'" form: Σ w_i f(z_i)
// ≈ E[f(Z)], Z ~ N(0, 1), Σ w_i = 1), computed by Newton iteration on the
// orthonormal Hermite recurrence (Press et al., Numerical Recipes, §4.6,
// gauher) and rescaled from the weight e^{-x²}.
func gaussHermite(k int) (z, w []float64) {
	const pim4 = 0.7511255444649425 // π^{-1/4}
	x := make([]float64, k)
	wt := make([]float64, k)
	m := (k + 1) / 2
	var r float64
	for i := 0; i < m; i++ {
		switch i {
		case 0:
			r = math.Sqrt(float64(2*k+1)) - 1.85575*math.Pow(float64(2*k+1), -0.16667)
		case 1:
			r -= 1.14 * math.Pow(float64(k), 0.426) / r
		case 2:
			r = 1.86*r - 0.86*x[0]
		case 3:
			r = 1.91*r - 0.91*x[1]
		default:
			r = 2*r - x[i-2]
		}
		var pp float64
		for it := 0; it < 100; it++ {
			p1, p2 := pim4, 0.0
			for j := 1; j <= k; j++ {
				p3 := p2
				p2 = p1
				p1 = r*math.Sqrt(2/float64(j))*p2 - math.Sqrt(float64(j-1)/float64(j))*p3
			}
			pp = math.Sqrt(2*float64(k)) * p2
			r1 := r
			r = r1 - p1/pp
			if math.Abs(r-r1) <= 1e-15*math.Max(1, math.Abs(r)) {
				break
			}
		}
		x[i], x[k-1-i] = r, -r
		wt[i] = 2 / (pp * pp)
		wt[k-1-i] = wt[i]
	}
	z = make([]float64, k)
	w = make([]float64, k)
	for i := range x {
		z[i] = math.Sqrt2 * x[i]
		w[i] = wt[i] / math.SqrtPi
	}
	return z, w
}

// copulaNodes is the quadrature over the common factor of the guarantors'
// responses. The marginals are exact by construction (threshold); the
// joint probabilities agree with the Gaussian copula to a few thousandths
// for correlations up to 0.9 (TestCopulaQuadrature).
const copulaNodes = 12

var hermiteZ, hermiteW = gaussHermite(copulaNodes)

// lowRho is the correlation below which a 6-node rule suffices: p_g(z) then
// varies slowly in z (slope √(ρ/(1−ρ)) < 0.42), and the marginals are exact
// either way. The rule depends only on ρ, an input every compared option
// shares, so common random numbers still compare like with like.
const lowRho = 0.15

var hermiteZ6, hermiteW6 = gaussHermite(6)

// nodes returns the quadrature rule for correlation rho.
func nodes(rho float64) (z, w []float64) {
	if rho < lowRho {
		return hermiteZ6, hermiteW6
	}
	return hermiteZ, hermiteW
}

// The standard normal CDF by table: Φ on a grid of step 1/256 over [-9, 9]
// with linear interpolation between nodes. The error is below 2e-6 (the
// interpolation error bound h²/8·max|φ'| with h = 1/256), far below the
// Monte Carlo error, and the interpolant is non-decreasing, so the
// monotonicity that the copula's coupling gives survives it exactly.
const (
	phiLo    = -9.0
	phiStep  = 1.0 / 256
	phiCount = 18*256 + 1
)

var phiTable = func() []float64 {
	t := make([]float64, phiCount+1)
	for i := range t {
		x := phiLo + float64(i)*phiStep
		t[i] = 0.5 * math.Erfc(-x/math.Sqrt2)
	}
	return t
}()

// phi is Φ(x) from the table.
func phi(x float64) float64 {
	f := (x - phiLo) * (1 / phiStep)
	if !(f > 0) {
		return phiTable[0]
	}
	if f >= phiCount-1 {
		return phiTable[phiCount-1]
	}
	i := int(f)
	r := f - float64(i)
	return phiTable[i] + r*(phiTable[i+1]-phiTable[i])
}

// phiAndSlope is phi(x) and phiSlope(x) with one table lookup.
func phiAndSlope(x float64) (v, slope float64) {
	f := (x - phiLo) * (1 / phiStep)
	if !(f > 0) {
		return phiTable[0], 0
	}
	if f >= phiCount-1 {
		return phiTable[phiCount-1], 0
	}
	i := int(f)
	a, b := phiTable[i], phiTable[i+1]
	return a + (f-float64(i))*(b-a), (b - a) * (1 / phiStep)
}

// phiSlope is the slope of phi's interpolant at x (the density φ on the
// grid), 0 outside the table.
func phiSlope(x float64) float64 {
	f := (x - phiLo) * (1 / phiStep)
	if !(f > 0) || f >= phiCount-1 {
		return 0
	}
	i := int(f)
	return (phiTable[i+1] - phiTable[i]) * (1 / phiStep)
}

// The standard normal quantile by table: Φ⁻¹ on a grid of 8192 steps over
// u in [0.01, 0.99] with linear interpolation, exact (math.Erfinv) in the
// tails. The interpolation error is below 3e-5 (h²/8·max|Φ⁻¹”| at u =
// 0.01), far below Monte Carlo error, and the interpolant is increasing,
// so inverse-CDF sampling keeps common random numbers monotone. It is the
// hot path of sampling the engine's many normal coefficients.
const (
	qLo    = 0.01
	qHi    = 0.99
	qCount = 8192
)

var (
	qStep  = (qHi - qLo) / qCount
	qInv   = qCount / (qHi - qLo)
	qTable = func() []float64 {
		t := make([]float64, qCount+2)
		for i := range t {
			u := min(qLo+float64(i)*(qHi-qLo)/qCount, qHi)
			t[i] = math.Sqrt2 * math.Erfinv(2*u-1)
		}
		return t
	}()
)

// normQuantile is Φ⁻¹(u) for u in (0, 1).
func normQuantile(u float64) float64 {
	if u < qLo || u > qHi {
		return math.Sqrt2 * math.Erfinv(2*u-1)
	}
	f := (u - qLo) * qInv
	i := int(f)
	if i >= qCount {
		return qTable[qCount]
	}
	r := f - float64(i)
	return qTable[i] + r*(qTable[i+1]-qTable[i])
}
