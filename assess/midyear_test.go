package assess

import (
	"fmt"
	"strings"
	"testing"
)

// The national fallback flags a state that entered the system after 1
// January of the year whose CINC it reads: Eritrea (cow_states: 24 May
// 1993) as a protégé in June 1993, named with the date and the year; not a
// year later, and not when the file gives deployable troops.
func TestMidYearEntrantFlagged(t *testing.T) {
	const src = `name: Eritrea
challenger: ETH
protege: ERI
horizon: {value: 5, source: judgment}
period: {start: %s}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
%s
option:
  name: none
  guarantors: []
`
	want := fmt.Sprintf(FlagMidYear, "capabilities.protege", "Eritrea", "1993-05-24", 1993)
	for _, c := range []struct {
		start, protege string
		flag           bool
	}{
		{"1993-06-01", "", true},
		{"1994-06-01", "", false},
		{"1993-06-01", "  protege: {deployable_troops: 50000, source: judgment}", false},
	} {
		m := compileYAML(t, fmt.Sprintf(src, c.start, c.protege))
		got := false
		for _, f := range m.st.flags {
			got = got || f == want
			if strings.Contains(f, "entered the state system") && f != want {
				t.Errorf("%s: unexpected flag %q", c.start, f)
			}
		}
		if got != c.flag {
			t.Errorf("start %s, protege %q: flag %v, want %v; flags %q", c.start, c.protege, got, c.flag, m.st.flags)
		}
	}
}
