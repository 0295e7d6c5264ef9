package game

import (
	"math/big"
	"sort"
)

// Builder assembles a Tree in any order: create information sets, attach
// them to nodes with Move (which creates the children), put outcomes on
// nodes, then Build, which lays the tree out in pre-order and checks it.
//
// Node handles returned by a Builder are its own; they are not the NodeIDs of
// the built Tree (Build renumbers into pre-order).
type Builder struct {
	title, comment string
	players        []string
	nodes          []bnode
	infosets       []Infoset
	outcomes       []Outcome
	numbers        []intSet
	nextNumber     []int
}

// bnode is a node under construction. Move creates a node's children as
// consecutive handles, so first (None until Move) and the infoset's action
// count describe them without a slice per node: trees of millions of nodes
// are built with a handful of large allocations.
type bnode struct {
	label   string
	parent  int32
	action  int32
	infoset int32
	outcome int32
	first   int32
}

// NewBuilder starts a tree with the given title and players (numbered 1..n
// in the order given) and a single root node.
func NewBuilder(title string, players ...string) *Builder {
	b := &Builder{title: title, players: append([]string(nil), players...)}
	b.numbers = make([]intSet, len(players)+1)
	b.nextNumber = make([]int, len(players)+1)
	b.nodes = append(b.nodes, bnode{parent: None, action: None, infoset: None, outcome: None, first: None})
	return b
}

// Reserve pre-sizes the builder for about the given numbers of nodes,
// information sets and outcomes, so that readers of large files that can
// estimate them avoid repeated slice growth.
func (b *Builder) Reserve(nodes, infosets, outcomes int) {
	if nodes > cap(b.nodes) {
		b.nodes = append(make([]bnode, 0, nodes), b.nodes...)
	}
	if infosets > cap(b.infosets) {
		b.infosets = append(make([]Infoset, 0, infosets), b.infosets...)
	}
	if outcomes > cap(b.outcomes) {
		b.outcomes = append(make([]Outcome, 0, outcomes), b.outcomes...)
	}
}

// Root is the root's builder handle.
func (b *Builder) Root() int { return 0 }

// SetComment sets the tree's free-text comment.
func (b *Builder) SetComment(c string) { b.comment = c }

// SetLabel labels node n.
func (b *Builder) SetLabel(n int, label string) { b.nodes[n].label = label }

// AddInfoset creates a personal information set for player (1..n) with the
// given actions. number is the infoset's number in that player's scope; 0
// picks the next unused number.
func (b *Builder) AddInfoset(player, number int, label string, actions ...string) int {
	return b.addInfoset(Infoset{Player: player, Number: number, Label: label, Actions: append([]string(nil), actions...)})
}

// AddChanceInfoset creates a chance information set with exact action
// probabilities. number 0 picks the next unused chance number.
func (b *Builder) AddChanceInfoset(number int, label string, actions []string, probs []*big.Rat) int {
	ps := make([]*big.Rat, len(probs))
	for i, p := range probs {
		ps[i] = new(big.Rat).Set(p)
	}
	return b.addInfoset(Infoset{Player: 0, Number: number, Label: label, Actions: append([]string(nil), actions...), Probs: ps})
}

// SetProbText records the file spelling of a chance infoset's probabilities.
func (b *Builder) SetProbText(infoset int, text []string) {
	b.infosets[infoset].ProbText = append([]string(nil), text...)
}

func (b *Builder) addInfoset(s Infoset) int {
	if s.Player >= 0 && s.Player < len(b.numbers) {
		if s.Number <= 0 {
			// nextNumber only grows, so auto-numbering stays O(1) per
			// infoset even for trees with hundreds of thousands of them.
			s.Number = b.nextNumber[s.Player] + 1
			for b.numbers[s.Player].has(s.Number) {
				s.Number++
			}
		}
		if s.Number > b.nextNumber[s.Player] {
			b.nextNumber[s.Player] = s.Number
		}
		b.numbers[s.Player].add(s.Number)
	}
	b.infosets = append(b.infosets, s)
	return len(b.infosets) - 1
}

// Infoset returns the builder's infoset record, for readers that must compare
// a repeated description with the first one.
func (b *Builder) Infoset(i int) *Infoset { return &b.infosets[i] }

// Move makes node n a decision node of infoset s and returns the new
// children, one per action, in action order. Calling Move twice on one node
// is a programming error and panics.
func (b *Builder) Move(n, s int) []int {
	if b.nodes[n].infoset != None {
		panic("game: Move called twice on one node")
	}
	b.nodes[n].infoset = int32(s)
	k := len(b.infosets[s].Actions)
	out := make([]int, k)
	b.nodes[n].first = int32(len(b.nodes))
	for a := 0; a < k; a++ {
		out[a] = len(b.nodes)
		b.nodes = append(b.nodes, bnode{parent: int32(n), action: int32(a), infoset: None, outcome: None, first: None})
	}
	return out
}

// AddOutcome registers an outcome and returns its index; payoffs are copied.
func (b *Builder) AddOutcome(label string, payoffs []*big.Rat) int {
	ps := make([]*big.Rat, len(payoffs))
	for i, p := range payoffs {
		ps[i] = new(big.Rat).Set(p)
	}
	b.outcomes = append(b.outcomes, Outcome{Label: label, Payoffs: ps})
	return len(b.outcomes) - 1
}

