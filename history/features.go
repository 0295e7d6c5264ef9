package history

import (
	"fmt"
	"math"
	"strconv"

	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/scenario"
)

// obligation ranks an instrument on the ladder of FeatureNames[0]: the
// strength of the promise to fight, as the alliance literature orders
// treaty obligations (Leeds et al. 2002, ATOP: consultation < neutrality <
// defence). Instruments that promise no fighting (arms, trade, air
// policing, advisers) rank 0; a tripwire counts under "troops in place",
// a nuclear umbrella under "nuclear guarantor".
var obligation = map[scenario.InstrumentType]float64{
	scenario.CeasefireAgreement: 1,
	scenario.SecurityAssurance:  2,
	scenario.DefensePact:        3,
	scenario.CollectiveDefense:  4,
}

// forceRatioBound clamps the log force ratio: beyond e^5 ≈ 150:1 a ratio
// says nothing more, and a side with zero troops gives an infinite one.
const forceRatioBound = 5

// CaseFeatures computes a history case's ex-ante features (FeatureNames)
// from its file, as of its start (period.start): only instruments in force
// then and in scope count. missing is true when the file gives no
// deployable troops for the challenger, so the force ratio is 0 (even).
func CaseFeatures(s *scenario.Scenario) (x []float64, missing bool) {
	asOf := asOfDate(s)
	var ob, troops, nuclear float64
	defenders := 0.0
	if c := s.Capabilities.Protege; c != nil && c.DeployableTroops.Set {
		defenders += median(c.DeployableTroops)
	}
	for _, g := range s.Option.Guarantors {
		if isSovereign(g) {
			ob = 4
		}
		if c := g.Capability; c != nil {
			if c.Nuclear != nil && *c.Nuclear {
				nuclear = 1
			}
			if inPlace(c) {
				defenders += median(c.DeployableTroops)
			}
		}
		for _, in := range g.Instruments {
			if !inForce(in, asOf) || !inScope(in, s) {
				continue
			}
			ob = math.Max(ob, obligation[in.Type])
			switch in.Type {
			case scenario.Tripwire:
				if t := median(in.Troops); t > 0 {
					troops = 1
					defenders += t
				}
			case scenario.NuclearUmbrella:
				nuclear = 1
			}
		}
	}
	ratio := 0.0
	c := s.Capabilities.Challenger
	missing = c == nil || !c.DeployableTroops.Set
	if !missing {
		ratio = clamp(math.Log(defenders/median(c.DeployableTroops)), -forceRatioBound, forceRatioBound)
	}
	return []float64{ob / 4, troops, ratio, nuclear}, missing
}

// CaseDyad is the case's group key: the challenger and the protege, or for
// a protected territory its sovereign when the file names one (Yijiangshan
// is in the China-Taiwan dyad), in either order.
func CaseDyad(s *scenario.Scenario) string {
	return DyadKey(countryKey(s.Challenger), protegeKey(s))
}

func countryKey(c scenario.Country) string {
	if c.Abbrev != "" {
		return c.Abbrev
	}
	if c.Code != 0 {
		return strconv.Itoa(c.Code)
	}
	return c.Name
}

func median(q scenario.Quantity) float64 { return q.Dist.Quantile(0.5) }

func asOfDate(s *scenario.Scenario) string {
	if s.Period != nil {
		return scenario.DateStart(s.Period.Start)
	}
	return ""
}

// HuthCrisis names a Huth (1988) crisis that is an episode of the case,
// "" if none: a crisis between the challenger and one of the guarantors
// (Huth's dyads are attacker-defender pairs) dated within the case's
// spell, from its start year to its end (period.end, else the outcome
// date; open spells run on). The engine's coefficients are fitted on
// Huth's crises (package fit), so its forecast of such a case is not fully
// out of sample. The first such crisis is named.
func HuthCrisis(s *scenario.Scenario) (string, error) {
	ms, err := huthMatches(s)
	if err != nil || len(ms) == 0 {
		return "", err
	}
	m := ms[0]
	return fmt.Sprintf("Huth 1988 crisis %d (%d, COW %d-%d)", m.id, m.year, m.a, m.b), nil
}

// HuthCrisisIDs lists the case_id of every Huth crisis HuthCrisis would
// match (it names the first), in file order: the crises a leave-dyad-out
// refit of the engine leaves out with the case (fit.Exclusion).
func HuthCrisisIDs(s *scenario.Scenario) ([]int, error) {
	ms, err := huthMatches(s)
	var ids []int
	for _, m := range ms {
		ids = append(ids, m.id)
	}
	return ids, err
}

type huthMatch struct{ id, year, a, b int }

func huthMatches(s *scenario.Scenario) ([]huthMatch, error) {
	t, err := evidence.Load("huth_1988")
	if err != nil {
		return nil, err
	}
	ids, err := t.Num("case_id")
	if err != nil {
		return nil, err
	}
	years, _ := t.Num("year")
	c1, _ := t.Num("dyad_ccode1")
	c2, _ := t.Num("dyad_ccode2")
	from, to, ok := spellYears(s)
	if !ok {
		return nil, nil
	}
	var out []huthMatch
	for i := range ids {
		y := int(years[i])
		if y < from || y > to {
			continue
		}
		a, b := int(c1[i]), int(c2[i])
		for _, g := range s.Option.Guarantors {
			gc := guarantorCode(g)
			if gc != 0 && ((a == s.Challenger.Code && b == gc) || (b == s.Challenger.Code && a == gc)) {
				out = append(out, huthMatch{int(ids[i]), y, a, b})
				break
			}
		}
	}
	return out, nil
}

// spellYears gives the first and last year of a case's spell.
func spellYears(s *scenario.Scenario) (from, to int, ok bool) {
	year := func(d string) (int, bool) {
		if len(d) < 4 {
			return 0, false
		}
		y, err := strconv.Atoi(d[:4])
		return y, err == nil
	}
	if s.Period == nil {
		return 0, 0, false
	}
	if from, ok = year(s.Period.Start); !ok {
		return 0, 0, false
	}
	to = math.MaxInt
	if y, ok := year(s.Period.End); ok {
		to = y
	} else if s.Outcome != nil {
		if y, ok := year(s.Outcome.Date); ok && s.Outcome.Deterrence != "ongoing" {
			to = y
		}
	}
	return from, to, true
}
