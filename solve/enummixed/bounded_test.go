package enummixed

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// A memory limit too small for the vertex lists stops the enumeration
// with solve.ErrTooLarge and the equilibria among the vertices found so
// far, each a genuine equilibrium; without the limit the same game solves.
func TestMemoryLimitPartial(t *testing.T) {
	g := testgames.Random(rand.New(rand.NewPCG(3, 3)), 9, 9, 100)
	all, err := SolveTable(context.Background(), g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eqs, err := Solver{}.Solve(context.Background(), g, solve.Options{MemoryLimit: 20_000})
	if !errors.Is(err, solve.ErrTooLarge) {
		t.Fatalf("got %v, want solve.ErrTooLarge", err)
	}
	if len(eqs) >= len(all) {
		t.Fatalf("stopped run returned %d of %d equilibria", len(eqs), len(all))
	}
	for _, e := range eqs {
		if r := check.TableRegret(g, e.Mixed); r.Sign() != 0 {
			t.Fatalf("regret %s", r.RatString())
		}
	}
}

// A cancelled context stops the enumeration with the context's error.
func TestHonoursContext(t *testing.T) {
	g := testgames.Random(rand.New(rand.NewPCG(3, 4)), 12, 12, 100)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := SolveTable(ctx, g, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
