package game

import (
	"math/big"
	"testing"
)

// entry builds the entry-deterrence game of FORMATS.md's minimal example.
func entry(t *testing.T) *Tree {
	t.Helper()
	b := NewBuilder("entry", "Entrant", "Incumbent")
	e := b.AddInfoset(1, 1, "E", "Out", "In")
	ch := b.Move(b.Root(), e)
	b.SetOutcome(ch[0], b.AddOutcome("out", Rats(0, 2)))
	i := b.AddInfoset(2, 1, "I", "Fight", "Accommodate")
	ch2 := b.Move(ch[1], i)
	b.SetOutcome(ch2[0], b.AddOutcome("war", Rats(-1, -1)))
	b.SetOutcome(ch2[1], b.AddOutcome("share", Rats(1, 1)))
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestBuildPreorder(t *testing.T) {
	tr := entry(t)
	if tr.NumNodes() != 5 {
		t.Fatalf("nodes = %d, want 5", tr.NumNodes())
	}
	// Pre-order: root, Out leaf, In node, Fight leaf, Accommodate leaf.
	wantParent := []NodeID{None, 0, 0, 2, 2}
	for i, p := range wantParent {
		if tr.Nodes[i].Parent != p {
			t.Errorf("node %d parent = %d, want %d", i, tr.Nodes[i].Parent, p)
		}
	}
	if got := tr.PlayerInfosets(2); len(got) != 1 || tr.Infosets[got[0]].Label != "I" {
		t.Errorf("player 2 infosets = %v", got)
	}
	end := tr.SubtreeEnd()
	if end[0] != 5 || end[2] != 5 || end[1] != 2 {
		t.Errorf("subtree ends = %v", end)
	}
	pay := tr.PathPayoffs()
	if pay[3][0].Cmp(big.NewRat(-1, 1)) != 0 || pay[1][1].Cmp(big.NewRat(2, 1)) != 0 {
		t.Errorf("path payoffs wrong: %v", pay)
	}
}

func TestPathPayoffsSumAlongPath(t *testing.T) {
	b := NewBuilder("stage", "A")
	s := b.AddInfoset(1, 0, "", "x", "y")
	b.SetOutcome(b.Root(), b.AddOutcome("entry fee", []*big.Rat{big.NewRat(-1, 2)}))
	ch := b.Move(b.Root(), s)
	b.SetOutcome(ch[1], b.AddOutcome("", Rats(3)))
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	pay := tr.PathPayoffs()
	if pay[1][0].Cmp(big.NewRat(-1, 2)) != 0 || pay[2][0].Cmp(big.NewRat(5, 2)) != 0 {
		t.Errorf("got %v %v", pay[1][0], pay[2][0])
	}
	f := tr.FloatPathPayoffs()
	if f[2] != 2.5 {
		t.Errorf("float path payoff = %v", f[2])
	}
}

func TestDeepChainNoRecursion(t *testing.T) {
	const depth = 200000
	b := NewBuilder("chain", "A", "B")
	n := b.Root()
	for i := 0; i < depth; i++ {
		s := b.AddInfoset(i%2+1, 0, "", "stop", "go")
		ch := b.Move(n, s)
		b.SetOutcome(ch[0], b.AddOutcome("", Rats(int64(i), int64(-i))))
		n = ch[1]
	}
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if tr.NumNodes() != 2*depth+1 {
		t.Fatalf("nodes = %d", tr.NumNodes())
	}
	if d := tr.Depths(); d[len(d)-1] != depth {
		t.Errorf("last depth = %d", d[len(d)-1])
	}
	_ = tr.SubtreeEnd()
}

func TestBuildRejects(t *testing.T) {
	b := NewBuilder("bad", "A", "B")
	b.AddOutcome("short", Rats(1))
	if _, err := b.Build(); err == nil {
		t.Fatal("want error for a payoff vector of the wrong length")
	}
	b = NewBuilder("bad", "A")
	s := b.AddInfoset(2, 0, "", "x")
	b.Move(b.Root(), s)
	if _, err := b.Build(); err == nil {
		t.Fatal("want error for an infoset of a player that does not exist")
	}
}

func TestTableCellOrder(t *testing.T) {
	tb := NewTable("t", []string{"1", "2", "3"}, [][]string{{"a", "b", "c"}, {"x", "y"}, {"u", "v"}})
	prof := make([]int, 3)
	for c := range tb.Cells {
		tb.Profile(c, prof)
		if tb.CellIndex(prof) != c {
			t.Fatalf("cell %d -> %v -> %d", c, prof, tb.CellIndex(prof))
		}
	}
	// Player 1 changes fastest.
	if tb.CellIndex([]int{1, 0, 0}) != 1 || tb.CellIndex([]int{0, 1, 0}) != 3 || tb.CellIndex([]int{0, 0, 1}) != 6 {
		t.Error("cell order is not player-1-fastest")
	}
	if err := tb.Validate(); err != nil {
		t.Fatal(err)
	}
}
