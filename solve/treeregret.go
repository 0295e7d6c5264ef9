package solve

import (
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// treeEval holds a behaviour profile of a tree in flat form together with
// the node values it induces. Regions are the parts of the tree between
// subgame roots: a region is a subgame root's subtree minus the subtrees of
// the proper subgames inside it (with perSubgame false the whole tree is one
// region).
type treeEval[T any] struct {
	t   *game.Tree
	f   field[T]
	np  int
	off []int32 // off[s]: offset of infoset s's actions in prob/q
	// prob[off[s]+a] is the probability of action a at infoset s (chance
	// probabilities included); unspec[s] marks unspecified rows.
	prob   []T
	unspec []bool
	isRoot []bool
	rootOf []game.NodeID
	end    []game.NodeID
	// pay holds path payoffs of terminal nodes, v the values of all nodes
	// under the profile ([node*np+p]).
	pay, v []T
}

func newTreeEval[T any](t *game.Tree, b game.BehaviorProfile, f field[T], perSubgame bool) (*treeEval[T], error) {
	return newTreeEvalRecall(t, b, f, perSubgame, true)
}

// newTreeEvalRecall is newTreeEval that checks perfect recall only when
// asked (best responses need it; values and agent deviations do not).
func newTreeEvalRecall[T any](t *game.Tree, b game.BehaviorProfile, f field[T], perSubgame, needRecall bool) (*treeEval[T], error) {
	if needRecall && t.PerfectRecall() != nil {
		return nil, ErrImperfectRecall
	}
	ev := &treeEval[T]{t: t, f: f, np: t.NumPlayers(), end: t.SubtreeEnd()}
	if err := ev.loadProfile(b); err != nil {
		return nil, err
	}
	if perSubgame {
		ev.isRoot = t.IsSubgameRoot()
	} else {
		ev.isRoot = make([]bool, t.NumNodes())
	}
	ev.isRoot[0] = true
	ev.rootOf = make([]game.NodeID, t.NumNodes())
	for i := 1; i < t.NumNodes(); i++ {
		if ev.isRoot[i] {
			ev.rootOf[i] = game.NodeID(i)
		} else {
			ev.rootOf[i] = ev.rootOf[t.Nodes[i].Parent]
		}
	}
	ev.payoffs()
	if err := ev.checkUnspecified(); err != nil {
		return nil, err
	}
	ev.values()
	return ev, nil
}

// loadProfile flattens b and validates its shape and rows.
func (ev *treeEval[T]) loadProfile(b game.BehaviorProfile) error {
	t, f := ev.t, ev.f
	if len(b) != ev.np {
		return fmt.Errorf("profile has %d players, game has %d", len(b), ev.np)
	}
	ev.off = make([]int32, len(t.Infosets)+1)
	for s := range t.Infosets {
		ev.off[s+1] = ev.off[s] + int32(len(t.Infosets[s].Actions))
	}
	ev.prob = make([]T, ev.off[len(t.Infosets)])
	ev.unspec = make([]bool, len(t.Infosets))
	for _, s := range t.PlayerInfosets(0) {
		for a, p := range t.Infosets[s].Probs {
			ev.prob[ev.off[s]+int32(a)] = f.fromRat(p)
		}
	}
	for p := 1; p <= ev.np; p++ {
		sets := t.PlayerInfosets(p)
		if len(b[p-1]) != len(sets) {
			return fmt.Errorf("player %d: %d infoset rows for %d information sets", p, len(b[p-1]), len(sets))
		}
		for k, s := range sets {
			row := b[p-1][k]
			if isUnspecified(row) {
				ev.unspec[s] = true
				for a := range t.Infosets[s].Actions {
					ev.prob[ev.off[s]+int32(a)] = f.zero()
				}
				continue
			}
			if len(row) != len(t.Infosets[s].Actions) {
				return fmt.Errorf("player %d infoset %d: %d probabilities for %d actions", p, k+1, len(row), len(t.Infosets[s].Actions))
			}
			if err := checkRow(row); err != nil {
				return fmt.Errorf("player %d infoset %d: %w", p, k+1, err)
			}
			for a, x := range row {
				ev.prob[ev.off[s]+int32(a)] = f.fromRat(x)
			}
		}
	}
	return nil
}

func isUnspecified(row []*big.Rat) bool {
	for _, x := range row {
		if x != nil && x.Sign() != 0 {
			return false
		}
	}
	return true
}

// payoffs fills ev.pay with every node's accumulated outcome payoffs.
func (ev *treeEval[T]) payoffs() {
	t, f, np := ev.t, ev.f, ev.np
	oc := make([]T, len(t.Outcomes)*np)
	for o := range t.Outcomes {
		for p := 0; p < np; p++ {
			oc[o*np+p] = f.fromRat(t.Outcomes[o].Payoffs[p])
		}
	}
	ev.pay = make([]T, t.NumNodes()*np)
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		for p := 0; p < np; p++ {
			x := f.zero()
			if nd.Parent != game.None {
				x = ev.pay[int(nd.Parent)*np+p]
			}
			if nd.Outcome != game.None {
				x = f.add(x, oc[int(nd.Outcome)*np+p])
			}
			ev.pay[i*np+p] = x
		}
	}
}

