package assess

import (
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/scenario"
)

// Countries resolves a scenario's country references against the embedded
// COW state-system list (evidence.LookupCountry: codes, abbreviations,
// names, aliases, unambiguous prefixes), so any state in the system can be
// named, not only the scenario package's small built-in table. If the
// embedded list cannot be read, the built-in table answers.
var Countries scenario.CountryResolver = evidenceCountries{}

type evidenceCountries struct{}

func (evidenceCountries) Resolve(s string) (scenario.Country, bool) {
	c, err := evidence.LookupCountry(s)
	if err != nil {
		return scenario.BuiltinCountries.Resolve(s)
	}
	return scenario.Country{Code: c.CCode, Abbrev: c.Abb, Name: c.Name}, true
}
