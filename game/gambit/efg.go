package gambit

import (
	"bytes"
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// Warning is a non-fatal remark about a file that still reads: for example a
// duplicated node label, which Gambit 16 accepts and Gambit 17 refuses.
type Warning struct {
	Line, Col int
	Msg       string
}

func (w Warning) String() string { return fmt.Sprintf("%d:%d: %s", w.Line, w.Col, w.Msg) }

// maxPlayers bounds the player list so that hostile files cannot make every
// outcome allocate a huge payoff vector.
const maxPlayers = 1 << 12

// ParseEFG reads an extensive-form game. name is used in error messages.
func ParseEFG(data []byte, name string) (*game.Tree, error) {
	t, _, err := ParseEFGWithWarnings(data, name)
	return t, err
}

type efgParser struct {
	lx       *lexer
	b        *game.Builder
	np       int
	infosets []numIndex // per player (0 = chance): file number -> builder infoset
	outcomes numIndex   // file outcome id -> builder outcome
	warnings []Warning
	labels   map[string]token
	isLabels []map[string]bool
}

// ParseEFGWithWarnings is ParseEFG that also returns the warnings.
func ParseEFGWithWarnings(data []byte, name string) (*game.Tree, []Warning, error) {
	lx := newLexer(name, data)
	if err := header(lx, "EFG", "2"); err != nil {
		return nil, nil, err
	}
	title, err := lx.expect(tokText, "the game's title (a quoted string)")
	if err != nil {
		return nil, nil, err
	}
	players, err := stringList(lx, "the player list")
	if err != nil {
		return nil, nil, err
	}
	if len(players) > maxPlayers {
		return nil, nil, lx.msgAt(title, "too many players (%d)", len(players))
	}
	p := &efgParser{lx: lx, b: game.NewBuilder(title.text, players...), np: len(players),
		labels: map[string]token{}}
	// Files list one node per line in practice; a line count is a cheap,
	// safe over-estimate of the node count (the input bounds it).
	lines := bytes.Count(data, []byte{'\n'}) + 1
	p.b.Reserve(lines, lines/2, lines/2)
	p.infosets = make([]numIndex, len(players)+1)
	p.isLabels = make([]map[string]bool, len(players)+1)
	for i := range p.isLabels {
		p.isLabels[i] = map[string]bool{}
	}
	if t, err := lx.peek(); err != nil {
		return nil, nil, err
	} else if t.kind == tokText {
		lx.take()
		p.b.SetComment(t.text)
	}
	if err := p.nodes(); err != nil {
		return nil, nil, err
	}
	tree, err := p.b.Build()
	if err != nil {
		return nil, nil, &SyntaxError{File: name, Line: 1, Col: 1, Msg: err.Error()}
	}
	return tree, p.warnings, nil
}

// header reads the magic word, the version and the R/D flag.
func header(lx *lexer, magic, version string) error {
	t, err := lx.take()
	if err != nil {
		return err
	}
	if t.kind != tokSymbol || string(t.raw) != magic {
		return lx.errAt(t, fmt.Sprintf("%q (the file must start with the %s header)", magic, magic))
	}
	t, err = lx.take()
	if err != nil {
		return err
	}
	if t.kind != tokNumber || string(t.raw) != version {
		return lx.errAt(t, fmt.Sprintf("version %s", version))
	}
	t, err = lx.take()
	if err != nil {
		return err
	}
	if t.kind != tokSymbol || (string(t.raw) != "R" && string(t.raw) != "D") {
		return lx.errAt(t, `"R" or "D"`)
	}
	return nil
}

// stringList reads { "a" "b" ... }.
func stringList(lx *lexer, what string) ([]string, error) {
	if _, err := lx.expect(tokLBrace, `"{" opening `+what); err != nil {
		return nil, err
	}
	var out []string
	for {
		t, err := lx.take()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tokRBrace:
			return out, nil
		case tokText:
			if len(out) >= maxPlayers*64 {
				return nil, lx.msgAt(t, "%s is too long", what)
			}
			out = append(out, t.text)
		default:
			return nil, lx.errAt(t, `a quoted string or "}" in `+what)
		}
	}
}

type frame struct {
	children []int
	next     int
}

// nodes parses the pre-order node listing with an explicit stack.
func (p *efgParser) nodes() error {
	stack := []frame{{children: []int{p.b.Root()}}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == len(top.children) {
			stack = stack[:len(stack)-1]
			continue
		}
		n := top.children[top.next]
		top.next++
		kids, err := p.node(n)
		if err != nil {
			return err
		}
		if len(kids) > 0 {
			stack = append(stack, frame{children: kids})
		}
	}
	return nil
}

