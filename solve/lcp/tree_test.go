package lcp

import (
	"context"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// In the hidden-deal tree both players move once without information, so
// its equilibria are those of its expected-payoff table. Expected payoffs (halved sums over the two cards):
// AX (3, 0), AY (0, 1), BX (0, 1), BY (1, 0): the column player is
// indifferent when x_A = x_B = 1/2; the row player when 3 y_X = 1 - y_X,
// so y = (1/4, 3/4).
func TestSolveTreeHiddenDeal(t *testing.T) {
	pay := [2][4][2]int64{
		{{4, 0}, {0, 2}, {0, 0}, {2, 0}},
		{{2, 0}, {0, 0}, {0, 2}, {0, 0}},
	}
	g := testgames.HiddenDeal(pay)
	eqs, err := SolveTree(context.Background(), g, Options{})
	if err != nil || len(eqs) != 1 {
		t.Fatal(err, len(eqs))
	}
	bp := eqs[0]
	want := [][]string{{"1/2", "1/2"}, {"1/4", "3/4"}}
	for p := range want {
		for a, w := range want[p] {
			if got := bp[p][0][a].RatString(); got != w {
				t.Fatalf("got %v, want %v", bp, want)
			}
		}
	}
	if r := check.TreeRegret(g, bp); r.Sign() != 0 {
		t.Fatalf("regret %s", r.RatString())
	}
}

func TestSolveTreeRandom(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		depth := rapid.IntRange(1, 3).Draw(rt, "depth")
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.RandomTree(rand.New(rand.NewPCG(seed, 9)), 2, depth, rapid.Int64Range(1, 6).Draw(rt, "k"))
		eqs, err := SolveTree(context.Background(), g, Options{Count: 3})
		if err != nil {
			rt.Fatal(err)
		}
		for _, bp := range eqs {
			if r := check.TreeRegret(g, bp); r.Sign() != 0 {
				rt.Fatalf("regret %s for %v", r.RatString(), bp)
			}
		}
	})
}
