package pipeline

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/scenario"
)

// A case's spell: years_held when given; a failure within weeks (years
// held 0.0) from its dates; nothing without either.
func TestSpellByHand(t *testing.T) {
	period := &scenario.Period{Start: "1982-03-19", End: "1982-04-02"}
	for _, c := range []struct {
		name   string
		s      scenario.Scenario
		years  float64
		failed bool
		ok     bool
	}{
		{"years held", scenario.Scenario{Outcome: &scenario.Outcome{Deterrence: "failed", YearsHeld: 19.2}}, 19.2, true, true},
		{"held: censored", scenario.Scenario{Outcome: &scenario.Outcome{Deterrence: "held", YearsHeld: 5.9}}, 5.9, false, true},
		{"ongoing: censored", scenario.Scenario{Outcome: &scenario.Outcome{Deterrence: "ongoing", YearsHeld: 21}}, 21, false, true},
		// Falklands: 19 March to 2 April 1982, 14 days
		{"from the dates", scenario.Scenario{Period: period, Outcome: &scenario.Outcome{Deterrence: "failed", Date: "1982-04-02"}}, 14 / 365.25, true, true},
		{"no dates", scenario.Scenario{Outcome: &scenario.Outcome{Deterrence: "failed"}}, 0, false, false},
		{"date before the start", scenario.Scenario{Period: period, Outcome: &scenario.Outcome{Deterrence: "held", Date: "1981-01-01"}}, 0, false, false},
		{"no outcome", scenario.Scenario{}, 0, false, false},
		{"unknown outcome", scenario.Scenario{Outcome: &scenario.Outcome{Deterrence: "maybe", YearsHeld: 3}}, 0, false, false},
	} {
		sp, ok := Spell(&c.s)
		if ok != c.ok || math.Abs(sp.Years-c.years) > 1e-12 || sp.Failed != c.failed {
			t.Errorf("%s: %+v %v, want %v years, failed %v, %v", c.name, sp, ok, c.years, c.failed, c.ok)
		}
	}
}

// Spell never panics and gives a finite, non-negative spell whatever the
// dates and years in the file.
func FuzzSpell(f *testing.F) {
	f.Add("1982-03-19", "1982-04-02", "failed", 0.0)
	f.Add("1982", "1983-02", "held", 0.0)
	f.Add("", "", "ongoing", 12.5)
	f.Add("x", "9999-99-99", "failed", -1.0)
	f.Fuzz(func(t *testing.T, start, date, det string, years float64) {
		s := scenario.Scenario{Period: &scenario.Period{Start: start}, Outcome: &scenario.Outcome{Deterrence: det, Date: date, YearsHeld: years}}
		sp, ok := Spell(&s)
		if ok && !(sp.Years >= 0 && !math.IsInf(sp.Years, 0)) {
			t.Fatalf("spell %+v from %q %q %q %v", sp, start, date, det, years)
		}
	})
}

// The survival block's engine forecast at t is the engine rerun with the
// horizon set to t: with --horizon 5 it equals, case by case, the
// forecast the former scores use at 5 years.
func TestSurvivalEngineAtHorizon(t *testing.T) {
	paths := []string{filepath.Join("..", "examples", "history", "budapest-1994.yaml"), filepath.Join("..", "examples", "history", "georgia-2008.yaml"),
		filepath.Join("..", "examples", "history", "baltics-2004.yaml")}
	d, err := BacktestWith(context.Background(), paths, Options{Seed: 1, Samples: 400}, BacktestOptions{Bins: 2, Resamples: 10, Horizon: 5, Tau: 3})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Survival
	if len(s.Horizons) != 4 || s.Horizons[3] != 5 || len(s.Cases) != 3 {
		t.Fatalf("horizons %v, %d cases", s.Horizons, len(s.Cases))
	}
	at5 := map[string]float64{}
	for _, c := range s.Cases {
		at5[c.File] = c.Engine[3]
		for k := 1; k < len(c.Engine)-1; k++ {
			if c.Engine[k] > c.Engine[k-1] {
				t.Errorf("%s: P(no attack) rises from %v to %v years", c.Name, s.Horizons[k-1], s.Horizons[k])
			}
		}
	}
	if len(d.Cases) == 0 {
		t.Fatal("no case known at 5 years")
	}
	for _, c := range d.Cases {
		if got, ok := at5[c.File]; !ok || got != c.Forecast {
			t.Errorf("%s: survival block %v at 5 years, former scores %v", c.Name, got, c.Forecast)
		}
	}
}
