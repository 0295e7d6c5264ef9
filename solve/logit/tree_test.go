package logit

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// When every player moves once without information the agent form is the
// strategic form, so the tree's branch must end where the table's does.
func TestTreeMatchesTableWhenSimultaneous(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		var pay [2][4][2]int64
		for c := range pay {
			for k := range pay[c] {
				pay[c][k] = [2]int64{rapid.Int64Range(-3, 3).Draw(rt, "u"), rapid.Int64Range(-3, 3).Draw(rt, "v")}
			}
		}
		tree, table := testgames.HiddenDeal(pay), testgames.HiddenDealTable(pay)
		bp, err := SolveTree(context.Background(), tree, Options{})
		if err != nil {
			rt.Fatal(err)
		}
		mp, err := SolveTable(context.Background(), table, Options{})
		if err != nil {
			rt.Fatal(err)
		}
		bf, mf := bp.Float(), mp.Float()
		for p := 0; p < 2; p++ {
			for a := 0; a < 2; a++ {
				if math.Abs(bf[p][0][a]-mf[p][a]) > 1e-6 {
					rt.Fatalf("tree %v, table %v", bf, mf)
				}
			}
		}
	})
}

func TestSolveTreeRandom(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		players := rapid.IntRange(2, 3).Draw(rt, "players")
		depth := rapid.IntRange(1, 4).Draw(rt, "depth")
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.RandomTree(rand.New(rand.NewPCG(seed, 5)), players, depth, rapid.Int64Range(2, 10).Draw(rt, "k"))
		if err := g.PerfectRecall(); err != nil {
			rt.Fatalf("generator made imperfect recall: %v", err)
		}
		bp, err := SolveTree(context.Background(), g, Options{})
		if err != nil {
			rt.Fatal(err)
		}
		r, _ := check.TreeRegret(g, bp).Float64()
		if r > 1e-3 {
			rt.Fatalf("regret %g for %v", r, bp.Float())
		}
	})
}
