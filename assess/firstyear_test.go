package assess

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
)

// When an instrument starts or ends within the first year, P(deterrence)
// (the instruments in force now) and NO WAR 1y (the first year's phases
// chained) answer different questions; the result says so in a flag, and
// only then. Under the UDG engine NO WAR 1y can exceed P(deterrence) (its
// war is a resisted attack): a flag says why whenever it does.
func TestFirstYearPhaseFlag(t *testing.T) {
	src := `name: first year
challenger: RUS
protege: EST
horizon: {value: 10, source: judgment}
period: {start: 2026-01-01}
challenge: {stage: %s}
option:
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: defense_pact%s}
        - {type: tripwire, troops: 5000%s}
model: {engine: %s}
`
	const want = "within the first year: P(deterrence) counts the instruments in force on 2026-01-01 only"
	for _, c := range []struct {
		stage, pact, trip, engine string
		flag, udgFlag             bool
	}{
		{"general", ", start: 2026-07-01", ", start: 2026-07-01", "structural", true, false},
		{"immediate", "", ", end: 2026-09", "structural", true, false},
		{"general", ", start: 2027-06-01", ", start: 2027-06-01", "structural", false, false},
		{"general", "", "", "structural", false, false},
		{"general", ", start: 2026-07-01", ", start: 2026-07-01", "udg", false, true},
	} {
		m := compileYAML(t, fmt.Sprintf(src, c.stage, c.pact, c.trip, c.engine))
		r, err := m.Run(context.Background(), Config{Samples: 2000, Seed: 1, Workers: 1, DriverSamples: -1}, "test")
		if err != nil {
			t.Fatal(err)
		}
		var flag, udg bool
		for _, f := range r.Flags {
			flag = flag || strings.Contains(f, want)
			udg = udg || f == UDGNoWarFlag
		}
		name := fmt.Sprintf("%s %s pact%q tripwire%q", c.engine, c.stage, c.pact, c.trip)
		if flag != c.flag {
			t.Errorf("%s: first-year flag %v, want %v: %v", name, flag, c.flag, r.Flags)
		}
		var noWar1 float64
		for _, h := range r.NoWar {
			if h.Years == 1 {
				noWar1 = h.P.Mean
			}
		}
		if udg != (c.engine == "udg" && noWar1 > r.PDeter.Mean) || udg != c.udgFlag {
			t.Errorf("%s: UDG flag %v with NO WAR 1y %.4f and P(deterrence) %.4f", name, udg, noWar1, r.PDeter.Mean)
		}
		// Without the flag the two agree where they should: the same
		// instruments all year, so NO WAR 1y is P(deterrence) (immediate and
		// post-war: S(1) = P(SQ)·survival; general: the year's P(SQ)).
		if !c.flag && c.engine == "structural" && noWar1 > r.PDeter.Mean+1e-9 {
			t.Errorf("%s: NO WAR 1y %.4f above P(deterrence) %.4f without a flag", name, noWar1, r.PDeter.Mean)
		}
	}
}

// An instrument that ends on the assessment date is in force that day
// only: it counts in P(deterrence) and not after (it counted for the whole
// horizon: its end fell at t = 0, so no phase began after it).
func TestInstrumentEndingOnTheAssessmentDate(t *testing.T) {
	src := `name: ends today
challenger: RUS
protege: UKR
horizon: {value: 20, source: judgment}
period: {start: 2000-01-01}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 60000, source: judgment}
option:
  guarantors:
    - country: USA
      id: us
      capability: {deployable_troops: 80000, source: judgment}
      instruments:
        - {type: security_assurance}
%s
`
	without := compileYAML(t, fmt.Sprintf(src, ""))
	today := compileYAML(t, fmt.Sprintf(src, "        - {type: defense_pact, end: 2000-01-01}"))
	if len(today.st.phases) != 2 {
		t.Fatalf("%d phases, want 2 (the day itself, then without the pact)", len(today.st.phases))
	}
	a, b := without.st.newWork(), today.st.newWork()
	for i := range uint64(20) {
		without.st.sample(a, 1, i, -1, 0)
		today.st.sample(b, 1, i, -1, 0)
		without.st.eval(a)
		today.st.eval(b)
		for _, y := range []float64{5, 20} {
			sa, sb := without.st.survival(a, &a.coef, y), today.st.survival(b, &b.coef, y)
			if math.Abs(sa-sb) > 0.01*max(1-sa, 1e-3) && math.Abs(sa-sb) > 1e-4 {
				t.Errorf("draw %d: survival at %g years %v with a pact that ended on the assessment date, %v without", i, y, sb, sa)
			}
		}
	}
}

