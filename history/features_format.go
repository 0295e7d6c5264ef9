package history

import "github.com/guarantor/guarantor/scenario"

// The parts of the case features that read the scenario format's
// extensions (contract A of issue 10: end dates, scope, sovereign
// guarantors, arrival times, protected territories).

// inForce: the instrument is in force at the assessment date (the case's
// period.start), as the engine counts it.
func inForce(in scenario.Instrument, asOf string) bool { return asOf == "" || in.InForce(asOf) }

// inScope: the commitment covers this challenger and this challenge.
func inScope(in scenario.Instrument, s *scenario.Scenario) bool { return in.Scope.Covers(s.Challenger) }

// isSovereign: the guarantor defends its own territory.
func isSovereign(g scenario.Guarantor) bool { return g.Sovereign }

// inPlace reports whether a guarantor's own deployable troops are in the
// theatre on day one (median arrival 0 days).
func inPlace(c *scenario.Capability) bool {
	return c.DeployableTroops.Set && c.ArrivalDays.Set && median(c.ArrivalDays) == 0
}

// guarantorCode is the guarantor's COW code; 0 for an organisation.
func guarantorCode(g scenario.Guarantor) int { return g.Country.Code }

// protegeKey: the protege, or for a territory its sovereign when the file
// names one, else the territory's name.
func protegeKey(s *scenario.Scenario) string {
	if t := s.Territory; t != nil {
		if t.Sovereign != nil {
			return countryKey(*t.Sovereign)
		}
		return t.Name
	}
	return countryKey(s.Protege)
}
