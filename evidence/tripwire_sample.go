package evidence

import (
	"fmt"
	"math"
	"sort"
)

// dyadYear is one row of the tripwire sample: challenger A, target B.
type dyadYear struct {
	a, b, year int
	onset      bool
	troops     float64 // US active-duty troops in B
	usPact     bool    // US-B ATOP defence obligation
	contig     bool    // A-B land contiguity
	capShare   float64 // CINC_A / (CINC_A + CINC_B)
	rivalry    bool    // A-B strategic rivalry (TSS) in force
	peace      float64 // years since the pair's last use-of-force MID onset (or since both entered the system)
}

// key packs a directed pair (and optionally a year) into one map key.
func key(a, b, year int) int64 { return (int64(a)*1000+int64(b))*10000 + int64(year) }

func undirected(a, b int) (int, int) {
	if a > b {
		return b, a
	}
	return a, b
}

// sampleData holds the tables the tripwire sample joins.
type sampleData struct {
	cinc      map[int64]float64 // key(ccode, 0, year)
	firstYear map[int]int       // first NMC year of each state
	members   map[int][]int     // NMC members per year
	majors    [][3]int          // ccode, styear, endyear
	contig    map[int64][][3]int
	troops    map[int64]float64 // key(ccode, 0, year)
	usPact    map[int64]bool    // key(ccode, 0, year)
	rivals    map[int64][][2]int
	events    map[int64][]int // undirected key(a, b, 0) -> sorted onset years (hostlev >= 4)
	onset     map[int64]bool  // directed key(a, b, year): A on side A, B on side B, onset, hostlev >= 4
	onsetOwn  map[int64]bool  // as onset, with A's own hostility level >= 4 (a sensitivity of the general fit)
}

