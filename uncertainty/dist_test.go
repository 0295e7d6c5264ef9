package uncertainty

import (
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"
)

func mustDist(t testing.TB, d Dist) Dist {
	t.Helper()
	if err := d.Validate(); err != nil {
		t.Fatalf("Validate(%v): %v", d.String(), err)
	}
	return d
}

// Sample means and variances against closed forms.
func TestSampleMoments(t *testing.T) {
	cases := []struct {
		d        Dist
		mean, sd float64
	}{
		{Dist{Kind: Point, Value: 3}, 3, 0},
		{Dist{Kind: Uniform, Min: 2, Max: 8}, 5, 6 / math.Sqrt(12)},
		{Dist{Kind: Triangular, Min: 0, Mode: 1, Max: 4}, 5.0 / 3, math.Sqrt((0 + 1 + 16 - 0 - 0 - 4) / 18.0)},
		{Dist{Kind: Normal, Mean: -1, SD: 2}, -1, 2},
		// Standard normal truncated to [0, inf) approximated by [0, 40]: mean sqrt(2/pi), var 1-2/pi.
		{Dist{Kind: Normal, Mean: 0, SD: 1, Min: 0, Max: 40}, math.Sqrt(2 / math.Pi), math.Sqrt(1 - 2/math.Pi)},
		{Dist{Kind: LogNormal, Mu: 0.5, Sigma: 0.4}, math.Exp(0.5 + 0.08), math.Sqrt((math.Exp(0.16) - 1) * math.Exp(1+0.16))},
		{Dist{Kind: Beta, Alpha: 2, Beta: 5}, 2.0 / 7, math.Sqrt(10.0 / (49 * 8))},
		{Dist{Kind: Beta, Alpha: 0.5, Beta: 0.5, Min: 10, Max: 20}, 15, 10 * math.Sqrt(0.25/2)},
		{Dist{Kind: Discrete, Values: []float64{1, 2, 10}, Weights: []float64{1, 2, 1}}, 3.75, math.Sqrt((1+8+100)/4.0 - 3.75*3.75)},
	}
	for _, c := range cases {
		d := mustDist(t, c.d)
		t.Run(d.String(), func(t *testing.T) {
			if got := d.MeanValue(); math.Abs(got-c.mean) > 1e-9*math.Max(1, math.Abs(c.mean)) {
				t.Errorf("MeanValue = %g, want %g", got, c.mean)
			}
			rng := NewRand(42)
			const n = 100000
			var s, s2 float64
			for range n {
				x := d.Sample(rng)
				s += x
				s2 += x * x
			}
			m := s / n
			sd := math.Sqrt(math.Max(0, s2/n-m*m))
			// 5 standard errors of the mean, plus slack for the sd estimate.
			if tol := 5*c.sd/math.Sqrt(n) + 1e-12; math.Abs(m-c.mean) > tol {
				t.Errorf("sample mean %g, want %g ± %g", m, c.mean, tol)
			}
			if math.Abs(sd-c.sd) > 0.02*c.sd+1e-9 {
				t.Errorf("sample sd %g, want %g", sd, c.sd)
			}
		})
	}
}

