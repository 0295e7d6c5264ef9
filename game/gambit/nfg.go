package gambit

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/guarantor/guarantor/game"
)

// maxCells bounds a table's size so that a hostile header such as
// { 100000 100000 100000 } is refused instead of exhausting memory.
const maxCells = 1 << 26

// ParseNFG reads a strategic-form game in either body variant.
func ParseNFG(data []byte, name string) (*game.Table, error) {
	lx := newLexer(name, data)
	if err := header(lx, "NFG", "1"); err != nil {
		return nil, err
	}
	title, err := lx.expect(tokText, "the game's title (a quoted string)")
	if err != nil {
		return nil, err
	}
	players, err := stringList(lx, "the player list")
	if err != nil {
		return nil, err
	}
	if len(players) > maxPlayers {
		return nil, lx.msgAt(title, "too many players (%d)", len(players))
	}
	strategies, err := strategyHeader(lx, len(players))
	if err != nil {
		return nil, err
	}
	size := 1
	for _, s := range strategies {
		size *= len(s)
		if size > maxCells {
			return nil, lx.msgAt(title, "too many cells: the table would have more than %d", maxCells)
		}
	}
	// Every cell needs at least one number and a separator, so a header
	// promising more cells than the rest of the file could hold is refused
	// before anything is allocated for them.
	if size > (len(data)-lx.pos)/2+1 {
		return nil, lx.msgAt(title, "too many cells: the strategy counts give %d cells but the file is too short to hold them", size)
	}
	t := game.NewTable(title.text, players, strategies)
	tok, err := lx.peek()
	if err != nil {
		return nil, err
	}
	if tok.kind == tokText {
		lx.take()
		t.Comment = tok.text
		if tok, err = lx.peek(); err != nil {
			return nil, err
		}
	}
	switch tok.kind {
	case tokLBrace:
		err = outcomeBody(lx, t)
	case tokNumber:
		err = payoffBody(lx, t)
	default:
		err = lx.errAt(tok, `the payoffs (numbers) or the outcome list ("{")`)
	}
	if err != nil {
		return nil, err
	}
	end, err := lx.take()
	if err != nil {
		return nil, err
	}
	if end.kind != tokEOF {
		return nil, lx.errAt(end, "end of file after the last cell")
	}
	return t, nil
}

// strategyHeader reads either { k1 k2 ... } or { { "a" "b" } { ... } ... }.
func strategyHeader(lx *lexer, n int) ([][]string, error) {
	open, err := lx.expect(tokLBrace, `"{" opening the strategy counts or lists`)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for {
		t, err := lx.peek()
		if err != nil {
			return nil, err
		}
		if t.kind == tokRBrace {
			lx.take()
			break
		}
		if len(out) == n {
			return nil, lx.errAt(t, fmt.Sprintf(`"}" after %d strategy lists (one per player)`, n))
		}
		switch t.kind {
		case tokNumber:
			k, kt, err := lx.integer("a strategy count")
			if err != nil {
				return nil, err
			}
			if k < 1 || k > maxCells {
				return nil, lx.msgAt(kt, "a player needs between 1 and %d strategies, found %d", maxCells, k)
			}
			names := make([]string, k)
			for i := range names {
				names[i] = strconv.Itoa(i + 1)
			}
			out = append(out, names)
		case tokLBrace:
			names, err := stringList(lx, "a strategy list")
			if err != nil {
				return nil, err
			}
			if len(names) == 0 {
				return nil, lx.msgAt(t, "player %d has an empty strategy list", len(out)+1)
			}
			out = append(out, names)
		default:
			return nil, lx.errAt(t, `a strategy count, a strategy list "{" or "}"`)
		}
	}
	if len(out) != n {
		return nil, lx.msgAt(open, "expected %d strategy lists (one per player), found %d", n, len(out))
	}
	return out, nil
}

// payoffBody reads n numbers per cell, cells in Gambit's order.
func payoffBody(lx *lexer, t *game.Table) error {
	n := len(t.Players)
	pays := make([]*big.Rat, n)
	text := make([]string, n)
	prof := make([]int, n)
	for c := range t.Cells {
		for p := 0; p < n; p++ {
			r, nt, err := lx.number(fmt.Sprintf("player %d's payoff in cell %d of %d", p+1, c+1, len(t.Cells)))
			if err != nil {
				return err
			}
			pays[p], text[p] = r, nt.spelling()
		}
		t.Profile(c, prof)
		t.SetPayoffs(prof, pays)
		if !canonical(pays, text) {
			t.Outcomes[len(t.Outcomes)-1].Text = append([]string(nil), text...)
		}
	}
	return nil
}

// outcomeBody reads the outcome list and then one outcome index per cell.
func outcomeBody(lx *lexer, t *game.Table) error {
	n := len(t.Players)
	if _, err := lx.expect(tokLBrace, `"{" opening the outcome list`); err != nil {
		return err
	}
	for {
		tok, err := lx.take()
		if err != nil {
			return err
		}
		if tok.kind == tokRBrace {
			break
		}
		if tok.kind != tokLBrace {
			return lx.errAt(tok, `"{" opening an outcome, or "}" closing the outcome list`)
		}
		label, err := lx.expect(tokText, "the outcome's label (a quoted string)")
		if err != nil {
			return err
		}
		pays := make([]*big.Rat, 0, n)
		text := make([]string, 0, n)
		for {
			nt, err := lx.peek()
			if err != nil {
				return err
			}
			if nt.kind == tokRBrace {
				lx.take()
				break
			}
			if nt.kind == tokComma && len(pays) > 0 {
				lx.take()
				continue
			}
			if len(pays) == n {
				return lx.errAt(nt, fmt.Sprintf(`"}" after %d payoffs (one per player)`, n))
			}
			r, numTok, err := lx.number("a payoff (an exact number)")
			if err != nil {
				return err
			}
			pays = append(pays, r)
			text = append(text, numTok.spelling())
		}
		if len(pays) != n {
			return lx.msgAt(label, "outcome %q has %d payoffs; expected %d (one per player)", label.text, len(pays), n)
		}
		o := game.Outcome{Label: label.text, Payoffs: pays}
		if !canonical(pays, text) {
			o.Text = text
		}
		t.Outcomes = append(t.Outcomes, o)
	}
	for c := range t.Cells {
		k, kt, err := lx.integer(fmt.Sprintf("the outcome number of cell %d of %d", c+1, len(t.Cells)))
		if err != nil {
			return err
		}
		if k < 0 || k > len(t.Outcomes) {
			return lx.msgAt(kt, "cell %d refers to outcome %d; outcomes are numbered 1..%d (0 = no outcome)", c+1, k, len(t.Outcomes))
		}
		t.Cells[c] = int32(k - 1)
	}
	return nil
}
