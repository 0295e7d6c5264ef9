package uncertainty

import (
	"context"
	"math"
	"testing"
)

// ishigami is the Ishigami and Homma (1990) test function; with inputs
// uniform on [-π, π], a = 7 and b = 0.1 its Sobol indices are known in
// closed form (Sobol' and Levitan 1999; Saltelli et al. 2008, "Global
// Sensitivity Analysis: The Primer"); the values below come from
// the closed form V1 = b π⁴/5 + b² π⁸/50 + 1/2, V2 = a²/8, V13 = b² π⁸ (1/18 − 1/50)).
func ishigami(_ int, x []float64) float64 {
	const a, b = 7, 0.1
	return math.Sin(x[0]) + a*math.Pow(math.Sin(x[1]), 2) + b*math.Pow(x[2], 4)*math.Sin(x[0])
}

func ishigamiIndices() (first, total [3]float64) {
	const a, b = 7.0, 0.1
	pi4, pi8 := math.Pow(math.Pi, 4), math.Pow(math.Pi, 8)
	v1 := b*pi4/5 + b*b*pi8/50 + 0.5
	v2 := a * a / 8
	v13 := b * b * pi8 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return [3]float64{v1 / v, v2 / v, 0}, [3]float64{(v1 + v13) / v, v2 / v, v13 / v}
}

func TestIshigamiClosedForm(t *testing.T) {
	// Published values: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
	f, tt := ishigamiIndices()
	pub := [][2]float64{{f[0], 0.3139}, {f[1], 0.4424}, {tt[0], 0.5576}, {tt[2], 0.2437}}
	for _, p := range pub {
		if math.Abs(p[0]-p[1]) > 1e-4 {
			t.Fatalf("closed form %g vs published %g", p[0], p[1])
		}
	}
}

func TestSobolIndicesIshigami(t *testing.T) {
	dists := make([]Dist, 3)
	for i := range dists {
		dists[i] = Dist{Kind: Uniform, Min: -math.Pi, Max: math.Pi}
		if err := dists[i].Validate(); err != nil {
			t.Fatal(err)
		}
	}
	first, total := ishigamiIndices()
	for _, pseudo := range []bool{false, true} {
		n, tol := 1<<13, 0.02
		if pseudo {
			n, tol = 1<<15, 0.03
		}
		res, err := SobolIndices(context.Background(), dists, ishigami, SobolConfig{N: n, Seed: 3, Workers: 2, PseudoRandom: pseudo})
		if err != nil {
			t.Fatal(err)
		}
		if res.QuasiRandom == pseudo {
			t.Fatalf("QuasiRandom = %v with PseudoRandom = %v", res.QuasiRandom, pseudo)
		}
		for i := range 3 {
			if math.Abs(res.First[i]-first[i]) > tol || math.Abs(res.Total[i]-total[i]) > tol {
				t.Errorf("pseudo=%v input %d: S=%.4f ST=%.4f, want S=%.4f ST=%.4f", pseudo, i+1, res.First[i], res.Total[i], first[i], total[i])
			}
		}
		if res.Evals != n*5 {
			t.Errorf("Evals = %d, want %d", res.Evals, n*5)
		}
	}
}

func TestSobolIndicesWorkerInvariant(t *testing.T) {
	dists := []Dist{{Kind: Uniform, Min: -math.Pi, Max: math.Pi}, {Kind: Uniform, Min: -math.Pi, Max: math.Pi}, {Kind: Uniform, Min: -math.Pi, Max: math.Pi}}
	for i := range dists {
		_ = dists[i].Validate()
	}
	a, err := SobolIndices(context.Background(), dists, ishigami, SobolConfig{N: 512, Seed: 5, Workers: 1, PseudoRandom: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := SobolIndices(context.Background(), dists, ishigami, SobolConfig{N: 512, Seed: 5, Workers: 4, PseudoRandom: true})
	for i := range 3 {
		if a.First[i] != b.First[i] || a.Total[i] != b.Total[i] {
			t.Fatalf("input %d differs across worker counts", i)
		}
	}
}

// An additive linear model y = Σ c_i x_i with independent inputs has
// S_i = S_Ti = c_i² Var(x_i) / Σ c_j² Var(x_j).
func TestSobolIndicesLinear(t *testing.T) {
	dists := []Dist{{Kind: Normal, Mean: 0, SD: 1}, {Kind: Uniform, Min: 0, Max: 6}, {Kind: Point, Value: 4}}
	for i := range dists {
		_ = dists[i].Validate()
	}
	f := func(_ int, x []float64) float64 { return 2*x[0] + x[1] + 100*x[2] }
	res, err := SobolIndices(context.Background(), dists, f, SobolConfig{N: 1 << 14, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{4.0 / 7, 3.0 / 7, 0}
	for i, w := range want {
		if math.Abs(res.First[i]-w) > 0.02 || math.Abs(res.Total[i]-w) > 0.02 {
			t.Errorf("input %d: S=%.4f ST=%.4f, want %.4f", i, res.First[i], res.Total[i], w)
		}
	}
}

func TestSobolIndicesRejects(t *testing.T) {
	if _, err := SobolIndices(context.Background(), nil, ishigami, SobolConfig{N: 10}); err == nil {
		t.Error("no inputs accepted")
	}
	if _, err := SobolIndices(context.Background(), []Dist{{Kind: Uniform, Min: 0, Max: 1}}, ishigami, SobolConfig{N: 10}); err == nil {
		t.Error("unvalidated input accepted")
	}
}
