package assess

import (
	"context"
	"fmt"
	"testing"
)

// TestSignalAfterAssessmentDateNotCounted: a case is coded as of its
// start, so a signal dated after the assessment date is left out by both
// engines (and flagged), while the same signal dated before it counts.
func TestSignalAfterAssessmentDateNotCounted(t *testing.T) {
	const src = `name: dated
challenger: RUS
protege: UKR
horizon: {value: 5, source: judgment}
period: {start: 2015-06-01}
capabilities:
  challenger: {from: cow_nmc, year: 2014}
  protege: {from: cow_nmc, year: 2014}
model: {engine: %s}
option:
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: defense_pact, source: s}
%s`
	const signal = `      signals:
        - {text: resolve, date: %s, likelihood_ratio: 8, source: s}
`
	for _, engine := range []string{"structural", "udg"} {
		p := func(sig string) float64 {
			m := compileYAML(t, fmt.Sprintf(src, engine, sig))
			r, err := m.Run(context.Background(), Config{Samples: 4000, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
			if err != nil {
				t.Fatal(err)
			}
			return r.PDeter.Mean
		}
		none := p("")
		before := p(fmt.Sprintf(signal, "2015-05-01"))
		after := p(fmt.Sprintf(signal, "2015-07-01"))
		if after != none {
			t.Errorf("%s: a signal after the assessment date moved P(deterrence) from %.6f to %.6f", engine, none, after)
		}
		if before <= none {
			t.Errorf("%s: a positive signal before the assessment date did not raise P(deterrence): %.6f vs %.6f", engine, before, none)
		}
	}
}
