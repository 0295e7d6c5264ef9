package assess

import (
	"context"
	"strings"
	"testing"
)

// TestUDGFlagsWhatItDoesNotRead: under engine: udg a signal dated after
// the assessment date is left out (KnownSignals) and a catalogue parameter
// of the structural engine set in model: is not read. Both were dropped in
// silence (held-out file 22: a Seventh Fleet signal of 7 September 1958 for
// a crisis assessed on 23 August, and response.troops); the structural
// engine flags the same inputs, and so must the UDG engine. So are advisers
// (the UDG engine has no term for them) and a ceasefire's joint commission
// (its durability reads monitors and a DMZ only).
func TestUDGFlagsWhatItDoesNotRead(t *testing.T) {
	const src = `name: udg
challenger: CHN
protege: TAW
horizon: 5
period: {start: 1958-08-23}
model:
  engine: udg
  response: {troops: 0.1}
  udg: {correlation: 0.3}
option:
  guarantors:
    - country: USA
      id: us
      instruments: [{type: defense_pact}, {type: advisers, personnel: 200}, {type: ceasefire_agreement, joint_commission: true, start: 1958-09-01}]
      signals:
        - {text: before, date: 1958-08-01, likelihood_ratio: 1.2}
        - {text: after, date: 1958-09-07, likelihood_ratio: 1.5}
`
	m := compileYAML(t, src)
	r, err := m.Run(context.Background(), Config{Samples: 200, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
	if err != nil {
		t.Fatal(err)
	}
	flags := strings.Join(r.Flags, "\n")
	for _, want := range []string{
		"guarantors.us.signals[1] is dated 1958-09-07, after the assessment date 1958-08-23: not counted",
		"inputs the udg engine does not read (recorded, not used): model.response.troops, guarantors.us.advisers.personnel, guarantors.us.instruments[2].joint_commission",
	} {
		if !strings.Contains(flags, want) {
			t.Errorf("no flag %q in\n%s", want, flags)
		}
	}
	for _, not := range []string{"signals[0]", "model.udg.correlation"} {
		if strings.Contains(flags, not) {
			t.Errorf("%s is read by the udg engine but flagged:\n%s", not, flags)
		}
	}
}
