package solve

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// solveRegion solves a subgame with imperfect information inside. Its
// region (the subgame minus its proper subgames) is copied into a small
// tree whose leaves are the region's terminals and inner subgame roots;
// for every combination of the inner subgames' solutions the leaves get
// the corresponding payoffs and the pure equilibria of that tree's reduced
// strategic form become this subgame's solutions.
func (r *speRun[T]) solveRegion(x game.NodeID) error {
	f, np := r.f, r.np
	lt, g, leaves, localSet, err := r.collapse(x)
	if err != nil {
		return err
	}
	r.regions[x] = g
	kidPos := make(map[game.NodeID]int, len(g.kids))
	for j, k := range g.kids {
		kidPos[k] = j
	}
	idx := make([]int32, len(g.kids))
	emitted := 0
	prof := make([]int, np)
	for {
		for o, leaf := range leaves {
			sol := int32(-1)
			if j, ok := kidPos[leaf]; ok {
				sol = r.solStart[leaf] + idx[j]
			}
			v := r.leafPay(leaf, sol)
			for p := 0; p < np; p++ {
				lt.Outcomes[o].Payoffs[p] = r.toRat(v[p])
			}
		}
		rf, err := lt.ReducedFormContext(r.ctx, MaxCells)
		if errors.Is(err, game.ErrTooManyCells) {
			return fmt.Errorf("%w: %w", ErrTooLarge, err)
		} else if err != nil {
			return err
		}
		err = PureEquilibria(r.ctx, rf.Table, Options{}, func(cell int) {
			if emitted == r.limit {
				r.capped = true
				return
			}
			rf.Table.Profile(cell, prof)
			for p := 0; p < np; p++ {
				r.solPay = append(r.solPay, f.fromRat(rf.Table.Payoff(cell, p)))
			}
			r.solChoice = append(r.solChoice, int32(len(r.choicePool)))
			r.solOwner = append(r.solOwner, int32(x))
			start := len(r.choicePool)
			for range g.sets {
				r.choicePool = append(r.choicePool, game.None)
			}
			for p := 1; p <= np; p++ {
				plan := rf.Plans[p-1][prof[p-1]]
				for k, ls := range lt.PlayerInfosets(p) {
					r.choicePool[start+localSet[ls]] = plan[k]
				}
			}
			r.solKid = append(r.solKid, int32(len(r.kidPool)))
			for j, k := range g.kids {
				r.kidPool = append(r.kidPool, r.solStart[k]+idx[j])
			}
			emitted++
		})
		if err != nil {
			return err
		}
		if r.capped || !r.nextCombo(g.kids, idx) {
			return nil
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
	}
}

// collapse copies the region of subgame root x into a new tree. It returns
// the tree, the region description, the original node behind each of the
// tree's outcomes (one per leaf, in pre-order), and for each local infoset
// its position in region.sets.
func (r *speRun[T]) collapse(x game.NodeID) (*game.Tree, *region, []game.NodeID, []int, error) {
	t := r.t
	b := game.NewBuilder("", t.Players...)
	g := &region{}
	handle := map[game.NodeID]int{x: b.Root()}
	localOf := map[int32]int{} // original infoset -> builder infoset
	var leaves []game.NodeID
	var builderSets []int // builder infoset -> position in g.sets
	zeros := make([]*big.Rat, r.np)
	for p := range zeros {
		zeros[p] = new(big.Rat)
	}
	for i := int(x); i < int(r.end[x]); i++ {
		n := game.NodeID(i)
		h, ok := handle[n]
		if !ok {
			continue // inside an inner subgame
		}
		if t.IsTerminal(n) || (n != x && r.isRoot[n]) {
			if !t.IsTerminal(n) {
				g.kids = append(g.kids, n)
			}
			b.SetOutcome(h, b.AddOutcome("", zeros))
			leaves = append(leaves, n)
			continue
		}
		s := t.Nodes[n].Infoset
		ls, ok := localOf[s]
		if !ok {
			set := &t.Infosets[s]
			if set.IsChance() {
				ls = b.AddChanceInfoset(0, set.Label, set.Actions, set.Probs)
				builderSets = append(builderSets, -1)
			} else {
				ls = b.AddInfoset(set.Player, 0, set.Label, set.Actions...)
				builderSets = append(builderSets, len(g.sets))
				g.sets = append(g.sets, s)
			}
			localOf[s] = ls
		}
		for a, c := range b.Move(h, ls) {
			handle[t.Children(n)[a]] = c
		}
	}
	lt, err := b.Build()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	// Build lists infosets in order of first appearance, which is the
	// order they were created in here (pre-order walk), so builder index
	// and tree index agree.
	return lt, g, leaves, builderSets, nil
}

func (r *speRun[T]) toRat(v T) *big.Rat {
	switch x := any(v).(type) {
	case int64:
		return big.NewRat(x, 1)
	case *big.Rat:
		return x
	}
	panic("spe: unknown value type")
}
