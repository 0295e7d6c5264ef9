package intpiv

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// The int64 path (with 128-bit products and the overflow switch) and the
// math/big path must produce identical tableaux on every pivot sequence.
func TestSmallAndBigPivotsAgree(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		rows := rapid.IntRange(1, 6).Draw(rt, "rows")
		cols := rapid.IntRange(1, 6).Draw(rt, "cols")
		mag := rapid.SampledFrom([]int64{3, 1000, 1 << 40}).Draw(rt, "mag")
		m := make([][]*big.Int, rows)
		basis := make([]int, rows)
		for i := range m {
			m[i] = make([]*big.Int, cols+rows+1)
			for j := 0; j < cols; j++ {
				m[i][j] = big.NewInt(rapid.Int64Range(-mag, mag).Draw(rt, "a"))
			}
			for j := 0; j < rows; j++ {
				m[i][cols+j] = new(big.Int)
			}
			m[i][cols+i] = big.NewInt(1)
			m[i][cols+rows] = big.NewInt(rapid.Int64Range(0, mag).Draw(rt, "b"))
			basis[i] = cols + i
		}
		a := New(m, cols+rows, basis)
		b := New(m, cols+rows, basis)
		b.toBig()
		for step := 0; step < 12; step++ {
			c := rapid.IntRange(0, cols+rows-1).Draw(rt, "c")
			if a.RowOf(c) >= 0 {
				continue
			}
			r := a.LexMinRatio(c, basis)
			if r != b.LexMinRatio(c, basis) {
				rt.Fatal("ratio tests differ")
			}
			if r < 0 {
				continue
			}
			a.Pivot(r, c)
			b.Pivot(r, c)
			for i := 0; i < rows; i++ {
				for j := 0; j <= cols+rows; j++ {
					if a.Entry(i, j).Cmp(b.Entry(i, j)) != 0 {
						rt.Fatalf("entry (%d,%d): %v vs %v", i, j, a.Entry(i, j), b.Entry(i, j))
					}
				}
			}
			if a.Det().Cmp(b.Det()) != 0 {
				rt.Fatal("determinants differ")
			}
		}
	})
}

func TestMul128Signs(t *testing.T) {
	for _, c := range []struct{ a, b, c, e, d, want int64 }{
		{1 << 40, 1 << 40, 1 << 40, 1<<40 - 2, 1 << 41, 1},
		{-(1 << 40), 1 << 40, 1 << 40, -(1 << 40), 1 << 20, 0},
		{-(1 << 35), 1 << 35, 0, 0, -(1 << 30), 1 << 40},
	} {
		got, ok := mulDiv(c.a, c.b, c.c, c.e, c.d)
		if !ok || got != c.want {
			t.Errorf("mulDiv%v = %d, %v", c, got, ok)
		}
	}
	if _, ok := mulDiv(1<<62, 1<<62, 0, 0, 1); ok {
		t.Error("overflow not detected")
	}
}
