package scenario

import (
	"strconv"
	"strings"
)

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

// BuiltinCountries is a small table of COW codes used by the examples;
// codes and abbreviations follow the COW State System Membership list
// (Correlates of War Project 2017, "State System Membership List, v2016").
var BuiltinCountries CountryResolver = tableResolver(builtinTable)

var builtinTable = []Country{
	{2, "USA", "United States of America"}, {20, "CAN", "Canada"}, {160, "ARG", "Argentina"},
	{200, "UKG", "United Kingdom"}, {205, "IRE", "Ireland"}, {210, "NTH", "Netherlands"},
	{211, "BEL", "Belgium"}, {212, "LUX", "Luxembourg"}, {220, "FRN", "France"},
	{225, "SWZ", "Switzerland"}, {230, "SPN", "Spain"}, {235, "POR", "Portugal"},
	{255, "GMY", "Germany"}, {260, "GFR", "German Federal Republic"}, {265, "GDR", "German Democratic Republic"},
	{290, "POL", "Poland"}, {300, "AUH", "Austria-Hungary"}, {305, "AUS", "Austria"},
	{310, "HUN", "Hungary"}, {315, "CZE", "Czechoslovakia"}, {316, "CZR", "Czech Republic"},
	{317, "SLO", "Slovakia"}, {325, "ITA", "Italy"}, {339, "ALB", "Albania"},
	{345, "YUG", "Yugoslavia"}, {346, "BOS", "Bosnia and Herzegovina"}, {344, "CRO", "Croatia"},
	{350, "GRC", "Greece"}, {352, "CYP", "Cyprus"}, {355, "BUL", "Bulgaria"}, {360, "ROM", "Romania"},
	{365, "RUS", "Russia"}, {366, "EST", "Estonia"}, {367, "LAT", "Latvia"}, {368, "LIT", "Lithuania"},
	{369, "UKR", "Ukraine"}, {370, "BLR", "Belarus"}, {371, "ARM", "Armenia"}, {372, "GRG", "Georgia"},
	{373, "AZE", "Azerbaijan"}, {375, "FIN", "Finland"}, {380, "SWD", "Sweden"}, {385, "NOR", "Norway"},
	{390, "DEN", "Denmark"}, {640, "TUR", "Turkey"}, {645, "IRQ", "Iraq"}, {651, "EGY", "Egypt"},
	{652, "SYR", "Syria"}, {666, "ISR", "Israel"}, {670, "SAU", "Saudi Arabia"}, {690, "KUW", "Kuwait"},
	{710, "CHN", "China"}, {713, "TAW", "Taiwan"}, {731, "PRK", "North Korea"}, {732, "ROK", "South Korea"},
	{740, "JPN", "Japan"}, {816, "DRV", "Vietnam"}, {817, "RVN", "Republic of Vietnam"},
	{900, "AUL", "Australia"},
}

// aliases are common names the COW list spells differently.
var aliases = map[string]int{
	"us": 2, "united states": 2, "uk": 200, "britain": 200, "great britain": 200,
	"west germany": 260, "frg": 260, "east germany": 265, "ussr": 365, "soviet union": 365,
	"korea": 732, "republic of korea": 732, "roc": 713, "prussia": 255,
	"north vietnam": 816, "south vietnam": 817,
}

type tableResolver []Country

func (t tableResolver) Resolve(s string) (Country, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return t.byCode(n)
	}
	low := strings.ToLower(s)
	if code, ok := aliases[low]; ok {
		return t.byCode(code)
	}
	for _, c := range t {
		if strings.EqualFold(c.Abbrev, s) || strings.EqualFold(c.Name, s) {
			return c, true
		}
	}
	return Country{}, false
}

func (t tableResolver) byCode(n int) (Country, bool) {
	for _, c := range t {
		if c.Code == n {
			return c, true
		}
	}
	return Country{}, false
}
