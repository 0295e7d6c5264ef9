package gambit

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/game"
)

// labelGen draws labels that Gambit's text syntax can express: plain
// characters (some multi-byte, some newlines), quotes, and backslash pairs
// whose second byte is not a quote.
func labelGen() *rapid.Generator[string] {
	atom := rapid.SampledFrom([]string{"a", "B", " ", "\n", "é", "€", "{", "}", ",", "0", `"`, `\\`, `\n`, `\a`, `\}`, "-1"})
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(atom, 0, 5).Draw(t, "atoms"), "")
	})
}

// numberGen draws an exact number with one of Gambit's spellings; the text
// is "" when the canonical spelling is meant.
func numberGen() *rapid.Generator[[2]string] {
	return rapid.Custom(func(t *rapid.T) [2]string {
		switch rapid.IntRange(0, 3).Draw(t, "kind") {
		case 0:
			return [2]string{fmt.Sprint(rapid.IntRange(-20, 20).Draw(t, "int")), ""}
		case 1:
			r := big.NewRat(int64(rapid.IntRange(-50, 50).Draw(t, "num")), int64(rapid.IntRange(1, 12).Draw(t, "den")))
			return [2]string{game.RatString(r), ""}
		default:
			s := rapid.SampledFrom([]string{"0.5", ".25", "3.", "1.5e-3", "2e2", "-0.125", "+7", "007", "2/4", "-0"}).Draw(t, "spelling")
			return [2]string{s, s}
		}
	})
}

func drawNumbers(t *rapid.T, n int, label string) ([]*big.Rat, []string, bool) {
	vals := make([]*big.Rat, n)
	texts := make([]string, n)
	spelled := false
	for i := range vals {
		g := numberGen().Draw(t, label)
		vals[i] = game.MustRat(g[0])
		texts[i] = g[1]
		spelled = spelled || g[1] != ""
	}
	return vals, texts, spelled
}

// randomTree builds a tree with chance and personal nodes, infosets shared
// by several nodes (any partition: the format does not require perfect
// recall), outcomes on any node and shared between nodes.
func randomTree(t *rapid.T) *game.Tree {
	np := rapid.IntRange(1, 3).Draw(t, "players")
	players := make([]string, np)
	for i := range players {
		players[i] = labelGen().Draw(t, "player")
	}
	b := game.NewBuilder(labelGen().Draw(t, "title"), players...)
	b.SetComment(labelGen().Draw(t, "comment"))
	var outcomes []int
	for range rapid.IntRange(0, 4).Draw(t, "outcomes") {
		vals, texts, spelled := drawNumbers(t, np, "payoff")
		o := b.AddOutcome(labelGen().Draw(t, "outcome label"), vals)
		if spelled {
			b.SetOutcomeText(o, texts)
		}
		outcomes = append(outcomes, o)
	}
	infosets := map[int][]int{} // per player (0 = chance)
	open := []int{b.Root()}
	budget := rapid.IntRange(1, 30).Draw(t, "budget")
	for len(open) > 0 {
		n := open[0]
		open = open[1:]
		b.SetLabel(n, labelGen().Draw(t, "node label"))
		if len(outcomes) > 0 && rapid.Bool().Draw(t, "has outcome") {
			b.SetOutcome(n, rapid.SampledFrom(outcomes).Draw(t, "outcome"))
		}
		if budget <= 0 || rapid.IntRange(0, 2).Draw(t, "terminal?") == 0 {
			continue
		}
		pl := rapid.IntRange(0, np).Draw(t, "mover")
		var s int
		if old := infosets[pl]; len(old) > 0 && rapid.Bool().Draw(t, "reuse infoset") {
			s = rapid.SampledFrom(old).Draw(t, "infoset")
		} else {
			k := rapid.IntRange(1, 3).Draw(t, "actions")
			acts := make([]string, k)
			for i := range acts {
				acts[i] = labelGen().Draw(t, "action")
			}
			if pl == 0 {
				probs, texts, spelled := drawNumbers(t, k, "prob")
				s = b.AddChanceInfoset(0, labelGen().Draw(t, "infoset label"), acts, probs)
				if spelled {
					b.SetProbText(s, texts)
				}
			} else {
				// 0 lets the builder number it; otherwise a number no
				// infoset of this player has.
				num := rapid.SampledFrom([]int{0, 100 + 7*len(infosets[pl])}).Draw(t, "number")
				s = b.AddInfoset(pl, num, labelGen().Draw(t, "infoset label"), acts...)
			}
			infosets[pl] = append(infosets[pl], s)
		}
		ch := b.Move(n, s)
		budget -= len(ch)
		open = append(open, ch...)
	}
	tr, err := b.Build()
	if err != nil {
		t.Fatalf("builder refused the random tree: %v", err)
	}
	return tr
}

