package logit

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// The linear solve polls the context: a cancelled context stops it with
// the context's error before the factorisation is done, leaving the
// right-hand side unsolved.
func TestLUSolveHonoursContext(t *testing.T) {
	n := 64
	a := make([][]float64, n)
	b := make([]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		a[i][i] = 2
		b[i] = 1
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := luSolve(ctx, a, b); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if err := luSolve(context.Background(), a, b); err != nil || b[0] != 0.5 {
		t.Fatalf("uncancelled: %v, x0 = %g", err, b[0])
	}
}

// A cancelled context ends the branch on a large game with the context's
// error and no profile (no point short of lambda's end is an equilibrium).
func TestSolveTableHonoursContext(t *testing.T) {
	g := testgames.Random(rand.New(rand.NewPCG(6, 0)), 150, 150, 100)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, err := SolveTable(ctx, g, Options{})
	if !errors.Is(err, context.Canceled) || p != nil {
		t.Fatalf("got %v, %v; want context.Canceled and no profile", p != nil, err)
	}
}
