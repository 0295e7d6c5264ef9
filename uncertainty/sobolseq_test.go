package uncertainty

import (
	"testing"

	"pgregory.net/rapid"
)

// The first points of the five-dimensional Sobol sequence with the Joe-Kuo
// direction numbers, as scipy.stats.qmc.Sobol(5, scramble=False) prints them.
func TestSobolFirstPoints(t *testing.T) {
	want := [][5]float64{
		{0, 0, 0, 0, 0}, {0.5, 0.5, 0.5, 0.5, 0.5}, {0.75, 0.25, 0.25, 0.25, 0.75}, {0.25, 0.75, 0.75, 0.75, 0.25},
		{0.375, 0.375, 0.625, 0.875, 0.375}, {0.875, 0.875, 0.125, 0.375, 0.875},
		{0.625, 0.125, 0.875, 0.625, 0.625}, {0.125, 0.625, 0.375, 0.125, 0.125},
	}
	s, err := NewSobol(5)
	if err != nil {
		t.Fatal(err)
	}
	p := make([]float64, 5)
	for i, w := range want {
		s.Next(p)
		if [5]float64(p) != w {
			t.Fatalf("point %d = %v, want %v", i, p, w)
		}
	}
}

// Every one-dimensional projection of the first 2^m points is a (0,m,1)-net:
// each interval [j/2^m, (j+1)/2^m) holds exactly one point. This checks each
// dimension's direction numbers, including the recurrence beyond degree s.
func TestSobolStratification(t *testing.T) {
	const m = 12
	s, _ := NewSobol(MaxSobolDim)
	seen := make([][]bool, MaxSobolDim)
	for j := range seen {
		seen[j] = make([]bool, 1<<m)
	}
	p := make([]float64, MaxSobolDim)
	for range 1 << m {
		s.Next(p)
		for j, x := range p {
			c := int(x * (1 << m))
			if seen[j][c] {
				t.Fatalf("dimension %d: two points in cell %d", j+1, c)
			}
			seen[j][c] = true
		}
	}
}

// Dimensions 1 and 2 form a (0,m,2)-net: every elementary box of area 2^-m
// holds exactly one of the first 2^m points.
func TestSobolTwoDimensionalNet(t *testing.T) {
	const m = 8
	s, _ := NewSobol(2)
	pts := make([][2]float64, 1<<m)
	p := make([]float64, 2)
	for i := range pts {
		s.Next(p)
		pts[i] = [2]float64{p[0], p[1]}
	}
	for a := 0; a <= m; a++ {
		cnt := map[[2]int]int{}
		for _, q := range pts {
			cnt[[2]int{int(q[0] * float64(int(1)<<a)), int(q[1] * float64(int(1)<<(m-a)))}]++
		}
		if len(cnt) != 1<<m {
			t.Fatalf("split %d/%d: only %d of %d boxes hit", a, m-a, len(cnt), 1<<m)
		}
	}
}

func TestSobolSkipMatchesStepping(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dim := rapid.IntRange(1, MaxSobolDim).Draw(t, "dim")
		n := rapid.IntRange(0, 3000).Draw(t, "n")
		a, _ := NewSobol(dim)
		b, _ := NewSobol(dim)
		pa, pb := make([]float64, dim), make([]float64, dim)
		for range n {
			a.Next(pa)
		}
		b.Skip(uint64(n))
		a.Next(pa)
		b.Next(pb)
		for j := range pa {
			if pa[j] != pb[j] {
				t.Fatalf("dim %d after %d: stepping %v, skip %v", dim, n, pa, pb)
			}
		}
	})
}

func TestSobolBadDim(t *testing.T) {
	for _, d := range []int{0, -1, MaxSobolDim + 1} {
		if _, err := NewSobol(d); err == nil {
			t.Errorf("NewSobol(%d) succeeded", d)
		}
	}
}

func BenchmarkSobolNext(b *testing.B) {
	s, _ := NewSobol(16)
	p := make([]float64, 16)
	b.ReportAllocs()
	for b.Loop() {
		s.Next(p)
	}
}

// Each row of the direction-number table must be well formed, and its
// polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 primitive over GF(2)
// (x has multiplicative order 2^s - 1) and used once: this catches a
// mistyped row, which the net tests above would not always see.
func TestJoeKuoTable(t *testing.T) {
	seen := map[[2]uint32]bool{}
	for d, row := range joeKuo {
		dim := d + 2
		if int(row.s) != len(row.m) || row.a >= 1<<(row.s-1) {
			t.Fatalf("dimension %d: degree %d, a=%d, %d numbers", dim, row.s, row.a, len(row.m))
		}
		for i, m := range row.m {
			if m%2 == 0 || m >= 1<<(i+1) {
				t.Fatalf("dimension %d: m_%d = %d must be odd and below 2^%d", dim, i+1, m, i+1)
			}
		}
		if seen[[2]uint32{row.s, row.a}] {
			t.Fatalf("dimension %d: polynomial (%d, %d) used twice", dim, row.s, row.a)
		}
		seen[[2]uint32{row.s, row.a}] = true
		poly := uint64(1)<<row.s | uint64(row.a)<<1 | 1
		x, order := uint64(1), uint64(0)
		for {
			x <<= 1
			if x&(1<<row.s) != 0 {
				x ^= poly
			}
			order++
			if x == 1 || order > 1<<row.s {
				break
			}
		}
		if order != 1<<row.s-1 {
			t.Fatalf("dimension %d: polynomial (%d, %d) has x of order %d, not %d: not primitive", dim, row.s, row.a, order, 1<<row.s-1)
		}
	}
	if MaxSobolDim < 100 {
		t.Fatalf("MaxSobolDim = %d; the Saltelli design of 50 inputs needs 100", MaxSobolDim)
	}
}
