package pbe

import "github.com/guarantor/guarantor/game"

// Complete returns a belief system that makes prof a PBE if it finds one:
// Bayes' rule wherever chance and the other players' strategies determine
// the beliefs (see Options.OnPathOnly), and elsewhere a supporting belief
// found as in EnumPure (limits of trembles). Information sets where Bayes'
// rule says nothing must be played purely. ok is false when some
// information set has no supporting belief or a profitable deviation; the
// caller can confirm the result with Verify.
func Complete(t *game.Tree, prof [][][]float64, opt Options) (beliefs [][]float64, ok bool) {
	tol := opt.Tol
	if tol <= 0 {
		tol = DefaultTol
	}
	act, err := actionProbs(t, prof, tol)
	if err != nil {
		return nil, false
	}
	ev := newEval(t)
	ev.run(act)
	beliefs = make([][]float64, len(t.Infosets))
	for s := range t.Infosets {
		is := &t.Infosets[s]
		if is.IsChance() {
			continue
		}
		mu, _, err := ev.belief(int32(s), nil, act, opt.OnPathOnly, tol)
		if err != nil {
			row := prof[is.Player-1][t.InfosetOrdinal(int32(s))]
			a := -1
			for i, x := range row {
				if x > 1-tol {
					a = i
				}
			}
			if a < 0 {
				return nil, false
			}
			if mu = ev.supportingBelief(int32(s), a, act, tol); mu == nil {
				return nil, false
			}
		}
		if r, _ := ev.regret(int32(s), mu, act); r > tol {
			return nil, false
		}
		beliefs[s] = mu
	}
	return beliefs, true
}
