package gambit

import (
	"errors"
	"math/big"
)

// maxExponent bounds decimal exponents: 1e999999999 is a valid spelling but
// would make big.Rat build a billion-digit power of ten. Real games use
// single-digit exponents.
const maxExponent = 1000

// maxNumberLen bounds a number's spelling. Converting n decimal digits to
// binary takes time quadratic in n, so a megabyte-long number in an
// uploaded file would stall the reader for seconds; no game needs more
// than a few dozen digits.
const maxNumberLen = 4096

var (
	errTooLong      = errors.New("longer than 4096 characters")
	errNumberSyntax = errors.New("not a number")
	errExponent     = errors.New("exponent out of range")
	errZeroDivisor  = errors.New("zero denominator")
)

// parseNumber converts one of Gambit's exact number spellings to a rational:
// integers (-12), decimals (0.25, .5, 3.), decimals or integers with an
// exponent (1.5e-3, 2e5) and fractions (3/4, -1/3). It accepts nothing else:
// big.Rat.SetString alone would also take base prefixes (0x10), octal
// fractions (010/3), underscores and binary exponents.
//
// canonical reports whether the spelling is exactly the one game.RatString
// prints, so callers need not keep the text.
func parseNumber(b []byte) (r *big.Rat, canonical bool, err error) {
	if v, ok := smallInt(b); ok {
		return new(big.Rat).SetInt64(v), true, nil
	}
	if len(b) > maxNumberLen {
		return nil, false, errTooLong
	}
	i := 0
	neg := false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	intStart := i
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	intEnd := i
	if i < len(b) && b[i] == '/' {
		return parseFraction(b, neg, intStart, intEnd)
	}
	fracStart, fracEnd := i, i
	if i < len(b) && b[i] == '.' {
		i++
		fracStart = i
		for i < len(b) && isDigit(b[i]) {
			i++
		}
		fracEnd = i
	}
	if intEnd == intStart && fracEnd == fracStart {
		return nil, false, errNumberSyntax
	}
	exp := 0
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		if i >= len(b) {
			return nil, false, errNumberSyntax
		}
		for i < len(b) && isDigit(b[i]) {
			if exp = exp*10 + int(b[i]-'0'); exp > maxExponent {
				return nil, false, errExponent
			}
			i++
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(b) {
		return nil, false, errNumberSyntax
	}
	digits := make([]byte, 0, len(b))
	digits = append(digits, b[intStart:intEnd]...)
	digits = append(digits, b[fracStart:fracEnd]...)
	scale := exp - (fracEnd - fracStart)
	if scale > maxExponent || scale < -maxExponent-len(b) {
		return nil, false, errExponent
	}
	m, _ := new(big.Int).SetString(string(digits), 10)
	if neg {
		m.Neg(m)
	}
	r = new(big.Rat).SetInt(m)
	if scale != 0 {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(scale))), nil)
		if scale > 0 {
			r.Mul(r, new(big.Rat).SetInt(p))
		} else {
			r.Quo(r, new(big.Rat).SetInt(p))
		}
	}
	return r, false, nil
}

// parseFraction reads "a/b" with a and b decimal integers, b unsigned.
func parseFraction(b []byte, neg bool, numStart, numEnd int) (*big.Rat, bool, error) {
	den := b[numEnd+1:]
	if numEnd == numStart || len(den) == 0 {
		return nil, false, errNumberSyntax
	}
	for _, c := range den {
		if !isDigit(c) {
			return nil, false, errNumberSyntax
		}
	}
	n, _ := new(big.Int).SetString(string(b[numStart:numEnd]), 10)
	d, _ := new(big.Int).SetString(string(den), 10)
	if d.Sign() == 0 {
		return nil, false, errZeroDivisor
	}
	if neg {
		n.Neg(n)
	}
	r := new(big.Rat).SetFrac(n, d)
	return r, !r.IsInt() && r.String() == string(b), nil
}

// smallInt parses a canonical integer spelling (no '+', no leading zeros,
// no "-0") of at most 18 digits: the common case, kept allocation-free.
func smallInt(b []byte) (int64, bool) {
	i := 0
	if len(b) > 0 && b[0] == '-' {
		i = 1
	}
	n := len(b) - i
	if n == 0 || n > 18 || (b[i] == '0' && (n > 1 || i == 1)) {
		return 0, false
	}
	var v int64
	for ; i < len(b); i++ {
		if !isDigit(b[i]) {
			return 0, false
		}
		v = v*10 + int64(b[i]-'0')
	}
	if b[0] == '-' {
		v = -v
	}
	return v, true
}

// parseIndex reads an unsigned decimal integer used as an id (player,
// infoset or outcome number, strategy count) that fits in an int32.
func parseIndex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	v := 0
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, v <= 1<<31-1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
