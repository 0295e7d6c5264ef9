package evidence

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Country is a state of the COW state system (states v2016).
type Country struct {
	CCode  int    // COW state code, e.g. 365
	Abb    string // COW abbreviation, e.g. "RUS"
	Name   string // COW name, e.g. "Russia"
	Spells [][2]int
	// Entries are the first days of the spells, as YYYY-MM-DD, in the
	// order of Spells.
	Entries []string
}

// ErrNoCountry reports a country query that matches no state.
var ErrNoCountry = errors.New("no such country")

// aliases are common names that differ from COW's.
var aliases = map[string]int{
	"us": 2, "united states": 2, "america": 2, "uk": 200, "britain": 200, "great britain": 200,
	"ussr": 365, "soviet union": 365, "russian federation": 365, "west germany": 260, "east germany": 265,
	"north vietnam": 816, "south vietnam": 817, "turkiye": 640,
}

var countries struct {
	once   sync.Once
	byCode map[int]*Country
	list   []*Country
	err    error
}

func loadCountries() {
	t, err := Load("cow_states")
	if err != nil {
		countries.err = err
		return
	}
	code, err1 := t.Num("ccode")
	sy, err2 := t.Num("styear")
	ey, err3 := t.Num("endyear")
	sm, err4 := t.Num("stmonth")
	sd, err5 := t.Num("stday")
	abb, ok1 := t.Col("stateabb")
	nme, ok2 := t.Col("statenme")
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil || !ok1 || !ok2 {
		countries.err = fmt.Errorf("cow_states: unexpected columns: %v", err)
		return
	}
	countries.byCode = map[int]*Country{}
	for i := 0; i < t.Rows; i++ {
		cc := int(code[i])
		c, ok := countries.byCode[cc]
		if !ok {
			c = &Country{CCode: cc, Abb: abb.Text(i), Name: nme.Text(i)}
			countries.byCode[cc] = c
			countries.list = append(countries.list, c)
		}
		c.Spells = append(c.Spells, [2]int{int(sy[i]), int(ey[i])})
		c.Entries = append(c.Entries, fmt.Sprintf("%04d-%02d-%02d", int(sy[i]), int(sm[i]), int(sd[i])))
	}
	sort.Slice(countries.list, func(i, j int) bool { return countries.list[i].CCode < countries.list[j].CCode })
}

// Countries returns every state of the COW system, by code.
func Countries() ([]Country, error) {
	countries.once.Do(loadCountries)
	out := make([]Country, len(countries.list))
	for i, c := range countries.list {
		out[i] = *c
	}
	return out, countries.err
}

// LookupCountry finds a state by COW code ("365"), abbreviation ("RUS"),
// name ("Russia", case-insensitive), a common alias ("USSR", "UK") or an
// unambiguous name prefix ("Ukr").
func LookupCountry(q string) (Country, error) {
	countries.once.Do(loadCountries)
	if countries.err != nil {
		return Country{}, countries.err
	}
	q = strings.TrimSpace(q)
	if v, err := strconv.ParseFloat(q, 64); err == nil {
		if c, ok := countries.byCode[int(v)]; ok && v == math.Trunc(v) {
			return *c, nil
		}
		return Country{}, fmt.Errorf("%w: COW code %s is not in the state system", ErrNoCountry, q)
	}
	lq := strings.ToLower(q)
	if cc, ok := aliases[lq]; ok {
		return *countries.byCode[cc], nil
	}
	for _, c := range countries.list {
		if strings.EqualFold(c.Abb, q) || strings.EqualFold(c.Name, q) {
			return *c, nil
		}
	}
	var hits []*Country
	for _, c := range countries.list {
		if lq != "" && strings.HasPrefix(strings.ToLower(c.Name), lq) {
			hits = append(hits, c)
		}
	}
	switch len(hits) {
	case 1:
		return *hits[0], nil
	case 0:
		return Country{}, fmt.Errorf("%w: %q matches no COW code, abbreviation or name", ErrNoCountry, q)
	}
	names := make([]string, len(hits))
	for i, c := range hits {
		names[i] = fmt.Sprintf("%s (%d)", c.Name, c.CCode)
	}
	return Country{}, fmt.Errorf("%w: %q is ambiguous: %s", ErrNoCountry, q, strings.Join(names, ", "))
}

// InSystem reports whether the country was a system member in year y.
func (c Country) InSystem(y int) bool {
	for _, s := range c.Spells {
		if y >= s[0] && y <= s[1] {
			return true
		}
	}
	return false
}

// EntersMidYear returns the date the country entered the state system in
// year y when that is after 1 January (a spell starting then): COW NMC's
// record for that year then covers a state that existed for part of it
// only. 1816, where the system begins, is no entry.
func (c Country) EntersMidYear(y int) (date string, ok bool) {
	for i, s := range c.Spells {
		if s[0] == y && y > 1816 && i < len(c.Entries) && !strings.HasSuffix(c.Entries[i], "-01-01") {
			return c.Entries[i], true
		}
	}
	return "", false
}
