package gambit

import (
	"fmt"
	"math/big"
)

// parser holds what the .efg and .nfg grammars share: the lexer, the file
// name for messages, and the warnings collected so far.
type parser struct {
	lx       *lexer
	name     string
	warnings []Warning
	// shared allows number to return read-only shared values for small
	// integers: set when every number goes through game.Builder, which
	// copies it. Tables keep the numbers they are given, so they get fresh
	// ones.
	shared bool
}

// smallRatMax bounds the shared small-integer values: payoffs of generated
// games are mostly small integers, and a million of them would otherwise
// cost two allocations each before the builder copies them anyway.
const smallRatMax = 1024

var smallRats = func() []*big.Rat {
	rs := make([]*big.Rat, 2*smallRatMax+1)
	for i := range rs {
		rs[i] = big.NewRat(int64(i-smallRatMax), 1)
	}
	return rs
}()

func newParser(data []byte, name string) *parser {
	return &parser{lx: newLexer(data), name: name}
}

// fail builds the error for an unexpected token t.
func (p *parser) fail(t token, expected string) error {
	return &SyntaxError{File: p.name, Line: t.line, Col: t.col, Expected: expected, Found: p.lx.describe(t)}
}

// failf is fail with a formatted expectation.
func (p *parser) failf(t token, format string, args ...any) error {
	return p.fail(t, fmt.Sprintf(format, args...))
}

func (p *parser) warn(t token, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{File: p.name, Line: t.line, Col: t.col, Msg: fmt.Sprintf(format, args...)})
}

// peek is the current (not yet consumed) token.
func (p *parser) peek() token { return p.lx.tok }

// expect consumes a token of kind k or fails with what.
func (p *parser) expect(k tokKind, what string) (token, error) {
	t := p.lx.tok
	if t.kind != k {
		return t, p.fail(t, what)
	}
	p.lx.next()
	return t, nil
}

// symbol consumes the symbol s (for example the magic "EFG").
func (p *parser) symbol(s, what string) error {
	t := p.lx.tok
	if t.kind != tSymbol || string(p.lx.raw(t)) != s {
		return p.fail(t, what)
	}
	p.lx.next()
	return nil
}

// text consumes a text token and returns its value.
func (p *parser) text(what string) (string, token, error) {
	t, err := p.expect(tText, what)
	if err != nil {
		return "", t, err
	}
	return p.lx.text(t), t, nil
}

// index consumes an unsigned integer in [lo, hi].
func (p *parser) index(lo, hi int, what string) (int, token, error) {
	t := p.lx.tok
	if t.kind != tNumber {
		return 0, t, p.fail(t, what)
	}
	v, ok := parseIndex(p.lx.raw(t))
	if !ok || v < lo || v > hi {
		return 0, t, p.fail(t, what)
	}
	p.lx.next()
	return v, t, nil
}

// number consumes an exact number. The returned text is empty when the
// spelling is the canonical one, so it need not be stored. On failure it
// returns the error built by what, called only then: building messages for
// every one of a million payoffs would cost more than parsing them.
func (p *parser) number(what func() string) (*big.Rat, string, error) {
	t := p.lx.tok
	if t.kind != tNumber {
		return nil, "", p.fail(t, what())
	}
	raw := p.lx.raw(t)
	if p.shared {
		if v, ok := smallInt(raw); ok && v >= -smallRatMax && v <= smallRatMax {
			p.lx.next()
			return smallRats[v+smallRatMax], "", nil
		}
	}
	r, canonical, err := parseNumber(raw)
	if err != nil {
		return nil, "", p.failf(t, "%s (%v)", what(), err)
	}
	p.lx.next()
	if canonical {
		return r, "", nil
	}
	return r, string(raw), nil
}

// header reads the part common to both formats after the magic: the
// version, the R/D marker, the title and the braced player list.
func (p *parser) header(version string) (title string, players []string, err error) {
	if err := p.symbolOrNumber(version, fmt.Sprintf("format version %s", version)); err != nil {
		return "", nil, err
	}
	t := p.peek()
	if t.kind != tSymbol || (string(p.lx.raw(t)) != "R" && string(p.lx.raw(t)) != "D") {
		return "", nil, p.fail(t, `"R" (or the legacy "D")`)
	}
	p.lx.next()
	if title, _, err = p.text("the game's title as a quoted text"); err != nil {
		return "", nil, err
	}
	if _, err = p.expect(tLBrace, `"{" opening the list of player names`); err != nil {
		return "", nil, err
	}
	for p.peek().kind == tText {
		players = append(players, p.lx.text(p.peek()))
		p.lx.next()
	}
	t = p.peek()
	if t.kind != tRBrace {
		return "", nil, p.fail(t, `a quoted player name or "}"`)
	}
	if len(players) == 0 {
		return "", nil, p.fail(t, "at least one quoted player name")
	}
	p.lx.next()
	return title, players, nil
}

// symbolOrNumber consumes a token spelled exactly s.
func (p *parser) symbolOrNumber(s, what string) error {
	t := p.lx.tok
	if (t.kind != tSymbol && t.kind != tNumber) || string(p.lx.raw(t)) != s {
		return p.fail(t, what)
	}
	p.lx.next()
	return nil
}

// payoffs reads exactly n numbers closed by "}" (the "{" is already
// consumed). Commas between numbers are allowed when commas is true.
// ctx names the outcome or cell for error messages.
func (p *parser) payoffs(n int, commas bool, vals []*big.Rat, texts []string, ctx func() string) ([]*big.Rat, []string, bool, error) {
	vals, texts = vals[:0], texts[:0]
	spelled := false
	for i := 0; i < n; i++ {
		if i > 0 && commas && p.peek().kind == tComma {
			p.lx.next()
		}
		r, txt, err := p.number(func() string { return fmt.Sprintf("%s: the payoff of player %d of %d", ctx(), i+1, n) })
		if err != nil {
			return nil, nil, false, err
		}
		vals = append(vals, r)
		texts = append(texts, txt)
		spelled = spelled || txt != ""
	}
	if t := p.peek(); t.kind != tRBrace {
		return nil, nil, false, p.failf(t, `%s: "}" after the %d payoffs (one per player)`, ctx(), n)
	}
	p.lx.next()
	return vals, texts, spelled, nil
}

// idMap maps file numbers (infoset or outcome ids) to indices: a slice for
// the usual small dense numbers, a map for the rest, so that a file with
// numbers near 2^31 cannot make the parser allocate gigabytes.
type idMap struct {
	dense  []int32
	sparse map[int]int32
}

// denseStart is the slice size below which numbers always go dense; above
// it the slice only doubles, so sequential numbering stays dense while a
// lone huge number goes to the map.
const denseStart = 1024

func (m *idMap) get(k int) (int, bool) {
	if k < len(m.dense) && m.dense[k] != 0 {
		return int(m.dense[k]) - 1, true
	}
	// A number stored in the map before the slice grew past it stays there.
	v, ok := m.sparse[k]
	return int(v), ok
}

func (m *idMap) set(k, v int) {
	if limit := max(2*len(m.dense), denseStart); k < limit {
		if k >= len(m.dense) {
			m.dense = append(m.dense, make([]int32, limit-len(m.dense))...)
		}
		m.dense[k] = int32(v + 1)
		return
	}
	if m.sparse == nil {
		m.sparse = make(map[int]int32)
	}
	m.sparse[k] = int32(v)
}
