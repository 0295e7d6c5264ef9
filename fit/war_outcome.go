package fit

import (
	"fmt"
	"math"

	"github.com/guarantor/guarantor/evidence"
)

// The outcome of the war that just ended, per directed spell (docs/fit.md,
// "War outcome (pre-registered)"): whether the challenger won or lost it,
// from COW Inter-State War 4.0's outcome codes; anything else (compromise,
// transformed, stalemate, continuing, changed sides, missing or mixed
// codes) is no decision, the reference.

// NumOutcomes is the number of war-outcome indicators.
const NumOutcomes = 2

// OutcomeNames are the indicators in Spell.Out order.
var OutcomeNames = [NumOutcomes]string{"challenger won", "challenger lost"}

// OutcomeCounts counts the directed spells by the war's outcome.
type OutcomeCounts struct{ Won, Lost, NoDecision int }

// AddWarOutcomes fills each directed spell's Out from the rows of its war
// with ccode1 = A and ccode2 = B.
func AddWarOutcomes(dir []Spell) (OutcomeCounts, error) {
	var n OutcomeCounts
	t, err := evidence.Load("cow_war")
	if err != nil {
		return n, err
	}
	c, err := numCols(t, "warnum", "ccode1", "ccode2", "outcome1", "outcome2")
	if err != nil {
		return n, fmt.Errorf("war outcome: %w", err)
	}
	type key struct{ w, a, b int }
	codes := map[key]map[[2]float64]bool{}
	for i := range c[0] {
		k := key{int(c[0][i]), int(c[1][i]), int(c[2][i])}
		if codes[k] == nil {
			codes[k] = map[[2]float64]bool{}
		}
		codes[k][[2]float64{c[3][i], c[4][i]}] = true // a missing code reads as NaN
	}
	for i := range dir {
		s := &dir[i]
		s.Out = [NumOutcomes]float64{}
		cs := codes[key{s.WarNum, s.A, s.B}]
		if len(cs) == 1 {
			for o := range cs {
				switch {
				case o[0] == 1 && o[1] == 2:
					s.Out[0] = 1
				case o[0] == 2 && o[1] == 1:
					s.Out[1] = 1
				}
			}
		}
		switch {
		case s.Out[0] == 1:
			n.Won++
		case s.Out[1] == 1:
			n.Lost++
		default:
			n.NoDecision++
		}
	}
	return n, nil
}

// outcomeCentres are the indicators' sample means.
func outcomeCentres(sp []Spell) (c [NumOutcomes]float64) {
	for _, s := range sp {
		for j := range c {
			c[j] += s.Out[j] / float64(len(sp))
		}
	}
	return c
}

// OutcomeCV is the pre-registered comparison of M3 (M1 with the war
// outcome) against M1: 10-fold cross-validation by undirected dyad, the
// slope CV's folds, both refitted on each training set.
type OutcomeCV struct {
	Folds, Dyads int
	Seed         uint64
	// M1 and M3 are the summed held-out log-likelihoods; SE that of the
	// summed difference M3 − M1 over dyads.
	M1, M3, SE float64
	Adopted    bool // M3 > M1
}

func crossValidateOutcome(undirected, sp []Spell, folds int, seed uint64) (OutcomeCV, error) {
	models := []SlopeModel{SlopeFitted, SlopeOutcome}
	r, err := crossValidateDirected("war-outcome", undirected, [][]Spell{sp, sp}, folds, seed, 0, 1, func(m int, train []Spell) (SlopeFit, error) {
		return FitSlope(train, models[m], 0, 0)
	})
	cv := OutcomeCV{Folds: r.Folds, Seed: r.Seed, Dyads: r.Dyads}
	if err != nil {
		return cv, err
	}
	cv.M1, cv.M3, cv.SE = r.Score[0], r.Score[1], r.SE()
	cv.Adopted = cv.M3 > cv.M1
	return cv, nil
}

// sumDiffSE is the standard error of a sum of per-dyad differences.
func sumDiffSE(diff map[Pair]float64) float64 {
	var mean, ss float64
	for _, d := range diff {
		mean += d / float64(len(diff))
	}
	for _, d := range diff {
		ss += (d - mean) * (d - mean)
	}
	n := float64(len(diff))
	return math.Sqrt(n * ss / (n - 1))
}