func cols(t *Table, names ...string) ([][]float64, error) {
	out := make([][]float64, len(names))
	for i, n := range names {
		c, err := t.Num(n)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func loadSampleData() (*sampleData, error) {
	ts, err := loadAll("cow_nmc", "cow_majors", "cow_contdir", "us_troops", "atop_dyad", "tss_rivalries", "mid_dyad")
	if err != nil {
		return nil, err
	}
	d := &sampleData{cinc: map[int64]float64{}, firstYear: map[int]int{}, members: map[int][]int{},
		contig: map[int64][][3]int{}, troops: map[int64]float64{}, usPact: map[int64]bool{},
		rivals: map[int64][][2]int{}, events: map[int64][]int{}, onset: map[int64]bool{}}
	steps := []func(*Table) error{d.addNMC, d.addMajors, d.addContig, d.addTroops, d.addATOP, d.addRivals, d.addMIDs}
	for i, step := range steps {
		if err := step(ts[i]); err != nil {
			return nil, fmt.Errorf("tripwire sample: %s: %w", ts[i].Name, err)
		}
	}
	return d, nil
}

func (d *sampleData) addNMC(t *Table) error {
	c, err := cols(t, "ccode", "year", "cinc")
	if err != nil {
		return err
	}
	for i := range c[0] {
		cc, y := int(c[0][i]), int(c[1][i])
		d.cinc[key(cc, 0, y)] = c[2][i]
		d.members[y] = append(d.members[y], cc)
		if f, ok := d.firstYear[cc]; !ok || y < f {
			d.firstYear[cc] = y
		}
	}
	return nil
}

func (d *sampleData) addMajors(t *Table) error {
	c, err := cols(t, "ccode", "styear", "endyear")
	if err != nil {
		return err
	}
	for i := range c[0] {
		d.majors = append(d.majors, [3]int{int(c[0][i]), int(c[1][i]), int(c[2][i])})
	}
	return nil
}

func (d *sampleData) addContig(t *Table) error {
	c, err := cols(t, "ccode1", "ccode2", "conttype", "styear", "endyear")
	if err != nil {
		return err
	}
	for i := range c[0] {
		k := key(int(c[0][i]), int(c[1][i]), 0)
		d.contig[k] = append(d.contig[k], [3]int{int(c[2][i]), int(c[3][i]), int(c[4][i])})
	}
	return nil
}

func (d *sampleData) addTroops(t *Table) error {
	c, err := cols(t, "ccode", "year", "troops_ad")
	if err != nil {
		return err
	}
	for i := range c[0] {
		if !math.IsNaN(c[0][i]) && !math.IsNaN(c[2][i]) {
			d.troops[key(int(c[0][i]), 0, int(c[1][i]))] += c[2][i]
		}
	}
	return nil
}

func (d *sampleData) addATOP(t *Table) error {
	c, err := cols(t, "ccode1", "ccode2", "year", "atop_defense")
	if err != nil {
		return err
	}
	for i := range c[0] {
		if c[0][i] == usCode && c[3][i] == 1 { // non-directed with ccode1 < ccode2, and 2 is the smallest code
			d.usPact[key(int(c[1][i]), 0, int(c[2][i]))] = true
		}
	}
	return nil
}

func (d *sampleData) addRivals(t *Table) error {
	c, err := cols(t, "ccode1", "ccode2", "start", "end")
	if err != nil {
		return err
	}
	for i := range c[0] {
		a, b := undirected(int(c[0][i]), int(c[1][i]))
		end := c[3][i]
		if math.IsNaN(end) {
			end = 9999
		}
		d.rivals[key(a, b, 0)] = append(d.rivals[key(a, b, 0)], [2]int{int(c[2][i]), int(end)})
	}
	return nil
}

func (d *sampleData) addMIDs(t *Table) error {
	c, err := cols(t, "ccode1", "ccode2", "year", "disponset", "sidea1", "sidea2", "hostlev1", "hostlev2")
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	for i := range c[0] {
		if c[3][i] != 1 || math.Max(c[6][i], c[7][i]) < useOfForce {
			continue
		}
		a, b, y := int(c[0][i]), int(c[1][i]), int(c[2][i])
		if c[4][i] == 1 && c[5][i] == 0 {
			d.onset[key(a, b, y)] = true
			if c[6][i] >= useOfForce && d.onsetOwn != nil {
				d.onsetOwn[key(a, b, y)] = true
			}
		}
		ua, ub := undirected(a, b)
		if k := key(ua, ub, y); !seen[k] {
			seen[k] = true
			d.events[key(ua, ub, 0)] = append(d.events[key(ua, ub, 0)], y)
		}
	}
	for _, ys := range d.events {
		sort.Ints(ys)
	}
	return nil
}

func (d *sampleData) major(cc, y int) bool {
	for _, m := range d.majors {
		if m[0] == cc && y >= m[1] && y <= m[2] {
			return true
		}
	}
	return false
}

// contiguity returns the closest contiguity type in force (1 land ... 5
// 400 miles of water), or 0.
func (d *sampleData) contiguity(a, b, y int) int {
	ua, ub := undirected(a, b)
	best := 0
	for _, s := range d.contig[key(ua, ub, 0)] {
		if y >= s[1] && y <= s[2] && (best == 0 || s[0] < best) {
			best = s[0]
		}
	}
	return best
}

func (d *sampleData) rivalry(a, b, y int) bool {
	ua, ub := undirected(a, b)
	for _, s := range d.rivals[key(ua, ub, 0)] {
		if y >= s[0] && y <= s[1] {
			return true
		}
	}
	return false
}

// peaceYears counts years since the pair's last use-of-force MID onset
// before y, or since the later of the two states' entry into the system.
func (d *sampleData) peaceYears(a, b, y int) float64 {
	ua, ub := undirected(a, b)
	start := max(d.firstYear[a], d.firstYear[b])
	ys := d.events[key(ua, ub, 0)]
	if i := sort.SearchInts(ys, y); i > 0 {
		start = max(start, ys[i-1])
	}
	return float64(y - start)
}
