package solve

import (
	"context"
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gen"
	"pgregory.net/rapid"
)

func TestEnumPureTables(t *testing.T) {
	cases := []struct {
		name string
		g    *game.Table
		want []string
	}{
		{"prisoners dilemma", bimatrix([][]int64{{3, 0}, {5, 1}}, [][]int64{{3, 5}, {0, 1}}),
			[]string{"NE,0,1,0,1"}},
		{"matching pennies", bimatrix([][]int64{{1, -1}, {-1, 1}}, [][]int64{{-1, 1}, {1, -1}}), nil},
		// Cell order: player 1 fastest, so (2,1) comes before (1,2).
		{"anti-coordination", bimatrix([][]int64{{0, 1}, {1, 0}}, [][]int64{{0, 1}, {1, 0}}),
			[]string{"NE,0,1,1,0", "NE,1,0,0,1"}},
		{"all ties", bimatrix([][]int64{{0, 0}, {0, 0}}, [][]int64{{0, 0}, {0, 0}}),
			[]string{"NE,1,0,1,0", "NE,0,1,1,0", "NE,1,0,0,1", "NE,0,1,0,1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eqs := solveAll(t, EnumPure{}, c.g)
			checkNash(t, c.g, eqs)
			sameLines(t, gambitLines(c.g, eqs), c.want)
		})
	}
}

// A 3-player game where player 3 picks the matrix: only (1,1,2) and
// (2,2,1) are equilibria, checked by hand.
func TestEnumPureThreePlayers(t *testing.T) {
	g := game.NewTable("3p", []string{"1", "2", "3"}, [][]string{{"a", "b"}, {"a", "b"}, {"x", "y"}})
	set := func(s1, s2, s3 int, u ...int64) { g.SetPayoffs([]int{s1, s2, s3}, game.Rats(u...)) }
	set(0, 0, 0, 0, 0, 0)
	set(1, 0, 0, 0, 0, 0)
	set(0, 1, 0, 0, 0, 0)
	set(1, 1, 0, 2, 2, 2)
	set(0, 0, 1, 1, 1, 1)
	set(1, 0, 1, 0, 0, 0)
	set(0, 1, 1, 0, 0, 0)
	set(1, 1, 1, 0, 0, 0)
	eqs := solveAll(t, EnumPure{}, g)
	checkNash(t, g, eqs)
	sameLines(t, gambitLines(g, eqs), []string{"NE,0,1,0,1,1,0", "NE,1,0,1,0,0,1"})
}

// Payoffs that differ below float64 resolution must be told apart exactly.
func TestEnumPureExactConfirmation(t *testing.T) {
	third := big.NewRat(1, 3)
	near := new(big.Rat).Add(third, big.NewRat(1, 1<<62))
	g := game.NewBimatrix("close", [][]*big.Rat{{third}, {near}}, [][]*big.Rat{{new(big.Rat)}, {new(big.Rat)}})
	eqs := solveAll(t, EnumPure{}, g)
	checkNash(t, g, eqs)
	sameLines(t, gambitLines(g, eqs), []string{"NE,0,1,1"})
}

