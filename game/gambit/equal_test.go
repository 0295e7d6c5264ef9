package gambit

import (
	"fmt"

	"github.com/guarantor/guarantor/game"
)

// sameGame reports the first difference between two games, or "" when they
// are the same game: same players, titles, labels, infoset partition and
// numbers, actions, exact probabilities and payoffs on every node.
func sameGame(a, b game.Game) string {
	switch x := a.(type) {
	case *game.Tree:
		y, ok := b.(*game.Tree)
		if !ok {
			return "tree vs table"
		}
		return sameTree(x, y)
	case *game.Table:
		y, ok := b.(*game.Table)
		if !ok {
			return "table vs tree"
		}
		return sameTable(x, y)
	}
	return "unknown game type"
}

func sameStrings(what string, a, b []string) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%s: %d vs %d", what, len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			return fmt.Sprintf("%s[%d]: %q vs %q", what, i, a[i], b[i])
		}
	}
	return ""
}

func sameOutcome(a, b *game.Outcome) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Label != b.Label || len(a.Payoffs) != len(b.Payoffs) {
		return false
	}
	for i := range a.Payoffs {
		if a.Payoffs[i].Cmp(b.Payoffs[i]) != 0 || a.PayoffText(i) != b.PayoffText(i) {
			return false
		}
	}
	return true
}

func sameTree(a, b *game.Tree) string {
	if a.Title != b.Title || a.Comment != b.Comment {
		return "title or comment differ"
	}
	if d := sameStrings("players", a.Players, b.Players); d != "" {
		return d
	}
	if len(a.Nodes) != len(b.Nodes) || len(a.Infosets) != len(b.Infosets) {
		return fmt.Sprintf("sizes: %d/%d nodes, %d/%d infosets", len(a.Nodes), len(b.Nodes), len(a.Infosets), len(b.Infosets))
	}
	for i := range a.Infosets {
		x, y := &a.Infosets[i], &b.Infosets[i]
		if x.Player != y.Player || x.Number != y.Number || x.Label != y.Label {
			return fmt.Sprintf("infoset %d header differs", i)
		}
		if d := sameStrings("actions", x.Actions, y.Actions); d != "" {
			return d
		}
		for k := range x.Probs {
			if x.Probs[k].Cmp(y.Probs[k]) != 0 || x.ProbString(k) != y.ProbString(k) {
				return fmt.Sprintf("infoset %d probability %d differs", i, k)
			}
		}
		if fmt.Sprint(x.Members) != fmt.Sprint(y.Members) {
			return fmt.Sprintf("infoset %d members differ", i)
		}
	}
	for i := range a.Nodes {
		x, y := &a.Nodes[i], &b.Nodes[i]
		if x.Label != y.Label || x.Parent != y.Parent || x.Action != y.Action || x.Infoset != y.Infoset {
			return fmt.Sprintf("node %d differs", i)
		}
		var ox, oy *game.Outcome
		if x.Outcome != game.None {
			ox = &a.Outcomes[x.Outcome]
		}
		if y.Outcome != game.None {
			oy = &b.Outcomes[y.Outcome]
		}
		if !sameOutcome(ox, oy) {
			return fmt.Sprintf("node %d outcome differs", i)
		}
	}
	return ""
}

func sameTable(a, b *game.Table) string {
	if a.Title != b.Title || a.Comment != b.Comment {
		return "title or comment differ"
	}
	if d := sameStrings("players", a.Players, b.Players); d != "" {
		return d
	}
	if len(a.Strategies) != len(b.Strategies) {
		return "strategy lists differ"
	}
	for p := range a.Strategies {
		if d := sameStrings("strategies", a.Strategies[p], b.Strategies[p]); d != "" {
			return d
		}
	}
	if len(a.Cells) != len(b.Cells) {
		return "cell counts differ"
	}
	for c := range a.Cells {
		var ox, oy *game.Outcome
		if a.Cells[c] != game.None {
			ox = &a.Outcomes[a.Cells[c]]
		}
		if b.Cells[c] != game.None {
			oy = &b.Outcomes[b.Cells[c]]
		}
		if !sameOutcome(ox, oy) {
			return fmt.Sprintf("cell %d differs", c)
		}
	}
	return ""
}
