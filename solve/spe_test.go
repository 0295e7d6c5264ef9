package solve

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gen"
	"pgregory.net/rapid"
)

func TestSPEEntry(t *testing.T) {
	g := entry()
	eqs := solveAll(t, SPE{}, g)
	checkSPE(t, g, eqs)
	sameLines(t, gambitLines(g, eqs), []string{"NE,0,1,0,1"})
}

func TestSPECentipede(t *testing.T) {
	for _, n := range []int{1, 2, 10, 1000} {
		g := gen.Centipede(n)
		eqs := solveAll(t, SPE{}, g)
		if len(eqs) != 1 {
			t.Fatalf("centipede %d: %d SPE, want 1", n, len(eqs))
		}
		r, err := SubgameRegretFloat(g, eqs[0].Behavior)
		if err != nil || r != 0 {
			t.Fatalf("centipede %d: subgame regret %v %v", n, r, err)
		}
		for p := range eqs[0].Behavior {
			for k, row := range eqs[0].Behavior[p] {
				if row[0].Sign() == 0 {
					t.Fatalf("centipede %d: player %d passes at its move %d", n, p+1, k+1)
				}
			}
		}
	}
}

// outThenCoordinate: player 1 takes 2 each outside or enters a battle of
// the sexes played simultaneously; the subgame has two pure equilibria
// (3,1) and (1,3), so the SPE are (In; A, a) and (Out; B, b).
func outThenCoordinate() *game.Tree {
	b := game.NewBuilder("out or coordinate", "1", "2")
	r := b.Move(b.Root(), b.AddInfoset(1, 1, "", "Out", "In"))
	b.SetOutcome(r[0], b.AddOutcome("", game.Rats(2, 2)))
	m := b.Move(r[1], b.AddInfoset(1, 2, "", "A", "B"))
	s := b.AddInfoset(2, 1, "", "a", "b")
	pay := [][]int64{{3, 1}, {0, 0}, {0, 0}, {1, 3}}
	k := 0
	for _, n := range m {
		for _, x := range b.Move(n, s) {
			b.SetOutcome(x, b.AddOutcome("", game.Rats(pay[k]...)))
			k++
		}
	}
	t, err := b.Build()
	if err != nil {
		panic(err)
	}
	return t
}

func TestSPEImperfectSubgame(t *testing.T) {
	g := outThenCoordinate()
	eqs := solveAll(t, SPE{}, g)
	checkSPE(t, g, eqs)
	sameLines(t, gambitLines(g, eqs), []string{"NE,0,1,1,0,1,0", "NE,1,0,0,1,0,1"})
	// In the reduced form, Out leaves player 1's A/B unspecified: the Nash
	// equilibrium (Out; *, b) covers the non-perfect (Out; A, b) too.
	nash := solveAll(t, EnumPure{}, g)
	checkNash(t, g, nash)
	sameLines(t, gambitLines(g, nash), []string{"NE,0,1,1,0,1,0", "NE,1,0,0,0,0,1"})
}

func TestSPETiesAndLimit(t *testing.T) {
	// Player 1 indifferent at the root between two subtrees in which
	// player 2 is indifferent: 2 (root) x 2 x 2 = 8 SPE.
	b := game.NewBuilder("ties", "1", "2")
	r := b.Move(b.Root(), b.AddInfoset(1, 1, "", "L", "R"))
	for _, n := range r {
		for _, x := range b.Move(n, b.AddInfoset(2, 0, "", "l", "r")) {
			b.SetOutcome(x, b.AddOutcome("", game.Rats(1, 1)))
		}
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	eqs := solveAll(t, SPE{}, g)
	checkSPE(t, g, eqs)
	if len(eqs) != 8 {
		t.Fatalf("%d SPE, want 8", len(eqs))
	}
	eqs, err = SPE{}.Solve(context.Background(), g, Options{MaxEquilibria: 5})
	if !errors.Is(err, ErrLimit) || len(eqs) != 5 {
		t.Fatalf("limit 5: %d, %v", len(eqs), err)
	}
	checkSPE(t, g, eqs)
}

// Property: on random small perfect-information trees (with chance nodes)
// and few payoff values, the SPE are exactly the pure profiles with zero regret in every
// subgame (brute force over all pure profiles).
func TestSPEMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(rt, "seed"), 2))
		g := gen.PerfectInfoTreeWithChance(rng, rapid.IntRange(2, 16).Draw(rt, "nodes"), rapid.IntRange(1, 3).Draw(rt, "players"), 3, 3, rapid.Float64Range(0, 0.5).Draw(rt, "chance"))
		eqs := solveAll(rt, SPE{}, g)
		checkSPE(rt, g, eqs)
		seen := map[string]bool{}
		for _, eq := range eqs {
			seen[gambitLine(eq)] = true
		}
		if len(seen) != len(eqs) {
			rt.Fatalf("duplicate equilibria")
		}
		choice := make([]int32, len(g.Infosets))
		count := 0
		for {
			r, err := SubgameRegret(g, pureBehavior(g, choice))
			if err != nil {
				rt.Fatal(err)
			}
			if r.Sign() == 0 {
				count++
				if !seen[gambitLine(Equilibrium{Behavior: pureBehavior(g, choice)})] {
					rt.Fatalf("missed SPE %s", gambitLine(Equilibrium{Behavior: pureBehavior(g, choice)}))
				}
			}
			k := len(choice) - 1
			for ; k >= 0; k-- {
				if g.Infosets[k].IsChance() {
					continue
				}
				if int(choice[k])+1 < len(g.Infosets[k].Actions) {
					choice[k]++
					break
				}
				choice[k] = 0
			}
			if k < 0 {
				break
			}
		}
		if count != len(eqs) {
			rt.Fatalf("brute force %d SPE, solver %d", count, len(eqs))
		}
	})
}

func TestSPELargeTree(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	g := gen.PerfectInfoTree(rand.New(rand.NewPCG(7, 7)), n, 2, 3, 1<<40)
	eqs := solveAll(t, SPE{}, g)
	if len(eqs) == 0 {
		t.Fatal("no SPE")
	}
	for _, eq := range eqs {
		r, err := SubgameRegretFloat(g, eq.Behavior)
		if err != nil || r != 0 {
			t.Fatalf("subgame regret %v %v", r, err)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := gen.PerfectInfoTree(rand.New(rand.NewPCG(3, 3)), 20000, 2, 2, 100)
	for _, s := range []Solver{SPE{}, EnumPure{Agent: true}} {
		if _, err := s.Solve(ctx, g, Options{}); !errors.Is(err, context.Canceled) && !errors.Is(err, ErrTooLarge) {
			t.Errorf("%T: %v, want context.Canceled", s, err)
		}
	}
	small := gen.PerfectInfoTree(rand.New(rand.NewPCG(3, 4)), 40, 2, 2, 100)
	if _, err := (EnumPure{}).Solve(ctx, small, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("enumpure on a tree: %v, want context.Canceled", err)
	}
}

// Progress reports arrive, with a total, and the last one says done.
func TestProgressReports(t *testing.T) {
	var got []Progress
	g := gen.PerfectInfoTree(rand.New(rand.NewPCG(5, 5)), 50000, 2, 2, 1<<30)
	_, err := SPE{}.Solve(context.Background(), g, Options{Progress: func(p Progress) { got = append(got, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[len(got)-1].Done != got[len(got)-1].Total || got[len(got)-1].Found != 1 {
		t.Fatalf("progress reports %+v", got)
	}
}
