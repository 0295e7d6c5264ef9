package history

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %v, want %v (tolerance %g)", what, got, want, tol)
	}
}

// Brier and log loss on three forecasts, by hand.
func TestBrierLogLossByHand(t *testing.T) {
	p, y := []float64{0.9, 0.2, 1}, []float64{1, 1, 0}
	near(t, "Brier", Brier(p, y), (0.01+0.64+1)/3, 1e-15)
	// the certain miss is clipped to 0.99: -ln(0.01)
	near(t, "log loss", LogLoss(p, y), -(math.Log(0.9)+math.Log(0.2)+math.Log(0.01))/3, 1e-15)
}

// The bootstrap of a mean difference against its exact sampling
// distribution: constant differences give a zero-width interval; two cases
// with squared-error differences 0 and 1 give resample means 0, 1/2, 1
// with probabilities 1/4, 1/2, 1/4 (SE sqrt(1/8), 2.5th and 97.5th
// percentiles 0 and 1); three cases with differences 0, 0, 3 give
// SE sqrt(popvar/n) = sqrt(2/3).
func TestBootstrapByHand(t *testing.T) {
	y := []float64{1, 1, 1}
	iv := BootstrapBrierDiff([]float64{0.5, 0.5, 0.5}, []float64{1, 1, 1}, y, 500, 7)
	if iv.Estimate != 0.25 || iv.Lo != 0.25 || iv.Hi != 0.25 || iv.SE > 1e-15 {
		t.Errorf("constant difference: %+v", iv)
	}
	y2 := []float64{1, 1}
	iv = BootstrapBrierDiff([]float64{1, 0}, []float64{1, 1}, y2, 20000, 1)
	near(t, "two cases: estimate", iv.Estimate, 0.5, 1e-15)
	near(t, "two cases: SE", iv.SE, math.Sqrt(1.0/8), 0.01)
	if iv.Lo != 0 || iv.Hi != 1 {
		t.Errorf("two cases: interval [%v, %v], want [0, 1]", iv.Lo, iv.Hi)
	}
	// a = 1 - sqrt(3) on the third case: squared error 3; b = y exactly
	a := []float64{1, 1, 1 - math.Sqrt(3)}
	iv = BootstrapBrierDiff(a, y, y, 20000, 2)
	near(t, "three cases: estimate", iv.Estimate, 1, 1e-12)
	near(t, "three cases: SE", iv.SE, math.Sqrt(2.0/3), 0.02)
	if again := BootstrapBrierDiff(a, y, y, 20000, 2); again != iv {
		t.Errorf("same seed, different result: %+v vs %+v", again, iv)
	}
	if other := BootstrapBrierDiff(a, y, y, 20000, 3); other.SE == iv.SE {
		t.Error("another seed gave the same resamples")
	}
}

// Grouped folds never leak: every row is forecast exactly once, by a fit
// that saw no row of its group and every row outside it.
func TestLeaveGroupOutNeverLeaks(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		groups := rapid.SliceOfN(rapid.SampledFrom([]string{"", "ISR-EGY", "IND-PAK", "CHN-TAW", "a", "b"}), 1, 40).Draw(t, "groups")
		seen := make([]int, len(groups))
		_, err := LeaveGroupOut(groups, func(train, test []int) ([]float64, error) {
			if len(train)+len(test) != len(groups) {
				t.Fatalf("train %d + test %d rows of %d", len(train), len(test), len(groups))
			}
			for _, i := range test {
				seen[i]++
				if groups[i] != groups[test[0]] || (groups[i] == "" && len(test) > 1) {
					t.Fatalf("fold mixes groups: %v", test)
				}
				for _, j := range train {
					if j == i || (groups[i] != "" && groups[j] == groups[i]) {
						t.Fatalf("row %d (group %q) forecast by a fit that saw row %d", i, groups[i], j)
					}
				}
			}
			return make([]float64, len(test)), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("row %d forecast %d times", i, s)
			}
		}
	})
}