func randomTable(t *rapid.T) *game.Table {
	np := rapid.IntRange(1, 3).Draw(t, "players")
	players := make([]string, np)
	strategies := make([][]string, np)
	for i := range players {
		players[i] = labelGen().Draw(t, "player")
		for range rapid.IntRange(1, 3).Draw(t, "strategies") {
			strategies[i] = append(strategies[i], labelGen().Draw(t, "strategy"))
		}
	}
	tb := game.NewTable(labelGen().Draw(t, "title"), players, strategies)
	tb.Comment = labelGen().Draw(t, "comment")
	if rapid.Bool().Draw(t, "one outcome per cell") {
		for c := range tb.Cells {
			vals, texts, spelled := drawNumbers(t, np, "payoff")
			tb.Outcomes = append(tb.Outcomes, game.Outcome{Payoffs: vals})
			if spelled {
				tb.Outcomes[c].Text = texts
			}
			tb.Cells[c] = int32(c)
		}
		return tb
	}
	for range rapid.IntRange(0, 4).Draw(t, "outcomes") {
		vals, texts, spelled := drawNumbers(t, np, "payoff")
		o := game.Outcome{Label: labelGen().Draw(t, "outcome label"), Payoffs: vals}
		if spelled {
			o.Text = texts
		}
		tb.Outcomes = append(tb.Outcomes, o)
	}
	for c := range tb.Cells {
		tb.Cells[c] = int32(rapid.IntRange(-1, len(tb.Outcomes)-1).Draw(t, "cell outcome"))
	}
	return tb
}

// TestWriteReadProperty: any tree or table built in code is written, read
// back identical (outcomes may be renumbered by first use), and from then
// on read -> write -> read is the identity down to the bytes.
func TestWriteReadProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var g game.Game
		if rapid.Bool().Draw(t, "tree?") {
			g = randomTree(t)
		} else {
			g = randomTable(t)
		}
		var buf bytes.Buffer
		if err := write(&buf, g); err != nil {
			t.Fatalf("write: %v", err)
		}
		g2, err := Parse(buf.Bytes(), "random")
		if err != nil {
			t.Fatalf("re-read: %v\n%s", err, buf.Bytes())
		}
		if d := gameDiff(g, g2); d != "" {
			t.Fatalf("%s\n%s", d, buf.Bytes())
		}
		if _, _, complaint := roundTrip(g2); complaint != "" {
			t.Fatal(complaint)
		}
	})
}

// TestUnwritableLabels: a lone backslash before a quote or at the end of a
// label has no spelling in Gambit's syntax; the writer says so rather than
// writing a file that reads back differently.
func TestUnwritableLabels(t *testing.T) {
	for _, l := range []string{`a\`, `\"`, `x\\\`, `\n\"`} {
		tb := game.NewTable("t", []string{l}, [][]string{{"s"}})
		err := WriteNFG(&bytes.Buffer{}, tb)
		if !errors.Is(err, ErrUnwritable) {
			t.Errorf("label %q: error %v, want ErrUnwritable", l, err)
		}
	}
	for _, l := range []string{`a\\`, `\\"`, `\n\\"`} {
		tb := game.NewTable("t", []string{l}, [][]string{{"s"}})
		var buf bytes.Buffer
		if err := WriteNFG(&buf, tb); err != nil {
			t.Errorf("label %q: %v", l, err)
			continue
		}
		back, err := ParseNFG(buf.Bytes(), "x")
		if err != nil || back.Players[0] != l {
			t.Errorf("label %q came back as %q (%v)", l, back.Players, err)
		}
	}
}

// TestWriteRenumbersClashingInfosets: a tree built in code may give two
// infosets of one player the same number (the builder does not forbid it);
// the writer then numbers that player's infosets 1, 2, ... so the file
// still reads back with the same partition.
func TestWriteRenumbersClashingInfosets(t *testing.T) {
	b := game.NewBuilder("clash", "1")
	a := b.AddInfoset(1, 5, "a", "x", "y")
	c := b.AddInfoset(1, 5, "c", "u")
	kids := b.Move(b.Root(), a)
	b.Move(kids[0], c)
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteEFG(&buf, tr); err != nil {
		t.Fatal(err)
	}
	back, err := ParseEFG(buf.Bytes(), "clash.efg")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	if len(back.Infosets) != 2 || back.Infosets[0].Number != 1 || back.Infosets[1].Number != 2 || back.Infosets[1].Label != "c" {
		t.Errorf("infosets came back as %+v", back.Infosets)
	}
}
