package history

import "github.com/guarantor/guarantor/scenario"

// The parts of the case features that depend on the scenario format's
// extensions (issue 10 item 4: end dates, scope, sovereign guarantors,
// arrival times). This version reads the format as main parses it today:
// instruments have a start date only, no scope, no sovereign guarantors
// and no arrival times.

func inForce(in scenario.Instrument, asOf string) bool {
	return asOf == "" || in.Start == "" || dateStart(in.Start) <= asOf
}

func inScope(scenario.Instrument, *scenario.Scenario) bool { return true }

func isSovereign(scenario.Guarantor) bool { return false }

// inPlace reports whether a guarantor's own deployable troops are in the
// theatre on day one (arrival 0); without arrival times none are.
func inPlace(*scenario.Capability) bool { return false }

func guarantorCode(g scenario.Guarantor) int { return g.Country.Code }

func protegeKey(s *scenario.Scenario) string { return countryKey(s.Protege) }