// Before 1816 (or before a state entered the system) COW NMC has no CINC:
// the nearest year stands in, and a flag says so; an instrument that ended
// before the assessment date is flagged as counting for nothing.
func TestFlagsForDataBeforeTheSystemAndEndedInstruments(t *testing.T) {
	src := `name: early
challenger: France
protege: Portugal
horizon: {value: 5, source: judgment}
period: {start: 1807-08}
capabilities:
  protege: {deployable_troops: 20000, source: judgment}
option:
  guarantors:
    - country: UK
      id: uk
      instruments:
        - {type: defense_pact}
        - {type: security_assurance, end: 1807-07}
`
	m := compileYAML(t, src)
	for _, want := range []string{
		"capabilities.challenger.cinc: COW NMC has no capability for France in 1807 (before the data or the state's entry): its 1816 value stands in",
		"guarantors.uk.capability.cinc: COW NMC has no capability for United Kingdom in 1807",
		"guarantors.uk.instruments[1] (security_assurance) ended 1807-07, before the assessment date 1807-08: it counts for nothing",
	} {
		found := false
		for _, f := range m.st.flags {
			found = found || strings.HasPrefix(f, want)
		}
		if !found {
			t.Errorf("no flag %q in %v", want, m.st.flags)
		}
	}
}

// An organisation whose contributors include the challenger is allowed;
// the challenger's capability is dropped from its force, and the flag says
// so (TestChallengerContributorDropped checks the numbers).
func TestFlagChallengerAmongContributors(t *testing.T) {
	src := `name: org
challenger: RUS
protege: GRG
horizon: {value: 5, source: judgment}
period: {start: 1994-06}
capabilities:
  challenger: {deployable_troops: 20000, source: judgment}
  protege: {deployable_troops: 10000, source: judgment}
option:
  guarantors:
    - organization: {name: CIS peacekeeping force, contributors: [%s]}
      id: cis
      instruments:
        - {type: tripwire, troops: 3000}
`
	const want = "guarantors.cis: the challenger Russia is " // the only contributor, or one of several
	for _, c := range []struct {
		members string
		flag    bool
	}{{"RUS", true}, {"RUS, BLR", true}, {"BLR, KZK", false}} {
		m := compileYAML(t, fmt.Sprintf(src, c.members))
		found := false
		for _, f := range m.st.flags {
			found = found || strings.HasPrefix(f, want)
		}
		if found != c.flag {
			t.Errorf("contributors %s: flag %v, want %v: %v", c.members, found, c.flag, m.st.flags)
		}
	}
}

// A capability year the NMC data do not reach is read at their last year,
// and a flag says so when that CINC is read.
func TestFlagCapabilityYearBeyondTheData(t *testing.T) {
	src := `name: late
challenger: RUS
protege: UKR
horizon: {value: 5, source: judgment}
period: {start: 2026-01}
capabilities:
  challenger: {from: cow_nmc, year: %d}
option:
  guarantors: []
`
	for _, c := range []struct {
		year int
		flag bool
	}{{2025, true}, {2022, false}, {2016, false}} {
		m := compileYAML(t, fmt.Sprintf(src, c.year))
		found := false
		for _, f := range m.st.flags {
			found = found || f == fmt.Sprintf("capabilities.challenger.year: COW NMC ends in 2022, so the CINC is read in 2022, not %d", c.year)
		}
		if found != c.flag {
			t.Errorf("year %d: flag %v, want %v: %v", c.year, found, c.flag, m.st.flags)
		}
	}
}

// A file that gives no capability year and is assessed after the NMC data
// end reads their last year, and a flag says so.
func TestFlagAssessmentYearBeyondTheData(t *testing.T) {
	src := `name: late
challenger: RUS
protege: UKR
horizon: {value: 5, source: judgment}
period: {start: %d-01}
option:
  guarantors: []
`
	for _, c := range []struct {
		year int
		flag bool
	}{{2030, true}, {2022, false}, {2010, false}} {
		m := compileYAML(t, fmt.Sprintf(src, c.year))
		found := false
		for _, f := range m.st.flags {
			found = found || f == fmt.Sprintf("capabilities.challenger: COW NMC ends in 2022, so the CINC is read in 2022, not the assessment year %d", c.year)
		}
		if found != c.flag {
			t.Errorf("year %d: flag %v, want %v: %v", c.year, found, c.flag, m.st.flags)
		}
	}
}
