package evidence

import (
	"fmt"
	"sort"
	"sync"
)

// The post-war dyad covariates (docs/fit.md, "Durability with dyad
// covariates"): what a scenario can state about two states that have just
// ended a war, as of the year W the war ended (the fit: the war's last
// year; the engine: the assessment year). The fit and the engine read the
// same function, so a covariate means the same thing in both.

// WarLastYear is the last year of COW Inter-State War 4.0.
const WarLastYear = 2007

// PostWarHistory is the post-war dyad covariates of a pair as of year W.
type PostWarHistory struct {
	Year int
	// Rivalry: a TSS strategic rivalry in force in RivalryYear (W, or the
	// data's last year).
	Rivalry     bool
	RivalryYear int
	// Contiguous: direct land contiguity in ContiguityYear (W, or the
	// data's last year).
	Contiguous     bool
	ContiguityYear int
	// EarlierWars counts the COW interstate wars in which the two fought on
	// opposite sides and whose last year is W-2 or earlier: a war that
	// ended in W-1 or W is the war that just ended. Wars are known only
	// through WarLastYear (WarsCovered).
	EarlierWars int
}

// WarsCovered reports whether the COW war data cover every year an
// earlier war could have ended in (through W-2).
func (h PostWarHistory) WarsCovered() bool { return h.Year-2 <= WarLastYear }

// pairWar is one war between a pair: its number and last year.
type pairWar struct{ num, last int }

var warIdx struct {
	once sync.Once
	m    map[int64][]pairWar // undirected key(a, b, 0)
	err  error
}

// loadWars indexes COW war 4.0 by undirected pair of opponents, once.
func loadWars() (map[int64][]pairWar, error) {
	warIdx.once.Do(func() {
		t, err := Load("cow_war")
		if err != nil {
			warIdx.err = err
			return
		}
		c, err := cols(t, "warnum", "ccode1", "ccode2", "year", "sidea1", "sidea2")
		if err != nil {
			warIdx.err = fmt.Errorf("post-war history: cow_war: %w", err)
			return
		}
		last := map[int64]map[int]int{}
		for i := range c[0] {
			if c[4][i] == c[5][i] {
				continue // allies, not opponents
			}
			a, b := undirected(int(c[1][i]), int(c[2][i]))
			k := key(a, b, 0)
			if last[k] == nil {
				last[k] = map[int]int{}
			}
			w := int(c[0][i])
			last[k][w] = max(last[k][w], int(c[3][i]))
		}
		m := make(map[int64][]pairWar, len(last))
		for k, ws := range last {
			for w, y := range ws {
				m[k] = append(m[k], pairWar{w, y})
			}
			sort.Slice(m[k], func(i, j int) bool { return m[k][i].num < m[k][j].num })
		}
		warIdx.m = m
	})
	return warIdx.m, warIdx.err
}

// PostWarDyad returns the post-war covariates of a and b (COW codes) as of
// year W. Past a data set's last year the covariate is read in that last
// year (PostWarHistory says which, WarsCovered for the wars); a state the
// NMC data never list is an error.
func PostWarDyad(a, b, year int) (PostWarHistory, error) {
	d, err := loadHistoryData()
	if err != nil {
		return PostWarHistory{}, err
	}
	wars, err := loadWars()
	if err != nil {
		return PostWarHistory{}, err
	}
	if a == b {
		return PostWarHistory{}, fmt.Errorf("post-war history: %d with itself", a)
	}
	for _, c := range []int{a, b} {
		if _, ok := d.firstYear[c]; !ok {
			return PostWarHistory{}, fmt.Errorf("post-war history: state %d is not in the COW NMC data", c)
		}
	}
	if year < SystemFirstYear {
		return PostWarHistory{}, fmt.Errorf("post-war history: year %d before the data start in %d", year, SystemFirstYear)
	}
	h := PostWarHistory{Year: year, RivalryYear: min(year, RivalryLastYear), ContiguityYear: min(year, ContiguityLastYear)}
	h.Rivalry = d.rivalry(a, b, h.RivalryYear)
	h.Contiguous = d.contiguity(a, b, h.ContiguityYear) == 1
	ua, ub := undirected(a, b)
	for _, w := range wars[key(ua, ub, 0)] {
		if w.last <= year-2 {
			h.EarlierWars++
		}
	}
	return h, nil
}

// PostWarSources names the data PostWarDyad reads.
func PostWarSources() string {
	return dataVersions("cow_war", "rivalries", "cow_states")
}
