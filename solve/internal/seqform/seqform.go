// Package seqform builds the sequence form of a two-player tree with perfect
// recall (Koller, Megiddo and von Stengel 1996, "Efficient computation of
// equilibria for extensive two-person games"; von Stengel 1996, "Efficient
// computation of behavior strategies"): each player's sequences, the
// constraint matrices E and F of realization plans (Ex = e, Fy = f, x, y >= 0)
// and the sparse payoff matrices A and B with chance probabilities folded in.
// It also turns realization plans back into behaviour profiles.
package seqform

import (
	"errors"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// ErrNotTwoPlayer is returned for trees that do not have two players.
var ErrNotTwoPlayer = errors.New("the sequence form needs a two-player tree")

// Player is one player's side of the sequence form.
type Player struct {
	// Infosets are the player's information sets (tree indices), in
	// Gambit's order.
	Infosets []int32
	// Base[k] is the index of the first sequence of Infosets[k]; sequence 0
	// is the empty sequence, and infoset k's actions are Base[k]+a.
	Base []int
	// Parent[k] is the sequence that leads to Infosets[k].
	Parent []int
	// NumSeq counts sequences including the empty one.
	NumSeq int
}

// Form is the sequence form of a two-player tree.
type Form struct {
	Tree *game.Tree
	P    [2]Player
	// Leaves lists, per terminal node reached with positive chance
	// probability, both players' last sequences, the chance probability and
	// the payoffs.
	Leaves []Leaf
}

// Leaf is a terminal node seen through the sequence form.
type Leaf struct {
	Seq    [2]int
	Chance *big.Rat
	Pay    [2]*big.Rat
}

// New builds the sequence form; the tree must have two players and perfect
// recall (checked by the caller).
func New(t *game.Tree) (*Form, error) {
	if t.NumPlayers() != 2 {
		return nil, ErrNotTwoPlayer
	}
	f := &Form{Tree: t}
	base := make([]int, len(t.Infosets))
	ord := make([]int, len(t.Infosets))
	for p := 0; p < 2; p++ {
		pl := &f.P[p]
		pl.NumSeq = 1
		for k, s := range t.PlayerInfosets(p + 1) {
			pl.Infosets = append(pl.Infosets, s)
			pl.Base = append(pl.Base, pl.NumSeq)
			pl.Parent = append(pl.Parent, -1)
			base[s], ord[s] = pl.NumSeq, k
			pl.NumSeq += len(t.Infosets[s].Actions)
		}
	}
	n := len(t.Nodes)
	seq := make([][2]int, n)
	chance := make([]*big.Rat, n)
	chance[0] = big.NewRat(1, 1)
	pay := t.PathPayoffs()
	for i := 0; i < n; i++ {
		s := t.Nodes[i].Infoset
		if s == game.None {
			if chance[i].Sign() > 0 {
				f.Leaves = append(f.Leaves, Leaf{Seq: seq[i], Chance: chance[i], Pay: [2]*big.Rat{pay[i][0], pay[i][1]}})
			}
			continue
		}
		is := &t.Infosets[s]
		if !is.IsChance() {
			pl := &f.P[is.Player-1]
			if pl.Parent[ord[s]] < 0 {
				pl.Parent[ord[s]] = seq[i][is.Player-1]
			}
		}
		for a, c := range t.Children(game.NodeID(i)) {
			seq[c] = seq[i]
			chance[c] = chance[i]
			if is.IsChance() {
				chance[c] = new(big.Rat).Mul(chance[i], is.Probs[a])
			} else {
				seq[c][is.Player-1] = base[s] + a
			}
		}
	}
	return f, nil
}

// Behavior turns realization plans into a behaviour profile in Gambit's
// layout: at an information set the player's own earlier moves make
// unreachable (parent sequence with weight 0) the row is the uniform
// centroid, the convention of Gambit's sequence-form solvers.
func (f *Form) Behavior(plans [2][]*big.Rat) game.BehaviorProfile {
	out := make(game.BehaviorProfile, 2)
	for p := 0; p < 2; p++ {
		pl := &f.P[p]
		for k, s := range pl.Infosets {
			acts := len(f.Tree.Infosets[s].Actions)
			row := make([]*big.Rat, acts)
			par := plans[p][pl.Parent[k]]
			for a := range row {
				if par.Sign() == 0 {
					row[a] = big.NewRat(1, int64(acts))
				} else {
					row[a] = new(big.Rat).Quo(plans[p][pl.Base[k]+a], par)
				}
			}
			out[p] = append(out[p], row)
		}
	}
	return out
}
