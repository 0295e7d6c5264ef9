package game

import (
	"errors"
	"fmt"
	"math/big"
)

// NodeID indexes Tree.Nodes. Node ids follow the pre-order listing of the
// tree (a node, then the complete subtrees of its children from first action
// to last), so a forward loop over Nodes visits parents before children and
// a backward loop visits children before parents: backward induction and
// path accumulation need no recursion.
type NodeID int32

// None marks an absent node, infoset or outcome reference.
const None = -1

// Node is one vertex of a game tree.
type Node struct {
	Label string
	// Parent is None at the root.
	Parent NodeID
	// Action is the index, among the parent's infoset actions, of the move
	// that leads here; None at the root.
	Action int32
	// Infoset indexes Tree.Infosets; None for a terminal node.
	Infoset int32
	// Outcome indexes Tree.Outcomes; None when the node carries no outcome.
	Outcome int32
	// first is the offset of this node's children in Tree.children.
	first int32
}

// Infoset is an information set: the nodes a player cannot tell apart, all
// with the same actions. Player 0 is chance.
type Infoset struct {
	Player int
	// Number is the infoset's number in its player's scope, as written in
	// .efg files. Numbers are unique per player.
	Number  int
	Label   string
	Actions []string
	// Probs holds the exact action probabilities of a chance infoset; nil for
	// a personal infoset. ProbText optionally keeps their file spelling.
	Probs    []*big.Rat
	ProbText []string
	// Members lists the infoset's nodes in pre-order.
	Members []NodeID
}

// IsChance reports whether the infoset belongs to chance.
func (s *Infoset) IsChance() bool { return s.Player == 0 }

// ProbString returns the spelling of chance action a's probability.
func (s *Infoset) ProbString(a int) string {
	if a < len(s.ProbText) && s.ProbText[a] != "" {
		return s.ProbText[a]
	}
	return RatString(s.Probs[a])
}

// Tree is an extensive-form game. Build one with a Builder; a built Tree is
// immutable by convention and safe for concurrent readers.
type Tree struct {
	Title   string
	Comment string
	// Players are numbered 1..len(Players); index 0 of per-player slices
	// elsewhere in the package means chance.
	Players []string
	// Nodes in pre-order; Nodes[0] is the root.
	Nodes []Node
	// Infosets in order of first appearance in the pre-order listing, which
	// is the order Gambit uses to lay out behaviour profiles.
	Infosets []Infoset
	Outcomes []Outcome

	children []NodeID
	byPlayer [][]int32
}

// NumPlayers is the number of personal players (chance excluded).
func (t *Tree) NumPlayers() int { return len(t.Players) }

// PlayerNames returns the players' labels.
func (t *Tree) PlayerNames() []string { return t.Players }

// Root returns the root node's id (always 0).
func (t *Tree) Root() NodeID { return 0 }

// NumNodes is the number of nodes.
func (t *Tree) NumNodes() int { return len(t.Nodes) }

// IsTerminal reports whether n has no moves.
func (t *Tree) IsTerminal(n NodeID) bool { return t.Nodes[n].Infoset == None }

// Children returns n's children in action order. The slice aliases the tree:
// do not modify it.
func (t *Tree) Children(n NodeID) []NodeID {
	nd := &t.Nodes[n]
	if nd.Infoset == None {
		return nil
	}
	k := int32(len(t.Infosets[nd.Infoset].Actions))
	return t.children[nd.first : nd.first+k : nd.first+k]
}

// Player returns the player to move at n (0 for chance), or None at a
// terminal node.
func (t *Tree) Player(n NodeID) int {
	if s := t.Nodes[n].Infoset; s != None {
		return t.Infosets[s].Player
	}
	return None
}

// PlayerInfosets returns the indices (into Infosets) of player p's
// information sets in order of first appearance; p = 0 gives chance's.
func (t *Tree) PlayerInfosets(p int) []int32 { return t.byPlayer[p] }

