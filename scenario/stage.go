package scenario

// EffectiveStage is the deterrence stage the engine uses for s assessed on
// date asOf (YYYY[-MM[-DD]]; "" reads as "now", any instrument without an
// end counting as not ended).
//
// A file that says `stage: postwar` is post-war, and one that says
// `general` is general. An `immediate` (or unset) stage is read as
// post-war when some guarantor has a ceasefire_agreement that has not
// ended by the assessment date: in the scenario format a ceasefire
// agreement is the agreement that ended a war between the challenger and
// the protege (docs/scenario.md), so the case is a post-war spell, the
// population whose renewal of war the durability fit measures from the
// day the war ended. Its `start` may be later than the assessment date:
// it dates the guarantor's part (the monitors' arrival, a mission's
// mandate), which can follow the ceasefire itself by weeks or months; its
// mechanisms count only from that start (phases), the stage from the
// assessment date. The scope of the instrument does not matter: the
// agreement binds the belligerents whatever the guarantor promises.
func EffectiveStage(s *Scenario, asOf string) string {
	switch s.Challenge.Stage {
	case PostWar, General:
		return s.Challenge.Stage
	}
	if CeasefireNotEnded(s, asOf) {
		return PostWar
	}
	return Immediate
}

// CeasefireNotEnded reports whether some guarantor of s has a
// ceasefire_agreement whose end is not before asOf ("" = no date: any
// ceasefire agreement without an end, or with one, counts).
func CeasefireNotEnded(s *Scenario, asOf string) bool {
	for _, g := range s.Option.Guarantors {
		for _, in := range g.Instruments {
			if in.Type != CeasefireAgreement {
				continue
			}
			if asOf == "" || in.End == "" || DateEnd(in.End) >= DateStart(asOf) {
				return true
			}
		}
	}
	return false
}
