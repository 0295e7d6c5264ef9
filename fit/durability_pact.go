package fit

import (
	"fmt"
	"math"

	"github.com/guarantor/guarantor/evidence"
)

// The post-war defence-pact indicator (docs/fit.md, "Post-war defence-pact
// indicator (pre-registered)"): M4 is the adopted directed model (M3, the
// war outcome in η) plus δ_pact (pact − p̄), δ_pact ≤ 0, where pact = 1 when
// the protégé of a directed spell has at least one guarantor under
// evidence.DefencePacts in the war's last year: a defence obligation with
// the protégé, not also with the challenger, not a belligerent of the war
// just ended. Unlike the index test before it, no CINC requirement and no
// cap on the number of guarantors: the indicator does not go through the
// engine's index.

// PactCounts describes the indicator on the directed spells.
type PactCounts struct {
	Spells, WithPact int
	// Events and SpellYears by group (0: no pact, 1: pact), for the
	// descriptive rates.
	Events, SpellYears [2]int
}

// AddPactIndicator fills each directed spell's Pact.
func AddPactIndicator(dir []Spell) (PactCounts, error) {
	n := PactCounts{Spells: len(dir)}
	for i := range dir {
		s := &dir[i]
		gs, _, err := evidence.DefencePacts(s.A, s.B, s.WarNum, s.End)
		if err != nil {
			return n, fmt.Errorf("defence-pact indicator, spell %d→%d (%d): %w", s.A, s.B, s.End, err)
		}
		s.Pact = 0
		if len(gs) > 0 {
			s.Pact = 1
			n.WithPact++
		}
		k := int(s.Pact)
		n.SpellYears[k] += s.Years
		if s.Event {
			n.Events[k]++
		}
	}
	return n, nil
}

// pactCentre is p̄, the indicator's mean over the spells of a fit.
func pactCentre(sp []Spell) float64 {
	var c float64
	for _, s := range sp {
		c += s.Pact / float64(len(sp))
	}
	return c
}

// fitPact fits M4: δ_pact enters the parameter vector unrestricted and the
// slope a keeps the adopted rule (fitSlopeFrom); a mode with δ_pact > 0 is
// outside the restriction δ_pact ≤ 0, so the restricted mode is at the
// boundary δ_pact = 0, where M4 is M3's fit, and the interval is a profile
// one (the lower 95% bound where the penalised profile falls by 1.92).
func fitPact(sp []Spell) (SlopeFit, error) {
	f, err := fitSlopeFrom(sp, SlopeFit{Model: SlopePact}, 0, 0)
	if err != nil || f.PactCoef <= 0 {
		return f, err
	}
	held := func(d float64) (SlopeFit, error) {
		return fitSlopeFrom(sp, SlopeFit{Model: SlopePact, pactHeld: true, PactCoef: d}, 0, 0)
	}
	b, err := held(0)
	if err != nil {
		return b, err
	}
	b.pactHeld, b.PactBoundary = false, true
	at0 := b.penalised
	var profErr error
	drop := func(d float64) float64 { // d ≥ 0 is −δ_pact
		g, err := held(-d)
		if err != nil {
			profErr = err
		}
		return math.Sqrt(2*math.Max(at0-g.penalised, 0)) - math.Sqrt(2*profileDrop)
	}
	lo, hi := 0.0, 0.5
	flo, fhi := -math.Sqrt(2*profileDrop), drop(hi)
	for fhi < 0 && hi < 1e3 {
		lo, flo, hi = hi, fhi, 2*hi
		fhi = drop(hi)
	}
	d := rootIllinois(drop, lo, hi, flo, fhi)
	b.PactLower95, b.PactSE = -d, d/1.96
	return b, profErr
}

// TermCV is a pre-registered comparison of a candidate model (the adopted
// directed model plus one term: M4's defence-pact indicator, M5's
// bilateral war) with the adopted model.
type TermCV struct {
	Folds, Dyads int
	Seed         uint64
	// Candidate and Adopted are the summed held-out log-likelihoods; SE
	// that of the summed difference candidate − adopted over dyads.
	Candidate, Adopted, SE float64
	Wins                   bool // Candidate > Adopted: the candidate replaces the adopted model
}

// crossValidateTerm runs such a comparison with the folds of the sections
// before it (the undirected spells' pairs, seed); adopted is the adopted
// directed model's form, name labels the fold errors.
func crossValidateTerm(name string, undirected, sp []Spell, folds int, seed uint64, adopted, candidate SlopeModel) (TermCV, error) {
	models := []SlopeModel{adopted, candidate}
	r, err := crossValidateDirected(name, undirected, [][]Spell{sp, sp}, folds, seed, 0, 1, func(m int, train []Spell) (SlopeFit, error) {
		return FitSlope(train, models[m], 0, 0)
	})
	cv := TermCV{Folds: r.Folds, Seed: r.Seed, Dyads: r.Dyads}
	if err != nil {
		return cv, err
	}
	cv.Adopted, cv.Candidate, cv.SE = r.Score[0], r.Score[1], r.SE()
	cv.Wins = cv.Candidate > cv.Adopted
	return cv, nil
}

// PactReport is the pre-registered test's output.
type PactReport struct {
	Counts PactCounts
	M4     SlopeFit
	CV     TermCV
}

// durabilityPact runs the test on the directed spells (war outcomes
// filled), against the adopted model's form.
func durabilityPact(undirected, dir []Spell, folds int, seed uint64, adopted SlopeModel) (PactReport, error) {
	var r PactReport
	var err error
	if r.Counts, err = AddPactIndicator(dir); err != nil {
		return r, err
	}
	if r.CV, err = crossValidateTerm("defence-pact", undirected, dir, folds, seed, adopted, SlopePact); err != nil {
		return r, err
	}
	r.M4, err = FitSlope(dir, SlopePact, 0, 0)
	return r, err
}
