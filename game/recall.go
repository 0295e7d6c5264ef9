package game

import (
	"errors"
	"fmt"
)

// ErrImperfectRecall is the one sentinel for "this method needs perfect
// recall", in Gambit's words. Every solver returns it (or wraps it) for a
// tree without perfect recall; a *RecallError from PerfectRecall matches it
// with errors.Is, so callers test one value whatever the solver.
var ErrImperfectRecall = errors.New("Computing equilibria of games with imperfect recall is not supported.")

// RecallError says why a tree lacks perfect recall: two nodes of one
// information set that its player reaches through different histories of
// his own moves (or one reached after the other: absent-mindedness).
type RecallError struct {
	Player  int
	Infoset int32 // index into Tree.Infosets
	A, B    NodeID
}

// Is makes errors.Is(err, ErrImperfectRecall) true for a *RecallError.
func (e *RecallError) Is(target error) bool { return target == ErrImperfectRecall }

func (e *RecallError) Error() string {
	return fmt.Sprintf("imperfect recall: player %d reaches nodes %d and %d of information set %d through different histories of its own moves", e.Player, e.A, e.B, e.Infoset)
}

// PerfectRecall returns nil when every player always remembers all its own
// earlier information sets and moves, and a *RecallError otherwise.
//
// It checks that all members of each personal information set share the same
// last own move (infoset, action) of their player. By induction on earlier
// information sets this is equivalent to identical whole own histories, and
// it also catches absent-mindedness: a later member's last own move lies in
// the set itself, which an earlier member's cannot. O(nodes x players).
func (t *Tree) PerfectRecall() error {
	const noMove = int64(-1)
	last := make([]int64, len(t.Nodes))
	for p := 1; p <= len(t.Players); p++ {
		for i := range t.Nodes {
			nd := &t.Nodes[i]
			if nd.Parent == None {
				last[i] = noMove
				continue
			}
			par := &t.Nodes[nd.Parent]
			if t.Infosets[par.Infoset].Player == p {
				last[i] = int64(par.Infoset)<<32 | int64(nd.Action)
			} else {
				last[i] = last[nd.Parent]
			}
		}
		for _, s := range t.byPlayer[p] {
			m := t.Infosets[s].Members
			for _, x := range m[1:] {
				if last[x] != last[m[0]] {
					return &RecallError{Player: p, Infoset: s, A: m[0], B: x}
				}
			}
		}
	}
	return nil
}
