package fit

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The indicator on known spells, against the sources:
//   - Israel (666) against Egypt (651) after the Six Day War (COW war 169,
//     1967): Egypt's partners under the Arab League's Joint Defence and
//     Economic Co-operation Treaty (1950; ATOP 3180) that did not fight,
//     among them Saudi Arabia and Lebanon, make pact = 1.
//   - North Korea (731) against South Korea (732) after the Korean War (COW
//     war 151, 1953): South Korea's one defence pact is with the US (the
//     Mutual Defense Treaty, 1953), a belligerent, so pact = 0.
//   - Egypt against Israel, 1967: Israel had no defence treaty in force
//     (ATOP codes none; the US commitment was informal), so pact = 0: the
//     indicator is directional.
func TestPactIndicatorKnownSpells(t *testing.T) {
	sp := []Spell{
		{A: 666, B: 651, WarNum: 169, End: 1967, Years: 6, Event: true},
		{A: 731, B: 732, WarNum: 151, End: 1953, Years: 10},
		{A: 651, B: 666, WarNum: 169, End: 1967, Years: 6},
	}
	n, err := AddPactIndicator(sp)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 0, 0}
	for i, s := range sp {
		if s.Pact != want[i] {
			t.Errorf("%d→%d (%d): pact %v, want %v", s.A, s.B, s.End, s.Pact, want[i])
		}
	}
	if n.Spells != 3 || n.WithPact != 1 || n.Events != [2]int{0, 1} || n.SpellYears != [2]int{16, 6} {
		t.Errorf("counts %+v", n)
	}
	// An unknown war is an error naming the spell, not a silent 0.
	if _, err := AddPactIndicator([]Spell{{A: 666, B: 651, WarNum: -1, End: 1967}}); err == nil {
		t.Error("unknown war: no error")
	}
}

// simulatePact draws directed spells with the dyad covariates of
// simulateCov, war outcomes (won, lost, neither in thirds), a pact with
// probability 0.3 and hazard e^{δ·x + out + dp·pact} on the non-cured.
func simulatePact(r *rand.Rand, n int, pc, k, lam, dp float64, delta [NumPostWarCovariates]float64, out [NumOutcomes]float64) []Spell {
	sp := simulateCov(r, n, 0, 1, 1, [NumPostWarCovariates]float64{}, [NumPostWarCovariates]float64{})
	for i := range sp {
		s := &sp[i]
		s.Index = 1 + 2*r.NormFloat64()
		var eta float64
		for j := range s.X {
			eta += delta[j] * s.X[j]
		}
		if o := r.IntN(3); o < NumOutcomes {
			s.Out[o] = 1
			eta += out[o]
		}
		if r.Float64() < 0.3 {
			s.Pact = 1
			eta += dp
		}
		s.Years, s.Event = drawCureYears(r, 1+r.IntN(80), pc, lam, k, eta)
	}
	return sp
}

