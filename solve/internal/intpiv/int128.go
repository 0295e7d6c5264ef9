package intpiv

import "math/bits"

// i128 is a sign-magnitude 128-bit integer, just enough for one pivot step:
// (a*b - c*d) / e with int64 operands and an exact quotient.
type i128 struct {
	neg    bool
	hi, lo uint64
}

func abs64(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // also right for MinInt64: two's complement wraps to 1<<63
	}
	return uint64(a)
}

func mul128(a, b int64) i128 {
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	return i128{neg: (a < 0) != (b < 0) && (hi|lo) != 0, hi: hi, lo: lo}
}

// cmpMag compares magnitudes.
func cmpMag(x, y i128) int {
	switch {
	case x.hi != y.hi:
		if x.hi < y.hi {
			return -1
		}
		return 1
	case x.lo != y.lo:
		if x.lo < y.lo {
			return -1
		}
		return 1
	}
	return 0
}

// sub128 returns x - y; ok is false when the magnitude would need a 129th bit.
func sub128(x, y i128) (i128, bool) {
	y.neg = !y.neg && (y.hi|y.lo) != 0
	if x.neg == y.neg {
		lo, c := bits.Add64(x.lo, y.lo, 0)
		hi, c2 := bits.Add64(x.hi, y.hi, c)
		return i128{neg: x.neg, hi: hi, lo: lo}, c2 == 0
	}
	if cmpMag(x, y) < 0 {
		x, y = y, x
	}
	lo, b := bits.Sub64(x.lo, y.lo, 0)
	hi, _ := bits.Sub64(x.hi, y.hi, b)
	return i128{neg: x.neg && (hi|lo) != 0, hi: hi, lo: lo}, true
}

// sign128 is the sign of x.
func sign128(x i128) int {
	if x.hi|x.lo == 0 {
		return 0
	}
	if x.neg {
		return -1
	}
	return 1
}

// divExact returns x / d as int64; ok is false if the quotient does not fit.
// The division is known to be exact (integer pivoting guarantees it).
func divExact(x i128, d int64) (int64, bool) {
	ad := abs64(d)
	if x.hi >= ad {
		return 0, false
	}
	q, _ := bits.Div64(x.hi, x.lo, ad)
	neg := x.neg != (d < 0)
	if neg {
		if q > 1<<63-1 {
			return 0, false
		}
		return -int64(q), true
	}
	if q > 1<<63-1 {
		return 0, false
	}
	return int64(q), true
}
