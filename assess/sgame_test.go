package assess

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/solve"
)

// The exported game's equilibrium gives the engine's P(deterrence) for the
// draw at the medians, at every stage and under the committed form and
// expected: the tree's numbers are the engine's. Before the fix a post-war
// tree read the post-war hazard slope as the valuation's scale (valuations
// from 1e-36 to 1e49) and its equilibrium was a crisis's, not the engine's.
func TestStructuralGameEquilibriumIsTheEngines(t *testing.T) {
	const guarantors = `option:
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
	const head = `name: game
challenger: RUS
protege: UKR
horizon: {value: 10, source: judgment}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 40000, source: judgment}
`
	expected := *deter.Default()
	expected.Aggregation = deter.AggExpected
	for _, c := range []struct {
		name, src string
		coef      *deter.Coefficients
		stage, eq string
	}{
		{"immediate, committed form", head + guarantors, deter.Default(), "immediate", EqInformed},
		{"immediate, expected", head + guarantors, &expected, "immediate", EqIndex},
		{"general", head + "challenge: {stage: general, source: test}\nperiod: {start: 2010-01-01}\n" + guarantors, deter.Default(), "general", EqGeneralFitted},
		{"post-war", head + "challenge: {stage: postwar, war_outcome: challenger_won, source: test}\nperiod: {start: 2000-12-12}\n" + guarantors, deter.Default(), "postwar", EqPostWar},
		{"post-war, no guarantor", head + "challenge: {stage: postwar, source: test}\nperiod: {start: 2000-12-12}\noption: {name: none, guarantors: []}\n", deter.Default(), "postwar", EqPostWar},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := compileYAMLWith(t, c.src, c.coef)
			tr := m.Explain()
			if st := tr.Structural; st.Stage != c.stage || st.Equation != c.eq {
				t.Fatalf("stage %q, equation %q; want %q, %q", st.Stage, st.Equation, c.stage, c.eq)
			}
			g, err := m.Game()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(g.Comment, c.eq) {
				t.Errorf("the tree's comment does not give the equation %q:\n%s", c.eq, g.Comment)
			}
			// A crisis's and a post-war tree's valuations are on Huth's
			// scale 1/A1. The general stage's are on 1/general_slope (about
			// 32 in ln V): the engine's own, and as wide as that.
			for _, o := range g.Outcomes {
				if c.stage == "general" {
					break
				}
				for _, p := range o.Payoffs {
					if v, _ := p.Float64(); math.Abs(v) > 1e6 {
						t.Errorf("outcome %q pays %g: a valuation off the engine's scale", o.Label, v)
					}
				}
			}
			eqs, err := solve.SPE{}.Solve(context.Background(), g, solve.Options{})
			if err != nil || len(eqs) == 0 {
				t.Fatalf("%d equilibria, %v", len(eqs), err)
			}
			for _, eq := range eqs {
				got := 0.0
				for _, kv := range models.OutcomeDist(g, eq.Behavior.Float()) {
					if kv.Key == "status quo" {
						got += kv.Value
					}
				}
				if math.Abs(got-tr.PSQ) > 1e-9 {
					t.Errorf("the equilibrium's P(status quo) %.12f, the engine's P(deterrence) at the medians %.12f", got, tr.PSQ)
				}
			}
		})
	}
}
