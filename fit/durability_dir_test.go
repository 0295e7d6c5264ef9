package fit

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/deter"
)

// Two renewals whose first mover standard histories agree on, against the
// directed construction from COW MID 5.0's side A:
//   - France (220) and Germany (255) after the Franco-Prussian war (COW
//     war 58, ended 1871): Germany declared war on France on 3 August 1914
//     and invaded through Belgium (Strachan 2001, The First World War,
//     vol. I: To Arms). Germany→France has the event in 1914 (43 years); France→
//     Germany is censored then.
//   - India (750) and Pakistan (770) after the 1965 war (COW war 166):
//     Pakistan opened the 1971 war with air strikes on Indian airfields on
//     3 December 1971 (Ganguly 2002, Conflict Unending:
//     India-Pakistan Tensions since 1947); the
//     renewing dispute begins in 1971 (6 years), Pakistan→India has the event.
func TestDirectSpellsKnownFirstMovers(t *testing.T) {
	sp, _, err := PostWarSpells(5)
	if err != nil {
		t.Fatal(err)
	}
	dir, n, err := DirectSpells(sp, 5)
	if err != nil {
		t.Fatal(err)
	}
	if n.Directed != 2*(n.Spells-n.DroppedCINC) || n.Spells != len(sp) {
		t.Errorf("counts %+v for %d spells", n, len(sp))
	}
	// Every renewal gives one event, or two when ambiguous.
	if want := n.Renewals + n.Ambiguous; n.Events != want {
		t.Errorf("%d directed events, want renewals + ambiguous = %d", n.Events, want)
	}
	cases := []struct {
		a, b, war, years int
		event            bool
	}{
		{255, 220, 58, 43, true}, {220, 255, 58, 43, false},
		{770, 750, 166, 6, true}, {750, 770, 166, 6, false},
	}
	for _, c := range cases {
		found := false
		for _, s := range dir {
			if s.A == c.a && s.B == c.b && s.WarNum == c.war {
				found = true
				if s.Years != c.years || s.Event != c.event || s.Ambiguous {
					t.Errorf("%d→%d after war %d: years %d event %v ambiguous %v, want %d %v false", c.a, c.b, c.war, s.Years, s.Event, s.Ambiguous, c.years, c.event)
				}
				if s.CA <= 0 || s.CB <= 0 {
					t.Errorf("%d→%d: CINC %v, %v", c.a, c.b, s.CA, s.CB)
				}
			}
		}
		if !found {
			t.Errorf("no directed spell %d→%d after war %d", c.a, c.b, c.war)
		}
	}
}

// The index of a directed spell is the engine's bare-dyad national
// fallback: for equal capabilities and deploy shares 0.7 and 1 it is the
// closed form C1 ln(1/0.7) + ln(1 + (1/0.7)^γ) (C0 = 0), and it rises as
// the challenger weakens.
func TestSetNationalIndexClosedForm(t *testing.T) {
	c := deter.Default()
	sp := []Spell{{CA: 0.02, CB: 0.02}, {CA: 0.01, CB: 0.02}}
	SetNationalIndex(sp, c)
	r := 1 / NationalDeployChallenger
	want := c.C0.Value + c.C1.Value*math.Log(r) + math.Log1p(math.Pow(r, c.Gamma.Value))
	if math.Abs(sp[0].Index-want) > 1e-12 {
		t.Errorf("x = %v, want %v", sp[0].Index, want)
	}
	if !(sp[1].Index > sp[0].Index) {
		t.Errorf("a weaker challenger lowers x: %v -> %v", sp[0].Index, sp[1].Index)
	}
}

// simulateSlope draws directed spells with index x ~ N(1, 2) and the
// covariates of simulateCov, hazard e^{η − a (x − 1)} on the non-cured.
func simulateSlope(r *rand.Rand, n int, pc, k, lam, a float64, delta [NumPostWarCovariates]float64) []Spell {
	sp := simulateCov(r, n, 0, 1, 1, [NumPostWarCovariates]float64{}, [NumPostWarCovariates]float64{}) // covariates only
	for i := range sp {
		s := &sp[i]
		s.Index = 1 + 2*r.NormFloat64()
		var eta float64
		for j := range s.X {
			eta += delta[j] * s.X[j]
		}
		eta -= a * (s.Index - 1)
		s.Years, s.Event = drawCureYears(r, 1+r.IntN(80), pc, lam, k, eta)
	}
	return sp
}

