package history

import (
	"math"
	"strings"
	"testing"
)

// A baseline fitted on nothing (one dyad) or on no failure (every spell
// censored) carries a note saying so, in both validations; a set whose
// baselines have data carries none; no score is NaN.
func TestBaselineNotes(t *testing.T) {
	x := []float64{0, 0, 0, 0}
	sp := func(years float64, failed bool) Spell { return Spell{Years: years, Failed: failed} }
	c := func(name, g string, outcome int, s Spell) Case {
		return Case{Name: name, Group: g, P: 0.7, Outcome: outcome, X: x, HasSpell: true, Spell: s, S: []float64{0.9, 0.8}}
	}
	for _, tc := range []struct {
		name          string
		cases         []Case
		file, survive map[string]string // forecaster -> a word its note must hold; nil: no note
	}{
		{"one case", []Case{c("a", "A", 0, sp(1.5, true))},
			map[string]string{ForecasterBase: "no data: every case of the set is of one dyad (A)", ForecasterLogit: "no data"},
			map[string]string{ForecasterKM: "no data", ForecasterLogitIPCW: "no data"}},
		{"one dyad", []Case{c("a1", "A", 0, sp(1.5, true)), c("a2", "A", 1, sp(4, false))},
			map[string]string{ForecasterBase: "no data", ForecasterLogit: "no data"},
			map[string]string{ForecasterKM: "no data", ForecasterLogitIPCW: "no data"}},
		{"all censored", []Case{c("a", "A", 1, sp(3, false)), c("b", "B", 1, sp(5, false)), c("c", "C", 1, sp(4, false))},
			map[string]string{ForecasterLogit: "for every dyad the cases outside the scored dyad all held"},
			map[string]string{ForecasterKM: "is 1 at every horizon by construction", ForecasterLogitIPCW: "no failure to learn from: for every dyad"}},
		{"failures in one dyad only", []Case{c("a", "A", 0, sp(1.5, true)), c("b", "B", 1, sp(5, false)), c("c", "C", 1, sp(4, false))},
			map[string]string{ForecasterLogit: "for 1 of 3 dyads the cases outside the scored dyad all held"},
			map[string]string{ForecasterKM: "for 1 of 3 dyads", ForecasterLogitIPCW: "for 1 of 3 dyads"}},
		{"data in every fold", []Case{c("a", "A", 0, sp(1.5, true)), c("b", "B", 1, sp(5, false)), c("c", "C", 0, sp(0.5, true)), c("d", "D", 1, sp(6, false))},
			nil, nil},
	} {
		v, err := Validate(tc.cases, Config{Bins: 5, Resamples: 50, Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		sv, err := ValidateSurvival(tc.cases, SurvivalConfig{Config: Config{Bins: 5, Resamples: 50, Seed: 1}, Tau: 2})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		check := func(what string, notes []Note, want map[string]string) {
			if len(notes) != len(want) {
				t.Errorf("%s, %s: notes %+v, want %d", tc.name, what, notes, len(want))
			}
			for _, n := range notes {
				if w, ok := want[n.Forecaster]; !ok || !strings.Contains(n.Text, w) {
					t.Errorf("%s, %s: note %+v, want %q", tc.name, what, n, w)
				}
			}
		}
		check("file horizon", v.All.Notes, tc.file)
		check("survival", sv.All.Notes, tc.survive)
		for _, f := range v.All.Forecasters {
			if math.IsNaN(f.Brier) || math.IsNaN(f.LogLoss) {
				t.Errorf("%s: %s scores NaN", tc.name, f.Name)
			}
		}
		for _, f := range sv.All.Forecasters {
			if math.IsNaN(f.IBS) {
				t.Errorf("%s: %s IBS NaN", tc.name, f.Name)
			}
		}
	}
}