func TestEnumPureLimitAndCancel(t *testing.T) {
	g := bimatrix([][]int64{{0, 0}, {0, 0}}, [][]int64{{0, 0}, {0, 0}})
	eqs, err := EnumPure{}.Solve(context.Background(), g, Options{MaxEquilibria: 3})
	if !errors.Is(err, ErrLimit) || len(eqs) != 3 {
		t.Fatalf("limit 3 of 4: got %d, %v", len(eqs), err)
	}
	eqs, err = EnumPure{}.Solve(context.Background(), g, Options{MaxEquilibria: 4})
	if err != nil || len(eqs) != 4 {
		t.Fatalf("limit 4 of 4: got %d, %v", len(eqs), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (EnumPure{}).Solve(ctx, g, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

// Property: on random tables with few payoff values (many ties), the
// equilibria are exactly the cells with zero regret.
func TestEnumPureMatchesRegret(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 3).Draw(rt, "players")
		shape := make([]int, n)
		for p := range shape {
			shape[p] = rapid.IntRange(1, 4).Draw(rt, "k")
		}
		g := gen.Table(rand.New(rand.NewPCG(rapid.Uint64().Draw(rt, "seed"), 1)), shape, 3)
		eqs := solveAll(rt, EnumPure{}, g)
		checkNash(rt, g, eqs)
		count := 0
		prof := make([]int, n)
		for c := range g.Cells {
			g.Profile(c, prof)
			r, err := Regret(g, Equilibrium{Mixed: pureMixed(g, prof)})
			if err != nil {
				rt.Fatal(err)
			}
			if r.Sign() == 0 {
				count++
			}
		}
		if count != len(eqs) {
			rt.Fatalf("%d zero-regret cells, %d equilibria", count, len(eqs))
		}
	})
}

// entry is the entry-deterrence game of FORMATS.md's example.
func entry() *game.Tree {
	b := game.NewBuilder("entry", "Entrant", "Incumbent")
	e := b.AddInfoset(1, 1, "E", "Out", "In")
	ch := b.Move(b.Root(), e)
	b.SetOutcome(ch[0], b.AddOutcome("out", game.Rats(0, 2)))
	i := b.AddInfoset(2, 1, "I", "Fight", "Accommodate")
	ch2 := b.Move(ch[1], i)
	b.SetOutcome(ch2[0], b.AddOutcome("war", game.Rats(-1, -1)))
	b.SetOutcome(ch2[1], b.AddOutcome("share", game.Rats(1, 1)))
	t, err := b.Build()
	if err != nil {
		panic(err)
	}
	return t
}

func TestEnumPureTree(t *testing.T) {
	g := entry()
	eqs := solveAll(t, EnumPure{}, g)
	checkNash(t, g, eqs)
	sameLines(t, gambitLines(g, eqs), []string{"NE,1,0,1,0", "NE,0,1,0,1"})
}

// twoMoves: player 1 moves, player 2 moves, and after one of player 2's
// answers player 1 moves again, so player 1's second infoset is unreachable
// after its own first choice "stop", and printed as a zero row there.
func twoMoves() *game.Tree {
	b := game.NewBuilder("two moves", "1", "2")
	r := b.Move(b.Root(), b.AddInfoset(1, 1, "", "go", "stop"))
	b.SetOutcome(r[1], b.AddOutcome("", game.Rats(1, 0)))
	m := b.Move(r[0], b.AddInfoset(2, 1, "", "a", "b"))
	b.SetOutcome(m[1], b.AddOutcome("", game.Rats(0, 1)))
	l := b.Move(m[0], b.AddInfoset(1, 2, "", "x", "y"))
	b.SetOutcome(l[0], b.AddOutcome("", game.Rats(2, 0)))
	b.SetOutcome(l[1], b.AddOutcome("", game.Rats(0, 2)))
	t, err := b.Build()
	if err != nil {
		panic(err)
	}
	return t
}

func TestEnumPureZeroRows(t *testing.T) {
	g := twoMoves()
	rf, err := g.ReducedForm(0)
	if err != nil {
		t.Fatal(err)
	}
	if got := rf.Table.Strategies[0]; len(got) != 3 || got[0] != "11" || got[1] != "12" || got[2] != "2*" {
		t.Fatalf("player 1's reduced strategies %q, want [11 12 2*]", got)
	}
	eqs := solveAll(t, EnumPure{}, g)
	checkNash(t, g, eqs)
	// Player 1 stops (payoff 1). Only player 2's b keeps it there: after
	// a, player 1's plan (go, x) earns 2.
	sameLines(t, gambitLines(g, eqs), []string{"NE,0,1,0,0,0,1"})
}

func TestAgentForm(t *testing.T) {
	g := twoMoves()
	eqs := solveAll(t, EnumPure{Agent: true}, g)
	for _, eq := range eqs {
		r, err := AgentRegret(g, eq.Behavior)
		if err != nil || r.Sign() != 0 {
			t.Fatalf("%s: agent regret %v %v", gambitLine(eq), r, err)
		}
	}
	// Brute force over the 8 pure profiles (choice indexed by infoset).
	want := 0
	for c := 0; c < 8; c++ {
		ch := []int32{int32(c >> 2), int32(c >> 1 & 1), int32(c & 1)}
		r, err := AgentRegret(g, pureBehavior(g, ch))
		if err != nil {
			t.Fatal(err)
		}
		if r.Sign() == 0 {
			want++
		}
	}
	if len(eqs) != want {
		t.Fatalf("%d agent equilibria, brute force says %d", len(eqs), want)
	}
}

func TestImperfectRecallRefused(t *testing.T) {
	b := game.NewBuilder("forgetful", "1")
	s := b.AddInfoset(1, 1, "", "L", "R")
	ch := b.Move(b.Root(), s)
	s2 := b.AddInfoset(1, 2, "", "l", "r")
	for _, c := range ch {
		for _, x := range b.Move(c, s2) {
			b.SetOutcome(x, b.AddOutcome("", game.Rats(1)))
		}
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Solver{EnumPure{}, SPE{}} {
		if _, err := s.Solve(context.Background(), g, Options{}); !errors.Is(err, ErrImperfectRecall) {
			t.Errorf("%T: %v, want ErrImperfectRecall", s, err)
		}
	}
	if _, err := (EnumPure{Agent: true}).Solve(context.Background(), g, Options{}); err != nil {
		t.Errorf("agent form must accept imperfect recall: %v", err)
	}
}
