package assess

import (
	"math"
	"slices"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/uncertainty"
	"pgregory.net/rapid"
)

// fastExp agrees with math.Exp to a few ulp over the whole range and is
// non-decreasing on a fine grid (the engine's monotonicity relies on it).
func TestFastExp(t *testing.T) {
	worst := 0.0
	prev := fastExp(-710)
	for x := -709.0; x < 709; x += 1.0 / 4096 {
		got, want := fastExp(x), math.Exp(x)
		if e := math.Abs(got-want) / want; e > worst {
			worst = e
		}
		if got < prev {
			t.Fatalf("fastExp decreases at %v: %v -> %v", x, prev, got)
		}
		prev = got
	}
	if worst > 2e-15 {
		t.Errorf("relative error %g", worst)
	}
	for _, x := range []float64{math.Inf(1), math.Inf(-1), 710, -746, 0} {
		if got, want := fastExp(x), math.Exp(x); got != want {
			t.Errorf("fastExp(%v) = %v, want %v", x, got, want)
		}
	}
	if !math.IsNaN(fastExp(math.NaN())) {
		t.Error("fastExp(NaN) is not NaN")
	}
	rapid.Check(t, func(rt *rapid.T) {
		x := rapid.Float64Range(-700, 700).Draw(rt, "x")
		if got, want := fastExp(x), math.Exp(x); math.Abs(got-want) > 2e-15*want {
			rt.Fatalf("fastExp(%v) = %v, math.Exp %v", x, got, want)
		}
		y := x + rapid.Float64Range(0, 1e-9).Draw(rt, "dx")
		if fastExp(y) < fastExp(x) {
			rt.Fatalf("fastExp(%v) > fastExp(%v)", x, y)
		}
		if got, want := fastLogistic(x/10), deter.Logistic(x/10); math.Abs(got-want) > 4e-15 {
			rt.Fatalf("fastLogistic(%v) = %v, deter %v", x/10, got, want)
		}
	})
}

func BenchmarkFastExp(b *testing.B) {
	x, s := -3.0, 0.0
	for b.Loop() {
		s += fastExp(x)
		x += 1e-7
	}
	_ = s
}

func BenchmarkMathExp(b *testing.B) {
	x, s := -3.0, 0.0
	for b.Loop() {
		s += math.Exp(x)
		x += 1e-7
	}
	_ = s
}

// threshold puts each guarantor's quadrature marginal on its q to 2e-9
// (one Newton step on the piecewise-linear tabulated Φ, usually) and
// rises with q (to 1e-9 in t), for any correlation.
func TestThresholdMarginal(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		rho := rapid.Float64Range(0.001, 0.99).Draw(rt, "rho")
		q := rapid.Float64Range(1e-6, 1-1e-6).Draw(rt, "q")
		dq := rapid.Float64Range(0, 0.01).Draw(rt, "dq")
		sr, sq := math.Sqrt(rho), math.Sqrt(1-rho)
		zs, ws := nodes(rho)
		marg := func(t float64) float64 {
			m := 0.0
			for k, z := range zs {
				m += ws[k] * phi((t-sr*z)/sq)
			}
			return m
		}
		tq := threshold(q, sr, sq, zs, ws)
		if m := marg(tq); math.Abs(m-q) > 2e-9 {
			rt.Fatalf("rho %v q %v: marginal %v", rho, q, m)
		}
		if q2 := min(q+dq, 1-1e-6); threshold(q2, sr, sq, zs, ws) < tq-1e-9 {
			rt.Fatalf("rho %v: threshold falls from q %v to %v", rho, q, q2)
		}
	})
}

