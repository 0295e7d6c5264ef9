package seqlemke

import (
	"context"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/seqform"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// The sequence-form Lemke run itself (without the strategic-form fallback)
// must end at an exact equilibrium on random trees with chance moves and
// degenerate payoffs.
func TestSeqLemkeRandom(t *testing.T) {
	fails := 0
	rapid.Check(t, func(rt *rapid.T) {
		depth := rapid.IntRange(1, 5).Draw(rt, "depth")
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.RandomTree(rand.New(rand.NewPCG(seed, 11)), 2, depth, rapid.Int64Range(1, 6).Draw(rt, "k"))
		f, err := seqform.New(g)
		if err != nil {
			rt.Fatal(err)
		}
		plans, err := Solve(context.Background(), f)
		if err != nil {
			fails++
			rt.Fatalf("Solve: %v", err)
		}
		bp := f.Behavior(plans)
		if r := check.TreeRegret(g, bp); r.Sign() != 0 {
			rt.Fatalf("regret %s for %v", r.RatString(), bp)
		}
	})
}
