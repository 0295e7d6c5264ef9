package evidence

import (
	"fmt"
	"sort"
	"sync"
)

// The general-deterrence sample and the challenger's dyad history: who
// quarrels with whom, as of a year. docs/fit.md ("General deterrence")
// fixes the definitions; the fit (package fit) and the engine (package
// assess) read the same functions, so a covariate means the same thing in
// both.

// Coverage of the data behind the challenge covariates (last year with data).
const (
	// MIDLastYear is the last year of COW MID 5.0.
	MIDLastYear = 2014
	// RivalryLastYear is the last year of the TSS strategic rivalries.
	RivalryLastYear = 2020
	// ContiguityLastYear is the last year of COW Direct Contiguity 3.2.
	ContiguityLastYear = 2016
	// SystemFirstYear is the first year of the COW state system and MIDs.
	SystemFirstYear = 1816
)

// GeneralDyadYear is one directed dyad-year of the general-deterrence
// sample: challenger A, target B.
type GeneralDyadYear struct {
	A, B, Year int
	// Onset: A on the initiating side of a use-of-force MID (higher
	// hostility level >= 4) whose dyadic onset is in Year. OwnForce: the
	// same with A's own hostility level >= 4 (a sensitivity: A itself used
	// force).
	Onset, OwnForce bool
	// Rivalry: a TSS strategic rivalry between A and B in force in Year-1.
	Rivalry bool
	// PeaceYears is Year minus the last year before Year with a
	// use-of-force MID onset between the two (either direction), or minus
	// the start of observation (the later of 1816 and the two states'
	// entry into the system) when there was none; then NoPrior is true.
	PeaceYears int
	NoPrior    bool
	// Contiguous: direct land contiguity in force in Year.
	Contiguous bool
}

// GeneralSampleInfo describes the general-deterrence sample.
const GeneralSampleInfo = "directed politically relevant dyad-years (land or <= 150 miles of water contiguity, or either side a COW major power), both states in the COW NMC system with a CINC"

// GeneralSample builds the directed politically relevant dyad-years from
// from to to (within 1816-2014) with the challenger covariates of the
// general-deterrence fit, in year, A, B order.
func GeneralSample(from, to int) ([]GeneralDyadYear, error) {
	if from < SystemFirstYear || to > MIDLastYear || from > to {
		return nil, fmt.Errorf("general sample: years %d-%d: the MID data cover %d-%d", from, to, SystemFirstYear, MIDLastYear)
	}
	d, err := loadHistoryData()
	if err != nil {
		return nil, err
	}
	var rows []GeneralDyadYear
	for y := from; y <= to; y++ {
		ms := append([]int(nil), d.members[y]...)
		sort.Ints(ms)
		d.eachRelevantDyad(y, ms, func(a, b, ct int, _, _ float64) {
			last, start := d.lastDispute(a, b, y)
			r := GeneralDyadYear{A: a, B: b, Year: y, Onset: d.onset[key(a, b, y)], OwnForce: d.onsetOwn[key(a, b, y)], Rivalry: d.rivalry(a, b, y-1),
				Contiguous: ct == 1, NoPrior: last == 0}
			if last > 0 {
				r.PeaceYears = y - last
			} else {
				r.PeaceYears = y - start
			}
			rows = append(rows, r)
		})
	}
	return rows, nil
}

// lastDispute returns the last year before y with a use-of-force MID onset
// between a and b (0 if none) and the start of observation: the later of
// 1816 and the two states' first NMC year.
func (d *sampleData) lastDispute(a, b, y int) (last, start int) {
	ua, ub := undirected(a, b)
	start = max(SystemFirstYear, d.firstYear[a], d.firstYear[b])
	ys := d.events[key(ua, ub, 0)]
	if i := sort.SearchInts(ys, y); i > 0 {
		last = ys[i-1]
	}
	return last, start
}

