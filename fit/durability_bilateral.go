package fit

import (
	"fmt"

	"github.com/guarantor/guarantor/evidence"
)

// The bilateral-war indicator (docs/fit.md, "Bilateral wars
// (pre-registered)"): M5 is the adopted directed model (M3, the war
// outcome in η) plus δ_bil (bilateral − b̄) in η of both directions, sign
// free, where bilateral = 1 when the COW 4.0 war that starts the spell had
// exactly two state participants. The engine applies the post-war curve to
// the two parties of a ceasefire, which nearly always fought their own
// war, while most of the spells come from coalition wars (the Second World
// War alone gives 101 of 317): the indicator asks whether the two kinds of
// spell renew differently.

// BilateralCounts describes the indicator on the directed spells.
type BilateralCounts struct {
	Spells, Bilateral int // directed spells, and those after a two-state war
	// Events and SpellYears by group (0: coalition war, 1: two-state war),
	// for the descriptive rates.
	Events, SpellYears [2]int
}

// AddBilateral fills each spell's Bil (directed or undirected spells: a
// dyad property) from evidence.WarParticipants.
func AddBilateral(sp []Spell) (BilateralCounts, error) {
	n := BilateralCounts{Spells: len(sp)}
	for i := range sp {
		s := &sp[i]
		k, err := evidence.WarParticipants(s.WarNum)
		if err != nil {
			return n, fmt.Errorf("bilateral-war indicator, spell %d-%d after war %d: %w", s.A, s.B, s.WarNum, err)
		}
		s.Bil = 0
		if k == 2 {
			s.Bil = 1
			n.Bilateral++
		}
		g := int(s.Bil)
		n.SpellYears[g] += s.Years
		if s.Event {
			n.Events[g]++
		}
	}
	return n, nil
}

// bilCentre is b̄, the indicator's mean over the spells of a fit.
func bilCentre(sp []Spell) float64 {
	var c float64
	for _, s := range sp {
		c += s.Bil / float64(len(sp))
	}
	return c
}

// hasOutcome reports whether the model's η carries the war outcome: M3 and
// the models built on it.
func (m SlopeModel) hasOutcome() bool {
	return m == SlopeOutcome || m == SlopePact || m == SlopeBilateral
}

// BilateralReport is the pre-registered test's output.
type BilateralReport struct {
	// Counts are on the directed spells of the fit, Undirected on the
	// undirected spells they come from (one per opposing pair and war).
	Counts, Undirected BilateralCounts
	M5                 SlopeFit
	CV                 TermCV
}

// durabilityBilateral runs the test on the directed spells (war outcomes
// filled), against the adopted model's form.
func durabilityBilateral(undirected, dir []Spell, folds int, seed uint64, adopted SlopeModel) (BilateralReport, error) {
	var r BilateralReport
	var err error
	if r.Undirected, err = AddBilateral(append([]Spell(nil), undirected...)); err != nil {
		return r, err
	}
	if r.Counts, err = AddBilateral(dir); err != nil {
		return r, err
	}
	if r.CV, err = crossValidateTerm("bilateral-war", undirected, dir, folds, seed, adopted, SlopeBilateral); err != nil {
		return r, err
	}
	r.M5, err = FitSlope(dir, SlopeBilateral, 0, 0)
	return r, err
}
