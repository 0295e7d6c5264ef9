package fit

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

func TestTrigamma(t *testing.T) {
	cases := []struct{ x, want float64 }{
		{1, math.Pi * math.Pi / 6}, // psi'(1) = zeta(2)
		{0.5, math.Pi * math.Pi / 2},
		{2, math.Pi*math.Pi/6 - 1},
	}
	for _, c := range cases {
		if got := trigamma(c.x); math.Abs(got-c.want) > 1e-10 {
			t.Errorf("trigamma(%v) = %.12f, want %.12f", c.x, got, c.want)
		}
	}
	// Against a numerical derivative of gonum's digamma.
	for _, x := range []float64{0.3, 3.7, 12, 40} {
		h := 1e-5
		num := (mathext.Digamma(x+h) - mathext.Digamma(x-h)) / (2 * h)
		if got := trigamma(x); math.Abs(got-num) > 1e-6*num {
			t.Errorf("trigamma(%v) = %v, numerical %v", x, got, num)
		}
	}
}

func TestLogitBetaMonteCarlo(t *testing.T) {
	a, b := 38.0, 26.0
	mu, sd := logitBeta(a, b)
	d := distuv.Beta{Alpha: a, Beta: b, Src: rand.New(rand.NewPCG(1, 2))}
	var m, m2 float64
	const n = 200000
	for i := 0; i < n; i++ {
		x := deter.Logit(d.Rand())
		m += x / n
		m2 += x * x / n
	}
	if math.Abs(m-mu) > 0.005 || math.Abs(math.Sqrt(m2-m*m)-sd) > 0.005 {
		t.Errorf("logit Beta(38,26): closed form %.4f (%.4f), Monte Carlo %.4f (%.4f)", mu, sd, m, math.Sqrt(m2-m*m))
	}
}

// The base rate's leave-one-out Brier, computed here by CrossValidate, must
// equal the evidence package's independent computation.
func TestBaseRateMatchesEvidence(t *testing.T) {
	ks, _, err := HuthCrises()
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(ks))
	for i, k := range ks {
		y[i] = k.Deterred()
	}
	p, err := CrossValidate(len(ks), len(ks), 1, BaseRate(y))
	if err != nil {
		t.Fatal(err)
	}
	h, err := evidence.HuthAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	if got := Brier(p, y); math.Abs(got-h.BrierBase) > 1e-12 {
		t.Errorf("LOO base-rate Brier %v, evidence.HuthAnalysis %v", got, h.BrierBase)
	}
	if h.N != 58 || len(ks) != 58 {
		t.Errorf("crises: %d here, %d in evidence; want 58", len(ks), h.N)
	}
}

func TestCrossValidatePartitions(t *testing.T) {
	for _, folds := range []int{2, 3, 10, 23} {
		seen := make([]int, 23)
		_, err := CrossValidate(23, folds, 7, func(train, test []int) ([]float64, error) {
			in := map[int]bool{}
			for _, i := range train {
				in[i] = true
			}
			for _, i := range test {
				if in[i] {
					return nil, errors.New("a test row is in the training rows")
				}
				seen[i]++
			}
			if len(train)+len(test) != 23 {
				return nil, errors.New("rows lost")
			}
			return make([]float64, len(test)), nil
		})
		if err != nil {
			t.Fatalf("%d folds: %v", folds, err)
		}
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("%d folds: row %d predicted %d times", folds, i, s)
			}
		}
	}
	if _, err := CrossValidate(5, 6, 1, nil); err == nil {
		t.Error("6 folds of 5 rows accepted")
	}
}

func TestBootstrapBrierDiff(t *testing.T) {
	y := []float64{1, 0, 1, 1, 0, 0, 1}
	a := []float64{0.9, 0.2, 0.6, 0.7, 0.4, 0.1, 0.8}
	iv := BootstrapBrierDiff(a, a, y, 500, 1)
	if iv.Estimate != 0 || iv.Lo != 0 || iv.Hi != 0 {
		t.Errorf("identical forecasts: %+v, want all zero", iv)
	}
	b := []float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}
	iv = BootstrapBrierDiff(a, b, y, 2000, 1)
	if want := Brier(a, y) - Brier(b, y); math.Abs(iv.Estimate-want) > 1e-15 || iv.Lo > want || iv.Hi < want {
		t.Errorf("difference %v not inside its interval %+v", want, iv)
	}
}

