package seqlemke

import (
	"context"
	"errors"
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
		plans, err := Solve(context.Background(), f, Options{})
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

// The coordination game of Gambit's coord2.efg ((3,2) on AX, (2,2) on BY,
// 0 elsewhere), dealt behind an uninformative chance move: gambit-lcp
// reports (B, Y), the equilibrium the last-action prior starts at (the
// best responses to the centroid would be (A, X), also an equilibrium).
func TestSolveCoordinationLikeGambit(t *testing.T) {
	pay := [4][2]int64{{3, 2}, {0, 0}, {0, 0}, {2, 2}}
	f, err := seqform.New(testgames.HiddenDeal([2][4][2]int64{pay, pay}))
	if err != nil {
		t.Fatal(err)
	}
	plans, err := Solve(context.Background(), f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Sequences: 0 empty, 1 first action, 2 second action.
	for p, want := range []string{"0", "0"} {
		if plans[p][1].RatString() != want || plans[p][2].RatString() != "1" {
			t.Errorf("player %d plan %v, want the second action", p+1, plans[p])
		}
	}
}

// Every prior, run on its own, ends at an exact equilibrium whenever it
// ends normally.
func TestEveryPriorEndsAtEquilibrium(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		depth := rapid.IntRange(1, 4).Draw(rt, "depth")
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.RandomTree(rand.New(rand.NewPCG(seed, 3)), 2, depth, rapid.Int64Range(1, 6).Draw(rt, "k"))
		f, err := seqform.New(g)
		if err != nil {
			rt.Fatal(err)
		}
		for _, k := range []Prior{PriorLast, PriorFirst, PriorCentroid, PriorGeneric} {
			plans, err := Solve(context.Background(), f, Options{Prior: k})
			if err != nil {
				continue
			}
			if r := check.TreeRegret(g, f.Behavior(plans)); r.Sign() != 0 {
				rt.Fatalf("prior %d: regret %s", k, r.RatString())
			}
		}
	})
}

// The memory estimate refuses a run before it allocates, and a cancelled
// context ends it with the context's error.
func TestMemoryLimitAndContext(t *testing.T) {
	g := testgames.RandomTree(rand.New(rand.NewPCG(4, 4)), 2, 5, 9)
	f, err := seqform.New(g)
	if err != nil {
		t.Fatal(err)
	}
	need := Estimate(f)
	n1, n2 := int64(f.P[0].NumSeq), int64(f.P[1].NumSeq)
	if need < n1*n2*8 {
		t.Fatalf("estimate %d below the dense payoff matrices' %d entries", need, n1*n2)
	}
	if _, err := Solve(context.Background(), f, Options{MemoryLimit: need - 1}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("limit below the estimate: %v", err)
	}
	if _, err := Solve(context.Background(), f, Options{MemoryLimit: need}); err != nil {
		t.Fatalf("limit at the estimate: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Solve(ctx, f, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}
