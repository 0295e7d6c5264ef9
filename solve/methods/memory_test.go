package methods

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
)

// chainEFG writes a centipede of k moves (the bad-input test's chain).
func chainEFG(k int) []byte {
	var b strings.Builder
	b.WriteString("EFG 2 R \"chain\" { \"1\" \"2\" }\n\"\"\n")
	for i := 0; i < k; i++ {
		fmt.Fprintf(&b, "p \"\" %d %d \"\" { \"take\" \"pass\" } 0\nt \"\" %d \"\" { %d %d }\n", 1+i%2, i+1, i+1, i+2*(1-i%2), i+2*(i%2))
	}
	fmt.Fprintf(&b, "t \"\" %d \"\" { %d %d }\n", k+1, k, k)
	return []byte(b.String())
}

// enummixed on a tree builds its reduced form; a form whose estimate is
// over the memory limit is refused before it is built, with ErrTooLarge
// and the sizes, not a timeout or an allocation of gigabytes.
func TestPrepareRefusesReducedFormOverMemory(t *testing.T) {
	m, _ := Lookup("enummixed")
	cases := []struct {
		moves int
		limit int64
		want  string
	}{
		// 8001 x 8001 strategies: the default 1 GiB.
		{16000, 0, "8001 x 8001 strategies"},
		// 21 x 21 strategies, a few kB: a 1 kB limit.
		{40, 1 << 10, "21 x 21 strategies"},
	}
	for _, c := range cases {
		g, err := gambit.Parse(chainEFG(c.moves), "chain.efg")
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = m.PrepareContext(context.Background(), g, Params{MemoryLimit: c.limit})
		if !errors.Is(err, solve.ErrTooLarge) {
			t.Fatalf("%d moves: err = %v, want ErrTooLarge", c.moves, err)
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "over the limit of") {
			t.Errorf("%d moves: error %q lacks %q", c.moves, err, c.want)
		}
		// Solve passes the solver options' limit on.
		if c.limit > 0 {
			_, _, err := m.Solve(context.Background(), g, Params{}, solve.Options{MemoryLimit: c.limit})
			if !errors.Is(err, solve.ErrTooLarge) {
				t.Errorf("%d moves: Solve err = %v, want ErrTooLarge", c.moves, err)
			}
		}
	}
	// Without a limit the small form is built and solved.
	g, _ := gambit.Parse(chainEFG(6), "chain.efg")
	if _, eqs, err := m.Solve(context.Background(), g, Params{MemoryLimit: -1}, solve.Options{}); err != nil || len(eqs) == 0 {
		t.Errorf("6 moves, no limit: %d equilibria, err %v", len(eqs), err)
	}
}

// A deadline that has passed stops the preparation with ctx.Err().
func TestPrepareHonoursContext(t *testing.T) {
	m, _ := Lookup("enummixed")
	g, err := gambit.Parse(chainEFG(2000), "chain.efg")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := m.PrepareContext(ctx, g, Params{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
