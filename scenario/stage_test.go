package scenario

import "testing"

// The derived stage (EffectiveStage): an immediate or unset stage with a
// ceasefire agreement not ended by the assessment date is post-war; an
// explicit general or postwar stage is never changed.
func TestEffectiveStage(t *testing.T) {
	cease := func(start, end string) []Guarantor {
		return []Guarantor{{ID: "g", Instruments: []Instrument{{Type: CeasefireAgreement, Start: start, End: end}}}}
	}
	pact := []Guarantor{{ID: "g", Instruments: []Instrument{{Type: DefensePact}}}}
	for _, tc := range []struct {
		name, stage, asOf string
		gs                []Guarantor
		want              string
	}{
		{"no guarantor", Immediate, "2000-01-01", nil, Immediate},
		{"a pact, no ceasefire", Immediate, "2000-01-01", pact, Immediate},
		{"ceasefire in force", Immediate, "2000-01-01", cease("", ""), PostWar},
		{"ceasefire from the start date", Immediate, "2000-01-01", cease("2000-01-01", ""), PostWar},
		{"monitors arrive later", Immediate, "2000-01-01", cease("2000-03", ""), PostWar},
		{"ended the day before", Immediate, "2000-01-01", cease("", "1999-12-31"), Immediate},
		{"ends in the assessment year (a span)", Immediate, "2000-06-01", cease("", "2000"), PostWar},
		{"no date: any ceasefire", Immediate, "", cease("", "1990"), PostWar},
		{"general stays general", General, "2000-01-01", cease("", ""), General},
		{"postwar without a ceasefire", PostWar, "2000-01-01", nil, PostWar},
	} {
		s := &Scenario{Challenge: Challenge{Stage: tc.stage}, Option: Option{Guarantors: tc.gs}}
		if got := EffectiveStage(s, tc.asOf); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