// DyadHistory is what the embedded data say about a challenger and a
// target as of a year: the general-deterrence covariates, each with the
// year of the data it was read from (an earlier year when the data end
// before the year asked).
type DyadHistory struct {
	Year int
	// Rivalry: a TSS strategic rivalry in force in RivalryYear (Year-1, or
	// the data's last year).
	Rivalry     bool
	RivalryYear int
	// LastDispute is the last year before Year with a use-of-force MID
	// onset between the two, either direction, 0 if none since
	// ObservedFrom; MIDs are known only through MIDLastYear.
	LastDispute  int
	ObservedFrom int
	// Contiguous: direct land contiguity in ContiguityYear.
	Contiguous     bool
	ContiguityYear int
}

// PeaceYears is Year minus LastDispute, or minus ObservedFrom when there was none.
func (h DyadHistory) PeaceYears() int {
	if h.LastDispute > 0 {
		return h.Year - h.LastDispute
	}
	return h.Year - h.ObservedFrom
}

// MIDCovered reports whether the MID data cover every year before Year.
func (h DyadHistory) MIDCovered() bool { return h.Year-1 <= MIDLastYear }

var historyIdx struct {
	once sync.Once
	d    *sampleData
	err  error
}

// loadHistoryData loads the tables the challenge covariates need (NMC for
// system membership, majors and contiguity for political relevance, TSS
// rivalries, MIDs), once.
func loadHistoryData() (*sampleData, error) {
	historyIdx.once.Do(func() {
		ts, err := loadAll("cow_nmc", "cow_majors", "cow_contdir", "tss_rivalries", "mid_dyad")
		if err != nil {
			historyIdx.err = err
			return
		}
		d := &sampleData{cinc: map[int64]float64{}, firstYear: map[int]int{}, members: map[int][]int{},
			contig: map[int64][][3]int{}, rivals: map[int64][][2]int{}, events: map[int64][]int{}, onset: map[int64]bool{},
			onsetOwn: map[int64]bool{}}
		steps := []func(*Table) error{d.addNMC, d.addMajors, d.addContig, d.addRivals, d.addMIDs}
		for i, step := range steps {
			if err := step(ts[i]); err != nil {
				historyIdx.err = fmt.Errorf("dyad history: %s: %w", ts[i].Name, err)
				return
			}
		}
		historyIdx.d = d
	})
	return historyIdx.d, historyIdx.err
}

// ChallengeHistory returns the dyad history of challenger a and target b
// (COW codes) as of year. Past the data's last year each covariate is read
// in that last year (DyadHistory says which); a state the NMC data never
// list is an error.
func ChallengeHistory(a, b, year int) (DyadHistory, error) {
	d, err := loadHistoryData()
	if err != nil {
		return DyadHistory{}, err
	}
	if a == b {
		return DyadHistory{}, fmt.Errorf("dyad history: %d with itself", a)
	}
	for _, c := range []int{a, b} {
		if _, ok := d.firstYear[c]; !ok {
			return DyadHistory{}, fmt.Errorf("dyad history: state %d is not in the COW NMC data", c)
		}
	}
	if year < SystemFirstYear {
		return DyadHistory{}, fmt.Errorf("dyad history: year %d before the data start in %d", year, SystemFirstYear)
	}
	h := DyadHistory{Year: year, RivalryYear: min(year-1, RivalryLastYear), ContiguityYear: min(year, ContiguityLastYear)}
	h.Rivalry = d.rivalry(a, b, h.RivalryYear)
	h.LastDispute, h.ObservedFrom = d.lastDispute(a, b, min(year, MIDLastYear+1))
	h.ObservedFrom = min(h.ObservedFrom, year)
	h.Contiguous = d.contiguity(a, b, h.ContiguityYear) == 1
	return h, nil
}

// HistorySources names the data the dyad history reads.
func HistorySources() string {
	return dataVersions("mid", "rivalries", "cow_states", "cow_nmc")
}
