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
	// JustEnded reports a COW war between the two whose last year is W-1
	// or W (the war that just ended); Outcome is its outcome for the first
	// state a (the challenger): "challenger_won" (a coded 1, b 2),
	// "challenger_lost" (a 2, b 1), else "no_decision" (compromise,
	// transformed, stalemate, continuing, changed sides, missing or mixed
	// codes). Of several such wars, the latest.
	JustEnded bool
	Outcome   string
}

// WarsCovered reports whether the COW war data cover every year an
// earlier war could have ended in (through W-2).
func (h PostWarHistory) WarsCovered() bool { return h.Year-2 <= WarLastYear }

// pairWar is one war between a pair: its number and last year, and the
// outcome codes of the pair's rows in it (directed: the first state's
// code, then the second's, for the lower-coded state first).
type pairWar struct {
	num, last int
	codes     map[[2]float64]bool
}

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
		oc, err := cols(t, "outcome1", "outcome2")
		if err != nil {
			warIdx.err = fmt.Errorf("post-war history: cow_war: %w", err)
			return
		}
		last := map[int64]map[int]int{}
		codes := map[int64]map[int]map[[2]float64]bool{}
		for i := range c[0] {
			if c[4][i] == c[5][i] {
				continue // allies, not opponents
			}
			a, b := undirected(int(c[1][i]), int(c[2][i]))
			k := key(a, b, 0)
			if last[k] == nil {
				last[k], codes[k] = map[int]int{}, map[int]map[[2]float64]bool{}
			}
			w := int(c[0][i])
			last[k][w] = max(last[k][w], int(c[3][i]))
			if int(c[1][i]) == a { // the lower-coded state's rows
				if codes[k][w] == nil {
					codes[k][w] = map[[2]float64]bool{}
				}
				codes[k][w][[2]float64{oc[0][i], oc[1][i]}] = true
			}
		}
		m := make(map[int64][]pairWar, len(last))
		for k, ws := range last {
			for w, y := range ws {
				m[k] = append(m[k], pairWar{w, y, codes[k][w]})
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
	latest := -1
	for _, w := range wars[key(ua, ub, 0)] {
		if w.last <= year-2 {
			h.EarlierWars++
		} else if w.last <= year && w.last > latest {
			latest, h.JustEnded, h.Outcome = w.last, true, warOutcome(w.codes, a != ua)
		}
	}
	return h, nil
}

// warOutcome reads a war's outcome for the challenger from the pair's
// codes (the lower-coded state's first; swap when the challenger is the
// other): one code pair, else no decision (mixed).
func warOutcome(codes map[[2]float64]bool, swap bool) string {
	if len(codes) != 1 {
		return "no_decision"
	}
	for o := range codes {
		if swap {
			o[0], o[1] = o[1], o[0]
		}
		switch {
		case o[0] == 1 && o[1] == 2:
			return "challenger_won"
		case o[0] == 2 && o[1] == 1:
			return "challenger_lost"
		}
	}
	return "no_decision"
}

// PostWarSources names the data PostWarDyad reads.
func PostWarSources() string {
	return dataVersions("cow_war", "rivalries", "cow_states")
}
