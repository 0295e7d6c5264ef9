package capability

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/guarantor/guarantor/evidence"
)

// maxCCode bounds COW state codes (the largest is 990, Samoa), so a year's
// capabilities fit a flat array indexed by code: a lookup is one load.
const maxCCode = 1000

// Index holds COW NMC capabilities by year and state code for constant-time
// lookups. Build it once (NMC or Default) and share it; it is read-only.
type Index struct {
	First, Last int // years covered
	Version     string
	cinc        [][maxCCode]float64 // [year-First][ccode], NaN when absent
	comp        [][maxCCode]Components
	members     [][]int // system members (NMC rows) per year
}

// ErrNoData reports a state-year that is not in the NMC data.
var ErrNoData = errors.New("capability: no NMC data for this state and year")

var defaultIndex struct {
	once sync.Once
	idx  *Index
	err  error
}

// Default returns the index over the embedded COW NMC table, built on first use.
func Default() (*Index, error) {
	defaultIndex.once.Do(func() { defaultIndex.idx, defaultIndex.err = NMC() })
	return defaultIndex.idx, defaultIndex.err
}

// NMC builds an index from the embedded COW NMC table.
func NMC() (*Index, error) {
	t, err := evidence.Load("cow_nmc")
	if err != nil {
		return nil, err
	}
	var cols [9][]float64
	for i, name := range []string{"ccode", "year", "cinc", "tpop", "upop", "irst", "pec", "milex", "milper"} {
		if cols[i], err = t.Num(name); err != nil {
			return nil, err
		}
	}
	code, year, cinc := cols[0], cols[1], cols[2]
	ds, _ := evidence.DatasetOf("cow_nmc")
	idx := &Index{First: math.MaxInt, Last: math.MinInt, Version: ds.Version}
	for _, y := range year {
		idx.First, idx.Last = min(idx.First, int(y)), max(idx.Last, int(y))
	}
	n := idx.Last - idx.First + 1
	idx.cinc = make([][maxCCode]float64, n)
	idx.comp = make([][maxCCode]Components, n)
	idx.members = make([][]int, n)
	for i := range idx.cinc {
		for j := range idx.cinc[i] {
			idx.cinc[i][j] = math.NaN()
		}
	}
	for i := range code {
		c, yi := int(code[i]), int(year[i])-idx.First
		if c < 0 || c >= maxCCode {
			return nil, fmt.Errorf("cow_nmc row %d: ccode %d out of range", i+2, c)
		}
		idx.cinc[yi][c] = cinc[i]
		idx.comp[yi][c] = Components{TPop: cols[3][i], UPop: cols[4][i], IrSt: cols[5][i], PEC: cols[6][i], Milex: cols[7][i], Milper: cols[8][i]}
		idx.members[yi] = append(idx.members[yi], c)
	}
	return idx, nil
}

// CINC returns the dataset's CINC for a state in a year.
func (x *Index) CINC(ccode, year int) (float64, error) {
	if year < x.First || year > x.Last || ccode < 0 || ccode >= maxCCode {
		return 0, fmt.Errorf("%w: ccode %d, year %d (NMC covers %d-%d)", ErrNoData, ccode, year, x.First, x.Last)
	}
	v := x.cinc[year-x.First][ccode]
	if math.IsNaN(v) {
		return 0, fmt.Errorf("%w: ccode %d, year %d", ErrNoData, ccode, year)
	}
	return v, nil
}

// Components returns a state's six NMC components in a year (NaN = missing).
func (x *Index) Components(ccode, year int) (Components, error) {
	if _, err := x.CINC(ccode, year); err != nil {
		return Components{}, err
	}
	return x.comp[year-x.First][ccode], nil
}

// Members returns the states in the NMC system in a year.
func (x *Index) Members(year int) []int {
	if year < x.First || year > x.Last {
		return nil
	}
	return append([]int(nil), x.members[year-x.First]...)
}

// Recompute returns CINC recomputed from the six components for every
// system member in a year (missing components count as 0 in the system
// totals and in the state's own share), keyed by ccode, and whether each
// state's components were all present.
func (x *Index) Recompute(year int) (cinc map[int]float64, complete map[int]bool) {
	ms := x.Members(year)
	comps := make([]Components, len(ms))
	complete = make(map[int]bool, len(ms))
	for i, c := range ms {
		v := x.comp[year-x.First][c]
		complete[c] = true
		for _, p := range []*float64{&v.TPop, &v.UPop, &v.IrSt, &v.PEC, &v.Milex, &v.Milper} {
			if math.IsNaN(*p) {
				*p = 0
				complete[c] = false
			}
		}
		comps[i] = v
	}
	shares := CINC(comps)
	cinc = make(map[int]float64, len(ms))
	for i, c := range ms {
		cinc[c] = shares[i]
	}
	return cinc, complete
}
