package assess

import "math"

// fastExp is e^x for the per-draw hot path (the responding sets' costs and
// contest probabilities, about 16 exponentials a draw for three
// guarantors): a table of 2^(j/64) and a degree-5 polynomial on the
// remainder, the scheme of Tang (1989, ACM TOMS 15, "Table-driven
// implementation of the exponential function"). The remainder is at most
// ln 2/128 in magnitude, where the polynomial's truncation error is below
// r⁶/720 ≈ 4e-17, so the result is within a few ulp of math.Exp
// (TestFastExp checks 2e-15 relative and monotonicity on a fine grid);
// outside [-700, 700] and for NaN it defers to math.Exp. About four times
// faster than math.Exp on this machine.
func fastExp(x float64) float64 {
	if !(x > -700 && x < 700) {
		return math.Exp(x)
	}
	const (
		invL = 64 / math.Ln2
		// ln 2/64 split into a high part with trailing zero bits (exact
		// products with k) and the rest (Cody and Waite).
		l1    = 0.01083042469326756    // ln2/64 rounded to 32 significant bits
		l2    = 2.9815858269852933e-12 // ln2/64 − l1
		shift = 0x1.8p52               // adding it rounds to an integer in the low bits
	)
	kd := x*invL + shift
	k := int64(math.Float64bits(kd)) - shiftBits // the rounded integer x·64/ln 2
	kd -= shift
	r := (x - kd*l1) - kd*l2
	j := k & 63
	e := (k - j) >> 6 // floor division by 64, k may be negative
	p := 1 + r*(1+r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120)))))
	return math.Float64frombits(uint64(e+1023)<<52) * exp2Table[j] * p
}

// shiftBits is the bit pattern of fastExp's shift constant.
const shiftBits = 0x4338000000000000

// exp2Table[j] = 2^(j/64).
var exp2Table = func() (t [64]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 64)
	}
	return t
}()

// fastLogistic is deter.Logistic with fastExp.
func fastLogistic(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + fastExp(-x))
	}
	e := fastExp(x)
	return e / (1 + e)
}

// fastLog is ln x for the per-draw hot path (a force per responding set):
// x = 2^e·m with m in [1, 2), m = c_j·(1 + r) where c_j is the centre of
// m's 1/128 interval, so |r| < 1/256 and ln(1 + r) is a degree-7 series
// with truncation error below r⁸/8 ≈ 3e-20 (Tang 1990, ACM TOMS 16,
// "Table-driven implementation of the logarithm function"). The absolute
// error is a few 1e-16 (TestFastLog); zero, negative, subnormal, infinite
// and NaN arguments defer to math.Log. About twice as fast as math.Log
// here.
func fastLog(x float64) float64 {
	if !(x >= 0x1p-1022 && x <= math.MaxFloat64) {
		return math.Log(x)
	}
	b := math.Float64bits(x)
	e := float64(int64(b>>52) - 1023)
	frac := b & (1<<52 - 1)
	j := frac >> 45 // top 7 bits of the mantissa
	r := math.Float64frombits(frac|1023<<52)*logInvC[j] - 1
	p := r * (1 + r*(-1.0/2+r*(1.0/3+r*(-1.0/4+r*(1.0/5+r*(-1.0/6+r*(1.0/7)))))))
	return e*math.Ln2 + logLnC[j] + p
}

// logInvC[j] is 1/c_j (rounded) and logLnC[j] = −ln(logInvC[j]), so that
// ln m = ln(m·logInvC[j]) + logLnC[j] holds whatever the rounding.
var logInvC, logLnC = func() (inv, ln [128]float64) {
	for j := range inv {
		inv[j] = 1 / (1 + (float64(j)+0.5)/128)
		ln[j] = -math.Log(inv[j])
	}
	return inv, ln
}()
