package game_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gen"
	"pgregory.net/rapid"
)

// A player who moves twice in a row on one branch: after "2" at its first
// infoset its second infoset is unreachable, so the reduced form merges
// "21" and "22" into "2*".
func TestReducedFormMergesUnreachableChoices(t *testing.T) {
	b := game.NewBuilder("twice", "1", "2")
	r := b.Move(b.Root(), b.AddInfoset(1, 1, "", "a", "b"))
	l := b.Move(r[0], b.AddInfoset(1, 2, "", "c", "d"))
	b.SetOutcome(l[0], b.AddOutcome("", game.Rats(1, 1)))
	b.SetOutcome(l[1], b.AddOutcome("", game.Rats(2, 0)))
	m := b.Move(r[1], b.AddInfoset(2, 1, "", "x", "y"))
	b.SetOutcome(m[0], b.AddOutcome("", game.Rats(0, 3)))
	b.SetOutcome(m[1], b.AddOutcome("", game.Rats(4, 4)))
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	rf, err := tr.ReducedForm(0)
	if err != nil {
		t.Fatal(err)
	}
	if got := rf.Table.Strategies; !slices.Equal(got[0], []string{"11", "12", "2*"}) || !slices.Equal(got[1], []string{"1", "2"}) {
		t.Fatalf("strategies %q", got)
	}
	want := map[[2]int][2]int64{{0, 0}: {1, 1}, {1, 0}: {2, 0}, {2, 0}: {0, 3}, {0, 1}: {1, 1}, {1, 1}: {2, 0}, {2, 1}: {4, 4}}
	for prof, pay := range want {
		c := rf.Table.CellIndex([]int{prof[0], prof[1]})
		for p := 0; p < 2; p++ {
			if rf.Table.Payoff(c, p).Cmp(big.NewRat(pay[p], 1)) != 0 {
				t.Errorf("cell %v player %d: %s, want %d", prof, p+1, rf.Table.Payoff(c, p).RatString(), pay[p])
			}
		}
	}
	bp := rf.Behavior([]int{2, 0})
	if bp[0][1] != nil || bp[0][0][1].Sign() != 1 || bp[1][0][0].Sign() != 1 {
		t.Fatalf("behaviour of (2*, 1): %v", bp)
	}
}

// Chance averages exactly: a coin (1/3, 2/3), then player 1 guesses without
// seeing it (one infoset across both branches). The prize is small (the
// int64 path) or 2^70 (the big.Rat path).
func TestReducedFormChance(t *testing.T) {
	for _, prize := range []string{"1", "1180591620717411303424"} {
		b := game.NewBuilder("guess", "1")
		c := b.Move(b.Root(), b.AddChanceInfoset(0, "", []string{"H", "T"}, []*big.Rat{big.NewRat(1, 3), big.NewRat(2, 3)}))
		s := b.AddInfoset(1, 1, "", "h", "t")
		for i, n := range c {
			for j, x := range b.Move(n, s) {
				v := new(big.Rat)
				if i == j {
					v = game.MustRat(prize)
				}
				b.SetOutcome(x, b.AddOutcome("", []*big.Rat{v}))
			}
		}
		tr, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		rf, err := tr.ReducedForm(0)
		if err != nil {
			t.Fatal(err)
		}
		third := new(big.Rat).Mul(game.MustRat(prize), big.NewRat(1, 3))
		if got := rf.Table.Payoff(0, 0); got.Cmp(third) != 0 {
			t.Errorf("prize %s, guess h: %s, want 1/3 of it", prize, got.RatString())
		}
		if got := rf.Table.Payoff(1, 0); got.Cmp(new(big.Rat).Add(third, third)) != 0 {
			t.Errorf("prize %s, guess t: %s, want 2/3 of it", prize, got.RatString())
		}
	}
}

func TestReducedFormTooLarge(t *testing.T) {
	tr := gen.PerfectInfoTree(rand.New(rand.NewPCG(1, 1)), 2000, 2, 2, 10)
	if _, err := tr.ReducedForm(1 << 20); !errors.Is(err, game.ErrTooManyCells) {
		t.Fatalf("got %v, want ErrTooManyCells", err)
	}
}

// Property: on random perfect-information trees every cell's payoff equals
// the value of the tree when each player follows its plan (computed here
// independently, by backward induction over all nodes), and the plans are
// distinct.
func TestReducedFormPayoffsProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(rt, "seed"), 3))
		tr := gen.PerfectInfoTree(rng, rapid.IntRange(2, 20).Draw(rt, "nodes"), rapid.IntRange(1, 3).Draw(rt, "players"), 3, 5)
		rf, err := tr.ReducedForm(0)
		if err != nil {
			rt.Fatal(err)
		}
		pay := tr.PathPayoffs()
		np := tr.NumPlayers()
		prof := make([]int, np)
		seen := map[string]bool{}
		for p := 0; p < np; p++ {
			for _, l := range rf.Table.Strategies[p] {
				if seen[l] {
					rt.Fatalf("player %d: duplicate strategy %s", p+1, l)
				}
				seen[l] = true
			}
			clear(seen)
		}
		for c := range rf.Table.Cells {
			rf.Table.Profile(c, prof)
			val := make([][]*big.Rat, tr.NumNodes())
			for i := tr.NumNodes() - 1; i >= 0; i-- {
				n := game.NodeID(i)
				if tr.IsTerminal(n) {
					val[i] = pay[i]
					continue
				}
				s := tr.Nodes[i].Infoset
				p := tr.Infosets[s].Player
				a := rf.Plans[p-1][prof[p-1]][tr.InfosetOrdinal(s)]
				if a == game.None {
					continue // unreachable under the plan
				}
				val[i] = val[tr.Children(n)[a]]
			}
			for p := 0; p < np; p++ {
				if val[0][p].Cmp(rf.Table.Payoff(c, p)) != 0 {
					rt.Fatalf("cell %d player %d: table %s, tree %s", c, p+1, rf.Table.Payoff(c, p).RatString(), val[0][p].RatString())
				}
			}
		}
	})
}

// The tree of a table has the table as its reduced strategic form.
func TestTableTreeRoundTrip(t *testing.T) {
	tab := gen.Table(rand.New(rand.NewPCG(4, 4)), []int{3, 2, 4}, 100)
	tr, err := tab.Tree()
	if err != nil {
		t.Fatal(err)
	}
	rf, err := tr.ReducedForm(0)
	if err != nil {
		t.Fatal(err)
	}
	for c := range tab.Cells {
		for p := 0; p < 3; p++ {
			if tab.Payoff(c, p).Cmp(rf.Table.Payoff(c, p)) != 0 {
				t.Fatalf("cell %d player %d differs", c, p+1)
			}
		}
	}
}