// SetOutcomeText records the file spelling of an outcome's payoffs.
func (b *Builder) SetOutcomeText(o int, text []string) {
	b.outcomes[o].Text = append([]string(nil), text...)
}

// SetOutcome attaches outcome o (or None) to node n.
func (b *Builder) SetOutcome(n, o int) { b.nodes[n].outcome = int32(o) }

// Build checks the tree and lays it out in pre-order. Information sets that
// no node uses are dropped.
func (b *Builder) Build() (*Tree, error) {
	np := len(b.players)
	for i := range b.outcomes {
		if len(b.outcomes[i].Payoffs) != np {
			return nil, invalid("outcome %d (%q) has %d payoffs for %d players", i+1, b.outcomes[i].Label, len(b.outcomes[i].Payoffs), np)
		}
	}
	for i := range b.infosets {
		s := &b.infosets[i]
		if s.Player < 0 || s.Player > np {
			return nil, invalid("infoset %q belongs to player %d; the game has players 1..%d", s.Label, s.Player, np)
		}
		if len(s.Actions) == 0 {
			return nil, invalid("infoset %q has no actions", s.Label)
		}
		if s.Player == 0 && len(s.Probs) != len(s.Actions) {
			return nil, invalid("chance infoset %q has %d actions but %d probabilities", s.Label, len(s.Actions), len(s.Probs))
		}
	}
	for i := range b.nodes {
		if o := b.nodes[i].outcome; o != None && (o < 0 || int(o) >= len(b.outcomes)) {
			return nil, invalid("node %q refers to outcome %d, which does not exist", b.nodes[i].label, o+1)
		}
	}

	// Pre-order numbering with an explicit stack.
	order := make([]int32, 0, len(b.nodes))
	newID := make([]int32, len(b.nodes))
	stack := []int32{0}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		newID[n] = int32(len(order))
		order = append(order, n)
		if bn := &b.nodes[n]; bn.infoset != None {
			for c := bn.first + int32(len(b.infosets[bn.infoset].Actions)) - 1; c >= bn.first; c-- {
				stack = append(stack, c)
			}
		}
	}

	// Infosets in order of first appearance; unused ones dropped.
	isNew := make([]int32, len(b.infosets))
	for i := range isNew {
		isNew[i] = None
	}
	t := &Tree{Title: b.title, Comment: b.comment, Players: append([]string(nil), b.players...), Outcomes: b.outcomes}
	for _, old := range order {
		s := b.nodes[old].infoset
		if s != None && isNew[s] == None {
			isNew[s] = int32(len(t.Infosets))
			cp := b.infosets[s]
			cp.Members = nil
			t.Infosets = append(t.Infosets, cp)
		}
	}
	t.Nodes = make([]Node, len(order))
	t.children = make([]NodeID, 0, len(order))
	for id, old := range order {
		bn := &b.nodes[old]
		nd := Node{Label: bn.label, Parent: None, Action: bn.action, Infoset: None, Outcome: bn.outcome}
		if bn.parent != None {
			nd.Parent = NodeID(newID[bn.parent])
		}
		if bn.infoset != None {
			nd.Infoset = isNew[bn.infoset]
			nd.first = int32(len(t.children))
			for c := bn.first; c < bn.first+int32(len(b.infosets[bn.infoset].Actions)); c++ {
				t.children = append(t.children, NodeID(newID[c]))
			}
			s := &t.Infosets[nd.Infoset]
			s.Members = append(s.Members, NodeID(id))
		}
		t.Nodes[id] = nd
	}
	t.index()
	return t, nil
}

func (t *Tree) index() {
	t.byPlayer = make([][]int32, len(t.Players)+1)
	for i := range t.Infosets {
		p := t.Infosets[i].Player
		t.byPlayer[p] = append(t.byPlayer[p], int32(i))
	}
	// Members are appended in pre-order already; keep the invariant explicit
	// for trees assembled by other means.
	for i := range t.Infosets {
		m := t.Infosets[i].Members
		if !sort.SliceIsSorted(m, func(a, b int) bool { return m[a] < m[b] }) {
			sort.Slice(m, func(a, b int) bool { return m[a] < m[b] })
		}
	}
}

// intSet holds the infoset numbers in use: a bitmap for the small dense
// numbers files use, a map for the rest.
type intSet struct {
	bits   []uint64
	sparse map[int]bool
}

const intSetDense = 1 << 22

func (s *intSet) has(k int) bool {
	if k >= 0 && k < intSetDense {
		return k/64 < len(s.bits) && s.bits[k/64]&(1<<(k%64)) != 0
	}
	return s.sparse[k]
}

func (s *intSet) add(k int) {
	if k >= 0 && k < intSetDense {
		for len(s.bits) <= k/64 {
			s.bits = append(s.bits, 0)
		}
		s.bits[k/64] |= 1 << (k % 64)
		return
	}
	if s.sparse == nil {
		s.sparse = map[int]bool{}
	}
	s.sparse[k] = true
}
