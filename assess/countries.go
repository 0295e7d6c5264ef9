package assess

import "github.com/guarantor/guarantor/scenario"

// Countries resolves a scenario's country references against the embedded
// COW state-system list (scenario.BuiltinCountries, which reads
// evidence.LookupCountry: codes, abbreviations, names, aliases,
// unambiguous prefixes), so any state in the system can be named.
var Countries = scenario.BuiltinCountries
