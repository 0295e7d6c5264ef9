package solve

import "math/big"

// field is the arithmetic the regret computations run on: exact rationals
// or float64. Writing the algorithms once over it keeps the exact and the
// fast check identical step by step.
type field[T any] struct {
	zero    func() T
	fromRat func(*big.Rat) T
	add     func(a, b T) T
	sub     func(a, b T) T
	mul     func(a, b T) T
	// scale multiplies a value by a probability.
	scale  func(a T, p *big.Rat) T
	less   func(a, b T) bool
	isZero func(a T) bool
	isOne  func(a T) bool
}

var ratField = field[*big.Rat]{
	zero: func() *big.Rat { return new(big.Rat) },
	// Values are never modified in place (every operation returns a new
	// one), so inputs are used as they are, not copied.
	fromRat: func(r *big.Rat) *big.Rat { return r },
	add:     func(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) },
	sub:     func(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) },
	mul:     func(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) },
	scale:   func(a, p *big.Rat) *big.Rat { return new(big.Rat).Mul(a, p) },
	less:    func(a, b *big.Rat) bool { return a.Cmp(b) < 0 },
	isZero:  func(a *big.Rat) bool { return a.Sign() == 0 },
	isOne:   func(a *big.Rat) bool { return a.IsInt() && a.Num().IsInt64() && a.Num().Int64() == 1 },
}

var floatField = field[float64]{
	zero:    func() float64 { return 0 },
	fromRat: func(r *big.Rat) float64 { f, _ := r.Float64(); return f },
	add:     func(a, b float64) float64 { return a + b },
	sub:     func(a, b float64) float64 { return a - b },
	mul:     func(a, b float64) float64 { return a * b },
	scale:   func(a float64, p *big.Rat) float64 { f, _ := p.Float64(); return a * f },
	less:    func(a, b float64) bool { return a < b },
	isZero:  func(a float64) bool { return a == 0 },
	isOne:   func(a float64) bool { return a == 1 },
}

func (f field[T]) max(a, b T) T {
	if f.less(a, b) {
		return b
	}
	return a
}
