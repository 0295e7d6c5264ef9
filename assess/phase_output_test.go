package assess

import (
	"context"
	"math"
	"testing"
)

// TestGuarantorOutputsAreTheAssessmentDates: with an instrument that ends
// inside the horizon the engine evaluates two phases, and each guarantor's
// P(fights) must be the one at the assessment date, the phase that
// P(some guarantor fights) and P(deterrence) come from. They were the last
// phase's (held-out file 23: UNMEE and the US at 9% each against
// P(some guarantor fights) 47%, and explain's q column below its own
// logit terms). Checked against the responding sets: P(g fights) is the
// sum of P(S) over the sets that contain g, and P(some) is at most the sum
// of the guarantors' P(fights).
func TestGuarantorOutputsAreTheAssessmentDates(t *testing.T) {
	const src = `name: phases
challenger: ETH
protege: ERI
challenge: {stage: postwar, war_outcome: challenger_won}
horizon: {value: 10, source: judgment}
period: {start: 2000-12-12}
capabilities:
  challenger: {deployable_troops: 200000}
  protege: {deployable_troops: 170000}
option:
  guarantors:
    - {country: USA, id: us, instruments: [{type: ceasefire_agreement, dmz: true, end: 2008-07-31}]}
    - {country: UK, id: uk, instruments: [{type: defense_pact, end: 2004-01-01}]}
`
	m := compileYAML(t, src)
	tr := m.Explain().Structural
	if tr == nil || tr.Phases < 2 {
		t.Fatalf("want a structural trace with 2+ phases, got %+v", tr)
	}
	for i, g := range tr.Guarantors {
		in := 0.0
		for _, s := range tr.Sets {
			for _, id := range s.Members {
				if id == g.ID {
					in += s.P
				}
			}
		}
		if math.Abs(in-g.Q) > 1e-6 {
			t.Errorf("explain: guarantor %d (%s): q %.4f, but the responding sets give %.4f", i, g.ID, g.Q, in)
		}
		logit := g.Base + g.Troops + g.Stake + g.Audience + g.Balance + g.Signals + g.Shift + g.Post1945
		if q := 1 / (1 + math.Exp(-logit)); math.Abs(q-g.Q) > 1e-3 {
			t.Errorf("explain: guarantor %s: q %.4f, but its terms sum to logit %.3f (q %.4f)", g.ID, g.Q, logit, q)
		}
	}
	r, err := m.Run(context.Background(), Config{Samples: 2000, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, g := range r.Guarantors {
		sum += g.PFight.Mean
	}
	if r.AnyFight.Mean > sum+1e-9 {
		t.Errorf("P(some guarantor fights) %.4f exceeds the sum of the guarantors' P(fights) %.4f", r.AnyFight.Mean, sum)
	}
}