// simulateHuth draws crises from the structural model at theta, with
// inputs spread like Huth's.
func simulateHuth(theta []float64, spec HuthSpec, n int, r *rand.Rand) []Crisis {
	m := newHuthModel(theta, spec)
	ks := make([]Crisis, n)
	for i := range ks {
		k := Crisis{IBF: math.Exp(r.NormFloat64() * 0.9), Ally: r.IntN(2) == 1, Nuclear: r.IntN(3) == 0,
			DemDefender: r.IntN(2) == 1, Trade: math.Exp(r.NormFloat64()) - 0.5}
		k.Trade = math.Max(k.Trade, 0)
		q, psq := m.probs(&k)
		switch u := r.Float64(); {
		case u < psq:
			k.Outcome = StatusQuo
		case r.Float64() < q:
			k.Outcome = War
		default:
			k.Outcome = BackDown
		}
		ks[i] = k
	}
	return ks
}

// On data simulated from known parameters, the penalised ML estimate
// lands within four standard errors of the truth (the priors are weak
// against 4,000 crises).
func TestFitHuthRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation recovery takes a few seconds")
	}
	truth := []float64{0.3, -0.5, 0.8, 0.7, 2.0, math.Log(1.5), 0.8, 1.0, -0.2, math.Log(1.2)}
	ks := simulateHuth(truth, DefaultHuthSpec, 4000, rand.New(rand.NewPCG(3, 4)))
	f, err := FitHuth(ks, DefaultHuthSpec)
	if err != nil {
		t.Fatal(err)
	}
	for j, n := range f.Names {
		if z := (f.Sol.Theta[j] - truth[j]) / f.Sol.SE[j]; math.Abs(z) > 4 {
			t.Errorf("%s: estimate %.3f (SE %.3f), truth %.3f", n, f.Sol.Theta[j], f.Sol.SE[j], truth[j])
		}
	}
}

func TestFitCureRecovers(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pc, k, lam := 0.6, 0.9, 25.0
	sp := make([]Spell, 3000)
	for i := range sp {
		var s Spell
		s.Years, s.Event = drawCureYears(r, 1+r.IntN(80), pc, lam, k, 0)
		sp[i] = s
	}
	f, err := FitCure(sp)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name           string
		est, se, truth float64
	}{{"logit pc", f.PC0, f.SEPC0, deter.Logit(pc)}, {"k", f.K, f.SEK, k}, {"lambda", f.Lambda, f.SELam, lam}} {
		if math.Abs(c.est-c.truth) > 4*c.se {
			t.Errorf("%s: %.3f (SE %.3f), truth %.3f", c.name, c.est, c.se, c.truth)
		}
	}
	if !(f.LogLik >= f.LogLik0-1e-6) {
		t.Errorf("cure log-likelihood %v below the nested plain Weibull's %v", f.LogLik, f.LogLik0)
	}
}

// Unpenalised ML logit: the score equations hold at the estimate.
func TestLogitScoreEquations(t *testing.T) {
	ks, _, err := HuthCrises()
	if err != nil {
		t.Fatal(err)
	}
	X, y := make([][]float64, len(ks)), make([]float64, len(ks))
	for i, k := range ks {
		X[i], y[i] = exAnteRow(k), k.Deterred()
	}
	l, err := FitLogit(ExAnteInputs, X, y, false)
	if err != nil {
		t.Fatal(err)
	}
	score := make([]float64, len(ExAnteInputs)+1)
	for i := range X {
		res := y[i] - l.Prob(X[i])
		score[0] += res
		for j, v := range X[i] {
			score[j+1] += res * v
		}
	}
	for j, s := range score {
		if math.Abs(s) > 1e-4 {
			t.Errorf("score %d = %v, want 0", j, s)
		}
	}
	// The original-scale coefficients reproduce the predictions.
	for i := range X {
		eta := l.Coef[0]
		for j, v := range X[i] {
			eta += l.Coef[j+1] * v
		}
		if math.Abs(logistic(eta)-l.Prob(X[i])) > 1e-12 {
			t.Fatalf("row %d: coefficients and Prob disagree", i)
		}
	}
}

