package deter

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// At the reference index (z = 0) and without mechanisms (hr = 1) the
// post-war survival is the fitted cure Weibull exactly, on the committed
// coefficients: pc + (1 - pc) exp(-(T/Lambda)^K), pc = L(PC0).
func TestPostWarSurvivalAtReferenceIsTheFit(t *testing.T) {
	c := Default()
	pc := 1 / (1 + math.Exp(-c.PC0.Value))
	for _, T := range []float64{0.25, 1, 5, 10, 27.48, 100} {
		want := pc + (1-pc)*math.Exp(-math.Pow(T/c.Lambda.Value, c.K.Value))
		_, ref := c.PostWarSlope()
		z := PostWarRelIndex(c, ref.Value, 0) // x = the reference
		if z != 0 {
			t.Fatalf("z at the reference = %v, want 0", z)
		}
		if got := PostWarSurvival(c, z, T, 1); math.Abs(got-want) > 1e-12 {
			t.Errorf("S(%v) = %.15f, want the fitted curve %.15f", T, got, want)
		}
	}
	// The fit's own first year (docs/fit.md: on directed spells, under 1%
	// of challengers renew war in year 1; 6 of 634 directed spells did).
	if s1 := PostWarSurvival(c, 0, 1, 1); s1 < 0.98 || s1 > 0.998 {
		t.Errorf("S(1) at the reference = %v, outside the fit's 0.2-2%% first-year renewal", s1)
	}
}

// Closed forms by hand with the test coefficients: z = A1 (x - DIRef),
// hazard multiplied by exp(-z), cured share L(PC0 + PC1 z).
func TestPostWarClosedForm(t *testing.T) {
	c := testCoef()
	c.DIRef = Estimate{Value: 0.4}
	// x = ln Cbar - ln Pi = 1.2 - (-0.2) = 1.4; z = 1.3 (1.4 - 0.4) = 1.3
	z := PostWarRelIndex(c, 1.2, -0.2)
	if math.Abs(z-1.3) > tol {
		t.Fatalf("z = %v, want 1.3", z)
	}
	pc := Logistic(0.5 + 0.3*1.3)
	// T = Lambda: (T/Lambda)^K = 1, so S = pc + (1-pc) exp(-hr e^-z).
	want := pc + (1-pc)*math.Exp(-0.6*math.Exp(-1.3))
	if got := PostWarSurvival(c, z, 25, 0.6); math.Abs(got-want) > tol {
		t.Errorf("S(Lambda) = %v, want %v", got, want)
	}
	if got := PostWarSurvival(c, z, 0, 1); got != 1 {
		t.Errorf("S(0) = %v, want 1", got)
	}
	if got := PostWarSurvival(c, z, 1e12, 1); math.Abs(got-pc) > 1e-9 {
		t.Errorf("S(inf) = %v, want the cured share %v", got, pc)
	}
	// The index's hazard ratio is exactly a factor on the hazard: with
	// PC1 = 0, S at (z, hr) equals S at (0, hr e^-z).
	c.PC1 = Estimate{}
	if a, b := PostWarSurvival(c, 0.7, 3, 0.8), PostWarSurvival(c, 0, 3, 0.8*math.Exp(-0.7)); math.Abs(a-b) > tol {
		t.Errorf("S(z=.7, hr=.8) = %v, S(z=0, hr=.8e^-.7) = %v", a, b)
	}
}

// The rare-event argument for reading A1 as a log hazard ratio: for small
// P(attack), ln P(attack) = ln L(-(a + A1 x)) falls in x with slope -> A1.
func TestLogitSlopeIsLogHazardSlopeForRareEvents(t *testing.T) {
	const a1, h = 1.49, 1e-4
	for _, a := range []float64{4, 6, 8} { // P(attack) about 2%, 0.25%, 0.03%
		lp := func(x float64) float64 { return math.Log(Logistic(-(a + a1*x))) }
		slope := (lp(h) - lp(-h)) / (2 * h)
		p := Logistic(-a)
		// d ln L(-u)/du = -(1 - L(-u)), so the slope is -A1 (1 - p).
		if math.Abs(slope+a1*(1-p)) > 1e-6 || math.Abs(slope+a1) > a1*0.02 {
			t.Errorf("a = %v: d ln P(attack)/dx = %v, want about -%v (P(attack) %.4f)", a, slope, a1, p)
		}
	}
}

// Post-war survival rises in z (PC1 >= 0), falls in T and in hr.
func TestPostWarMonotone(t *testing.T) {
	c := testCoef()
	const d = 1e-3
	rapid.Check(t, func(t *rapid.T) {
		z := rapid.Float64Range(-6, 6).Draw(t, "z")
		T := rapid.Float64Range(0.01, 100).Draw(t, "T")
		hr := rapid.Float64Range(0.05, 3).Draw(t, "hr")
		s := PostWarSurvival(c, z, T, hr)
		if s < 0 || s > 1 || PostWarSurvival(c, z+d, T, hr) < s || PostWarSurvival(c, z, T+d, hr) > s || PostWarSurvival(c, z, T, hr+d) > s {
			t.Fatalf("PostWarSurvival not monotone at z %v T %v hr %v", z, T, hr)
		}
	})
}

// PostWarTerm is Σ δ_j (x_j − centre_j) on Values' scale: a closed form on
// made-up coefficients, 0 at the centres.
func TestPostWarTerm(t *testing.T) {
	c := &Coefficients{}
	c.DRivalry = Estimate{Value: 1.5, Centre: 0.4}
	c.DContiguous = Estimate{Value: 0.3, Centre: 0.3}
	c.DWars = Estimate{Value: -0.2, Centre: 0.2}
	x := PostWarCovariates{Rivalry: true, Contiguous: false, EarlierWars: 3}
	want := 1.5*(1-0.4) + 0.3*(0-0.3) - 0.2*(math.Log(4)-0.2)
	if got := PostWarTerm(c, x); math.Abs(got-want) > 1e-15 {
		t.Errorf("PostWarTerm %v, want %v", got, want)
	}
	c.DRivalry.Centre, c.DContiguous.Centre, c.DWars.Centre = 1, 0, math.Log(4)
	if got := PostWarTerm(c, x); math.Abs(got) > 1e-15 {
		t.Errorf("at the centres PostWarTerm = %v, want 0", got)
	}
}
