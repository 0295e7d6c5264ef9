package assess

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
)

// georgia2008 is held-out 18's shape (testdata/heldout/18): an organisation
// whose only contributor is the challenger (the CIS force, Russian troops)
// and one where the challenger is one contributor of several (UNOMIG).
// cis and unomig are the two guarantors' YAML, "" to leave one out.
func georgia2008(engine, cis, unomig string) string {
	return fmt.Sprintf(`name: Georgia 2008
challenger: Russia
protege: Georgia
challenge: {kind: invasion, stage: immediate, source: test}
horizon: {value: 5, source: judgment}
period: {start: 2008-07-07}
capabilities:
  challenger: {deployable_troops: {dist: uniform, min: 20000, max: 40000, source: test}}
  protege: {deployable_troops: {value: 12000, source: test}}
option:
  name: peacekeepers with the challenger inside
  guarantors:
%s%s
model: {engine: %s}
`, cis, unomig, engine)
}

const (
	cisRussia = `    - organization: {name: CIS force, mandate: test, contributors: [Russia]}
      id: cispkf
      instruments:
        - {type: tripwire, troops: 2500, posture: frontline}
`
	unomigWithRussia = `    - organization: {name: UNOMIG, mandate: test, contributors: [Russia, UK, France, Germany, Pakistan]}
      id: unomig
      instruments:
        - {type: advisers, personnel: 130}
`
	unomigWithout = `    - organization: {name: UNOMIG, mandate: test, contributors: [UK, France, Germany, Pakistan]}
      id: unomig
      instruments:
        - {type: advisers, personnel: 130}
`
)

// A state does not fight itself: the challenger's contribution counts for
// nothing, so the held-out-18 shape gives, draw by draw, the P(status quo)
// of the same option with the challenger struck from UNOMIG and the CIS
// force (Russia alone) left out; and every output flags both.
func TestChallengerContributorDropped(t *testing.T) {
	got := psqDraws(compileYAML(t, georgia2008("structural", cisRussia, unomigWithRussia)), 3, 400)
	want := psqDraws(compileYAML(t, georgia2008("structural", "", unomigWithout)), 3, 400)
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("draw %d: P(SQ) %.15g with the challenger contributing, %.15g without it", i, got[i], want[i])
		}
	}
	for _, engine := range []string{"structural", "udg"} {
		m := compileYAML(t, georgia2008(engine, cisRussia, unomigWithRussia))
		r, err := m.Run(context.Background(), Config{Samples: 400, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
		if err != nil {
			t.Fatal(err)
		}
		// The UDG engine clamps a prior of 0 to 1e-9 before its logit.
		if pf := r.Guarantors[0].PFight; pf.Mean > 1e-6 || pf.Hi > 1e-6 {
			t.Errorf("%s: the challenger's own force fights with P %v, want 0", engine, pf)
		}
		flags := strings.Join(r.Flags, "\n")
		for _, want := range []string{fmt.Sprintf(FlagSelfOnly, "cispkf", "Russia"), fmt.Sprintf(FlagSelfDropped, "unomig", "Russia")} {
			if !strings.Contains(flags, want) {
				t.Errorf("%s: no flag %q in\n%s", engine, want, flags)
			}
		}
	}
	// The UDG engine: UNOMIG's capability is its other contributors'.
	with := compileYAML(t, georgia2008("udg", "", unomigWithRussia))
	without := compileYAML(t, georgia2008("udg", "", unomigWithout))
	rw, err := with.Run(context.Background(), Config{Samples: 400, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
	if err != nil {
		t.Fatal(err)
	}
	ro, err := without.Run(context.Background(), Config{Samples: 400, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if rw.PDeter.Mean != ro.PDeter.Mean || rw.Guarantors[0].PWin.Mean != ro.Guarantors[0].PWin.Mean {
		t.Errorf("udg: P(deterrence) %v, P(win) %v with the challenger contributing; %v, %v without",
			rw.PDeter.Mean, rw.Guarantors[0].PWin.Mean, ro.PDeter.Mean, ro.Guarantors[0].PWin.Mean)
	}
}
