package assess

import (
	"testing"

	"github.com/guarantor/guarantor/deter"
)

func TestExplainAndGame(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	tr := m.Explain()
	if len(tr.Guarantors) != 3 || tr.Guarantors[0].Tripwire <= 0 || tr.Guarantors[2].StakeAudience <= 0 {
		t.Fatalf("trace %+v", tr.Guarantors)
	}
	g, err := m.Game()
	if err != nil {
		t.Fatal(err)
	}
	if g.NumPlayers() != 2 {
		t.Fatalf("game has %d players", g.NumPlayers())
	}
}

// The structural game tree: the challenger decides once per valuation type
// against the responding sets' mixture (index forms), or, informed, once per
// (type, set it sees); the tree has perfect recall either way.
// TestStructuralGameEquilibriumIsTheEngines checks its numbers.
func TestStructuralGameForms(t *testing.T) {
	src := `name: game
challenger: RUS
protege: UKR
horizon: {value: 10, source: judgment}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 40000, source: judgment}
option:
  guarantors:
    - country: USA
      id: us
      capability: {deployable_troops: 50000, arrival_days: 20, source: judgment}
      instruments: [{type: defense_pact, ratified: true}]
    - country: UKG
      id: uk
      capability: {deployable_troops: 8000, source: judgment}
      instruments: [{type: security_assurance}]
`
	for _, a := range deter.Aggregations {
		c := *deter.Default()
		c.Aggregation = a
		m := compileYAMLWith(t, src, &c)
		g, err := m.Game()
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if err := g.PerfectRecall(); err != nil {
			t.Errorf("%s: %v", a, err)
		}
		// The GameTypes quantile bins, split at each decision threshold
		// inside one: one threshold under an index form, one per set (4)
		// under informed.
		types, cuts := 0, 1
		for _, is := range g.Infosets {
			if is.Label == "challenger's valuation" {
				types = len(is.Actions)
			}
		}
		want := types
		if a == deter.AggInformed {
			want, cuts = types*(1<<2), 1<<2
		}
		if types < GameTypes || types > GameTypes+cuts {
			t.Errorf("%s: %d valuation types, want %d to %d", a, types, GameTypes, GameTypes+cuts)
		}
		got := 0
		for _, is := range g.Infosets {
			if !is.IsChance() {
				got++
			}
		}
		if got != want {
			t.Errorf("%s: the challenger has %d information sets, want %d", a, got, want)
		}
	}
}
