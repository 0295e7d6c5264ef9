package scenario

import "testing"

// The contract-A extensions decode as written: a territory with its
// sovereign, the challenge's kind, an organisation guarantor, advisers,
// instrument dates and scope, and arrival times.
func TestExtendedFormat(t *testing.T) {
	s := load(t, "testdata/good/falklands.yaml")
	if s.Territory == nil || s.Territory.Name != "Falkland Islands" || s.Territory.Sovereign == nil || s.Territory.Sovereign.Abbrev != "UKG" {
		t.Fatalf("territory %+v", s.Territory)
	}
	if s.Protege.Code != 0 || s.Protege.Name != "Falkland Islands" {
		t.Errorf("protege %+v", s.Protege)
	}
	if s.Challenge.Kind != LimitedSeizure || !s.Challenge.Set || s.Challenge.Target != "the islands" {
		t.Errorf("challenge %+v", s.Challenge)
	}
	uk, un := s.Option.Guarantors[0], s.Option.Guarantors[1]
	// democracy and stage are read (a duplicate "$defs" in schema.json once
	// rejected democracy: as an unknown field).
	if uk.Democracy == nil || !*uk.Democracy || un.Democracy != nil {
		t.Errorf("democracy uk %v un %v", uk.Democracy, un.Democracy)
	}
	if s.Challenge.Stage != "general" {
		t.Errorf("stage %q", s.Challenge.Stage)
	}
	if !uk.Sovereign || un.Sovereign {
		t.Errorf("sovereign uk %v un %v", uk.Sovereign, un.Sovereign)
	}
	if un.Organization == nil || un.Name() != "UN" || len(un.Organization.Contributors) != 2 || un.Organization.Contributors[1].Abbrev != "FRN" || un.ID != "un" {
		t.Errorf("organization %+v", un.Organization)
	}
	if got := uk.Capability.ArrivalDays.Dist.Value; got != 60 {
		t.Errorf("uk arrival %v", got)
	}
	adv, assur, pact := un.Instruments[0], un.Instruments[1], un.Instruments[2]
	if adv.Type != Advisers || !adv.Personnel.Set || adv.Start != "1982-04" || adv.End != "1982-06" {
		t.Errorf("advisers %+v", adv)
	}
	for _, tc := range []struct {
		date string
		want bool
	}{{"1982-03-19", false}, {"1982-04-01", true}, {"1982-06-30", true}, {"1982-07", false}, {"1982", false}} {
		if got := adv.InForce(tc.date); got != tc.want {
			t.Errorf("advisers in force on %s: %v, want %v", tc.date, got, tc.want)
		}
	}
	if !uk.Instruments[0].InForce("1982-03-19") || uk.Instruments[0].InForce("1964-12-31") {
		t.Error("tripwire from 1965: in force in 1982, not in 1964")
	}
	if assur.Scope.Covers(s.Challenger) || !assur.Scope.Covers(Country{Code: 365}) {
		t.Errorf("scope limited to RUS: %+v", assur.Scope)
	}
	if pact.Scope.Covers(s.Challenger) || (*Scope)(nil).Covers(s.Challenger) != true {
		t.Error("covers_challenge: false must exclude; no scope must include")
	}
	c := Compile(s)
	if c.AsOf() != "1982-03-19" {
		t.Errorf("as of %q", c.AsOf())
	}
	g := c.Guarantors[1]
	if g.Name != "UN" || g.Organization == nil || !c.Guarantors[0].Sovereign {
		t.Errorf("compiled guarantor %+v", g)
	}
	if !g.Instruments[0].InScope || g.Instruments[1].InScope || g.Instruments[2].InScope {
		t.Errorf("in scope: %v %v %v", g.Instruments[0].InScope, g.Instruments[1].InScope, g.Instruments[2].InScope)
	}
	for _, name := range []string{"guarantors.un.advisers.personnel", "guarantors.uk.capability.arrival_days",
		"capabilities.challenger.arrival_days", "capabilities.protege.deployable_troops"} {
		if _, ok := c.Index(name); !ok {
			t.Errorf("no parameter %s in %v", name, c.Names())
		}
	}
	if c.Protege.ArrivalDays != None {
		t.Error("protege arrival set though the file gives none")
	}
}

// A file without a challenge block is an invasion.
func TestChallengeDefault(t *testing.T) {
	s := load(t, "testdata/good/tripwire.yaml")
	if s.Challenge.Kind != Invasion || s.Challenge.Set || s.Territory != nil {
		t.Errorf("challenge %+v territory %+v", s.Challenge, s.Territory)
	}
}
