// Package check computes exact regrets (the largest gain any player gets from
// a unilateral deviation) of mixed and behaviour profiles. The solvers' tests
// use it to verify every profile they return; it stays independent of the
// solvers so that a solver bug cannot hide in a shared helper.
package check

import (
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// TableRegret returns the exact regret of a mixed profile of a table.
func TableRegret(t *game.Table, prof game.MixedProfile) *big.Rat {
	n := t.NumPlayers()
	// payoff[p][s]: expected payoff of p's pure strategy s against the others.
	payoff := make([][]*big.Rat, n)
	for p := range payoff {
		payoff[p] = make([]*big.Rat, t.NumStrategies(p))
		for s := range payoff[p] {
			payoff[p][s] = new(big.Rat)
		}
	}
	pure := make([]int, n)
	var w, tmp big.Rat
	for c := range t.Cells {
		t.Profile(c, pure)
		for p := 0; p < n; p++ {
			w.SetInt64(1)
			for q := 0; q < n && w.Sign() != 0; q++ {
				if q != p {
					w.Mul(&w, prof[q][pure[q]])
				}
			}
			if w.Sign() == 0 {
				continue
			}
			tmp.Mul(&w, t.Payoff(c, p))
			payoff[p][pure[p]].Add(payoff[p][pure[p]], &tmp)
		}
	}
	worst := new(big.Rat)
	for p := 0; p < n; p++ {
		cur := new(big.Rat)
		best := payoff[p][0]
		for s, v := range payoff[p] {
			tmp.Mul(prof[p][s], v)
			cur.Add(cur, &tmp)
			if v.Cmp(best) > 0 {
				best = v
			}
		}
		gap := new(big.Rat).Sub(best, cur)
		if gap.Cmp(worst) > 0 {
			worst = gap
		}
	}
	return worst
}

// TreeRegret returns the exact regret of a behaviour profile of a tree with
// perfect recall. A player's best-response value is computed over her
// sequences: infosets are visited in reverse order of first appearance, which
// with perfect recall puts every infoset after the ones that follow it.
func TreeRegret(t *game.Tree, prof game.BehaviorProfile) *big.Rat {
	pay := t.PathPayoffs()
	worst := new(big.Rat)
	for p := 1; p <= t.NumPlayers(); p++ {
		gap := treeGap(t, prof, pay, p)
		if gap.Cmp(worst) > 0 {
			worst = gap
		}
	}
	return worst
}

func prob(t *game.Tree, prof game.BehaviorProfile, s int32, a int) *big.Rat {
	is := &t.Infosets[s]
	if is.IsChance() {
		return is.Probs[a]
	}
	row := prof[is.Player-1][t.InfosetOrdinal(s)]
	if row == nil {
		return new(big.Rat)
	}
	return row[a]
}

func treeGap(t *game.Tree, prof game.BehaviorProfile, pay [][]*big.Rat, p int) *big.Rat {
	nodes := len(t.Nodes)
	other := make([]*big.Rat, nodes) // reach probability from chance and the others
	own := make([]*big.Rat, nodes)   // reach probability from p's own moves
	last := make([]int, nodes)       // p's last sequence: -1 empty, else seqBase[infoset]+action
	seqBase := map[int32]int{}
	nseq := 0
	for _, s := range t.PlayerInfosets(p) {
		seqBase[s] = nseq
		nseq += len(t.Infosets[s].Actions)
	}
	parentSeq := map[int32]int{}
	other[0], own[0], last[0] = big.NewRat(1, 1), big.NewRat(1, 1), -1
	for i := 0; i < nodes; i++ {
		nd := &t.Nodes[i]
		if nd.Infoset == game.None {
			continue
		}
		s := nd.Infoset
		is := &t.Infosets[s]
		if is.Player == p {
			if _, ok := parentSeq[s]; !ok {
				parentSeq[s] = last[i]
			}
		}
		for a, c := range t.Children(game.NodeID(i)) {
			pr := prob(t, prof, s, a)
			if is.Player == p {
				other[c] = other[i]
				own[c] = new(big.Rat).Mul(own[i], pr)
				last[c] = seqBase[s] + a
			} else {
				other[c] = new(big.Rat).Mul(other[i], pr)
				own[c] = own[i]
				last[c] = last[i]
			}
		}
	}
	val := make([]*big.Rat, nseq+1) // index 0 is the empty sequence
	for i := range val {
		val[i] = new(big.Rat)
	}
	cur := new(big.Rat)
	var w big.Rat
	for i := 0; i < nodes; i++ {
		if t.Nodes[i].Infoset != game.None || other[i].Sign() == 0 {
			continue
		}
		w.Mul(other[i], pay[i][p-1])
		val[last[i]+1].Add(val[last[i]+1], &w)
		w.Mul(&w, own[i])
		cur.Add(cur, &w)
	}
	sets := t.PlayerInfosets(p)
	for k := len(sets) - 1; k >= 0; k-- {
		s := sets[k]
		base := seqBase[s]
		best := val[base+1]
		for a := range t.Infosets[s].Actions {
			if val[base+a+1].Cmp(best) > 0 {
				best = val[base+a+1]
			}
		}
		ps := parentSeq[s] + 1
		val[ps].Add(val[ps], best)
	}
	return new(big.Rat).Sub(val[0], cur)
}
