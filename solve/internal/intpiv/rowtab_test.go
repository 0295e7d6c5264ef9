package intpiv

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// The row-scaled tableau must describe the same rational tableau as the
// common-determinant one after every pivot sequence (including pivots on
// negative entries and the int64/128-bit/math/big switches): same ratio
// test choices, same basic values, and every row a positive multiple of
// det * the rational row.
func TestRowTableauAgreesWithTableau(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		rows := rapid.IntRange(1, 6).Draw(rt, "rows")
		cols := rapid.IntRange(1, 6).Draw(rt, "cols")
		mag := rapid.SampledFrom([]int64{3, 1000, 1 << 30, 1 << 40, 1 << 61}).Draw(rt, "mag")
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
			m[i][cols+rows] = big.NewInt(rapid.Int64Range(-mag, mag).Draw(rt, "b"))
			basis[i] = cols + i
		}
		a := New(m, cols+rows, basis)
		b := NewRows(m, cols+rows, basis)
		for step := 0; step < 12; step++ {
			c := rapid.IntRange(0, cols+rows-1).Draw(rt, "c")
			if a.RowOf(c) >= 0 {
				continue
			}
			var r int
			if rapid.Bool().Draw(rt, "neg") {
				r = a.LexMaxNegRatio(c, basis)
				if r != b.LexMaxNegRatio(c, basis) {
					rt.Fatal("negative ratio tests differ")
				}
			} else {
				r = a.LexMinRatio(c, basis)
				if r != b.LexMinRatio(c, basis) {
					rt.Fatal("ratio tests differ")
				}
			}
			if r < 0 {
				continue
			}
			if a.Pivot(r, c) != b.Pivot(r, c) {
				rt.Fatal("leaving variables differ")
			}
			for v := 0; v < cols+rows; v++ {
				if a.Value(v).Cmp(b.Value(v)) != 0 {
					rt.Fatalf("value of %d: %v vs %v", v, a.Value(v), b.Value(v))
				}
			}
			for i := 0; i < rows; i++ {
				// Row i of b is s * (row i of a) / det for some s > 0.
				var s *big.Rat
				for j := 0; j <= cols+rows; j++ {
					x, y := a.Entry(i, j), b.entry(i, j, new(big.Int))
					if x.Sign() != y.Sign() {
						rt.Fatalf("sign of (%d,%d) differs", i, j)
					}
					if x.Sign() == 0 {
						continue
					}
					q := new(big.Rat).SetFrac(y, x)
					if s == nil {
						s = q
					} else if s.Cmp(q) != 0 {
						rt.Fatalf("row %d is not a multiple", i)
					}
				}
			}
		}
	})
}

// NewRowsSparse builds the same tableau as NewRows, including entries
// beyond int64 (rows held in math/big).
func TestNewRowsSparseAgrees(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 70)
	m := [][]*big.Int{
		{big.NewInt(2), big.NewInt(-3), big.NewInt(1), big.NewInt(0), big.NewInt(5)},
		{huge, big.NewInt(1), big.NewInt(0), big.NewInt(1), big.NewInt(-7)},
	}
	var es []Entry
	for i, row := range m {
		for j, x := range row {
			if x.Sign() != 0 && j != 2+i {
				es = append(es, Entry{Row: i, Col: j, Val: x})
			}
		}
	}
	a := NewRows(m, 4, []int{2, 3})
	b := NewRowsSparse(2, 4, []int{2, 3}, es)
	if !b.IsBig() || a.IsBig() != b.IsBig() {
		t.Fatalf("big rows: %v vs %v", a.IsBig(), b.IsBig())
	}
	for i := 0; i < 2; i++ {
		for j := 0; j <= 4; j++ {
			if x, y := a.entry(i, j, new(big.Int)), b.entry(i, j, new(big.Int)); x.Cmp(y) != 0 {
				t.Errorf("(%d,%d): %v vs %v", i, j, x, y)
			}
		}
	}
	if a.Pivot(0, 0) != b.Pivot(0, 0) || a.Value(0).Cmp(b.Value(0)) != 0 || a.Value(3).Cmp(b.Value(3)) != 0 {
		t.Error("pivots differ")
	}
}
