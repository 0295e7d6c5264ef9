package assess

import (
	"strings"
	"testing"
)

// TestUnreadInputsListed: inputs the structural engine does not read are
// listed in one flag, never dropped in silence: a UDG-only quantity (the
// air-policing aircraft) and the sides' nuclear status, which no structural
// equation reads (its nuclear cost is a declared umbrella's).
func TestUnreadInputsListed(t *testing.T) {
	const src = `
name: unread
challenger: RUS
protege: UKR
horizon: 5
period: {start: "2015-01-01"}
capabilities:
  challenger: {from: cow_nmc, year: 2015, nuclear: true}
  protege: {from: cow_nmc, year: 2015, nuclear: false}
option:
  guarantors:
    - country: UKG
      id: uk
      capability: {from: cow_nmc, year: 2015, nuclear: true}
      instruments:
        - {type: air_policing, aircraft: 8, source: s}
`
	for _, c := range []struct {
		name string
		want bool
	}{
		{"capabilities.challenger.nuclear", true},
		{"capabilities.protege.nuclear", true},
		{"guarantors.uk.capability.nuclear", true},
		{"guarantors.uk.air_policing.aircraft", true},
		{"capabilities.challenger.cinc", false},
	} {
		m := compileYAML(t, src)
		got := false
		for _, f := range m.st.flags {
			if strings.HasPrefix(f, "inputs the structural engine does not read") && strings.Contains(f, c.name) {
				got = true
			}
		}
		if got != c.want {
			t.Errorf("%s listed as unread: %v, want %v; flags %q", c.name, got, c.want, m.st.flags)
		}
	}
}
