package capability

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

func TestContestSuccess(t *testing.T) {
	cases := []struct{ ma, mb, g, want float64 }{
		{1, 1, 1, .5}, {3, 1, 1, .75}, {3, 1, 2, .9}, {2, 1, 0, .5}, {0, 1, 1, 0}, {1, 0, 1, 1}, {0, 0, 1, .5},
		{1e-300, 1, 1, 1e-300 / (1 + 1e-300)}, {2, 1, 2000, 1},
	}
	for _, c := range cases {
		if got := ContestSuccess(c.ma, c.mb, c.g); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ContestSuccess(%g,%g,%g) = %v, want %v", c.ma, c.mb, c.g, got, c.want)
		}
	}
	rapid.Check(t, func(rt *rapid.T) {
		a := rapid.Float64Range(1e-6, 10).Draw(rt, "a")
		b := rapid.Float64Range(1e-6, 10).Draw(rt, "b")
		g := rapid.Float64Range(0, 20).Draw(rt, "g")
		p, q := ContestSuccess(a, b, g), ContestSuccess(b, a, g)
		if math.Abs(p+q-1) > 1e-12 {
			rt.Fatalf("P(A)+P(B) = %v", p+q)
		}
		if direct := math.Pow(a, g) / (math.Pow(a, g) + math.Pow(b, g)); !math.IsNaN(direct) && math.Abs(p-direct) > 1e-9 {
			rt.Fatalf("%v vs direct formula %v", p, direct)
		}
	})
}

// synthetic data drawn from a known g: the MLE must recover it within a few
// standard errors, and must sit at the maximum of a brute-force grid.
func TestFitContestRecoversG(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const gTrue = 1.7
	obs := make([]WarObs, 2000)
	for i := range obs {
		m1, m2 := math.Exp(rng.NormFloat64()), math.Exp(rng.NormFloat64())
		obs[i] = WarObs{M1: m1, M2: m2, Side1Won: rng.Float64() < ContestSuccess(m1, m2, gTrue)}
	}
	f, err := FitContest(obs)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.G-gTrue) > 3*f.SE {
		t.Errorf("g = %.3f (SE %.3f), true %.1f", f.G, f.SE, gTrue)
	}
	checkGridMax(t, obs, f)
}

func checkGridMax(t *testing.T, obs []WarObs, f ContestFit) {
	t.Helper()
	ll := func(g float64) float64 {
		var s float64
		for _, o := range obs {
			p := ContestSuccess(o.M1, o.M2, g)
			if o.Side1Won {
				s += math.Log(p)
			} else {
				s += math.Log(1 - p)
			}
		}
		return s
	}
	for g := f.G - 1; g <= f.G+1; g += 0.001 {
		if ll(g) > f.LogLik+1e-9 {
			t.Fatalf("grid point g=%.3f has log-lik %.6f above the MLE's %.6f", g, ll(g), f.LogLik)
		}
	}
	// the observed information equals minus the numerical second derivative
	h := 1e-3
	d2 := (ll(f.G+h) - 2*ll(f.G) + ll(f.G-h)) / (h * h)
	if se := 1 / math.Sqrt(-d2); math.Abs(se-f.SE) > 1e-3*f.SE {
		t.Errorf("SE %.6f vs numerical %.6f", f.SE, se)
	}
}

func TestFitWarOutcomes(t *testing.T) {
	f, obs, err := FitWarOutcomes()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("COW wars: g = %.3f (SE %.3f), n = %d, dropped %d, LR(g=1) = %.2f, %s", f.G, f.SE, f.N, f.Dropped, f.LRg1, f.Data)
	if f.N != len(obs) || f.N < 50 || f.N+f.Dropped != 95 {
		t.Errorf("n = %d, dropped %d: the COW file has 95 wars", f.N, f.Dropped)
	}
	if f.Data == "" || f.Status == "" {
		t.Error("fit does not name its data versions or status")
	}
	checkGridMax(t, obs, f)
}

// Known outcomes: the Franco-Prussian war (COW 58) was won by side 1
// (Prussia), the Gulf War (COW 211, from 1990) by the coalition against Iraq.
func TestWarOutcomesKnownWars(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	obs, _, err := WarOutcomes(x)
	if err != nil {
		t.Fatal(err)
	}
	found := map[int]WarObs{}
	for _, o := range obs {
		found[o.WarNum] = o
	}
	gulf, ok := found[211]
	iraq, _ := x.CINC(645, gulf.Year)
	if !ok || gulf.Year != 1990 {
		t.Fatalf("Gulf War: %+v", gulf)
	}
	// the side holding Iraq lost, and its capability is Iraq's alone
	if (gulf.M1 == iraq) == gulf.Side1Won || (gulf.M1 != iraq && gulf.M2 != iraq) {
		t.Errorf("Gulf War coded wrongly: %+v (Iraq CINC %v)", gulf, iraq)
	}
	if fp, ok := found[58]; !ok || fp.Year != 1870 {
		t.Errorf("Franco-Prussian war missing: %+v", fp)
	}
}
