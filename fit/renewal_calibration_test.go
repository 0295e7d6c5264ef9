package fit

import (
	"math"
	"testing"

	"github.com/guarantor/guarantor/deter"
)

// The engine forecasts renewed war by either party after a war
// (docs/assess.md, "Renewal by either party"): S_renew = S_A→B · S_B→A from
// the committed directed fit. A calibration check, reported in
// docs/assess.md and not a rule: on the undirected post-war spells, the mean
// implied S_renew(T) against the Kaplan-Meier survival of renewal, at 1, 5
// and 10 years (an event in year t of a spell is a renewal within t years,
// the fit's convention). Run with -v to see the table.
func TestRenewalCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the war, MID and capability data")
	}
	sp, _, err := PostWarSpells(5)
	if err != nil {
		t.Fatal(err)
	}
	if err := AddPostWarCovariates(sp); err != nil {
		t.Fatal(err)
	}
	dir, n, err := DirectSpells(sp, 5)
	if err != nil {
		t.Fatal(err)
	}
	if n.DroppedCINC != 0 || len(dir) != 2*len(sp) {
		t.Fatalf("%d spells, %d directed, %d dropped: the directed spells do not pair with the undirected", len(sp), len(dir), n.DroppedCINC)
	}
	if _, err := AddWarOutcomes(dir); err != nil {
		t.Fatal(err)
	}
	c := deter.Default()
	SetNationalIndex(dir, c)
	a, ref := c.PostWarSlope()
	// eta is the dyad term of a directed spell: its three covariates and
	// its own outcome indicators (B→A's are A→B's swapped).
	eta := func(s Spell) float64 {
		x := deter.PostWarCovariates{Rivalry: s.X[0] == 1, Contiguous: s.X[1] == 1, EarlierWars: int(math.Round(math.Expm1(s.X[2])))}
		switch {
		case s.Out[0] == 1:
			x.Outcome = deter.ChallengerWon
		case s.Out[1] == 1:
			x.Outcome = deter.ChallengerLost
		default:
			x.Outcome = deter.NoDecision
		}
		return deter.PostWarTerm(c, x)
	}
	for _, T := range []int{1, 5, 10} {
		var model, dirOnly float64
		for i := 0; i < len(dir); i += 2 {
			ab, ba := dir[i], dir[i+1]
			if ab.WarNum != ba.WarNum || ab.A != ba.B || ab.B != ba.A || ab.Out[0] != ba.Out[1] || ab.Out[1] != ba.Out[0] {
				t.Fatalf("spell %d: directions do not pair: %+v %+v", i/2, ab, ba)
			}
			// The engine's rule: the first party (as the challenger) with its
			// index, the other at the reference, the outcome swapped.
			z := a.Value * (ab.Index - ref.Value)
			r := deter.PostWarRenewal(c, z, float64(T), math.Exp(eta(ab)), math.Exp(eta(ba)))
			if d := deter.PostWarSurvival(c, z, float64(T), math.Exp(eta(ab))); r > d+1e-15 {
				t.Fatalf("spell %d: S_renew(%d) %v above one direction's %v", i/2, T, r, d)
			}
			model += r
			dirOnly += deter.PostWarSurvival(c, z, float64(T), math.Exp(eta(ab)))
		}
		m := float64(len(sp))
		t.Logf("T = %2d years: %d spells, mean S_renew %.3f (one direction only %.3f), Kaplan-Meier of renewal %.3f",
			T, len(sp), model/m, dirOnly/m, kmRenewal(sp, T))
	}
}

// kmRenewal is the Kaplan-Meier survival of the undirected spells at T
// years: an event in year t fails within t years; a spell censored at c
// years is at risk through year c.
func kmRenewal(sp []Spell, T int) float64 {
	s := 1.0
	for y := 0; y <= T; y++ {
		var atRisk, d float64
		for _, x := range sp {
			if x.Years >= y {
				atRisk++
				if x.Event && x.Years == y {
					d++
				}
			}
		}
		if atRisk > 0 {
			s *= 1 - d/atRisk
		}
	}
	return s
}
