package capability

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// Oracle C-1 (ORACLES.md).
func TestCINCOracleC1(t *testing.T) {
	x := Components{TPop: 100, UPop: 50, IrSt: 10, PEC: 40, Milex: 30, Milper: 20}
	y := Components{TPop: 300, UPop: 50, IrSt: 30, PEC: 60, Milex: 10, Milper: 60}
	got := CINC([]Components{x, y})
	if math.Abs(got[0]-0.4) > 1e-15 || math.Abs(got[1]-0.6) > 1e-15 {
		t.Fatalf("C-1: %v, want [0.4 0.6]", got)
	}
}

func TestCINCProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 20).Draw(rt, "n")
		cs := make([]Components, n)
		for i := range cs {
			v := rapid.SliceOfN(rapid.Float64Range(0, 1e6), 6, 6).Draw(rt, "c")
			cs[i] = Components{v[0], v[1], v[2], v[3], v[4], v[5]}
		}
		got := CINC(cs)
		var sum float64
		for _, g := range got {
			if g < 0 || g > 1 {
				rt.Fatalf("share %v outside [0,1]", g)
			}
			sum += g
		}
		// shares sum to (number of components with a positive total)/6
		var k float64
		for c := 0; c < 6; c++ {
			var tot float64
			for _, s := range cs {
				tot += s.values()[c]
			}
			if tot > 0 {
				k++
			}
		}
		if math.Abs(sum-k/6) > 1e-9 {
			rt.Fatalf("shares sum %v, want %v", sum, k/6)
		}
	})
}

// The dataset's own cinc column must be reproduced from the six components
// over every state-year whose components are all present. The data print
// CINC to 8 decimals, so agreement to 1e-7 is the most one can ask.
func TestCINCReproducesNMC(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	worst, n := 0.0, 0
	var wc, wy int
	for y := x.First; y <= x.Last; y++ {
		rec, complete := x.Recompute(y)
		for cc, v := range rec {
			if !complete[cc] {
				continue
			}
			d, _ := x.CINC(cc, y)
			if e := math.Abs(d - v); e > worst {
				worst, wc, wy = e, cc, y
			}
			n++
		}
	}
	t.Logf("CINC recomputed over %d complete state-years: largest |difference| %.3g (ccode %d, %d)", n, worst, wc, wy)
	if n < 14000 {
		t.Errorf("only %d complete state-years", n)
	}
	if worst > 1e-7 {
		t.Errorf("largest difference %.3g at ccode %d, %d exceeds 1e-7", worst, wc, wy)
	}
}

func TestRussia2014(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := x.CINC(365, 2014)
	u, _ := x.CINC(369, 2014)
	if math.Abs(r-0.0392) > 5e-5 || math.Abs(u-0.0071) > 5e-5 {
		t.Errorf("2014 CINC Russia %v Ukraine %v, want 0.0392 and 0.0071 (data README)", r, u)
	}
	if _, err := x.CINC(369, 1950); err == nil {
		t.Error("Ukraine 1950 should not be a system member")
	}
}
