package logit

import (
	"context"
	"errors"
	"math"
)

// errSingular reports a numerically singular Newton system.
var errSingular = errors.New("logit: singular Jacobian")

// luSolve overwrites b with the solution of a x = b (a is n x n, row-major,
// destroyed) by LU with partial pivoting. One factorisation of a 1,200-
// variable system (a 600x600 game) takes about a second, so the context is
// polled every 16 columns: a timeout must not wait for the whole solve.
func luSolve(ctx context.Context, a [][]float64, b []float64) error {
	n := len(b)
	for k := 0; k < n; k++ {
		if k&15 == 15 && ctx.Err() != nil {
			return ctx.Err()
		}
		p := k
		for i := k + 1; i < n; i++ {
			if math.Abs(a[i][k]) > math.Abs(a[p][k]) {
				p = i
			}
		}
		if a[p][k] == 0 || math.IsNaN(a[p][k]) {
			return errSingular
		}
		a[k], a[p] = a[p], a[k]
		b[k], b[p] = b[p], b[k]
		piv := a[k][k]
		for i := k + 1; i < n; i++ {
			f := a[i][k] / piv
			if f == 0 {
				continue
			}
			ai, ak := a[i], a[k]
			for j := k + 1; j < n; j++ {
				ai[j] -= f * ak[j]
			}
			b[i] -= f * b[k]
		}
	}
	for k := n - 1; k >= 0; k-- {
		s := b[k]
		for j := k + 1; j < n; j++ {
			s -= a[k][j] * b[j]
		}
		b[k] = s / a[k][k]
	}
	return nil
}

func norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
