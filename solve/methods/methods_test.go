package methods

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
)

func TestTableIsSortedAndComplete(t *testing.T) {
	names := Names()
	if !slices.IsSorted(names) || len(names) != 6 {
		t.Fatalf("names %v", names)
	}
	for _, m := range All() {
		if m.Help == "" || m.New == nil || !(m.Trees || m.Tables) {
			t.Errorf("%s: incomplete entry", m.Name)
		}
		if got, ok := Lookup(m.Name); !ok || got.Name != m.Name {
			t.Errorf("lookup %s", m.Name)
		}
	}
	if _, ok := Lookup("nosuch"); ok {
		t.Error("unknown method found")
	}
}

// Matching pennies: the unique equilibrium is (1/2, 1/2) for both, which
// every mixed method must find on the table form.
func TestSolveMatchingPennies(t *testing.T) {
	g, err := gambit.ParseNFG([]byte(`NFG 1 R "pennies" { "1" "2" } { 2 2 } 1 -1 -1 1 -1 1 1 -1`), "p.nfg")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"enummixed", "lcp", "lp"} {
		m, _ := Lookup(name)
		_, eqs, err := m.Solve(context.Background(), g, Params{}, solveOpts())
		if err != nil || len(eqs) != 1 {
			t.Fatalf("%s: %v, %d equilibria", name, err, len(eqs))
		}
		if line := gambit.MixedLine(eqs[0].Mixed, eqs[0].Exact); line != "NE,1/2,1/2,1/2,1/2" {
			t.Errorf("%s: %s", name, line)
		}
	}
	m, _ := Lookup("spe")
	if _, _, err := m.Solve(context.Background(), g, Params{}, solveOpts()); !errors.Is(err, ErrUsage) {
		t.Errorf("spe on a table: %v", err)
	}
	m, _ = Lookup("lcp")
	if _, _, err := m.Solve(context.Background(), g, Params{Agent: true}, solveOpts()); !errors.Is(err, ErrUsage) {
		t.Errorf("--agent with lcp: %v", err)
	}
}

func solveOpts() solve.Options { return solve.Options{} }
