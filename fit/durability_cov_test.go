package fit

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/deter"
)

// simulateCov draws spells from the cure Weibull with a proportional
// hazard e^η on the non-cured, η = δ'(x − centre), years interval-censored
// at uniform follow-up, covariates like the post-war spells' (two binary,
// one ln(1 + count)).
func simulateCov(r *rand.Rand, n int, pc, k, lam float64, delta, centre [NumPostWarCovariates]float64) []Spell {
	sp := make([]Spell, n)
	for i := range sp {
		var x [NumPostWarCovariates]float64
		if r.Float64() < 0.4 {
			x[0] = 1
		}
		if r.Float64() < 0.35 {
			x[1] = 1
		}
		x[2] = math.Log1p(float64(r.IntN(4) * r.IntN(2)))
		var eta float64
		for j := range x {
			eta += delta[j] * (x[j] - centre[j])
		}
		cens := 1 + r.IntN(80)
		s := Spell{A: i + 1, B: 0, X: x} // one dyad per spell
		s.Years, s.Event = drawCureYears(r, cens, pc, lam, k, eta)
		sp[i] = s
	}
	return sp
}

// The fit recovers known coefficients from 4,000 simulated spells: each
// estimate within 4 SE of the truth. The centre is the sample mean, so the
// truth is stated at the simulated sample's means.
func TestFitCureCovRecovers(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	pc, k, lam := 0.45, 0.9, 40.0
	delta := [NumPostWarCovariates]float64{1.2, 0.4, -0.3}
	// Draw once to find the sample means, then redraw with η centred there
	// (the same seed gives the same covariates: they are drawn first in
	// each row, before the outcome's draws, and the outcome draws do not
	// depend on η's centre).
	probe := simulateCov(rand.New(rand.NewPCG(11, 12)), 4000, pc, k, lam, delta, [NumPostWarCovariates]float64{})
	var centre [NumPostWarCovariates]float64
	for _, s := range probe {
		for j := range centre {
			centre[j] += s.X[j] / float64(len(probe))
		}
	}
	sp := simulateCov(r, 4000, pc, k, lam, delta, centre)
	f, err := FitCureCov(sp)
	if err != nil {
		t.Fatal(err)
	}
	for j := range delta {
		if math.Abs(f.Centre[j]-centre[j]) > 1e-12 {
			t.Fatalf("centre %d: %v, want the sample mean %v", j, f.Centre[j], centre[j])
		}
		if z := (f.Coef[j] - delta[j]) / f.SE[j]; math.Abs(z) > 4 {
			t.Errorf("%s: %.3f (SE %.3f), truth %.3f", PostWarCovNames[j], f.Coef[j], f.SE[j], delta[j])
		}
	}
	for _, c := range []struct {
		name           string
		est, se, truth float64
	}{{"logit pc", f.PC0, f.SEPC0, deter.Logit(pc)}, {"k", f.K, f.SEK, k}, {"lambda", f.Lambda, f.SELam, lam}} {
		if math.Abs(c.est-c.truth) > 4*c.se {
			t.Errorf("%s: %.3f (SE %.3f), truth %.3f", c.name, c.est, c.se, c.truth)
		}
	}
	// The nested model without covariates cannot fit better.
	p, err := FitCure(sp)
	if err != nil {
		t.Fatal(err)
	}
	if f.LogLik < p.LogLik-1e-6 {
		t.Errorf("covariate log-likelihood %v below the nested model's %v", f.LogLik, p.LogLik)
	}
	// With the effect above, the pre-registered CV by dyad adopts the covariates.
	cv, err := crossValidatePostWarCov(sp[:1500], 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !cv.Adopted {
		t.Errorf("CV by dyad did not adopt true covariates: %+v", cv)
	}
}

// The fit's term is deter.PostWarTerm: the committed coefficients give the
// same η as the fit's own arithmetic for the post-war spells' covariates.
func TestPostWarTermMatchesFit(t *testing.T) {
	d := deter.Default()
	f := CureCovFit{}
	es := d.PostWarEstimates()
	for j, e := range es[:NumPostWarCovariates] {
		f.Coef[j], f.Centre[j] = e.Value, e.Centre
	}
	for wars := range 5 {
		for _, riv := range []bool{false, true} {
			x := deter.PostWarCovariates{Rivalry: riv, Contiguous: !riv, EarlierWars: wars}
			v := x.Values() // no war outcome: the outcome's term at "no decision"
			var xv [NumPostWarCovariates]float64
			copy(xv[:], v[:NumPostWarCovariates])
			out := -d.DWarWon.Value*d.DWarWon.Centre - d.DWarLost.Value*d.DWarLost.Centre
			if got, want := f.eta(xv)+out, deter.PostWarTerm(d, x); math.Abs(got-want) > 1e-12 {
				t.Errorf("%+v: fit %v, deter %v", x, got, want)
			}
		}
	}
}

// drawCureYears draws a simulated spell's outcome under the cure Weibull
// S(t) = pc + (1 − pc) exp(−(t/lam)^k e^eta), censored at cens years: the
// cure status first, then (if not cured) the failure time by inversion, an
// event in year ceil(t). One copy for every simulation in the tests, in
// the order of draws they were written with.
func drawCureYears(r *rand.Rand, cens int, pc, lam, k, eta float64) (years int, event bool) {
	if r.Float64() >= pc {
		tt := lam * math.Pow(-math.Log(1-r.Float64())*math.Exp(-eta), 1/k)
		if y := max(int(math.Ceil(tt)), 1); y <= cens {
			return y, true
		}
	}
	return cens, false
}
