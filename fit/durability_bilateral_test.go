package fit

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The indicator on known wars, against COW Inter-State War 4.0's
// participant lists:
//   - the Football War (COW war 175, 1969) was fought by El Salvador (92)
//     and Honduras (91) alone: bilateral = 1, in both directions;
//   - the Second World War (COW war 139) had 25 state participants; Brazil
//     (140) and Germany (255) fought as members of coalitions:
//     bilateral = 0.
func TestBilateralKnownWars(t *testing.T) {
	sp := []Spell{
		{A: 92, B: 91, WarNum: 175, End: 1969, Years: 10},
		{A: 91, B: 92, WarNum: 175, End: 1969, Years: 10},
		{A: 140, B: 255, WarNum: 139, End: 1945, Years: 20, Event: true},
	}
	n, err := AddBilateral(sp)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 1, 0}
	for i, s := range sp {
		if s.Bil != want[i] {
			t.Errorf("%d→%d after war %d: bilateral %v, want %v", s.A, s.B, s.WarNum, s.Bil, want[i])
		}
	}
	if n.Spells != 3 || n.Bilateral != 2 || n.Events != [2]int{1, 0} || n.SpellYears != [2]int{20, 20} {
		t.Errorf("counts %+v", n)
	}
	// An unknown war is an error naming the spell, not a silent 0.
	if _, err := AddBilateral([]Spell{{A: 92, B: 91, WarNum: -1, End: 1969}}); err == nil {
		t.Error("unknown war: no error")
	}
}

// simulateBilateral draws directed spells with the dyad covariates of
// simulateCov, war outcomes (won, lost, neither in thirds), a bilateral war
// with probability 0.25 (the same for both directions of a pair: spells
// come in pairs 2i, 2i+1) and hazard e^{δ·x + out + db·bil} on the
// non-cured.
func simulateBilateral(r *rand.Rand, n int, pc, k, lam, db float64, delta [NumPostWarCovariates]float64, out [NumOutcomes]float64) []Spell {
	sp := simulateCov(r, n, 0, 1, 1, [NumPostWarCovariates]float64{}, [NumPostWarCovariates]float64{})
	for i := range sp {
		s := &sp[i]
		s.Index = 1 + 2*r.NormFloat64()
		if i%2 == 1 {
			s.X, s.Bil = sp[i-1].X, sp[i-1].Bil
		} else if r.Float64() < 0.25 {
			s.Bil = 1
		}
		eta := db * s.Bil
		for j := range s.X {
			eta += delta[j] * s.X[j]
		}
		if o := r.IntN(3); o < NumOutcomes {
			s.Out[o] = 1
			eta += out[o]
		}
		s.Years, s.Event = drawCureYears(r, 1+r.IntN(80), pc, lam, k, eta)
	}
	return sp
}

// M5 recovers a known δ_bil from 4,000 simulated spells (within 4 SE), of
// either sign (the sign is not restricted), and nests M3: its likelihood is
// no lower, and held-out scoring uses the fit's likelihood.
func TestFitBilateralRecovers(t *testing.T) {
	delta := [NumPostWarCovariates]float64{1.2, 0.4, -0.3}
	out := [NumOutcomes]float64{0.7, 0.1}
	for _, db := range []float64{0.8, -0.6} {
		sp := simulateBilateral(rand.New(rand.NewPCG(81, uint64(100*db+100))), 4000, 0.4, 0.9, 40, db, delta, out)
		f, err := FitSlope(sp, SlopeBilateral, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !(f.BilSE > 0) || math.Abs(f.BilCoef-db) > 4*f.BilSE {
			t.Errorf("δ_bil = %v (SE %v), truth %v", f.BilCoef, f.BilSE, db)
		}
		if math.Abs(f.BilCentre-0.25) > 0.03 {
			t.Errorf("b̄ = %v, want the sample mean near 0.25", f.BilCentre)
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
			t.Errorf("log-lik M5 %v below M3 %v", f.LogLik, m3.LogLik)
		}
		var s float64
		for _, x := range sp {
			s += f.SpellLogLik(x)
		}
		if math.Abs(s-f.LogLik) > 1e-6*math.Abs(s) {
			t.Errorf("sum of SpellLogLik %v, fit's log-lik %v", s, f.LogLik)
		}
	}
}

// With no effect in the data and a constant indicator, M5 is M3: the
// centred term is zero on every spell.
func TestFitBilateralConstantIsM3(t *testing.T) {
	sp := simulateBilateral(rand.New(rand.NewPCG(91, 92)), 600, 0.4, 0.9, 40, 0, [NumPostWarCovariates]float64{0.5, 0.2, 0}, [NumOutcomes]float64{0.4, 0})
	for i := range sp {
		sp[i].Bil = 1
	}
	f, err := FitSlope(sp, SlopeBilateral, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	m3, err := FitSlope(sp, SlopeOutcome, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.LogLik-m3.LogLik) > 1e-4 || math.Abs(f.BilCentre-1) > 1e-9 {
		t.Errorf("constant indicator: M5 log-lik %v, M3 %v, b̄ %v", f.LogLik, m3.LogLik, f.BilCentre)
	}
}

// The CV picks M5 when the indicator generated the outcomes, and the
// adopted model when it did not (the indicator then only adds noise).
func TestBilateralCVPicksTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("20 fits per comparison")
	}
	for _, tc := range []struct {
		db   float64
		want bool
	}{{1.2, true}, {0, false}} {
		sp := simulateBilateral(rand.New(rand.NewPCG(101, 102)), 1600, 0.4, 0.9, 40, tc.db, [NumPostWarCovariates]float64{0.8, 0.2, 0}, [NumOutcomes]float64{0.5, 0})
		// Pairs 2i, 2i+1 are one dyad: give them one pair of codes.
		for i := range sp {
			sp[i].A, sp[i].B = 1000+i/2, 5000+i/2
			if i%2 == 1 {
				sp[i].A, sp[i].B = sp[i].B, sp[i].A
			}
		}
		cv, err := crossValidateTerm("bilateral-war", sp, sp, 10, 1, SlopeOutcome, SlopeBilateral)
		if err != nil {
			t.Fatal(err)
		}
		if cv.Wins != tc.want || cv.Dyads != 800 {
			t.Errorf("δ_bil %v: M5 %v vs adopted %v (dyads %d), M5 wins %v, want %v", tc.db, cv.Candidate, cv.Adopted, cv.Dyads, cv.Wins, tc.want)
		}
	}
}

// The analytic gradient of M5's objective agrees with central differences.
func TestBilateralGradientMatchesNumerical(t *testing.T) {
	sp := simulateBilateral(rand.New(rand.NewPCG(111, 112)), 300, 0.4, 0.9, 40, 0.5, [NumPostWarCovariates]float64{0.8, 0.2, -0.1}, [NumOutcomes]float64{0.5, 0})
	f := SlopeFit{Model: SlopeBilateral, Slope: 0.2, Ref: 1, XScale: 4}
	nlp, grad, n := f.objective(sp, false)
	th := []float64{0.3, -0.2, math.Log(30), 0.5, 0.1, -0.2, 0.4, 0.1, 0.6}
	if n != len(th) {
		t.Fatalf("%d parameters, want %d", n, len(th))
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
			t.Errorf("d/dθ%d analytic %v, numerical %v", i, g[i], num)
		}
	}
}