func (p *efgParser) node(n int) ([]int, error) {
	lx := p.lx
	t, err := lx.take()
	if err != nil {
		return nil, err
	}
	if t.kind != tokSymbol || len(t.raw) != 1 || (t.raw[0] != 'c' && t.raw[0] != 'p' && t.raw[0] != 't') {
		return nil, lx.errAt(t, `a node ("c", "p" or "t")`)
	}
	kind := t.raw[0]
	label, err := lx.expect(tokText, "the node's label (a quoted string)")
	if err != nil {
		return nil, err
	}
	if label.text != "" {
		if first, dup := p.labels[label.text]; dup {
			p.warnings = append(p.warnings, Warning{label.line, label.col,
				fmt.Sprintf("node label %q is also used at %d:%d (Gambit 17 refuses duplicated node labels: \"Node label must be unique within the game\")", label.text, first.line, first.col)})
		} else {
			p.labels[label.text] = label
		}
		p.b.SetLabel(n, label.text)
	}
	var kids []int
	switch kind {
	case 'c':
		s, err := p.infoset(0)
		if err != nil {
			return nil, err
		}
		kids = p.b.Move(n, s)
	case 'p':
		pl, pt, err := lx.integer("the player number")
		if err != nil {
			return nil, err
		}
		if pl < 1 || pl > p.np {
			return nil, lx.msgAt(pt, "player %d does not exist: the game has players 1..%d", pl, p.np)
		}
		s, err := p.infoset(pl)
		if err != nil {
			return nil, err
		}
		kids = p.b.Move(n, s)
	}
	o, err := p.outcome()
	if err != nil {
		return nil, err
	}
	p.b.SetOutcome(n, o)
	return kids, nil
}

// infoset reads an infoset number and its optional description.
func (p *efgParser) infoset(player int) (int, error) {
	lx := p.lx
	num, nt, err := lx.integer("the information set number")
	if err != nil {
		return 0, err
	}
	if num < 1 {
		return 0, lx.msgAt(nt, "information set numbers must be positive, found %d", num)
	}
	t, err := lx.peek()
	if err != nil {
		return 0, err
	}
	existing, known := p.infosets[player].get(num)
	if t.kind != tokText {
		if !known {
			return 0, lx.msgAt(nt, "information set %d of %s is used before it is described (its first node must give a label and actions)", num, who(player))
		}
		return existing, nil
	}
	lx.take()
	var actions []string
	var probs []*big.Rat
	var probText []string
	if _, err := lx.expect(tokLBrace, `"{" opening the action list`); err != nil {
		return 0, err
	}
	for {
		at, err := lx.take()
		if err != nil {
			return 0, err
		}
		if at.kind == tokRBrace {
			break
		}
		if at.kind != tokText {
			return 0, lx.errAt(at, `an action label (a quoted string) or "}"`)
		}
		actions = append(actions, at.text)
		if player == 0 {
			r, pt, err := lx.number("the action's probability (an exact number)")
			if err != nil {
				return 0, err
			}
			if r.Sign() < 0 {
				return 0, lx.msgAt(pt, "chance probability %s is negative", pt.raw)
			}
			probs = append(probs, r)
			probText = append(probText, string(pt.raw))
		}
	}
	if len(actions) == 0 {
		return 0, lx.msgAt(t, "information set %d of %s has no actions", num, who(player))
	}
	if known {
		s := p.b.Infoset(existing)
		if !sameInfoset(s, t.text, actions, probs) {
			return 0, lx.msgAt(t, "information set %d of %s is described differently here than at its first node", num, who(player))
		}
		return existing, nil
	}
	if t.text != "" {
		if p.isLabels[player][t.text] {
			p.warnings = append(p.warnings, Warning{t.line, t.col, fmt.Sprintf("information set label %q is used twice by %s (Gambit 17 refuses this)", t.text, who(player))})
		}
		p.isLabels[player][t.text] = true
	}
	var s int
	if player == 0 {
		s = p.b.AddChanceInfoset(num, t.text, actions, probs)
		if !canonical(probs, probText) {
			p.b.SetProbText(s, probText)
		}
	} else {
		s = p.b.AddInfoset(player, num, t.text, actions...)
	}
	p.infosets[player].set(num, s)
	return s, nil
}

func who(player int) string {
	if player == 0 {
		return "chance"
	}
	return fmt.Sprintf("player %d", player)
}

func sameInfoset(s *game.Infoset, label string, actions []string, probs []*big.Rat) bool {
	if s.Label != label || len(s.Actions) != len(actions) {
		return false
	}
	for i := range actions {
		if s.Actions[i] != actions[i] {
			return false
		}
		if s.Probs != nil && s.Probs[i].Cmp(probs[i]) != 0 {
			return false
		}
	}
	return true
}

