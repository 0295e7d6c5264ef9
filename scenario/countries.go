package scenario

import "github.com/guarantor/guarantor/evidence"

// Country identifies a state in the Correlates of War (COW) state system.
type Country struct {
	Code   int    // COW country code, e.g. 365
	Abbrev string // COW abbreviation, e.g. RUS
	Name   string // e.g. Russia
}

// CountryResolver turns what a file says ("RUS", "Russia", 365) into a
// Country. The evidence package's state-system table can replace the small
// built-in one through Options.Countries.
type CountryResolver interface {
	Resolve(s string) (Country, bool)
}

// BuiltinCountries resolves against the COW state-system list embedded in
// package evidence (codes, abbreviations, names, common aliases such as
// "UK", "USSR", "West Germany", and unambiguous name prefixes): the
// project's one country table.
var BuiltinCountries CountryResolver = stateSystem{}

type stateSystem struct{}

func (stateSystem) Resolve(s string) (Country, bool) {
	c, err := evidence.LookupCountry(s)
	if err != nil {
		return Country{}, false
	}
	return Country{Code: c.CCode, Abbrev: c.Abb, Name: c.Name}, true
}