// fastLog agrees with math.Log to 6e-16 (absolute, relative above e) over positive
// floats and is non-decreasing to that precision.
func TestFastLog(t *testing.T) {
	worst := 0.0
	prev := math.Inf(-1)
	for x := 1e-300; x < 1e300; x *= 1.0001 {
		got, want := fastLog(x), math.Log(x)
		if e := math.Abs(got-want) / max(1, math.Abs(want)); e > worst {
			worst = e
		}
		if got < prev-1e-15 {
			t.Fatalf("fastLog decreases at %v", x)
		}
		prev = got
	}
	if worst > 6e-16 {
		t.Errorf("error %g", worst)
	}
	if !math.IsNaN(fastLog(-1)) || !math.IsNaN(fastLog(math.NaN())) {
		t.Error("fastLog of a negative or NaN is not NaN")
	}
	for _, x := range []float64{0, math.Inf(1), 1e-310} {
		if got, want := fastLog(x), math.Log(x); got != want {
			t.Errorf("fastLog(%v) = %v, want %v", x, got, want)
		}
	}
	rapid.Check(t, func(rt *rapid.T) {
		x := math.Exp(rapid.Float64Range(-50, 50).Draw(rt, "ln x"))
		if got, want := fastLog(x), math.Log(x); math.Abs(got-want) > 6e-16*max(1, math.Abs(want)) {
			rt.Fatalf("fastLog(%v) = %v, math.Log %v", x, got, want)
		}
	})
}

func BenchmarkFastLog(b *testing.B) {
	x, s := 3.0, 0.0
	for b.Loop() {
		s += fastLog(x)
		x += 1e-7
	}
	_ = s
}

func BenchmarkMathLog(b *testing.B) {
	x, s := 3.0, 0.0
	for b.Loop() {
		s += math.Log(x)
		x += 1e-7
	}
	_ = s
}

// The sampler's inline uniform and triangular quantiles are
// uncertainty.Dist.Quantile's, bit for bit.
func TestSamplerInlineQuantiles(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a := rapid.Float64Range(-1e6, 1e6).Draw(rt, "min")
		b := a + rapid.Float64Range(1e-6, 1e6).Draw(rt, "width")
		m := a + (b-a)*rapid.Float64Range(0, 1).Draw(rt, "mode")
		draw := rapid.Uint64().Draw(rt, "draw")
		for _, d := range []uncertainty.Dist{{Kind: uncertainty.Uniform, Min: a, Max: b}, {Kind: uncertainty.Triangular, Min: a, Mode: m, Max: b}} {
			s := &structural{random: []int{0}, keys: []uint64{0}, dists: []uncertainty.Dist{d}, fast: []inputSampler{newInputSampler(d)}}
			w := &swork{x: []float64{0}}
			s.sample(w, 1, draw, -1, 0)
			if want := d.Quantile(unit(1, draw, 0)); w.x[0] != want {
				rt.Fatalf("%s: %v, Dist.Quantile %v", d.String(), w.x[0], want)
			}
		}
	})
}

// selectKth returns the order statistic a sort gives, with ties, repeats
// and any length.
func TestSelectKth(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a := rapid.SliceOfN(rapid.IntRange(-12, 12), 1, 400).Draw(rt, "ints") // many ties
		af := make([]float64, len(a))
		for i, x := range a {
			af[i] = float64(x) / 4
		}
		k := rapid.IntRange(0, len(af)-1).Draw(rt, "k")
		s := append([]float64(nil), af...)
		slices.Sort(s)
		if got := selectKth(append([]float64(nil), af...), k); got != s[k] {
			rt.Fatalf("k %d: %v, sorted %v", k, got, s[k])
		}
		e := estimate(af)
		n := float64(len(af))
		if e.Lo != s[min(len(s)-1, int(0.05*n))] || e.Hi != s[min(len(s)-1, int(0.95*n))] {
			rt.Fatalf("estimate %+v", e)
		}
	})
}

// survivalAt is deter.Survival.
func TestSurvivalAtMatchesDeter(t *testing.T) {
	c := deter.Default().Clone()
	rapid.Check(t, func(rt *rapid.T) {
		c.K.Value = rapid.Float64Range(0.2, 3).Draw(rt, "k")
		c.Lambda.Value = rapid.Float64Range(0.5, 200).Draw(rt, "lambda")
		c.PC0.Value = rapid.Float64Range(-3, 3).Draw(rt, "pc0")
		c.PC1.Value = rapid.Float64Range(0, 2).Draw(rt, "pc1")
		index := rapid.Float64Range(-10, 10).Draw(rt, "index")
		years := rapid.Float64Range(-1, 100).Draw(rt, "years")
		hr := rapid.Float64Range(0.01, 5).Draw(rt, "hr")
		got := survivalAt(c, fastLogistic(c.PC0.Value+c.PC1.Value*index), years, hr)
		if want := deter.Survival(c, index, years, hr); math.Abs(got-want) > 1e-13 {
			rt.Fatalf("survivalAt %v, deter.Survival %v", got, want)
		}
	})
}