// InfosetOrdinal returns the position of infoset s among its player's
// infosets, the index used in behaviour profiles.
func (t *Tree) InfosetOrdinal(s int32) int {
	p := t.Infosets[s].Player
	for i, x := range t.byPlayer[p] {
		if x == s {
			return i
		}
	}
	return None
}

// Depths returns every node's depth (root 0) without recursion.
func (t *Tree) Depths() []int32 {
	d := make([]int32, len(t.Nodes))
	for i := 1; i < len(t.Nodes); i++ {
		d[i] = d[t.Nodes[i].Parent] + 1
	}
	return d
}

// SubtreeEnd returns, for every node n, the id one past the last node of n's
// subtree: the subtree of n is exactly the id range [n, end[n]).
func (t *Tree) SubtreeEnd() []NodeID {
	end := make([]NodeID, len(t.Nodes))
	for i := len(t.Nodes) - 1; i >= 0; i-- {
		ch := t.Children(NodeID(i))
		if len(ch) == 0 {
			end[i] = NodeID(i + 1)
		} else {
			end[i] = end[ch[len(ch)-1]]
		}
	}
	return end
}

// PathPayoffs returns the exact payoff vector of every terminal node: the
// sum of the outcomes on the path from the root to it. Non-terminal nodes get
// nil. It allocates one vector per terminal; FloatPathPayoffs is the cheap
// view for large trees.
func (t *Tree) PathPayoffs() [][]*big.Rat {
	n := len(t.Players)
	acc := make([][]*big.Rat, len(t.Nodes))
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		var base []*big.Rat
		if nd.Parent != None {
			base = acc[nd.Parent]
		}
		if nd.Outcome == None {
			acc[i] = base
			continue
		}
		v := make([]*big.Rat, n)
		for p := 0; p < n; p++ {
			v[p] = new(big.Rat).Set(t.Outcomes[nd.Outcome].Payoffs[p])
			if base != nil {
				v[p].Add(v[p], base[p])
			}
		}
		acc[i] = v
	}
	zero := make([]*big.Rat, n)
	for p := range zero {
		zero[p] = new(big.Rat)
	}
	for i := range t.Nodes {
		if t.Nodes[i].Infoset != None {
			acc[i] = nil
		} else if acc[i] == nil {
			acc[i] = zero
		}
	}
	return acc
}

// FloatPathPayoffs returns the accumulated payoffs of every node as a flat
// slice: entry [n*NumPlayers()+p] is player p's (0-based) payoff summed over
// the outcomes from the root to node n inclusive.
func (t *Tree) FloatPathPayoffs() []float64 {
	n := len(t.Players)
	oc := make([]float64, len(t.Outcomes)*n)
	for i := range t.Outcomes {
		for p := 0; p < n; p++ {
			oc[i*n+p] = ratFloat(t.Outcomes[i].Payoffs[p])
		}
	}
	acc := make([]float64, len(t.Nodes)*n)
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		if nd.Parent != None {
			copy(acc[i*n:i*n+n], acc[int(nd.Parent)*n:int(nd.Parent)*n+n])
		}
		if nd.Outcome != None {
			for p := 0; p < n; p++ {
				acc[i*n+p] += oc[int(nd.Outcome)*n+p]
			}
		}
	}
	return acc
}

// FloatProbs returns chance probabilities as float64, indexed like Infosets
// (nil for personal infosets).
func (t *Tree) FloatProbs() [][]float64 {
	out := make([][]float64, len(t.Infosets))
	for i := range t.Infosets {
		if s := &t.Infosets[i]; s.IsChance() {
			out[i] = make([]float64, len(s.Probs))
			for a, p := range s.Probs {
				out[i][a] = ratFloat(p)
			}
		}
	}
	return out
}

// ErrInvalid is wrapped by every structural error from Build.
var ErrInvalid = errors.New("invalid game")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}