// M4 recovers a known δ_pact = −0.6 from 4,000 simulated spells (within 4
// SE), and nests M3: its likelihood is no lower, and held-out scoring uses
// the fit's likelihood.
func TestFitPactRecovers(t *testing.T) {
	delta := [NumPostWarCovariates]float64{1.2, 0.4, -0.3}
	out := [NumOutcomes]float64{0.7, 0.1}
	sp := simulatePact(rand.New(rand.NewPCG(51, 52)), 4000, 0.4, 0.9, 40, -0.6, delta, out)
	f, err := FitSlope(sp, SlopePact, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.PactBoundary || !(f.PactSE > 0) || math.Abs(f.PactCoef+0.6) > 4*f.PactSE {
		t.Errorf("δ_pact = %v (SE %v, boundary %v), truth −0.6", f.PactCoef, f.PactSE, f.PactBoundary)
	}
	if math.Abs(f.PactCentre-0.3) > 0.03 {
		t.Errorf("p̄ = %v, want the sample mean near 0.3", f.PactCentre)
	}
	for j, d := range out {
		if math.Abs(f.OutCoef[j]-d) > 4*f.OutSE[j] {
			t.Errorf("outcome %d: %v (SE %v), truth %v", j, f.OutCoef[j], f.OutSE[j], d)
		}
	}
	m3, err := FitSlope(sp, SlopeOutcome, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.LogLik < m3.LogLik-1e-6 {
		t.Errorf("log-lik M4 %v below M3 %v", f.LogLik, m3.LogLik)
	}
	var s float64
	for _, x := range sp {
		s += f.SpellLogLik(x)
	}
	if math.Abs(s-f.LogLik) > 1e-6*math.Abs(s) {
		t.Errorf("sum of SpellLogLik %v, fit's log-lik %v", s, f.LogLik)
	}
}

// When a pact raises the hazard in the data (true δ_pact > 0), the
// restricted mode is the boundary δ_pact = 0: M4 is M3's fit, and the
// penalised profile has fallen by 1.92 at the profile lower bound.
func TestFitPactBoundary(t *testing.T) {
	sp := simulatePact(rand.New(rand.NewPCG(61, 62)), 2000, 0.4, 0.9, 40, 0.5, [NumPostWarCovariates]float64{}, [NumOutcomes]float64{})
	f, err := FitSlope(sp, SlopePact, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !f.PactBoundary || f.PactCoef != 0 {
		t.Fatalf("δ_pact = %v, boundary %v: want the boundary 0", f.PactCoef, f.PactBoundary)
	}
	m3, err := FitSlope(sp, SlopeOutcome, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.LogLik-m3.LogLik) > 1e-6 {
		t.Errorf("at the boundary M4 log-lik %v, M3 %v", f.LogLik, m3.LogLik)
	}
	for _, x := range sp[:50] {
		if d := f.SpellLogLik(x) - m3.SpellLogLik(x); math.Abs(d) > 1e-6 {
			t.Fatalf("at the boundary a spell's log-lik differs from M3's by %v", d)
		}
	}
	if !(f.PactLower95 < 0) || math.Abs(f.PactSE+f.PactLower95/1.96) > 1e-12 {
		t.Fatalf("lower bound %v, SE %v", f.PactLower95, f.PactSE)
	}
	at := func(d float64) float64 {
		g, err := fitSlopeFrom(sp, SlopeFit{Model: SlopePact, pactHeld: true, PactCoef: d}, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return g.penalised
	}
	if d := at(0) - at(f.PactLower95); math.Abs(d-profileDrop) > 0.01 {
		t.Errorf("profile falls by %v at the bound, want %v", d, profileDrop)
	}
}

// The analytic gradient of M4's objective agrees with central differences,
// with δ_pact free and held.
func TestPactGradientMatchesNumerical(t *testing.T) {
	sp := simulatePact(rand.New(rand.NewPCG(71, 72)), 300, 0.4, 0.9, 40, -0.4, [NumPostWarCovariates]float64{0.8, 0.2, -0.1}, [NumOutcomes]float64{0.5, 0})
	for _, held := range []bool{false, true} {
		f := SlopeFit{Model: SlopePact, Slope: 0.2, Ref: 1, XScale: 4, pactHeld: held, PactCoef: -0.3}
		nlp, grad, n := f.objective(sp, false)
		th := []float64{0.3, -0.2, math.Log(30), 0.5, 0.1, -0.2, 0.4, 0.1}
		if !held {
			th = append(th, -0.5)
		}
		if n != len(th) {
			t.Fatalf("held %v: %d parameters, want %d", held, n, len(th))
		}
		g := make([]float64, n)
		grad(g, th)
		for i := range th {
			const h = 1e-6
			up, dn := append([]float64(nil), th...), append([]float64(nil), th...)
			up[i] += h
			dn[i] -= h
			num := (nlp(up) - nlp(dn)) / (2 * h)
			if math.Abs(g[i]-num) > 1e-5*math.Max(1, math.Abs(num)) {
				t.Errorf("held %v: d/dθ%d analytic %v, numerical %v", held, i, g[i], num)
			}
		}
	}
}