// canonical reports whether every spelling is what RatString would print,
// so that no text needs keeping.
func canonical(vals []*big.Rat, text []string) bool {
	for i, v := range vals {
		if game.RatString(v) != text[i] {
			return false
		}
	}
	return true
}

// outcome reads an outcome reference with its optional definition and
// returns the builder outcome (or game.None).
func (p *efgParser) outcome() (int, error) {
	lx := p.lx
	id, it, err := lx.integer("the outcome number")
	if err != nil {
		return 0, err
	}
	if id < 0 {
		return 0, lx.msgAt(it, "outcome numbers cannot be negative, found %d", id)
	}
	t, err := lx.peek()
	if err != nil {
		return 0, err
	}
	existing, known := p.outcomes.get(id)
	if t.kind != tokText {
		if id == 0 {
			return game.None, nil
		}
		if !known {
			return 0, lx.msgAt(it, "outcome %d is used before it is defined (its first use must give a label and payoffs)", id)
		}
		return existing, nil
	}
	if id == 0 {
		return 0, lx.msgAt(t, "outcome 0 is the null outcome and cannot have a label or payoffs")
	}
	lx.take()
	pays, text, err := payoffs(lx, p.np, true)
	if err != nil {
		return 0, err
	}
	if known {
		o := p.b.OutcomeRecord(existing)
		same := o.Label == t.text
		for i := range pays {
			same = same && o.Payoffs[i].Cmp(pays[i]) == 0
		}
		if !same {
			return 0, lx.msgAt(t, "outcome %d is defined differently here than at its first use", id)
		}
		return existing, nil
	}
	o := p.b.AddOutcomeOwned(t.text, pays)
	if text != nil {
		p.b.SetOutcomeText(o, text)
	}
	p.outcomes.set(id, o)
	return o, nil
}

// payoffs reads { v1 [,] v2 ... } with exactly n numbers. It returns the
// spellings only when some payoff is not written the canonical way, so the
// common integer case allocates no strings.
func payoffs(lx *lexer, n int, commas bool) ([]*big.Rat, []string, error) {
	open, err := lx.expect(tokLBrace, `"{" opening the payoff list`)
	if err != nil {
		return nil, nil, err
	}
	pays := make([]*big.Rat, 0, n)
	raws := lx.scratch[:0]
	for {
		t, err := lx.peek()
		if err != nil {
			return nil, nil, err
		}
		if t.kind == tokRBrace {
			lx.take()
			break
		}
		if t.kind == tokComma && commas && len(pays) > 0 {
			lx.take()
			continue
		}
		if len(pays) == n {
			return nil, nil, lx.errAt(t, fmt.Sprintf(`"}" after %d payoffs (one per player)`, n))
		}
		r, nt, err := lx.number("a payoff (an exact number)")
		if err != nil {
			return nil, nil, err
		}
		pays = append(pays, r)
		raws = append(raws, nt.raw)
	}
	lx.scratch = raws
	if len(pays) != n {
		return nil, nil, lx.msgAt(open, "expected %d payoffs (one per player), found %d", n, len(pays))
	}
	return pays, spellings(pays, raws), nil
}

// spellings returns the text of each number, or nil when every one is
// spelled the way game.RatString prints it.
func spellings(vals []*big.Rat, raws [][]byte) []string {
	same := true
	for i, r := range raws {
		if !canonicalInt(r) && game.RatString(vals[i]) != string(r) {
			same = false
			break
		}
	}
	if same {
		return nil
	}
	out := make([]string, len(raws))
	for i, r := range raws {
		out[i] = string(r)
	}
	return out
}

// numIndex maps the positive numbers a file uses for infosets and outcomes
// to builder indices: a slice while the numbers stay small and dense (the
// usual case, with no hashing on a million-node file), a map beyond.
type numIndex struct {
	dense  []int32
	sparse map[int]int
}

const denseLimit = 1 << 22

func (m *numIndex) get(k int) (int, bool) {
	if k < denseLimit {
		if k < len(m.dense) && m.dense[k] > 0 {
			return int(m.dense[k] - 1), true
		}
		return 0, false
	}
	v, ok := m.sparse[k]
	return v, ok
}

func (m *numIndex) set(k, v int) {
	if k < denseLimit {
		for len(m.dense) <= k {
			m.dense = append(m.dense, 0)
		}
		m.dense[k] = int32(v + 1)
		return
	}
	if m.sparse == nil {
		m.sparse = map[int]int{}
	}
	m.sparse[k] = v
}
