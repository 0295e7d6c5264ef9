package contract

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/history"
)

// A backtest document with a filled survival block (three dyads, a
// censored case, an open one) validates against the backtest schema, and
// the schema rejects it with a survival list set to null.
func TestSurvivalBlockValidates(t *testing.T) {
	x := []float64{0, 1, 0.5, 0}
	cases := []history.Case{
		{Name: "a1", File: "a1.yaml", Group: "A", X: x, Outcome: 0, HasSpell: true, Spell: history.Spell{Years: 0.5, Failed: true}},
		{Name: "a2", File: "a2.yaml", Group: "A", X: x, Outcome: 1, HasSpell: true, Spell: history.Spell{Years: 1.5}},
		{Name: "b", File: "b.yaml", Group: "B", X: []float64{1, 0, -1, 1}, Outcome: 0, HasSpell: true, Spell: history.Spell{Years: 2.5, Failed: true}},
		{Name: "c", File: "c.yaml", Group: "C", X: x, Outcome: 1, Ongoing: true, Overlap: "Huth 1988 crisis 1", HasSpell: true, Spell: history.Spell{Years: 9}},
	}
	for i := range cases {
		cases[i].S = []float64{0.9, 0.8, 0.7, 0.6}
	}
	cfg := history.Config{Bins: 4, Resamples: 50, Seed: 1}
	sv, err := history.ValidateSurvival(cases, history.SurvivalConfig{Config: cfg, Tau: 3, Extra: []float64{2.5}})
	if err != nil {
		t.Fatal(err)
	}
	v, err := history.Validate(cases, cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := FromBacktest(v, "v", "h", RunInfo{Seed: 1, Samples: 10}, 4, map[string]string{}, nil, 0)
	d.Survival = FromSurvival(sv)
	if len(d.Survival.Sets) != 3 || len(d.Survival.Cases) != 4 || len(d.Survival.Sets[0].Horizons) != 4 {
		t.Fatalf("survival block: %d sets, %d cases", len(d.Survival.Sets), len(d.Survival.Cases))
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate("backtest", b); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	bad := strings.Replace(string(b), `"integrated_brier":[`, `"integrated_brier":null,"x":[`, 1)
	if Validate("backtest", []byte(bad)) == nil {
		t.Error("schema accepts a null integrated_brier")
	}
}
