package sensitivity

import (
	"context"
	"math"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

func uniform(lo, hi float64) func(float64) float64 {
	return func(p float64) float64 { return lo + (hi-lo)*p }
}

// ishigami is the Ishigami-Homma function (Ishigami and Homma 1990) with
// a = 7, b = 0.1 on U(-π, π)³; a fourth input, when present, is ignored.
func ishigami(_ int, x, y []float64) {
	y[0] = math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
}

// Analytic Ishigami indices (Saltelli et al. 2008, "Global Sensitivity
// Analysis. The Primer", §4.7): V1 = bπ⁴/5 + b²π⁸/50 + 1/2, V2 = a²/8,
// V13 = 8b²π⁸/225, V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
func ishigamiIndices() (first, total []float64) {
	const a, b = 7.0, 0.1
	p4, p8 := math.Pow(math.Pi, 4), math.Pow(math.Pi, 8)
	v1 := b*p4/5 + b*b*p8/50 + 0.5
	v2 := a * a / 8
	v13 := 8 * b * b * p8 / 225
	v := a*a/8 + b*p4/5 + b*b*p8/18 + 0.5
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

func inInterval(t *testing.T, what string, got Index, want float64) {
	t.Helper()
	if !(got.Lo <= want && want <= got.Hi) {
		t.Errorf("%s = %.4f [%.4f, %.4f], analytic %.4f outside the interval", what, got.Value, got.Lo, got.Hi, want)
	}
	if got.Hi-got.Lo > 0.2 {
		t.Errorf("%s: interval [%.4f, %.4f] too wide to test anything", what, got.Lo, got.Hi)
	}
}

func TestIshigami(t *testing.T) {
	in := []Input{{Name: "x1", Quantile: uniform(-math.Pi, math.Pi)}, {Name: "x2", Quantile: uniform(-math.Pi, math.Pi)},
		{Name: "x3", Quantile: uniform(-math.Pi, math.Pi)}, {Name: "ignored", Quantile: uniform(-math.Pi, math.Pi)}}
	first, total := ishigamiIndices()
	for _, pseudo := range []bool{false, true} {
		r, err := Analyze(context.Background(), in, ishigami, Config{N: 1 << 13, Outputs: []string{"y"}, Seed: 3, PseudoRandom: pseudo})
		if err != nil {
			t.Fatal(err)
		}
		if r.QuasiRandom == pseudo {
			t.Fatalf("QuasiRandom = %v with PseudoRandom %v", r.QuasiRandom, pseudo)
		}
		for i := range 3 {
			inInterval(t, r.Factors[i].Name+" first", r.Factors[i].First[0], first[i])
			inInterval(t, r.Factors[i].Name+" total", r.Factors[i].Total[0], total[i])
		}
		ig := r.Factors[3]
		for _, x := range []Index{ig.First[0], ig.Total[0]} {
			if math.Abs(x.Value) > 1e-12 || x.Lo > 0 || x.Hi < 0 {
				t.Errorf("ignored input: %+v, want 0 within its interval", x)
			}
		}
		if r.Evals != (1<<13)*6 {
			t.Errorf("Evals = %d, want N(k+2)", r.Evals)
		}
	}
}

// gFunction is Sobol's g-function, Π (|4x_i − 2| + a_i)/(1 + a_i) on
// U(0,1)^k, with V_i = 1/(3(1+a_i)²) and V = Π(1 + V_i) − 1 (Saltelli et
// al. 2008, §3.6; Sobol 1993).
func gFunction(a []float64) Model {
	return func(_ int, x, y []float64) {
		p := 1.0
		for i, ai := range a {
			p *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
		}
		y[0] = p
		y[1] = 2*p + 5 // a second output: the same indices
	}
}

func gPartial(a []float64) (vi []float64, v float64) {
	v = 1
	for _, ai := range a {
		vi = append(vi, 1/(3*(1+ai)*(1+ai)))
		v *= 1 + vi[len(vi)-1]
	}
	return vi, v - 1
}

func TestGFunction(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	vi, v := gPartial(a)
	var in []Input
	for i := range a {
		in = append(in, Input{Name: string(rune('a' + i)), Quantile: uniform(0, 1)})
	}
	r, err := Analyze(context.Background(), in, gFunction(a), Config{N: 1 << 13, Outputs: []string{"g", "2g+5"}, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		rest := 1.0
		for j := range a {
			if j != i {
				rest *= 1 + vi[j]
			}
		}
		for o := range 2 {
			inInterval(t, in[i].Name+" first", r.Factors[i].First[o], vi[i]/v)
			inInterval(t, in[i].Name+" total", r.Factors[i].Total[o], vi[i]*rest/v)
		}
	}
	if d := math.Abs(r.Mean[1] - 7); d > 0.01 {
		t.Errorf("mean of 2g+5 = %g, want 7", r.Mean[1])
	}
}

// A group's first-order index is the closed index of its inputs,
// (Π_{i∈G}(1 + V_i) − 1)/V for the g-function, and its total index
// 1 − (closed index of the rest).
func TestGroups(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	vi, v := gPartial(a)
	var in []Input
	for i := range a {
		g := ""
		if i >= 2 {
			g = "minor"
		}
		in = append(in, Input{Name: string(rune('a' + i)), Group: g, Quantile: uniform(0, 1)})
	}
	r, err := Analyze(context.Background(), in, gFunction(a), Config{N: 1 << 13, Outputs: []string{"g", "h"}, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Factors) != 3 || r.Factors[2].Name != "minor" || len(r.Factors[2].Inputs) != 6 {
		t.Fatalf("factors = %+v", r.Factors)
	}
	closed := func(set []int) float64 {
		p := 1.0
		for _, i := range set {
			p *= 1 + vi[i]
		}
		return (p - 1) / v
	}
	inInterval(t, "minor first", r.Factors[2].First[0], closed([]int{2, 3, 4, 5, 6, 7}))
	inInterval(t, "minor total", r.Factors[2].Total[0], 1-closed([]int{0, 1}))
	if r.Evals != (1<<13)*5 {
		t.Errorf("Evals = %d, want N(G+2) = %d", r.Evals, (1<<13)*5)
	}
}

func TestWorkersDoNotChangeResult(t *testing.T) {
	in := []Input{{Name: "x1", Quantile: uniform(-math.Pi, math.Pi)}, {Name: "x2", Quantile: uniform(-math.Pi, math.Pi)},
		{Name: "x3", Quantile: uniform(-math.Pi, math.Pi)}}
	var ref *Result
	for _, w := range []int{1, 2, 5} {
		r, err := Analyze(context.Background(), in, ishigami, Config{N: 1000, Outputs: []string{"y"}, Seed: 9, Workers: w, Bootstrap: 50})
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = r
		} else if !reflect.DeepEqual(ref, r) {
			t.Fatalf("%d workers give a different result", w)
		}
	}
	r, _ := Analyze(context.Background(), in, ishigami, Config{N: 1000, Outputs: []string{"y"}, Seed: 10, Bootstrap: 50})
	if reflect.DeepEqual(ref, r) {
		t.Fatal("another seed gives the same result: the seed is not used")
	}
}

// For a linear model Σ c_i x_i with independent uniform inputs every
// index is c_i²/Σc², first-order and total alike.
func TestLinearProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 6).Draw(t, "k")
		c := make([]float64, k)
		var in []Input
		ss := 0.0
		for i := range c {
			c[i] = rapid.Float64Range(-3, 3).Draw(t, "c")
			ss += c[i] * c[i]
			in = append(in, Input{Name: "x", Quantile: uniform(0, 1)})
		}
		if ss < 1e-6 {
			return
		}
		f := func(_ int, x, y []float64) {
			y[0] = 0
			for i, ci := range c {
				y[0] += ci * x[i]
			}
		}
		r, err := Analyze(context.Background(), in, f, Config{N: 1024, Outputs: []string{"y"}, Bootstrap: -1})
		if err != nil {
			t.Fatal(err)
		}
		for i, ci := range c {
			want := ci * ci / ss
			if math.Abs(r.Factors[i].First[0].Value-want) > 0.01 || math.Abs(r.Factors[i].Total[0].Value-want) > 0.01 {
				t.Fatalf("input %d: S=%g ST=%g, want %g", i, r.Factors[i].First[0].Value, r.Factors[i].Total[0].Value, want)
			}
		}
	})
}