// Published quantiles.
func TestQuantileKnownValues(t *testing.T) {
	cases := []struct {
		d    Dist
		u, x float64
	}{
		{Dist{Kind: Normal, Mean: 0, SD: 1}, 0.975, 1.959963984540054},
		{Dist{Kind: Normal, Mean: 10, SD: 2}, 0.5, 10},
		{Dist{Kind: LogNormal, Mu: 0, Sigma: 1}, 0.5, 1},
		{Dist{Kind: Uniform, Min: -1, Max: 3}, 0.25, 0},
		{Dist{Kind: Triangular, Min: 0, Mode: 0, Max: 1}, 0.75, 0.5},
		{Dist{Kind: Triangular, Min: 0, Mode: 1, Max: 1}, 0.25, 0.5},
		{Dist{Kind: Beta, Alpha: 1, Beta: 1}, 0.3, 0.3},
		{Dist{Kind: Beta, Alpha: 2, Beta: 1}, 0.25, 0.5}, // CDF x^2
		{Dist{Kind: Discrete, Values: []float64{5, 7}, Weights: []float64{3, 1}}, 0.74, 5},
		{Dist{Kind: Discrete, Values: []float64{5, 7}, Weights: []float64{3, 1}}, 0.76, 7},
	}
	for _, c := range cases {
		d := mustDist(t, c.d)
		if got := d.Quantile(c.u); math.Abs(got-c.x) > 1e-9 {
			t.Errorf("%s.Quantile(%g) = %.12g, want %.12g", d.String(), c.u, got, c.x)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	bad := []Dist{
		{Kind: Point, Value: math.NaN()},
		{Kind: Uniform, Min: 1, Max: 1},
		{Kind: Triangular, Min: 0, Mode: 2, Max: 1},
		{Kind: Normal, Mean: 0, SD: 0},
		{Kind: Normal, Mean: 0, SD: 1, Min: 50, Max: 60},
		{Kind: LogNormal, Mu: 0, Sigma: -1},
		{Kind: Beta, Alpha: 0, Beta: 1},
		{Kind: Beta, Alpha: 1, Beta: 1, Min: 2, Max: 1},
		{Kind: Discrete},
		{Kind: Discrete, Values: []float64{1}, Weights: []float64{0}},
		{Kind: Discrete, Values: []float64{1, 2}, Weights: []float64{1}},
		{Kind: Discrete, Values: []float64{1}, Weights: []float64{-1}},
		{Kind: Kind(99)},
	}
	for _, d := range bad {
		if err := d.Validate(); !errors.Is(err, ErrBadParams) {
			t.Errorf("Validate(%+v) = %v, want ErrBadParams", d, err)
		}
	}
}

// Quantile is non-decreasing and stays in the support, for every family.
func TestQuantileMonotoneProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lo := rapid.Float64Range(-100, 100).Draw(t, "lo")
		w := rapid.Float64Range(0.01, 100).Draw(t, "w")
		var d Dist
		switch rapid.IntRange(1, 6).Draw(t, "kind") {
		case 1:
			d = Dist{Kind: Uniform, Min: lo, Max: lo + w}
		case 2:
			d = Dist{Kind: Triangular, Min: lo, Mode: lo + w*rapid.Float64Range(0, 1).Draw(t, "f"), Max: lo + w}
		case 3:
			d = Dist{Kind: Normal, Mean: lo, SD: w}
		case 4:
			d = Dist{Kind: LogNormal, Mu: lo / 50, Sigma: w / 50}
		case 5:
			d = Dist{Kind: Beta, Alpha: w / 10, Beta: rapid.Float64Range(0.1, 10).Draw(t, "b"), Min: lo, Max: lo + w}
		case 6:
			d = Dist{Kind: Discrete, Values: []float64{lo, lo + w, lo - w}, Weights: []float64{1, 2, 3}}
		}
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
		u1 := rapid.Float64Range(0.001, 0.999).Draw(t, "u1")
		u2 := rapid.Float64Range(0.001, 0.999).Draw(t, "u2")
		if u1 > u2 {
			u1, u2 = u2, u1
		}
		q1, q2 := d.Quantile(u1), d.Quantile(u2)
		if q1 > q2+1e-9*math.Max(1, math.Abs(q2)) {
			t.Fatalf("%s: Quantile(%g)=%g > Quantile(%g)=%g", d.String(), u1, q1, u2, q2)
		}
		slo, shi := d.Support()
		if q1 < slo-1e-9 || q2 > shi+1e-9 {
			t.Fatalf("%s: quantiles %g, %g outside support [%g, %g]", d.String(), q1, q2, slo, shi)
		}
	})
}

func TestSampleDeterministic(t *testing.T) {
	d := mustDist(t, Dist{Kind: Beta, Alpha: 0.7, Beta: 3})
	r1, r2 := NewRand(9), NewRand(9)
	for i := range 1000 {
		if a, b := d.Sample(r1), d.Sample(r2); a != b {
			t.Fatalf("draw %d differs: %g vs %g", i, a, b)
		}
	}
}

func BenchmarkSample(b *testing.B) {
	for _, d := range []Dist{
		{Kind: Point, Value: 1},
		{Kind: Uniform, Min: 0, Max: 1},
		{Kind: Triangular, Min: 0, Mode: 0.3, Max: 1},
		{Kind: Normal, Mean: 0, SD: 1},
		{Kind: Normal, Mean: 0, SD: 1, Min: -1, Max: 2},
		{Kind: LogNormal, Mu: 0, Sigma: 1},
		{Kind: Beta, Alpha: 2, Beta: 5},
		{Kind: Discrete, Values: []float64{1, 2, 3, 4}, Weights: []float64{1, 1, 1, 1}},
	} {
		d := mustDist(b, d)
		b.Run(d.Kind.String(), func(b *testing.B) {
			rng := NewRand(1)
			b.ReportAllocs()
			s := 0.0
			for b.Loop() {
				s += d.Sample(rng)
			}
			_ = s
		})
	}
}