// checkUnspecified verifies that every unspecified row sits at an infoset
// that its player's own choices, from the smallest enclosing subgame root
// (the region root), reach with probability zero.
func (ev *treeEval[T]) checkUnspecified() error {
	t, np := ev.t, ev.np
	some := false
	for _, u := range ev.unspec {
		some = some || u
	}
	if !some {
		return nil
	}
	// ownZero[n*np+p]: player p's own probability on the path from n's
	// region root to n is zero.
	ownZero := make([]bool, t.NumNodes()*np)
	for i := 1; i < t.NumNodes(); i++ {
		if ev.isRoot[i] {
			continue
		}
		nd := &t.Nodes[i]
		par := nd.Parent
		for p := 0; p < np; p++ {
			ownZero[i*np+p] = ownZero[int(par)*np+p]
		}
		s := t.Nodes[par].Infoset
		if q := t.Infosets[s].Player; q > 0 && ev.f.isZero(ev.prob[ev.off[s]+nd.Action]) {
			ownZero[i*np+q-1] = true
		}
	}
	for s, u := range ev.unspec {
		if !u {
			continue
		}
		p := t.Infosets[s].Player
		for _, h := range t.Infosets[s].Members {
			if !ownZero[int(h)*np+p-1] {
				return fmt.Errorf("player %d infoset %d: row unspecified at an information set the player's own choices can reach", p, t.InfosetOrdinal(int32(s))+1)
			}
		}
	}
	return nil
}

// values computes every node's expected payoff vector under the profile.
func (ev *treeEval[T]) values() {
	t, f, np := ev.t, ev.f, ev.np
	ev.v = make([]T, t.NumNodes()*np)
	for i := t.NumNodes() - 1; i >= 0; i-- {
		s := t.Nodes[i].Infoset
		if s == game.None {
			copy(ev.v[i*np:i*np+np], ev.pay[i*np:i*np+np])
			continue
		}
		ch := t.Children(game.NodeID(i))
		// A pure choice (probability one) passes the child's values up
		// unchanged; values are never modified in place, so sharing them
		// saves the exact version an allocation per node.
		if a := ev.pureAction(s); a >= 0 {
			copy(ev.v[i*np:i*np+np], ev.v[int(ch[a])*np:int(ch[a])*np+np])
			continue
		}
		for p := 0; p < np; p++ {
			ev.v[i*np+p] = f.zero()
		}
		for a, c := range ch {
			w := ev.prob[ev.off[s]+int32(a)]
			if f.isZero(w) {
				continue
			}
			for p := 0; p < np; p++ {
				ev.v[i*np+p] = f.add(ev.v[i*np+p], f.mul(w, ev.v[int(c)*np+p]))
			}
		}
	}
}

// pureAction returns the action infoset s plays with probability one, or
// -1 when its row is mixed or unspecified.
func (ev *treeEval[T]) pureAction(s int32) int {
	for a := ev.off[s]; a < ev.off[s+1]; a++ {
		if ev.f.isOne(ev.prob[a]) {
			return int(a - ev.off[s])
		}
	}
	return -1
}

