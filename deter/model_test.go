package deter

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// testCoef is a fixed set of coefficients for closed-form checks, independent
// of whatever the committed fit holds.
func testCoef() *Coefficients {
	v := func(x float64) Estimate { return Estimate{Value: x} }
	return &Coefficients{
		Base:     map[string]Estimate{BaseNone: v(-3)},
		Post1945: v(-1.5), BT: v(0.2), BE: v(0.3), BA: v(0.8), BD: v(2),
		Gamma: v(1.5), C0: v(0.1), C1: v(0.7), CN: v(1.2),
		A0: v(0.4), A1: v(1.3), AGeneral: v(2.5),
		K: v(0.8), Lambda: v(25), PC0: v(0.5), PC1: v(0.3),
		HR: map[string]Estimate{HRDMZ: v(0.6)},
	}
}

const tol = 1e-12

func TestResponseClosedForm(t *testing.T) {
	c := testCoef()
	cases := []struct {
		name string
		x    ResponseInput
		want float64 // the logit index, by hand
	}{
		{"base only", ResponseInput{Base: -3, PWin: 0.5}, -3},
		{"era", ResponseInput{Base: -3, PWin: 0.5, Post1945: true}, -4.5},
		{"troops e-1", ResponseInput{Base: 0, PWin: 0.5, Troops: math.E - 1}, 0.2},
		{"stake e^2-1", ResponseInput{Base: 0, PWin: 0.5, StakeUSDbn: math.E*math.E - 1}, 0.6},
		{"audience", ResponseInput{Base: 0, PWin: 0.5, Audience: 1}, 0.8},
		{"pwin 1", ResponseInput{Base: 0, PWin: 1}, 1},
		{"signals", ResponseInput{Base: 1, PWin: 0.5, LogLR: math.Log(0.5)}, 1 + math.Log(0.5)},
	}
	for _, tc := range cases {
		if got := ResponseIndex(c, tc.x); math.Abs(got-tc.want) > tol {
			t.Errorf("%s: index %v, want %v", tc.name, got, tc.want)
		}
		want := 1 / (1 + math.Exp(-tc.want))
		if got := Response(c, tc.x); math.Abs(got-want) > tol {
			t.Errorf("%s: Response %v, want %v", tc.name, got, want)
		}
	}
}

func TestContestClosedForm(t *testing.T) {
	cases := []struct{ fC, fD, g, want float64 }{
		{1, 1, 2, 0.5},
		{2, 1, 1, 2.0 / 3},
		{3, 1, 2, 0.9},         // 9/(9+1)
		{1, 3, 2, 0.1},         // 1/(1+9)
		{4, 2, 0.5, 2.0 / 3.0}, // sqrt: 2/(2+1.414..)? no: 4^.5=2, 2^.5=1.414
		{5, 0, 1, 1},
		{0, 5, 1, 0},
		{0, 0, 1, 0.5},
	}
	cases[4].want = 2 / (2 + math.Sqrt2)
	for _, tc := range cases {
		if got := Contest(tc.fC, tc.fD, tc.g); math.Abs(got-tc.want) > tol {
			t.Errorf("Contest(%v, %v, %v) = %v, want %v", tc.fC, tc.fD, tc.g, got, tc.want)
		}
	}
}

func TestLogWarCostClosedForm(t *testing.T) {
	c := testCoef()
	if got, want := LogWarCost(c, 2, 1, false), 0.1+0.7*math.Log(2); math.Abs(got-want) > tol {
		t.Errorf("LogWarCost(2,1) = %v, want %v", got, want)
	}
	if got, want := LogWarCost(c, 1, 4, true), 0.1+0.7*math.Log(0.25)+1.2; math.Abs(got-want) > tol {
		t.Errorf("LogWarCost(1,4,umbrella) = %v, want %v", got, want)
	}
	for _, fs := range []float64{0, 1} {
		for _, fc := range []float64{0, 1} {
			if v := LogWarCost(c, fs, fc, false); math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("LogWarCost(%v, %v) = %v, want finite", fs, fc, v)
			}
		}
	}
}

func TestStatusQuoClosedForm(t *testing.T) {
	c := testCoef()
	p, idx := StatusQuo(c, math.Log(2), math.Log(0.5), false)
	if want := 0.4 + 1.3*math.Log(4); math.Abs(idx-want) > tol || math.Abs(p-Logistic(want)) > tol {
		t.Errorf("StatusQuo immediate = %v, %v; want index %v", p, idx, want)
	}
	_, g := StatusQuo(c, math.Log(2), math.Log(0.5), true)
	if math.Abs(g-idx-2.5) > tol {
		t.Errorf("general index %v, want immediate %v + 2.5", g, idx)
	}
}

func TestSurvivalClosedForm(t *testing.T) {
	c := testCoef()
	pc := Logistic(0.5 + 0.3*2)
	// T = Lambda, K any: exp(-1 * HR)
	if got, want := Survival(c, 2, 25, 1), pc+(1-pc)*math.Exp(-1); math.Abs(got-want) > tol {
		t.Errorf("Survival(T=lambda) = %v, want %v", got, want)
	}
	if got, want := Survival(c, 2, 25, 0.6), pc+(1-pc)*math.Exp(-0.6); math.Abs(got-want) > tol {
		t.Errorf("Survival(T=lambda, HR .6) = %v, want %v", got, want)
	}
	if got := Survival(c, 2, 0, 1); got != 1 {
		t.Errorf("Survival(T=0) = %v, want 1", got)
	}
	if got := Survival(c, 2, 1e9, 1); math.Abs(got-pc) > 1e-9 {
		t.Errorf("Survival(T=inf) = %v, want the cured share %v", got, pc)
	}
}

