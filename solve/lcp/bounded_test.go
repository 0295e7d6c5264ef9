package lcp

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/game/gen"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// A centipede of 100,000 nodes (issue 9): its sequence form would need
// dense 25,000 x 25,000 payoff matrices and a tableau of tens of GB; the
// run is refused from the sizes alone, with solve.ErrTooLarge, before any
// of it is allocated.
func TestTreeRefusedByMemoryEstimate(t *testing.T) {
	g := gen.Centipede(50_000)
	_, err := Solver{}.Solve(context.Background(), g, solve.Options{})
	if !errors.Is(err, solve.ErrTooLarge) {
		t.Fatalf("got %v, want solve.ErrTooLarge", err)
	}
	// The same refusal with a small explicit limit on a small tree, which
	// solves without it.
	small := gen.Centipede(40)
	if _, err := (Solver{}).Solve(context.Background(), small, solve.Options{MemoryLimit: 1 << 10}); !errors.Is(err, solve.ErrTooLarge) {
		t.Fatalf("1 KiB limit: got %v, want solve.ErrTooLarge", err)
	}
	eqs, err := Solver{}.Solve(context.Background(), small, solve.Options{})
	if err != nil || len(eqs) != 1 {
		t.Fatalf("centipede(40): %v, %d equilibria", err, len(eqs))
	}
	if r := check.TreeRegret(small, eqs[0].Behavior); r.Sign() != 0 {
		t.Fatalf("regret %s", r.RatString())
	}
}

// A cancelled context stops the sequence-form run with the context's error.
func TestTreeHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Solver{}.Solve(ctx, gen.Centipede(200), solve.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// Cancelling after the first round of Lemke-Howson paths returns the
// equilibria of that round together with the context's error, each one an
// equilibrium.
func TestTablePartialOnCancel(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 4))
	g := testgames.Random(r, 12, 12, 100)
	all, err := SolveTable(context.Background(), g, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	part, err := SolveTable(ctx, g, Options{Workers: 1, Progress: func(int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if len(part) == 0 || len(part) > len(all) {
		t.Fatalf("partial list has %d of %d equilibria", len(part), len(all))
	}
	for _, e := range part {
		if r := check.TableRegret(g, e); r.Sign() != 0 {
			t.Fatalf("regret %s", r.RatString())
		}
	}
}

// The memory limit sizes the chunks of paths kept at once and bounds the
// states kept to restart from: any limit that fits them gives the same
// equilibria in the same order; a smaller one stops with solve.ErrTooLarge
// and the equilibria found so far; a limit below one state is refused.
func TestTableMemoryLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	g := testgames.Random(r, 8, 9, 4)
	want, err := SolveTable(context.Background(), g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	state := int64(17 * 18 * 8) // two int64 tableaux: 17 rows of 18 entries
	for _, limit := range []int64{int64(len(want)+2) * state, int64(len(want)+9) * state, 1 << 30} {
		got, err := SolveTable(context.Background(), g, Options{MemoryLimit: limit})
		if err != nil {
			t.Fatalf("limit %d: %v", limit, err)
		}
		if len(got) != len(want) {
			t.Fatalf("limit %d: %d equilibria, want %d", limit, len(got), len(want))
		}
		for i := range got {
			if profileKey(got[i]) != profileKey(want[i]) {
				t.Fatalf("limit %d: order differs at %d", limit, i)
			}
		}
	}
	if len(want) < 3 {
		t.Fatalf("test game has %d equilibria; pick one with more", len(want))
	}
	part, err := Solver{}.Solve(context.Background(), g, solve.Options{MemoryLimit: 3 * state})
	if !errors.Is(err, solve.ErrTooLarge) || len(part) == 0 || len(part) >= len(want) {
		t.Fatalf("3 states: %d of %d equilibria, %v; want a partial list and solve.ErrTooLarge", len(part), len(want), err)
	}
	for _, e := range part {
		if r := check.TableRegret(g, e.Mixed); r.Sign() != 0 {
			t.Fatalf("regret %s", r.RatString())
		}
	}
	if _, err := (Solver{}).Solve(context.Background(), g, solve.Options{MemoryLimit: state - 1}); !errors.Is(err, solve.ErrTooLarge) {
		t.Fatalf("got %v, want solve.ErrTooLarge", err)
	}
}

// Every prior ends at an exact equilibrium; an unknown name is an error.
// On a centipede the last-action prior's start is infeasible, and the
// default goes on to the first-action prior.
func TestTreePriors(t *testing.T) {
	g := testgames.RandomTree(rand.New(rand.NewPCG(2, 2)), 2, 5, 10)
	for _, p := range []string{"", "auto", "last", "first", "centroid", "generic"} {
		eqs, err := Solver{Prior: p}.Solve(context.Background(), g, solve.Options{})
		if err != nil && (p == "last" || p == "first") {
			// A pure prior alone may have no feasible start (ties); the
			// documented answer is an error, never a wrong profile.
			continue
		}
		if err != nil || len(eqs) != 1 {
			t.Fatalf("prior %q: %v", p, err)
		}
		if r := check.TreeRegret(g, eqs[0].Behavior); r.Sign() != 0 {
			t.Fatalf("prior %q: regret %s", p, r.RatString())
		}
	}
	if _, err := (Solver{Prior: "best"}).Solve(context.Background(), g, solve.Options{}); err == nil {
		t.Fatal("unknown prior accepted")
	}
	c := gen.Centipede(150)
	eqs, err := Solver{}.Solve(context.Background(), c, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := check.TreeRegret(c, eqs[0].Behavior); r.Sign() != 0 {
		t.Fatalf("centipede: regret %s", r.RatString())
	}
}
