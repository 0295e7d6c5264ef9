package oracle

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/enummixed"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
	"github.com/guarantor/guarantor/solve/lcp"
	"github.com/guarantor/guarantor/solve/logit"
	"github.com/guarantor/guarantor/solve/lp"
)

// Edge cases every solver must survive: single strategies, trees where
// nobody moves, a player without information sets.
func TestEdgeCases(t *testing.T) {
	ctx := context.Background()
	for _, g := range []*game.Table{
		testgames.Bimatrix([][]int64{{5}}, [][]int64{{-5}}),
		testgames.Bimatrix([][]int64{{1, 2, 0}}, [][]int64{{0, 1, 1}}),
		testgames.Bimatrix([][]int64{{1}, {2}, {2}}, [][]int64{{0}, {1}, {1}}),
	} {
		for name, solve := range map[string]func() ([]game.MixedProfile, error){
			"lcp":       func() ([]game.MixedProfile, error) { return lcp.SolveTable(ctx, g, lcp.Options{}) },
			"enummixed": func() ([]game.MixedProfile, error) { return enummixed.SolveTable(ctx, g, enummixed.Options{}) },
			"logit": func() ([]game.MixedProfile, error) {
				p, err := logit.SolveTable(ctx, g, logit.Options{})
				return []game.MixedProfile{p}, err
			},
		} {
			eqs, err := solve()
			if err != nil || len(eqs) == 0 {
				t.Errorf("%s on %v: %v", name, g.Shape(), err)
				continue
			}
			for _, e := range eqs {
				if r, _ := check.TableRegret(g, e).Float64(); r > 1e-6 {
					t.Errorf("%s on %v: regret %g", name, g.Shape(), r)
				}
			}
		}
	}
	// A tree where only chance moves, and one where player 2 never moves.
	b := game.NewBuilder("chance only", "1", "2")
	c := b.AddChanceInfoset(1, "", []string{"a", "b"}, []*big.Rat{big.NewRat(1, 3), big.NewRat(2, 3)})
	for i, n := range b.Move(b.Root(), c) {
		b.SetOutcome(n, b.AddOutcome("", game.Rats(int64(i), int64(-i))))
	}
	onlyChance, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	b = game.NewBuilder("one mover", "1", "2")
	s := b.AddInfoset(1, 1, "", "L", "R")
	for i, n := range b.Move(b.Root(), s) {
		b.SetOutcome(n, b.AddOutcome("", game.Rats(int64(i), int64(-i))))
	}
	oneMover, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range []*game.Tree{onlyChance, oneMover} {
		if eqs, err := lcp.SolveTree(ctx, tr, lcp.Options{}); err != nil || len(eqs) != 1 || check.TreeRegret(tr, eqs[0]).Sign() != 0 {
			t.Errorf("lcp on %q: %v %v", tr.Title, eqs, err)
		}
		if bp, err := lp.SolveTree(ctx, tr, lp.TreeOptions{}); err != nil || check.TreeRegret(tr, bp).Sign() != 0 {
			t.Errorf("lp on %q: %v %v", tr.Title, bp, err)
		}
		if bp, err := logit.SolveTree(ctx, tr, logit.Options{}); err != nil {
			t.Errorf("logit on %q: %v", tr.Title, err)
		} else if r, _ := check.TreeRegret(tr, bp).Float64(); r > 1e-6 {
			t.Errorf("logit on %q: regret %g", tr.Title, r)
		}
	}
}

// TestImperfectRecallSentinel: every tree solver refuses a tree without
// perfect recall with the one sentinel, game.ErrImperfectRecall (issue 13
// item 5), which solve.ErrImperfectRecall and PerfectRecall's *RecallError
// both match.
func TestImperfectRecallSentinel(t *testing.T) {
	// Player 1 moves, then moves again without remembering the first move;
	// player 2 moves last.
	b := game.NewBuilder("forgetful", "1", "2")
	first := b.AddInfoset(1, 1, "", "L", "R")
	second := b.AddInfoset(1, 2, "", "l", "r")
	last := b.AddInfoset(2, 1, "", "a", "b")
	k := int64(0)
	for _, n := range b.Move(b.Root(), first) {
		for _, m := range b.Move(n, second) {
			for _, o := range b.Move(m, last) {
				k++
				b.SetOutcome(o, b.AddOutcome("", game.Rats(k%3, k%5)))
			}
		}
	}
	tree, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.PerfectRecall(); !errors.Is(err, game.ErrImperfectRecall) {
		t.Fatalf("PerfectRecall: %v, want a match of game.ErrImperfectRecall", err)
	}
	if solve.ErrImperfectRecall != game.ErrImperfectRecall {
		t.Fatal("solve.ErrImperfectRecall is a second sentinel")
	}
	for name, s := range map[string]solve.Solver{
		"lcp": lcp.Solver{}, "lp": lp.Solver{}, "logit": logit.Solver{}, "enummixed": enummixed.Solver{},
		"enumpure": solve.EnumPure{}, "spe": solve.SPE{},
	} {
		if _, err := s.Solve(context.Background(), tree, solve.Options{}); !errors.Is(err, game.ErrImperfectRecall) {
			t.Errorf("%s: %v, want game.ErrImperfectRecall", name, err)
		}
	}
}
