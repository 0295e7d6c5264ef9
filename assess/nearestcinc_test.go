package assess

import "testing"

// A date long before the NMC data (a legal period.start, e.g. 1700) takes
// the state's nearest covered year, as 1807 does: the search starts from
// the data's first year, so a state that entered the system late (North
// Korea, 1948) is still found instead of failing the whole assessment.
func TestNearestCINCBeforeTheData(t *testing.T) {
	for _, c := range []struct {
		ccode, year, want int
	}{
		{731, 1700, 1948}, // North Korea: enters in 1948
		{200, 1700, 1816}, // United Kingdom: in the system from 1816
		{200, 1807, 1816},
		{731, 2500, 2022}, // after the data: the last year
		{365, 1950, 1950},
	} {
		_, got, err := nearestCINC(c.ccode, c.year)
		if err != nil || got != c.want {
			t.Errorf("nearestCINC(%d, %d): year %d, %v; want %d", c.ccode, c.year, got, err, c.want)
		}
	}
}
