package capability

import (
	"errors"
	"fmt"
	"math"
)

// Member is one state's contribution to a coalition.
type Member struct {
	CCode int
	// Deploy is the share of the state's capability it can commit to the
	// theatre (0..1): forces held back for other fronts, home defence or
	// politics are not there.
	Deploy float64
	// Reach is the distance factor (0..1): the fraction of the deployed
	// capability that survives projection to the theatre (1 = on the spot).
	// It is a scenario parameter with its own source: no loss-of-strength
	// formula is built in, because the published ones (Boulding 1962; Bueno
	// de Mesquita 1981) were not checked against their texts here.
	Reach float64
}

// ErrBadMember reports a Deploy or Reach outside [0, 1].
var ErrBadMember = errors.New("capability: member Deploy and Reach must be in [0, 1]")

// Coalition returns the effective capability of a coalition in a year,
// sum_i CINC_i * Deploy_i * Reach_i, in CINC units (shares of the world
// system). It allocates nothing.
func (x *Index) Coalition(year int, members []Member) (float64, error) {
	if year < x.First || year > x.Last {
		return 0, fmt.Errorf("%w: year %d (NMC covers %d-%d)", ErrNoData, year, x.First, x.Last)
	}
	row := &x.cinc[year-x.First]
	var sum float64
	for _, m := range members {
		if !(m.Deploy >= 0 && m.Deploy <= 1 && m.Reach >= 0 && m.Reach <= 1) {
			return 0, fmt.Errorf("%w: ccode %d has deploy %g, reach %g", ErrBadMember, m.CCode, m.Deploy, m.Reach)
		}
		if m.CCode < 0 || m.CCode >= maxCCode || math.IsNaN(row[m.CCode]) {
			return 0, fmt.Errorf("%w: ccode %d, year %d", ErrNoData, m.CCode, year)
		}
		sum += row[m.CCode] * m.Deploy * m.Reach
	}
	return sum, nil
}

// Coalition is Index.Coalition on the embedded NMC data.
func Coalition(year int, members []Member) (float64, error) {
	x, err := Default()
	if err != nil {
		return 0, err
	}
	return x.Coalition(year, members)
}