func TestPostWarSpells(t *testing.T) {
	sp, _, err := PostWarSpells(5)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range sp {
		if s.Years < 1 || s.A >= s.B {
			t.Fatalf("bad spell %+v", s)
		}
		// Franco-Prussian War (COW 58) ended 1871; the next war between
		// France and Germany began in 1914.
		if s.WarNum == 58 && s.A == 220 && s.B == 255 {
			found = true
			if !s.Event || s.Years != 43 {
				t.Errorf("France-Germany after 1871: %+v, want a renewed war after 43 years", s)
			}
		}
	}
	if !found {
		t.Error("no France-Germany spell after the Franco-Prussian War")
	}
}

// The committed deter/coefficients.json is what `guarantor fit` computes:
// rerun the fit and compare every value.
func TestCommittedCoefficientsReproduce(t *testing.T) {
	if testing.Short() {
		t.Skip("a full fit takes several seconds")
	}
	res, err := Run(context.Background(), Options{Date: "x", Command: "x"})
	if err != nil {
		t.Fatal(err)
	}
	// The committed x⁺ table (which Refit reads) is this run's, bit for bit.
	if res.GeneralPact.Plus == nil {
		t.Error("the run computed no x+ (the engine is registered by engine_hook_test.go)")
	} else if compared, err := CheckIndexPlus(res.GeneralPact.Plus); err != nil || !compared {
		t.Errorf("x+ table: compared %v, %v", compared, err)
	}
	got, want := res.Coefficients.All(), deter.Default().All()
	if len(got) != len(want) {
		t.Fatalf("%d estimates, committed %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name != w.Name || math.Abs(g.E.Value-w.E.Value) > 1e-6*(1+math.Abs(w.E.Value)) ||
			math.Abs(g.E.SE-w.E.SE) > 1e-4*(1+w.E.SE) || g.E.Prior != w.E.Prior {
			t.Errorf("%s: fit gives %v (SE %v), committed %s %v (SE %v): rerun guarantor fit --write deter/coefficients.json",
				g.Name, g.E.Value, g.E.SE, w.Name, w.E.Value, w.E.SE)
		}
	}
}

// The Huth likelihood is not concave: random starts must not find a
// better mode than the one FitHuth reports.
func TestFitHuthGlobalMode(t *testing.T) {
	if testing.Short() {
		t.Skip("multistart takes a few seconds")
	}
	ks, _, err := HuthCrises()
	if err != nil {
		t.Fatal(err)
	}
	f, err := FitHuth(ks, DefaultHuthSpec)
	if err != nil {
		t.Fatal(err)
	}
	nll := huthNegLogPost(ks, DefaultHuthSpec)
	r := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 6; trial++ {
		start := make([]float64, nHuth)
		for j := range start {
			start[j] = 2 * r.NormFloat64()
		}
		s, err := Minimize(Objective{N: len(ks), NegLogPost: nll}, start)
		if err != nil {
			continue // a start in a flat region may fail; the others still test the mode
		}
		if s.NegLogPost < f.Sol.NegLogPost-1e-4 {
			t.Errorf("start %d reached %.5f, below the reported mode %.5f", trial, s.NegLogPost, f.Sol.NegLogPost)
		}
	}
}

func TestFitRhoRecovers(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	const rho = 0.4
	sigma := math.Sqrt(rho / (1 - rho))
	var cases []evidence.FulfilmentCase
	for w := 0; w < 300; w++ {
		u := r.NormFloat64()
		year := 1900
		if w%3 == 0 {
			year = 1960
		}
		for i := 0; i < 3; i++ {
			eta := 0.3 + sigma*u + r.NormFloat64()
			if year >= 1945 {
				eta -= 1
			}
			cases = append(cases, evidence.FulfilmentCase{War: w, Year: year, Honoured: eta > 0})
		}
	}
	f, err := FitRho(cases)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.Rho-rho) > 4*f.SE || math.Abs(f.Post+1) > 0.3 || f.Upper95 < f.Rho {
		t.Errorf("rho %.3f (SE %.3f, upper %.3f), era %.3f; truth rho %.1f, era -1", f.Rho, f.SE, f.Upper95, f.Post, rho)
	}
	if f.Wars != 300 || f.MultiWars != 300 || f.LogLik < f.LogLikRho0 {
		t.Errorf("counts or nesting wrong: %+v", f)
	}
}

