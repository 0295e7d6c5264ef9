package fit

import "fmt"

// directedCV is the one held-out loop behind the pre-registered comparisons
// on the directed post-war spells (the slope, the war outcome, the defence
// pacts): folds of undirected dyads from the undirected spells' pairs (so
// every comparison uses the covariate CV's assignment), each model refitted
// on each training set, and the held-out log-likelihood of every spell.
type directedCV struct {
	Folds, Dyads int
	Seed         uint64
	// Score is the summed held-out log-likelihood of each model.
	Score []float64
	// diff is, per dyad, the held-out log-likelihood of model b minus model a
	// (the comparison's two sides).
	diff map[Pair]float64
}

// crossValidateDirected runs the loop. sets holds each model's spells (the
// same spells in the same order; they differ only in what a model reads,
// such as the index); fit fits model m on a training subset of its set;
// the per-dyad difference is model b − model a. what names the comparison
// in errors.
func crossValidateDirected(what string, undirected []Spell, sets [][]Spell, folds int, seed uint64, a, b int, fit func(m int, train []Spell) (SlopeFit, error)) (directedCV, error) {
	var pairs []Pair
	for _, s := range undirected {
		pairs = append(pairs, MakePair(s.A, s.B))
	}
	fold := dyadFolds(pairs, folds, seed)
	cv := directedCV{Folds: folds, Seed: seed, Dyads: len(fold), Score: make([]float64, len(sets)), diff: map[Pair]float64{}}
	if folds < 2 || folds > len(fold) {
		return cv, fmt.Errorf("%s CV: %d folds for %d dyads", what, folds, len(fold))
	}
	for _, set := range sets {
		if len(set) != len(sets[0]) {
			return cv, fmt.Errorf("%s CV: the models' spell sets differ in length (%d and %d)", what, len(sets[0]), len(set))
		}
	}
	fits := make([]SlopeFit, len(sets))
	ll := make([]float64, len(sets))
	for k := range folds {
		for m, set := range sets {
			var train []Spell
			for _, s := range set {
				if fold[MakePair(s.A, s.B)] != k {
					train = append(train, s)
				}
			}
			var err error
			if fits[m], err = fit(m, train); err != nil {
				return cv, fmt.Errorf("%s CV, fold %d of %d: %w", what, k+1, folds, err)
			}
		}
		for i, s := range sets[0] {
			p := MakePair(s.A, s.B)
			if fold[p] != k {
				continue
			}
			for m, set := range sets {
				ll[m] = fits[m].SpellLogLik(set[i])
				cv.Score[m] += ll[m]
			}
			cv.diff[p] += ll[b] - ll[a]
		}
	}
	return cv, nil
}

// SE is the standard error of the summed per-dyad difference b − a.
func (cv directedCV) SE() float64 { return sumDiffSE(cv.diff) }