// A forecaster refitted without the scored case cannot see its outcome:
// flipping the outcome of any case of a dyad leaves every forecast of that
// dyad unchanged. This fails if the scored case (or its dyad) is in the
// training set of the logit or the base rate.
func TestBaselinesRefittedWithoutTheCase(t *testing.T) {
	X := [][]float64{{0, 1, 0.5, 0}, {1, 0, -0.3, 1}, {0.5, 1, 1.2, 0}, {0.25, 0, -2, 0}, {1, 1, 0.1, 1}, {0, 0, 0, 0}, {0.75, 1, 2, 1}, {0.5, 0, -1, 0}}
	y := []float64{1, 0, 1, 0, 1, 0, 1, 1}
	groups := []string{"A", "B", "A", "C", "D", "C", "E", "F"}
	for _, pred := range []struct {
		name string
		mk   func([]float64) Predictor
	}{
		{"logit", func(y []float64) Predictor { return LogitPredictor(X, y) }},
		{"base rate", BaseRatePredictor},
	} {
		ref, err := LeaveGroupOut(groups, pred.mk(y))
		if err != nil {
			t.Fatal(err)
		}
		for i := range y {
			flipped := slices.Clone(y)
			flipped[i] = 1 - y[i]
			got, err := LeaveGroupOut(groups, pred.mk(flipped))
			if err != nil {
				t.Fatal(err)
			}
			for j := range y {
				if groups[j] == groups[i] && got[j] != ref[j] {
					t.Errorf("%s: forecast of case %d moved (%v -> %v) when the outcome of case %d of its dyad flipped", pred.name, j, ref[j], got[j], i)
				}
			}
			// and it is refitted: some forecast outside the dyad moves
			moved := false
			for j := range y {
				moved = moved || (groups[j] != groups[i] && got[j] != ref[j])
			}
			if !moved {
				t.Errorf("%s: no forecast moved when case %d flipped: not refitted per fold", pred.name, i)
			}
		}
	}
}

// With negligible penalties a logit on one binary feature reproduces the
// two cell frequencies (its closed-form maximum likelihood fit).
func TestLogitClosedForm(t *testing.T) {
	X := [][]float64{{0}, {0}, {0}, {0}, {1}, {1}, {1}}
	y := []float64{1, 0, 0, 0, 1, 1, 0}
	l, err := fitLogit(X, y, 1e6, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "P(y | x=0)", l.Prob([]float64{0}), 0.25, 1e-8)
	near(t, "P(y | x=1)", l.Prob([]float64{1}), 2.0/3, 1e-8)
}

// The penalised fit satisfies its score equations: on the standardised
// design, sum (y - p) z_j = b_j / sd_j^2 for every coefficient.
func TestLogitScoreEquations(t *testing.T) {
	X := [][]float64{{0, 1, 0.5}, {1, 0, -0.3}, {0.5, 1, 1.2}, {0.25, 0, -2}, {1, 1, 0.1}, {0, 0, 0}, {0.75, 1, 2}, {0.5, 0, -1}, {1, 1, 3}}
	y := []float64{1, 0, 1, 0, 1, 0, 1, 1, 0}
	l, err := FitLogit(X, y)
	if err != nil {
		t.Fatal(err)
	}
	g := make([]float64, 4)
	for i, x := range X {
		r := y[i] - l.Prob(x)
		g[0] += r
		for j := range x {
			g[j+1] += r * (x[j] - l.Mean[j]) / l.Scale[j]
		}
	}
	near(t, "intercept score", g[0], l.B0/(InterceptPriorSD*InterceptPriorSD), 1e-9)
	for j, b := range l.B {
		near(t, "slope score", g[j+1], b/(SlopePriorSD*SlopePriorSD), 1e-9)
	}
	// one outcome only: the intercept prior keeps the fit finite
	if _, err := FitLogit(X[:3], []float64{1, 1, 1}); err != nil {
		t.Errorf("one-outcome training set: %v", err)
	}
}

