package gambit

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"

	"github.com/guarantor/guarantor/game"
)

// gameDiff describes the first difference between two games, or returns ""
// when they are identical: same structure, labels, exact numbers, number
// spellings and information-set partition.
func gameDiff(a, b game.Game) string {
	switch x := a.(type) {
	case *game.Tree:
		y, ok := b.(*game.Tree)
		if !ok {
			return fmt.Sprintf("tree vs %T", b)
		}
		return treeDiff(x, y)
	case *game.Table:
		y, ok := b.(*game.Table)
		if !ok {
			return fmt.Sprintf("table vs %T", b)
		}
		return tableDiff(x, y)
	}
	return fmt.Sprintf("unknown game type %T", a)
}

func treeDiff(a, b *game.Tree) string {
	if a.Title != b.Title || a.Comment != b.Comment || !slices.Equal(a.Players, b.Players) {
		return fmt.Sprintf("header: %q %q %q vs %q %q %q", a.Title, a.Comment, a.Players, b.Title, b.Comment, b.Players)
	}
	if len(a.Nodes) != len(b.Nodes) || len(a.Infosets) != len(b.Infosets) {
		return fmt.Sprintf("%d nodes, %d infosets vs %d, %d", len(a.Nodes), len(a.Infosets), len(b.Nodes), len(b.Infosets))
	}
	// Outcomes must correspond one to one (the same outcome shared by the
	// same nodes) but may be numbered differently: a writer numbers them
	// by first use, a builder by creation.
	omap := map[int32]int32{}
	rmap := map[int32]int32{}
	for i := range a.Nodes {
		x, y := &a.Nodes[i], &b.Nodes[i]
		if x.Label != y.Label || x.Parent != y.Parent || x.Action != y.Action || x.Infoset != y.Infoset || (x.Outcome == game.None) != (y.Outcome == game.None) {
			return fmt.Sprintf("node %d: %+v vs %+v", i, *x, *y)
		}
		if x.Outcome == game.None {
			continue
		}
		if m, ok := omap[x.Outcome]; ok && m != y.Outcome {
			return fmt.Sprintf("node %d: outcome sharing differs", i)
		}
		if m, ok := rmap[y.Outcome]; ok && m != x.Outcome {
			return fmt.Sprintf("node %d: outcome sharing differs", i)
		}
		omap[x.Outcome], rmap[y.Outcome] = y.Outcome, x.Outcome
		if d := outcomeDiff(&a.Outcomes[x.Outcome], &b.Outcomes[y.Outcome]); d != "" {
			return fmt.Sprintf("node %d: %s", i, d)
		}
	}
	for i := range a.Infosets {
		x, y := &a.Infosets[i], &b.Infosets[i]
		if x.Player != y.Player || x.Number != y.Number || x.Label != y.Label ||
			!slices.Equal(x.Actions, y.Actions) || !slices.Equal(x.Members, y.Members) || len(x.Probs) != len(y.Probs) {
			return fmt.Sprintf("infoset %d: %+v vs %+v", i, *x, *y)
		}
		for k := range x.Probs {
			if x.Probs[k].Cmp(y.Probs[k]) != 0 || x.ProbString(k) != y.ProbString(k) {
				return fmt.Sprintf("infoset %d action %d: probability %s vs %s", i, k, x.ProbString(k), y.ProbString(k))
			}
		}
	}
	return ""
}

func outcomeDiff(x, y *game.Outcome) string {
	if x.Label != y.Label || len(x.Payoffs) != len(y.Payoffs) {
		return fmt.Sprintf("outcome %q/%d vs %q/%d", x.Label, len(x.Payoffs), y.Label, len(y.Payoffs))
	}
	for p := range x.Payoffs {
		if x.Payoffs[p].Cmp(y.Payoffs[p]) != 0 || x.PayoffText(p) != y.PayoffText(p) {
			return fmt.Sprintf("outcome %q player %d: %s vs %s", x.Label, p+1, x.PayoffText(p), y.PayoffText(p))
		}
	}
	return ""
}

func tableDiff(a, b *game.Table) string {
	if a.Title != b.Title || a.Comment != b.Comment || !slices.Equal(a.Players, b.Players) {
		return fmt.Sprintf("header: %q %q %q vs %q %q %q", a.Title, a.Comment, a.Players, b.Title, b.Comment, b.Players)
	}
	if !slices.EqualFunc(a.Strategies, b.Strategies, slices.Equal) || len(a.Cells) != len(b.Cells) {
		return fmt.Sprintf("strategies %q vs %q", a.Strategies, b.Strategies)
	}
	zero := game.Outcome{Payoffs: make([]*big.Rat, len(a.Players))}
	for p := range zero.Payoffs {
		zero.Payoffs[p] = new(big.Rat)
	}
	cell := func(t *game.Table, c int) *game.Outcome {
		if t.Cells[c] == game.None {
			return &zero
		}
		return &t.Outcomes[t.Cells[c]]
	}
	for c := range a.Cells {
		if d := outcomeDiff(cell(a, c), cell(b, c)); d != "" {
			return fmt.Sprintf("cell %d: %s", c, d)
		}
	}
	return ""
}

// roundTrip writes g, reads it back and writes it again. It returns the
// first file, the re-read game and a non-empty complaint if anything
// changed along the way.
func roundTrip(g game.Game) ([]byte, game.Game, string) {
	var w1, w2 bytes.Buffer
	if err := write(&w1, g); err != nil {
		return nil, nil, "write: " + err.Error()
	}
	g2, err := Parse(w1.Bytes(), "rewritten")
	if err != nil {
		return w1.Bytes(), nil, "re-read: " + err.Error()
	}
	if d := gameDiff(g, g2); d != "" {
		return w1.Bytes(), g2, "read -> write -> read changed the game: " + d
	}
	if err := write(&w2, g2); err != nil {
		return w1.Bytes(), g2, "second write: " + err.Error()
	}
	if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
		return w1.Bytes(), g2, "writing the re-read game gave different bytes"
	}
	return w1.Bytes(), g2, ""
}

func write(w *bytes.Buffer, g game.Game) error {
	switch x := g.(type) {
	case *game.Tree:
		return WriteEFG(w, x)
	case *game.Table:
		return WriteNFG(w, x)
	}
	return fmt.Errorf("unknown game type %T", g)
}
