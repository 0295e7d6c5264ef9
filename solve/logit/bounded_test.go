package logit

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/solve"
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

// A game whose Jacobians would pass the memory limit is refused before
// anything is allocated, with the estimate: 3 x 8 bytes per pair of
// variables, (n+1)(n+2) pairs for n = 12,002 (a 12,000 x 2 table: 3.2 GiB
// against the default 1 GiB). Under no limit and a generous one the same
// check passes.
func TestSolveRefusesOverMemoryLimit(t *testing.T) {
	g := testgames.Random(rand.New(rand.NewPCG(7, 0)), 12000, 2, 10)
	_, err := Solver{}.Solve(context.Background(), g, solve.Options{})
	if !errors.Is(err, solve.ErrTooLarge) || !strings.Contains(err.Error(), "12002 strategy variables needs about 3.2 GiB") {
		t.Fatalf("default limit: %v", err)
	}
	if err := checkMemory(g, 0); err != nil {
		t.Errorf("no limit: %v", err)
	}
	if err := checkMemory(g, 4<<30); err != nil {
		t.Errorf("4 GiB: %v", err)
	}
	small := testgames.Random(rand.New(rand.NewPCG(8, 0)), 3, 3, 10)
	if err := checkMemory(small, 24*7*8-1); !errors.Is(err, solve.ErrTooLarge) {
		t.Errorf("3x3 under one byte short of 24 x 7 x 8: %v", err)
	}
	if err := checkMemory(small, 24*7*8); err != nil {
		t.Errorf("3x3 at exactly its need: %v", err)
	}
}