// TestNoCodedConsultationOnlyCase pins the fact that makes the security
// assurance's rate a judgment: no alliance-war case coded honoured or
// violated (either coding) carries consultation as its only obligation,
// so the file's "consultation" cases measure their other clauses.
func TestNoCodedConsultationOnlyCase(t *testing.T) {
	for _, cd := range []evidence.Coding{evidence.LLM, evidence.BF} {
		cases, err := evidence.FulfilmentCases(cd)
		if err != nil {
			t.Fatal(err)
		}
		var consult int
		for _, k := range cases {
			o := k.Obligations
			if !o[evidence.Consultation] {
				continue
			}
			consult++
			if !o[evidence.Defense] && !o[evidence.Offense] && !o[evidence.Neutrality] && !o[evidence.NonAggression] {
				t.Errorf("%s: a coded case (war %d, %d) has consultation as its only obligation", cd, k.War, k.Year)
			}
		}
		if consult == 0 {
			t.Errorf("%s: no coded consultation case at all; the data changed", cd)
		}
	}
}

// TestAssuranceBelowDefence checks the judgment is applied on the logit
// scale with a factor below 1, and that air policing follows it.
func TestAssuranceBelowDefence(t *testing.T) {
	c := deter.Default()
	d, a, ap := c.Base["defense_pact"], c.Base["security_assurance"], c.Base["air_policing"]
	if want := d.Value + math.Log(assuranceOdds.R); math.Abs(a.Value-want) > 1e-12 || !(assuranceOdds.R < 1) {
		t.Errorf("security_assurance %v, want defense_pact %v + ln %v", a.Value, d.Value, assuranceOdds.R)
	}
	if ap.Value != a.Value || !a.Judgment() {
		t.Errorf("air_policing %v should equal the labelled security_assurance %v", ap.Value, a.Value)
	}
	if !c.EraApplies("security_assurance") || !c.EraApplies("air_policing") || !c.EraApplies("defense_pact") {
		t.Error("Post1945 must apply to the assurance and air policing as it does to the defence pact")
	}
}

// TestJoinedTable checks the ATOP x COW tabulation against an independent
// count made in Python from the same two embedded CSV files (a separate
// implementation written before this one: same rules, different code).
func TestJoinedTable(t *testing.T) {
	rows, err := JoinedTable()
	if err != nil {
		t.Fatal(err)
	}
	want := map[JoinClass][2][3]int{ // [pre, post][joined, stayed, enemy]
		JoinDefense:     {{111, 71, 36}, {131, 563, 12}},
		JoinOffense:     {{1, 4, 1}, {0, 0, 0}},
		JoinConsultOnly: {{9, 4, 0}, {0, 23, 4}},
		JoinNeutNonagg:  {{10, 30, 12}, {8, 320, 3}},
	}
	if len(rows) != 2*len(want) {
		t.Fatalf("%d rows, want %d", len(rows), 2*len(want))
	}
	for _, r := range rows {
		e := 0
		if r.Post {
			e = 1
		}
		w := want[r.Class][e]
		if got := [3]int{r.Joined, r.Stayed, r.Enemy}; got != w {
			t.Errorf("%s post1945=%v: joined/stayed/enemy %v, want %v", r.Class, r.Post, got, w)
		}
	}
}