func TestLogisticLogit(t *testing.T) {
	for _, x := range []float64{-800, -30, -1, 0, 0.3, 30, 800} {
		p := Logistic(x)
		if p < 0 || p > 1 || math.IsNaN(p) {
			t.Fatalf("Logistic(%v) = %v", x, p)
		}
		if math.Abs(x) < 30 && math.Abs(Logit(p)-x) > 1e-9 {
			t.Errorf("Logit(Logistic(%v)) = %v", x, Logit(p))
		}
	}
}

// The monotonicity properties the engine relies on for its theorems.
func TestMonotoneProperties(t *testing.T) {
	c := testCoef()
	rapid.Check(t, func(t *rapid.T) {
		x := ResponseInput{
			Base:       rapid.Float64Range(-6, 6).Draw(t, "base"),
			Post1945:   rapid.Bool().Draw(t, "era"),
			Troops:     rapid.Float64Range(0, 1e5).Draw(t, "troops"),
			StakeUSDbn: rapid.Float64Range(0, 1e3).Draw(t, "stake"),
			Audience:   rapid.Float64Range(0, 1).Draw(t, "aud"),
			PWin:       rapid.Float64Range(0, 1).Draw(t, "pwin"),
			LogLR:      rapid.Float64Range(-3, 3).Draw(t, "lr"),
		}
		d := rapid.Float64Range(1e-3, 10).Draw(t, "step")
		q := Response(c, x)
		bump := []func(ResponseInput) ResponseInput{
			func(y ResponseInput) ResponseInput { y.Base += d; return y },
			func(y ResponseInput) ResponseInput { y.Troops += d * 100; return y },
			func(y ResponseInput) ResponseInput { y.StakeUSDbn += d; return y },
			func(y ResponseInput) ResponseInput { y.Audience = math.Min(1, y.Audience+d/10); return y },
			func(y ResponseInput) ResponseInput { y.PWin = math.Min(1, y.PWin+d/10); return y },
			func(y ResponseInput) ResponseInput { y.LogLR += d; return y },
		}
		for i, f := range bump {
			if q2 := Response(c, f(x)); q2 < q {
				t.Fatalf("input %d: Response fell from %v to %v", i, q, q2)
			}
		}
		// Contest: falls in the defence, rises in the challenger.
		fC := rapid.Float64Range(0, 1e4).Draw(t, "fC")
		fD := rapid.Float64Range(0, 1e4).Draw(t, "fD")
		g := rapid.Float64Range(0.05, 5).Draw(t, "gamma")
		p := Contest(fC, fD, g)
		if p < 0 || p > 1 || Contest(fC, fD+d, g) > p || Contest(fC+d, fD, g) < p {
			t.Fatalf("Contest not monotone at fC %v fD %v g %v", fC, fD, g)
		}
		// War cost rises with the defence (C1 > 0) and with the umbrella (CN > 0).
		if LogWarCost(c, fD+d, fC, false) < LogWarCost(c, fD, fC, false) ||
			LogWarCost(c, fD, fC, true) < LogWarCost(c, fD, fC, false) {
			t.Fatalf("LogWarCost not monotone at fS %v fC %v", fD, fC)
		}
		// Status quo rises in ln Cbar - ln Pi.
		lc := rapid.Float64Range(-10, 10).Draw(t, "lnC")
		lp := rapid.Float64Range(-10, 0).Draw(t, "lnPi")
		s0, _ := StatusQuo(c, lc, lp, false)
		s1, _ := StatusQuo(c, lc+d, lp, false)
		s2, _ := StatusQuo(c, lc, lp-d, false)
		if s1 < s0 || s2 < s0 {
			t.Fatalf("StatusQuo not increasing in ln Cbar - ln Pi at %v, %v", lc, lp)
		}
		// Survival falls in years, rises in the index (PC1 > 0), falls in the hazard ratio.
		idx := rapid.Float64Range(-5, 5).Draw(t, "idx")
		T := rapid.Float64Range(0, 200).Draw(t, "T")
		hr := rapid.Float64Range(0.05, 3).Draw(t, "hr")
		sv := Survival(c, idx, T, hr)
		if sv < 0 || sv > 1 || Survival(c, idx, T+d, hr) > sv || Survival(c, idx+d, T, hr) < sv || Survival(c, idx, T, hr+d) > sv {
			t.Fatalf("Survival not monotone at idx %v T %v hr %v", idx, T, hr)
		}
	})
}

func TestNoAllocation(t *testing.T) {
	c := testCoef()
	x := ResponseInput{Base: -1, Troops: 100, PWin: 0.4}
	n := testing.AllocsPerRun(100, func() {
		_ = Response(c, x) + Contest(2, 3, 1.5) + LogWarCost(c, 3, 2, true) + Survival(c, 1, 5, 0.7)
		_, _ = StatusQuo(c, 0.1, -0.2, true)
	})
	if n != 0 {
		t.Errorf("allocations per call: %v, want 0", n)
	}
}
