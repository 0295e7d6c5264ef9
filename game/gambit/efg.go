package gambit

import (
	"bytes"
	"fmt"
	"math"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// ParseEFG reads an extensive game (.efg, version 2). name is used in error
// messages. Warnings are dropped; see ParseEFGWithWarnings.
func ParseEFG(data []byte, name string) (*game.Tree, error) {
	t, _, err := ParseEFGWithWarnings(data, name)
	return t, err
}

// ParseEFGWithWarnings is ParseEFG that also returns the warnings about
// constructs Gambit 17 would refuse but earlier versions accept.
func ParseEFGWithWarnings(data []byte, name string) (*game.Tree, []Warning, error) {
	p := newParser(data, name)
	p.shared = true // every number goes through the builder, which copies
	if err := p.symbol("EFG", `"EFG" (the first word of an extensive-form file)`); err != nil {
		return nil, nil, err
	}
	title, players, err := p.header("2")
	if err != nil {
		return nil, nil, err
	}
	b := game.NewBuilder(title, players...)
	// Files list one node per line in practice, so the line count is a cheap
	// estimate of the tree's size, bounded by the input; reserving it spares
	// large trees repeated slice growth.
	if lines := bytes.Count(data, []byte{'\n'}); lines > 1024 {
		b.Reserve(lines+1, lines/2, lines/2)
	}
	ep := newEFGParser(p, b, len(players))
	if p.peek().kind == tText {
		ep.b.SetComment(p.lx.text(p.peek()))
		p.lx.next()
	}
	// Pre-order listing, parsed with an explicit stack of the builder
	// handles still waiting for their subtree: no recursion, so a chain of
	// a million moves costs a million stack entries of heap, not frames.
	stack := []int{ep.b.Root()}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		children, err := ep.node(h)
		if err != nil {
			return nil, nil, err
		}
		for i := len(children) - 1; i >= 0; i-- {
			stack = append(stack, children[i])
		}
	}
	if t := p.peek(); t.kind != tEOF {
		// Gambit stops reading after the root's subtree; so do we, but say so.
		p.warn(t, "content after the end of the tree is ignored")
	}
	tree, err := ep.b.Build()
	if err != nil {
		// The parser checks everything Build checks; this is a safety net.
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return tree, p.warnings, nil
}

// efgParser is the state of one .efg parse: the builder, the file-number
// scopes of infosets (per player, chance = 0) and outcomes, and reusable
// scratch slices for descriptions.
type efgParser struct {
	*parser
	b  *game.Builder
	np int
	// playerWhat is the expectation for a player number, built once.
	playerWhat string

	infosets   []idMap
	infosetAt  []token          // first description, by builder infoset index
	infosetLbl []map[string]int // non-empty infoset labels per player
	outcomes   idMap
	outcomeAt  []token
	// outLabel and outVals (flat, np per outcome) record each outcome's
	// first definition: the builder does not expose its outcomes.
	outLabel   []string
	outVals    []*big.Rat
	nodeLabels map[string]labelSeen

	acts   []string
	actTok []token
	probs  []*big.Rat
	ptexts []string
	vals   []*big.Rat
	vtexts []string
}

func newEFGParser(p *parser, b *game.Builder, np int) *efgParser {
	ep := &efgParser{parser: p, b: b, np: np, nodeLabels: map[string]labelSeen{}}
	ep.playerWhat = fmt.Sprintf("a player number from 1 to %d", np)
	ep.infosets = make([]idMap, np+1)
	ep.infosetLbl = make([]map[string]int, np+1)
	for i := range ep.infosetLbl {
		ep.infosetLbl[i] = map[string]int{}
	}
	return ep
}

// labelSeen is where a node label was first used, and whether its
// duplication has been reported.
type labelSeen struct {
	at     token
	warned bool
}

// node parses the node for builder handle h and returns its children's
// handles (nil for a terminal node).
func (ep *efgParser) node(h int) ([]int, error) {
	t := ep.peek()
	kind := byte(0)
	if t.kind == tSymbol && t.end-t.start == 1 {
		kind = ep.lx.data[t.start]
	}
	if kind != 'c' && kind != 'p' && kind != 't' {
		return nil, ep.fail(t, `a node: "c" (chance), "p" (personal) or "t" (terminal)`)
	}
	ep.lx.next()
	label, lt, err := ep.text("the node's label as a quoted text")
	if err != nil {
		return nil, err
	}
	if label != "" {
		ep.b.SetLabel(h, label)
		// One warning per duplicated label: nim7.efg alone would give 30.
		if seen, dup := ep.nodeLabels[label]; !dup {
			ep.nodeLabels[label] = labelSeen{at: lt}
		} else if !seen.warned {
			ep.warn(lt, "node label %q is also used at %d:%d (Gambit 17 refuses the file: \"Node label must be unique within the game\")", label, seen.at.line, seen.at.col)
			ep.nodeLabels[label] = labelSeen{at: seen.at, warned: true}
		}
	}
	s := -1
	switch kind {
	case 'p':
		pl, _, err := ep.index(1, ep.np, ep.playerWhat)
		if err != nil {
			return nil, err
		}
		if s, err = ep.infoset(pl); err != nil {
			return nil, err
		}
	case 'c':
		if s, err = ep.infoset(0); err != nil {
			return nil, err
		}
	}
	o, err := ep.outcome()
	if err != nil {
		return nil, err
	}
	if o != game.None {
		ep.b.SetOutcome(h, o)
	}
	if s < 0 {
		return nil, nil
	}
	return ep.b.Move(h, s), nil
}

// who names player pl's scope in messages.
func who(pl int) string {
	if pl == 0 {
		return "chance"
	}
	return fmt.Sprintf("player %d's", pl)
}

// infoset parses an infoset number and its optional description, and
// returns the builder's infoset index.
func (ep *efgParser) infoset(pl int) (int, error) {
	num, nt, err := ep.index(1, math.MaxInt32, "an information set number (a positive integer)")
	if err != nil {
		return 0, err
	}
	idx, known := ep.infosets[pl].get(num)
	if ep.peek().kind != tText {
		if !known {
			return 0, ep.failf(ep.peek(), "the label and actions of %s infoset %d (its first node must describe it)", who(pl), num)
		}
		return idx, nil
	}
	label, lt, err := ep.text("")
	if err != nil {
		return 0, err
	}
	if err := ep.actions(pl == 0); err != nil {
		return 0, err
	}
	if known {
		return idx, ep.sameInfoset(idx, label, lt)
	}
	if pl == 0 {
		idx = ep.b.AddChanceInfoset(num, label, ep.acts, ep.probs)
		for _, txt := range ep.ptexts {
			if txt != "" {
				ep.b.SetProbText(idx, ep.ptexts)
				break
			}
		}
		ep.checkProbs(lt)
	} else {
		idx = ep.b.AddInfoset(pl, num, label, ep.acts...)
	}
	if label != "" {
		if other, dup := ep.infosetLbl[pl][label]; dup && other >= 0 {
			ep.infosetLbl[pl][label] = -1 // warned once; enough
			ep.warn(lt, "%s infoset %d has the label %q of its infoset %d (Gambit 17 refuses the file: \"Infoset label must be unique for the player\")", who(pl), num, label, ep.b.Infoset(other).Number)
		} else {
			ep.infosetLbl[pl][label] = idx
		}
	}
	ep.infosets[pl].set(num, idx)
	ep.infosetAt = append(ep.infosetAt, nt)
	return idx, nil
}

// actions parses a braced action list into the scratch slices: labels, and
// for chance a probability after each label.
func (ep *efgParser) actions(chance bool) error {
	if _, err := ep.expect(tLBrace, `"{" opening the list of actions`); err != nil {
		return err
	}
	ep.acts, ep.actTok, ep.probs, ep.ptexts = ep.acts[:0], ep.actTok[:0], ep.probs[:0], ep.ptexts[:0]
	for ep.peek().kind == tText {
		t := ep.peek()
		ep.acts = append(ep.acts, ep.lx.text(t))
		ep.actTok = append(ep.actTok, t)
		ep.lx.next()
		if chance {
			r, txt, err := ep.number(func() string {
				return fmt.Sprintf("the probability of chance action %q", ep.acts[len(ep.acts)-1])
			})
			if err != nil {
				return err
			}
			ep.probs = append(ep.probs, r)
			ep.ptexts = append(ep.ptexts, txt)
		}
	}
	t := ep.peek()
	switch {
	case t.kind != tRBrace && chance:
		return ep.fail(t, `a quoted action label (then its probability) or "}"`)
	case t.kind != tRBrace:
		return ep.fail(t, `a quoted action label or "}"`)
	case len(ep.acts) == 0:
		return ep.fail(t, "at least one action")
	}
	ep.lx.next()
	return nil
}

// sameInfoset checks that a repeated description (in the scratch slices)
// is identical to the first one.
func (ep *efgParser) sameInfoset(idx int, label string, lt token) error {
	s := ep.b.Infoset(idx)
	at := ep.infosetAt[idx]
	if label != s.Label {
		return ep.failf(lt, "the label %q that %s infoset %d has at %d:%d (a repeated description must be identical)", s.Label, who(s.Player), s.Number, at.line, at.col)
	}
	if len(ep.acts) != len(s.Actions) {
		return ep.failf(lt, "%d actions as %s infoset %d has at %d:%d (a repeated description must be identical)", len(s.Actions), who(s.Player), s.Number, at.line, at.col)
	}
	for a, act := range ep.acts {
		if act != s.Actions[a] {
			return ep.failf(ep.actTok[a], "action %q as at %d:%d (a repeated description must be identical)", s.Actions[a], at.line, at.col)
		}
		if s.IsChance() {
			txt := ep.ptexts[a]
			if txt == "" {
				txt = game.RatString(ep.probs[a])
			}
			if txt != s.ProbString(a) {
				return ep.failf(ep.actTok[a], "probability %s for action %q as at %d:%d (a repeated description must be identical)", s.ProbString(a), act, at.line, at.col)
			}
		}
	}
	return nil
}

var ratOne = big.NewRat(1, 1)

// checkProbs warns about chance probabilities that are negative or do not
// sum to one; Gambit reads such files, but no solver can use them.
func (ep *efgParser) checkProbs(at token) {
	sum := new(big.Rat)
	for _, r := range ep.probs {
		if r.Sign() < 0 {
			ep.warn(at, "chance probability %s is negative", game.RatString(r))
		}
		sum.Add(sum, r)
	}
	if sum.Cmp(ratOne) != 0 {
		ep.warn(at, "chance probabilities sum to %s, not 1", game.RatString(sum))
	}
}

// outcome parses an outcome reference with its optional definition and
// returns the builder's outcome index, or game.None for outcome 0.
func (ep *efgParser) outcome() (int, error) {
	id, _, err := ep.index(0, math.MaxInt32, "an outcome number (0 for no outcome)")
	if err != nil {
		return 0, err
	}
	if id == 0 {
		if t := ep.peek(); t.kind == tText {
			return 0, ep.fail(t, "the next node (outcome 0 is no outcome and takes no label or payoffs)")
		}
		return game.None, nil
	}
	idx, known := ep.outcomes.get(id)
	if ep.peek().kind != tText {
		if !known {
			return 0, ep.failf(ep.peek(), "the label and payoffs of outcome %d (its first use must define it)", id)
		}
		return idx, nil
	}
	label, lt, _ := ep.text("")
	if _, err := ep.expect(tLBrace, `"{" opening the outcome's payoffs`); err != nil {
		return 0, err
	}
	var spelled bool
	ep.vals, ep.vtexts, spelled, err = ep.payoffs(ep.np, true, ep.vals, ep.vtexts, func() string { return fmt.Sprintf("outcome %d", id) })
	if err != nil {
		return 0, err
	}
	if known {
		return idx, ep.sameOutcome(idx, id, label, lt)
	}
	idx = ep.b.AddOutcome(label, ep.vals)
	if spelled {
		ep.b.SetOutcomeText(idx, ep.vtexts)
	}
	ep.outcomes.set(id, idx)
	ep.outcomeAt = append(ep.outcomeAt, lt)
	ep.outLabel = append(ep.outLabel, label)
	ep.outVals = append(ep.outVals, ep.vals...)
	return idx, nil
}

// sameOutcome checks that a repeated outcome definition matches the first:
// the same label and the same exact payoffs (spellings may differ).
func (ep *efgParser) sameOutcome(idx, id int, label string, lt token) error {
	at := ep.outcomeAt[idx]
	if label != ep.outLabel[idx] {
		return ep.failf(lt, "the label %q that outcome %d has at %d:%d (a repeated definition must be identical)", ep.outLabel[idx], id, at.line, at.col)
	}
	first := ep.outVals[idx*ep.np : (idx+1)*ep.np]
	for i, v := range ep.vals {
		if v.Cmp(first[i]) != 0 {
			return ep.failf(lt, "the payoffs that outcome %d has at %d:%d (a repeated definition must be identical; player %d's differs)", id, at.line, at.col, i+1)
		}
	}
	return nil
}