func TestBadConfig(t *testing.T) {
	in := []Input{{Name: "x", Quantile: uniform(0, 1)}}
	f := func(_ int, x, y []float64) { y[0] = x[0] }
	for _, c := range []struct {
		in  []Input
		cfg Config
	}{
		{nil, Config{Outputs: []string{"y"}}},
		{in, Config{N: 1, Outputs: []string{"y"}}},
		{in, Config{}},
		{in, Config{Outputs: []string{"y"}, Level: 1.5}},
		{[]Input{{Name: "x"}}, Config{Outputs: []string{"y"}}},
	} {
		if _, err := Analyze(context.Background(), c.in, f, c.cfg); err == nil {
			t.Errorf("%+v: no error", c.cfg)
		}
	}
}

// For the linear model y = 2·x1 − x2 on U(0,1)², the swing of x1 between
// its 10th and 90th percentiles is 2·0.8 around the mean of the rest.
func TestSwings(t *testing.T) {
	in := []Input{{Name: "x1", Quantile: uniform(0, 1)}, {Name: "x2", Quantile: uniform(0, 1)}}
	f := func(_ int, x, y []float64) { y[0] = 2*x[0] - x[1] }
	s, err := Swings(context.Background(), in, f, 1024, 0.1, 0.9, Config{Outputs: []string{"y"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		i      int
		lo, hi float64
	}{{0, 0.2 - 0.5, 1.8 - 0.5}, {1, 1 - 0.1, 1 - 0.9}} {
		if d := max(abs(s[c.i].AtLo[0]-c.lo), abs(s[c.i].AtHi[0]-c.hi)); d > 1e-3 {
			t.Errorf("%s: swing %g..%g, want %g..%g", s[c.i].Name, s[c.i].AtLo[0], s[c.i].AtHi[0], c.lo, c.hi)
		}
	}
}

func abs(x float64) float64 { return math.Abs(x) }

// The method's own cost (design, bookkeeping, 500 bootstrap replicates)
// for 20 inputs and N = 8192 on a model that costs almost nothing.
func BenchmarkAnalyze20Inputs(b *testing.B) {
	a := make([]float64, 20)
	for i := range a {
		a[i] = float64(i)
	}
	var in []Input
	for range a {
		in = append(in, Input{Name: "x", Quantile: uniform(0, 1)})
	}
	for b.Loop() {
		if _, err := Analyze(context.Background(), in, gFunction(a), Config{N: 8192, Outputs: []string{"g", "h"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// Evaluating the design as one batch (in any order) gives the same result
// as calling the model row by row.
func TestBatchEqualsModel(t *testing.T) {
	in := []Input{{Name: "x1", Quantile: uniform(-math.Pi, math.Pi)}, {Name: "x2", Quantile: uniform(-math.Pi, math.Pi)},
		{Name: "x3", Quantile: uniform(-math.Pi, math.Pi)}}
	cfg := Config{N: 512, Outputs: []string{"y"}, Seed: 4, Bootstrap: 30}
	ref, err := Analyze(context.Background(), in, ishigami, cfg)
	if err != nil {
		t.Fatal(err)
	}
	refSw, _ := Swings(context.Background(), in, ishigami, 64, 0.05, 0.95, cfg)
	cfg.Batch = func(_ context.Context, xs [][]float64) ([][]float64, error) {
		out := make([][]float64, len(xs))
		for i := len(xs) - 1; i >= 0; i-- {
			out[i] = make([]float64, 1)
			ishigami(0, xs[i], out[i])
		}
		return out, nil
	}
	got, err := Analyze(context.Background(), in, nil, cfg)
	if err != nil || !reflect.DeepEqual(ref, got) {
		t.Fatalf("batch result differs: %v", err)
	}
	sw, _ := Swings(context.Background(), in, nil, 64, 0.05, 0.95, cfg)
	if !reflect.DeepEqual(refSw, sw) {
		t.Fatal("batch swings differ")
	}
	cfg.Batch = func(context.Context, [][]float64) ([][]float64, error) { return [][]float64{{1}}, nil }
	if _, err := Analyze(context.Background(), in, nil, cfg); err == nil {
		t.Error("a batch with missing rows accepted")
	}
}