// treeRegret is the largest, over players and regions (subgames when
// perSubgame), of the player's best-response value minus its value.
func treeRegret[T any](t *game.Tree, b game.BehaviorProfile, f field[T], perSubgame bool) (T, error) {
	ev, err := newTreeEval(t, b, f, perSubgame)
	if err != nil {
		return f.zero(), err
	}
	worst := f.zero()
	for p := 1; p <= ev.np; p++ {
		br := ev.bestResponses(p)
		for i := range t.Nodes {
			if ev.isRoot[i] && t.Nodes[i].Infoset != game.None {
				worst = f.max(worst, f.sub(br[i], ev.v[i*ev.np+p-1]))
			}
		}
	}
	return worst, nil
}

// bestResponses returns, at each region root, player p's best-response
// value in that subgame against the others' behaviour.
//
// Within a region this is the sequence-form best response: every leaf of
// the region (a terminal, or the root of an inner subgame valued at its own
// best response, which p can play there independently) adds its payoff,
// weighted by the probability that chance and the other players lead to
// it, to the Q value of p's last own move (infoset, action) on its path.
// Then p's infosets, children before parents (reverse order of first
// appearance), pass their best action's Q up to the move that leads to
// them. Perfect recall makes that move the same for every member.
func (ev *treeEval[T]) bestResponses(p int) []T {
	t, f, np := ev.t, ev.f, ev.np
	n := t.NumNodes()
	br := make([]T, n)
	q := make([]T, len(ev.prob))
	for i := range q {
		q[i] = f.zero()
	}
	reach := make([]T, n)
	seq := make([]int32, n) // p's last move in the region: off index, or -1
	parentSeq := make([]int32, len(t.Infosets))
	// head[r] lists p's infosets in region r, last first (a linked list
	// through next), so the pass below visits children before parents.
	head := make([]int32, n)
	for i := range head {
		head[i] = -1
	}
	next := make([]int32, len(t.Infosets))
	for _, s := range t.PlayerInfosets(p) {
		r := ev.rootOf[t.Infosets[s].Members[0]]
		next[s], head[r] = head[r], s
	}
	for r := n - 1; r >= 0; r-- {
		if !ev.isRoot[r] || t.Nodes[r].Infoset == game.None {
			continue
		}
		base := f.zero()
		for i := r; i < int(ev.end[r]); i++ {
			nd := &t.Nodes[i]
			if i == r {
				reach[i], seq[i] = f.fromRat(ratOne), -1
			} else {
				par := nd.Parent
				s := t.Nodes[par].Infoset
				reach[i], seq[i] = reach[par], seq[par]
				if t.Infosets[s].Player == p {
					seq[i] = ev.off[s] + nd.Action
				} else {
					reach[i] = f.mul(reach[i], ev.prob[ev.off[s]+nd.Action])
				}
			}
			leaf := nd.Infoset == game.None || (i != r && ev.isRoot[i])
			if !leaf {
				if s := nd.Infoset; t.Infosets[s].Player == p {
					parentSeq[s] = seq[i]
				}
				continue
			}
			if !f.isZero(reach[i]) {
				val := ev.pay[i*np+p-1]
				if nd.Infoset != game.None {
					val = br[i]
				}
				add := f.mul(reach[i], val)
				if seq[i] < 0 {
					base = f.add(base, add)
				} else {
					q[seq[i]] = f.add(q[seq[i]], add)
				}
			}
			if nd.Infoset != game.None {
				i = int(ev.end[i]) - 1
			}
		}
		for s := head[r]; s >= 0; s = next[s] {
			best := q[ev.off[s]]
			for a := ev.off[s] + 1; a < ev.off[s+1]; a++ {
				best = f.max(best, q[a])
			}
			if ps := parentSeq[s]; ps < 0 {
				base = f.add(base, best)
			} else {
				q[ps] = f.add(q[ps], best)
			}
		}
		br[r] = base
	}
	return br
}