// Validate on four cases in three dyads, by hand: the base rate of a case
// is the share held outside its dyad; the closed set is validated alone.
func TestValidateByHand(t *testing.T) {
	x := []float64{0, 0, 0, 0}
	cases := []Case{
		{Name: "a1", P: 0.9, Outcome: 1, Group: "A", X: x},
		{Name: "a2", P: 0.2, Outcome: 0, Group: "A", X: x},
		{Name: "b", P: 0.6, Outcome: 0, Group: "B", X: x},
		{Name: "c", P: 0.7, Outcome: 1, Group: "C", X: x, Ongoing: true},
		{Name: "unknown", P: 0.5, Outcome: -1, Group: "C", X: x},
	}
	v, err := Validate(cases, Config{Bins: 5, Resamples: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Cases) != 4 || v.All.N != 4 || v.All.Groups != 3 || v.Closed.N != 3 || v.Closed.Groups != 2 {
		t.Fatalf("sets: all %d/%d closed %d/%d", v.All.N, v.All.Groups, v.Closed.N, v.Closed.Groups)
	}
	// base rate: a1, a2 see {b: 0, c: 1} = 1/2; b sees {1, 0, 1} = 2/3; c sees {1, 0, 0} = 1/3
	want := []float64{0.5, 0.5, 2.0 / 3, 1.0 / 3}
	for i, w := range want {
		near(t, "base rate of "+v.Cases[i].Name, v.BaseP[i], w, 1e-15)
	}
	brier := (0.25 + 0.25 + 4.0/9 + 4.0/9) / 4
	if f := v.All.Forecasters[1]; f.Name != ForecasterBase {
		t.Fatalf("second forecaster %q", f.Name)
	} else {
		near(t, "base-rate Brier", f.Brier, brier, 1e-15)
	}
	// constant features: the logit is the penalised base rate, shrunk a
	// hair towards 1/2 by the intercept prior
	for i := range want {
		if math.Abs(v.LogitP[i]-want[i]) > 0.01 {
			t.Errorf("logit with constant features: %v, base rate %v", v.LogitP[i], want[i])
		}
	}
	near(t, "engine Brier", v.All.Forecasters[0].Brier, (0.01+0.04+0.36+0.09)/4, 1e-15)
	d := v.All.Differences[0]
	near(t, "engine - base rate", d.Estimate, (0.01+0.04+0.36+0.09)/4-brier, 1e-15)
	if d.Baseline != ForecasterBase || v.All.Differences[1].Baseline != ForecasterLogit || len(v.All.Differences) != 2 {
		t.Errorf("differences %+v", v.All.Differences)
	}
	// closed: a1, a2 see b (0); b sees a1, a2 (1/2)
	near(t, "closed base-rate Brier", v.Closed.Forecasters[1].Brier, (1+0+0.25)/3, 1e-15)
	if _, err := Validate(cases, Config{Bins: 0}); err == nil {
		t.Error("zero bins accepted")
	}
	if _, err := Validate([]Case{{P: 0.5, Outcome: 1}}, Config{Bins: 5}); err == nil {
		t.Error("a case without features accepted")
	}
}

func TestDyadKeyUnordered(t *testing.T) {
	if DyadKey("ISR", "EGY") != DyadKey("EGY", "ISR") || DyadKey("ISR", "EGY") == DyadKey("ISR", "SYR") {
		t.Error("dyad key")
	}
	if got := Folds([]string{"x", "", "y", "x", ""}); !slices.EqualFunc(got, [][]int{{0, 3}, {1}, {2}, {4}}, slices.Equal) {
		t.Errorf("folds %v", got)
	}
}

// Outcomes at a fixed horizon, by hand.
func TestOutcomeAt(t *testing.T) {
	for _, c := range []struct {
		det      string
		held, at float64
		out      int
		ok       bool
	}{
		{"failed", 0.3, 1, 0, true}, // failed within the year
		{"failed", 7, 5, 1, true},   // failed later: held at 5 years
		{"failed", 5, 5, 0, true},   // failed on the horizon
		{"held", 0.3, 1, 0, false},  // ended without failure before the horizon: unknown
		{"held", 10, 5, 1, true},    // held past the horizon
		{"ongoing", 9, 5, 1, true},  // holding at the horizon
		{"ongoing", 3, 5, 0, false}, // not yet at the horizon
		{"held", 0, 1, 0, false},    // no years held in the file
	} {
		out, ok := OutcomeAt(c.det, c.held, c.at)
		if out != c.out || ok != c.ok {
			t.Errorf("%s after %v years, at %v: %d %v, want %d %v", c.det, c.held, c.at, out, ok, c.out, c.ok)
		}
	}
}

// The cluster bootstrap against its exact distribution: groups {0, 0} and
// {1} (squared-error differences) give resample means 0, 1/3, 1 with
// probabilities 1/4, 1/2, 1/4: SE sqrt(19)/12, interval [0, 1]; singleton
// groups reduce it to the case bootstrap.
func TestBootstrapByGroupByHand(t *testing.T) {
	y := []float64{1, 1, 1}
	a := []float64{1, 1, 0} // differences 0, 0, 1 against b = y
	iv := BootstrapBrierDiffByGroup(a, y, y, []string{"A", "A", "B"}, 20000, 1)
	near(t, "estimate", iv.Estimate, 1.0/3, 1e-15)
	near(t, "SE", iv.SE, math.Sqrt(19)/12, 0.01)
	if iv.Lo != 0 || iv.Hi != 1 {
		t.Errorf("interval [%v, %v], want [0, 1]", iv.Lo, iv.Hi)
	}
	one := BootstrapBrierDiffByGroup(a, y, y, []string{"", "", ""}, 20000, 1)
	cases := BootstrapBrierDiff(a, y, y, 20000, 1)
	if one.Estimate != cases.Estimate || one.SE != cases.SE || one.Lo != cases.Lo || one.Hi != cases.Hi {
		t.Errorf("singleton groups %+v, case bootstrap %+v", one, cases)
	}
}

// Compare on random forecasts: scores in range, every case in one bin of
// each calibration table, and each difference's estimate the difference
// of the two Brier scores.
func TestCompareProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "n")
		y := make([]float64, n)
		groups := make([]string, n)
		for i := range y {
			y[i] = float64(rapid.IntRange(0, 1).Draw(t, "y"))
			groups[i] = rapid.SampledFrom([]string{"", "a", "b", "c"}).Draw(t, "g")
		}
		prob := rapid.Float64Range(0, 1)
		a := rapid.SliceOfN(prob, n, n).Draw(t, "a")
		b := rapid.SliceOfN(prob, n, n).Draw(t, "b")
		bins := rapid.IntRange(1, 12).Draw(t, "bins")
		s, err := Compare("x", y, groups, []Forecasts{{Name: "a", P: a}, {Name: "b", P: b, Compare: true}}, Config{Bins: bins, Resamples: 50, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range s.Forecasters {
			if !(f.Brier >= 0 && f.Brier <= 1) || !(f.LogLoss >= 0 && f.LogLoss <= -math.Log(LogLossClip)+1e-12) { // the mean of clipped losses can exceed the bound by rounding
				t.Fatalf("%s: Brier %v log loss %v", f.Name, f.Brier, f.LogLoss)
			}
			k := 0
			for _, c := range f.Calibration {
				k += c.N
			}
			if k != n || len(f.Calibration) != bins {
				t.Fatalf("%s: %d cases in %d bins", f.Name, k, len(f.Calibration))
			}
		}
		d := s.Differences[0]
		if math.Abs(d.Estimate-(s.Forecasters[0].Brier-s.Forecasters[1].Brier)) > 1e-12 || d.Lo > d.Hi {
			t.Fatalf("difference %+v", d)
		}
		if g := d.ByGroup; g != nil && math.Abs(g.Estimate-d.Estimate) > 1e-12 {
			t.Fatalf("dyad bootstrap estimate %v, case %v", g.Estimate, d.Estimate)
		}
	})
	if _, err := Compare("x", []float64{1}, nil, []Forecasts{{Name: "a", P: []float64{1.5}}}, Config{Bins: 2}); err == nil {
		t.Error("forecast 1.5 accepted")
	}
}
