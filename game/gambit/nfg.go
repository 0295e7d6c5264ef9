package gambit

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/guarantor/guarantor/game"
)

// ParseNFG reads a strategic game (.nfg, version 1) with either body: a
// payoff body (n numbers per cell) or an outcome body (a list of outcomes,
// then one outcome number per cell). Cells are in Gambit's order, player 1's
// strategy changing fastest. Warnings are dropped; see ParseNFGWithWarnings.
func ParseNFG(data []byte, name string) (*game.Table, error) {
	t, _, err := ParseNFGWithWarnings(data, name)
	return t, err
}

// ParseNFGWithWarnings is ParseNFG that also returns warnings.
func ParseNFGWithWarnings(data []byte, name string) (*game.Table, []Warning, error) {
	p := newParser(data, name)
	if err := p.symbol("NFG", `"NFG" (the first word of a strategic-form file)`); err != nil {
		return nil, nil, err
	}
	title, players, err := p.header("1")
	if err != nil {
		return nil, nil, err
	}
	t := &game.Table{Title: title, Players: players}
	if t.Strategies, err = p.strategies(len(players), len(data)); err != nil {
		return nil, nil, err
	}
	if p.peek().kind == tText {
		t.Comment = p.lx.text(p.peek())
		p.lx.next()
	}
	cells := 1
	for _, s := range t.Strategies {
		cells *= len(s) // bounded by len(data) in strategies
	}
	switch tok := p.peek(); tok.kind {
	case tLBrace:
		err = p.outcomeBody(t, cells)
	case tNumber:
		err = p.payoffBody(t, cells)
	default:
		err = p.fail(tok, `the body: "{" opening a list of outcomes, or the first payoff`)
	}
	if err != nil {
		return nil, nil, err
	}
	if tok := p.peek(); tok.kind != tEOF {
		return nil, nil, p.failf(tok, "end of file after the %d cells of the body", cells)
	}
	if err := t.Validate(); err != nil {
		// The parser checks everything Validate checks; this is a safety net.
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, p.warnings, nil
}

// strategies reads the strategy header: either "{ k1 k2 ... }" (counts,
// strategies named "1".."k") or one braced list of labels per player.
// Every cell of the body takes at least one byte, so a header whose counts
// multiply to more cells than the file has bytes is refused before anything
// of that size is allocated.
func (p *parser) strategies(n, size int) ([][]string, error) {
	if _, err := p.expect(tLBrace, `"{" opening the strategy counts or lists`); err != nil {
		return nil, err
	}
	out := make([][]string, n)
	cells := 1
	grow := func(k int, at token) error {
		if cells > math.MaxInt32/k || cells*k > size {
			return p.failf(at, "strategy counts whose product (the number of cells) fits in the file's %d bytes", size)
		}
		cells *= k
		return nil
	}
	if p.peek().kind == tNumber {
		for i := range out {
			k, at, err := p.index(1, math.MaxInt32, fmt.Sprintf("the number of strategies of player %d (a positive integer)", i+1))
			if err != nil {
				return nil, err
			}
			if err := grow(k, at); err != nil {
				return nil, err
			}
			out[i] = make([]string, k)
			for s := range out[i] {
				out[i][s] = strconv.Itoa(s + 1)
			}
		}
	} else {
		for i := range out {
			open, err := p.expect(tLBrace, fmt.Sprintf(`"{" opening player %d's strategy labels`, i+1))
			if err != nil {
				return nil, err
			}
			for p.peek().kind == tText {
				out[i] = append(out[i], p.lx.text(p.peek()))
				p.lx.next()
			}
			t := p.peek()
			if t.kind != tRBrace {
				return nil, p.fail(t, `a quoted strategy label or "}"`)
			}
			if len(out[i]) == 0 {
				return nil, p.failf(t, "at least one strategy label for player %d", i+1)
			}
			if err := grow(len(out[i]), open); err != nil {
				return nil, err
			}
			p.lx.next()
		}
	}
	if _, err := p.expect(tRBrace, fmt.Sprintf(`"}" closing the strategies of the %d players`, n)); err != nil {
		return nil, err
	}
	return out, nil
}

// profileString renders cell c's pure profile 1-based, for messages.
func profileString(t *game.Table, c int) string {
	prof := make([]int, len(t.Strategies))
	t.Profile(c, prof)
	parts := make([]string, len(prof))
	for i, s := range prof {
		parts[i] = strconv.Itoa(s + 1)
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// payoffBody reads n numbers per cell, no commas, giving every cell its own
// unlabelled outcome. Payoff vectors share one backing array.
func (p *parser) payoffBody(t *game.Table, cells int) error {
	n := len(t.Players)
	// Every payoff takes at least two bytes (a digit and a separator), so
	// a header promising more than the file can hold is refused before the
	// payoff vectors are allocated: many one-strategy players times a few
	// cells could otherwise ask for gigabytes.
	if rest := len(p.lx.data) - p.peek().start; n > rest/cells {
		return p.failf(p.peek(), "a payoff body of %d players x %d cells, more numbers than the rest of the file (%d bytes) can hold", n, cells, rest)
	}
	t.Outcomes = make([]game.Outcome, cells)
	t.Cells = make([]int32, cells)
	flat := make([]*big.Rat, n*cells)
	var texts []string
	for c := 0; c < cells; c++ {
		vals := flat[c*n : (c+1)*n : (c+1)*n]
		for i := range vals {
			r, txt, err := p.number(func() string {
				return fmt.Sprintf("player %d's payoff for strategy profile %s (cell %d of %d; no commas in a payoff body)", i+1, profileString(t, c), c+1, cells)
			})
			if err != nil {
				return err
			}
			vals[i] = r
			if txt != "" {
				if texts == nil {
					texts = make([]string, n*cells)
				}
				texts[c*n+i] = txt
			}
		}
		t.Outcomes[c].Payoffs = vals
		t.Cells[c] = int32(c)
	}
	if texts != nil {
		for c := range t.Outcomes {
			if txt := texts[c*n : (c+1)*n : (c+1)*n]; strings.Join(txt, "") != "" {
				t.Outcomes[c].Text = txt
			}
		}
	}
	return nil
}

// outcomeBody reads a braced list of outcomes, numbered 1, 2, ... in order,
// then one outcome number (0 for none) per cell.
func (p *parser) outcomeBody(t *game.Table, cells int) error {
	n := len(t.Players)
	p.lx.next() // the "{" checked by the caller
	var vals []*big.Rat
	var texts []string
	for p.peek().kind == tLBrace {
		p.lx.next()
		k := len(t.Outcomes) + 1
		label, _, err := p.text(fmt.Sprintf("the label of outcome %d as a quoted text", k))
		if err != nil {
			return err
		}
		var spelled bool
		vals, texts, spelled, err = p.payoffs(n, true, vals, texts, func() string { return fmt.Sprintf("outcome %d", k) })
		if err != nil {
			return err
		}
		o := game.Outcome{Label: label, Payoffs: append([]*big.Rat(nil), vals...)}
		if spelled {
			o.Text = append([]string(nil), texts...)
		}
		t.Outcomes = append(t.Outcomes, o)
	}
	if _, err := p.expect(tRBrace, `"{" opening an outcome, or "}" closing the list of outcomes`); err != nil {
		return err
	}
	t.Cells = make([]int32, cells)
	for c := range t.Cells {
		tok := p.peek()
		v, ok := 0, tok.kind == tNumber
		if ok {
			v, ok = parseIndex(p.lx.raw(tok))
		}
		if !ok || v > len(t.Outcomes) {
			return p.failf(tok, "an outcome number from 0 to %d for strategy profile %s (cell %d of %d)", len(t.Outcomes), profileString(t, c), c+1, cells)
		}
		p.lx.next()
		t.Cells[c] = int32(v - 1) // 0 becomes game.None
	}
	return nil
}