// M1 recovers a known slope from 4,000 simulated spells (within 4 SE); M0
// holds the slope and reference it is given; M2 has none.
func TestFitSlopeRecovers(t *testing.T) {
	delta := [NumPostWarCovariates]float64{1.2, 0.4, -0.3}
	sp := simulateSlope(rand.New(rand.NewPCG(21, 22)), 4000, 0.4, 0.9, 40, 0.35, delta)
	f, err := FitSlope(sp, SlopeFitted, 1.5, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	if f.Boundary || !(f.SESlope > 0) || math.Abs(f.Slope-0.35) > 4*f.SESlope {
		t.Errorf("a = %v (SE %v, boundary %v), truth 0.35", f.Slope, f.SESlope, f.Boundary)
	}
	if math.Abs(f.Ref-1) > 0.15 {
		t.Errorf("reference %v, want the sample mean near 1", f.Ref)
	}
	for j, d := range delta {
		if math.Abs(f.Coef[j]-d) > 4*f.SE[j] {
			t.Errorf("δ%d = %v (SE %v), truth %v", j, f.Coef[j], f.SE[j], d)
		}
	}
	m0, err := FitSlope(sp, SlopeCarry, 1.5, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := FitSlope(sp, SlopeZero, 1.5, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	if m0.Slope != 1.5 || m0.Ref != 0.6 || m2.Slope != 0 {
		t.Errorf("M0 slope %v ref %v, M2 slope %v", m0.Slope, m0.Ref, m2.Slope)
	}
	// The fitted slope nests both held ones: its likelihood is no lower.
	if f.LogLik < m0.LogLik-1e-6 || f.LogLik < m2.LogLik-1e-6 {
		t.Errorf("log-lik M1 %v, M0 %v, M2 %v", f.LogLik, m0.LogLik, m2.LogLik)
	}
	// Held-out scoring uses the same likelihood as the fit.
	var s float64
	for _, x := range sp {
		s += f.SpellLogLik(x)
	}
	if math.Abs(s-f.LogLik) > 1e-6*math.Abs(s) {
		t.Errorf("sum of SpellLogLik %v, fit's log-lik %v", s, f.LogLik)
	}
}

// When the hazard rises with x (a true slope below 0), the restricted
// mode is the boundary a = 0: M1 is M2's fit, with a profile upper bound
// at which the penalised profile log-likelihood has fallen by 1.92.
func TestFitSlopeBoundary(t *testing.T) {
	sp := simulateSlope(rand.New(rand.NewPCG(31, 32)), 2000, 0.4, 0.9, 40, -0.3, [NumPostWarCovariates]float64{})
	f, err := FitSlope(sp, SlopeFitted, 1.5, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := FitSlope(sp, SlopeZero, 1.5, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Boundary || f.Slope != 0 {
		t.Fatalf("a = %v, boundary %v: want the boundary 0", f.Slope, f.Boundary)
	}
	if math.Abs(f.LogLik-m2.LogLik) > 1e-6 {
		t.Errorf("at the boundary M1 log-lik %v, M2 %v", f.LogLik, m2.LogLik)
	}
	if !(f.Upper95 > 0) || math.Abs(f.SESlope-f.Upper95/1.96) > 1e-12 {
		t.Fatalf("upper bound %v, SE %v", f.Upper95, f.SESlope)
	}
	at := func(a float64) float64 {
		g := f
		g.Slope = a
		if err := g.fit(sp, false); err != nil {
			t.Fatal(err)
		}
		return g.penalised
	}
	if d := at(0) - at(f.Upper95); math.Abs(d-profileDrop) > 0.01 {
		t.Errorf("profile falls by %v at the bound, want %v", d, profileDrop)
	}
}

// The directed CV's folds are the covariate CV's: pairs sorted and
// shuffled by the same seed, every spell of a pair (both directions) in
// one fold.
func TestDyadFoldsKeepPairsTogether(t *testing.T) {
	ps := []Pair{{1, 2}, {3, 4}, {1, 2}, {2, 5}, {6, 7}, {3, 4}}
	f := dyadFolds(ps, 2, 1)
	if len(f) != 4 {
		t.Fatalf("%d pairs in folds, want 4", len(f))
	}
	if g := dyadFolds([]Pair{{6, 7}, {2, 5}, {3, 4}, {1, 2}}, 2, 1); len(g) != 4 || g[Pair{1, 2}] != f[Pair{1, 2}] || g[Pair{6, 7}] != f[Pair{6, 7}] {
		t.Errorf("the assignment depends on the input order: %v vs %v", f, g)
	}
}

// The analytic gradient of the slope model's objective agrees with central
// differences, for spells with and without events, free and held slopes.
func TestSlopeGradientMatchesNumerical(t *testing.T) {
	sp := simulateSlope(rand.New(rand.NewPCG(41, 42)), 300, 0.4, 0.9, 40, 0.3, [NumPostWarCovariates]float64{0.8, 0.2, -0.1})
	for _, free := range []bool{false, true} {
		f := SlopeFit{Model: SlopeFitted, Slope: 0.2, Ref: 1, XScale: 4}
		nlp, grad, n := f.objective(sp, free)
		th := []float64{0.3, -0.2, math.Log(30), 0.5, 0.1, -0.2}
		if free {
			th = append(th, 0.7)
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
				t.Errorf("free %v: d/dθ%d analytic %v, numerical %v", free, i, g[i], num)
			}
		}
	}
}
