package solve

import (
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// Regret returns the largest gain any single player can make by deviating
// unilaterally from eq (to any strategy): zero exactly when eq is a Nash
// equilibrium. It is exact: probabilities and payoffs are rationals.
//
// For a tree, eq.Behavior may leave rows unspecified (nil or all zeros) at
// information sets that the player's own choices make unreachable; any other
// unspecified row, a row of the wrong length, a negative probability or a
// row not summing to one is an error. The tree must have perfect recall
// (behaviour best responses are computed infoset by infoset).
func Regret(g game.Game, eq Equilibrium) (*big.Rat, error) {
	return regret(g, eq, ratField)
}

// RegretFloat is Regret in float64, for large games and inexact profiles.
func RegretFloat(g game.Game, eq Equilibrium) (float64, error) {
	return regret(g, eq, floatField)
}

// SubgameRegret returns the largest regret over all subgames of t (the
// profile restricted to each subgame, judged as a game of its own): zero
// exactly when b is a subgame-perfect equilibrium. Unspecified rows are
// allowed only where the player's own choices inside the smallest subgame
// containing the infoset make it unreachable.
func SubgameRegret(t *game.Tree, b game.BehaviorProfile) (*big.Rat, error) {
	return treeRegret(t, b, ratField, true)
}

// SubgameRegretFloat is SubgameRegret in float64. It runs in
// O(nodes x players), so it checks 10^6-node trees.
func SubgameRegretFloat(t *game.Tree, b game.BehaviorProfile) (float64, error) {
	return treeRegret(t, b, floatField, true)
}

// Payoffs returns every player's expected payoff under eq, exactly.
func Payoffs(g game.Game, eq Equilibrium) ([]*big.Rat, error) {
	switch x := g.(type) {
	case *game.Table:
		if err := checkMixed(x, eq.Mixed); err != nil {
			return nil, err
		}
		out := make([]*big.Rat, x.NumPlayers())
		for p := range out {
			out[p] = tableValue(x, eq.Mixed, p, ratField)
		}
		return out, nil
	case *game.Tree:
		ev, err := newTreeEvalRecall(x, eq.Behavior, ratField, false, false)
		if err != nil {
			return nil, err
		}
		return ev.v[:x.NumPlayers()], nil
	}
	return nil, unsupported("payoffs", g)
}

func regret[T any](g game.Game, eq Equilibrium, f field[T]) (T, error) {
	switch x := g.(type) {
	case *game.Table:
		return tableRegret(x, eq.Mixed, f)
	case *game.Tree:
		return treeRegret(x, eq.Behavior, f, false)
	}
	return f.zero(), unsupported("regret", g)
}

// checkMixed validates a mixed profile's shape and that each row is a
// probability vector.
func checkMixed(t *game.Table, m game.MixedProfile) error {
	if len(m) != t.NumPlayers() {
		return fmt.Errorf("profile has %d players, game has %d", len(m), t.NumPlayers())
	}
	for p, row := range m {
		if len(row) != t.NumStrategies(p) {
			return fmt.Errorf("player %d: %d probabilities for %d strategies", p+1, len(row), t.NumStrategies(p))
		}
		if err := checkRow(row); err != nil {
			return fmt.Errorf("player %d: %w", p+1, err)
		}
	}
	return nil
}

var ratOne = big.NewRat(1, 1)

func checkRow(row []*big.Rat) error {
	sum := new(big.Rat)
	for _, v := range row {
		if v == nil || v.Sign() < 0 {
			return fmt.Errorf("probability %v is not a non-negative number", v)
		}
		sum.Add(sum, v)
	}
	if sum.Cmp(ratOne) != 0 {
		return fmt.Errorf("probabilities sum to %s, not 1", sum.RatString())
	}
	return nil
}

// tableRegret computes, for each player, the best pure reply's payoff
// against the others' mixtures minus the profile's payoff. Only the
// others' supports are walked.
func tableRegret[T any](t *game.Table, m game.MixedProfile, f field[T]) (T, error) {
	if err := checkMixed(t, m); err != nil {
		return f.zero(), err
	}
	worst := f.zero()
	for p := 0; p < t.NumPlayers(); p++ {
		vals := pureValues(t, m, p, f)
		cur, best := f.zero(), vals[0]
		for s, v := range vals {
			cur = f.add(cur, f.mul(f.fromRat(m[p][s]), v))
			best = f.max(best, v)
		}
		worst = f.max(worst, f.sub(best, cur))
	}
	return worst, nil
}

func tableValue[T any](t *game.Table, m game.MixedProfile, p int, f field[T]) T {
	cur := f.zero()
	for s, v := range pureValues(t, m, p, f) {
		cur = f.add(cur, f.mul(f.fromRat(m[p][s]), v))
	}
	return cur
}

// pureValues returns player p's payoff from each of its pure strategies
// against the others' mixed strategies in m.
func pureValues[T any](t *game.Table, m game.MixedProfile, p int, f field[T]) []T {
	n := t.NumPlayers()
	supp := make([][]int, n)
	for q := 0; q < n; q++ {
		for s, v := range m[q] {
			if q == p || v.Sign() > 0 {
				supp[q] = append(supp[q], s)
			}
		}
	}
	vals := make([]T, t.NumStrategies(p))
	for s := range vals {
		vals[s] = f.zero()
	}
	idx := make([]int, n)
	prof := make([]int, n)
	for {
		w := f.fromRat(ratOne)
		for q := 0; q < n; q++ {
			prof[q] = supp[q][idx[q]]
			if q != p {
				w = f.mul(w, f.fromRat(m[q][prof[q]]))
			}
		}
		c := t.CellIndex(prof)
		vals[prof[p]] = f.add(vals[prof[p]], f.mul(w, f.fromRat(t.Payoff(c, p))))
		q := 0
		for ; q < n; q++ {
			idx[q]++
			if idx[q] < len(supp[q]) {
				break
			}
			idx[q] = 0
		}
		if q == n {
			return vals
		}
	}
}
