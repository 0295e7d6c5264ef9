package assess

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// When an instrument starts or ends within the first year, P(deterrence)
// (the instruments in force now) and NO WAR 1y (the first year's phases
// chained) answer different questions; the result says so in a flag, and
// only then. Under the UDG engine NO WAR 1y can exceed P(deterrence) (its
// war is a resisted attack): a flag says why whenever it does.
func TestFirstYearPhaseFlag(t *testing.T) {
	src := `name: first year
challenger: RUS
protege: EST
horizon: {value: 10, source: judgment}
period: {start: 2026-01-01}
challenge: {stage: %s}
option:
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: defense_pact%s}
        - {type: tripwire, troops: 5000%s}
model: {engine: %s}
`
	const want = "within the first year: P(deterrence) counts the instruments in force on 2026-01-01 only"
	for _, c := range []struct {
		stage, pact, trip, engine string
		flag, udgFlag             bool
	}{
		{"general", ", start: 2026-07-01", ", start: 2026-07-01", "structural", true, false},
		{"immediate", "", ", end: 2026-09", "structural", true, false},
		{"general", ", start: 2027-06-01", ", start: 2027-06-01", "structural", false, false},
		{"general", "", "", "structural", false, false},
		{"general", ", start: 2026-07-01", ", start: 2026-07-01", "udg", false, true},
	} {
		m := compileYAML(t, fmt.Sprintf(src, c.stage, c.pact, c.trip, c.engine))
		r, err := m.Run(context.Background(), Config{Samples: 2000, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
		if err != nil {
			t.Fatal(err)
		}
		var flag, udg bool
		for _, f := range r.Flags {
			flag = flag || strings.Contains(f, want)
			udg = udg || f == UDGNoWarFlag
		}
		name := fmt.Sprintf("%s %s pact%q tripwire%q", c.engine, c.stage, c.pact, c.trip)
		if flag != c.flag {
			t.Errorf("%s: first-year flag %v, want %v: %v", name, flag, c.flag, r.Flags)
		}
		var noWar1 float64
		for _, h := range r.NoWar {
			if h.Years == 1 {
				noWar1 = h.P.Mean
			}
		}
		if udg != (c.engine == "udg" && noWar1 > r.PDeter.Mean) || udg != c.udgFlag {
			t.Errorf("%s: UDG flag %v with NO WAR 1y %.4f and P(deterrence) %.4f", name, udg, noWar1, r.PDeter.Mean)
		}
		// Without the flag the two agree where they should: the same
		// instruments all year, so NO WAR 1y is P(deterrence) (immediate and
		// post-war: S(1) = P(SQ)·survival; general: the year's P(SQ)).
		if !c.flag && c.engine == "structural" && noWar1 > r.PDeter.Mean+1e-9 {
			t.Errorf("%s: NO WAR 1y %.4f above P(deterrence) %.4f without a flag", name, noWar1, r.PDeter.Mean)
		}
	}
}
