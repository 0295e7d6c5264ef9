package lcp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

func TestSolveTableKnownGames(t *testing.T) {
	cases := []struct {
		name string
		a, b [][]int64
		want []string
	}{
		{"matching pennies", [][]int64{{1, -1}, {-1, 1}}, [][]int64{{-1, 1}, {1, -1}},
			[]string{"1/2,1/2,1/2,1/2"}},
		{"battle of the sexes", [][]int64{{2, 0}, {0, 1}}, [][]int64{{1, 0}, {0, 2}},
			[]string{"0,1,0,1", "1,0,1,0", "2/3,1/3,1/3,2/3"}},
		// von Stengel (2002), Figure 2.1: three equilibria, all on LH paths.
		{"von Stengel 3x2", [][]int64{{3, 3}, {2, 5}, {0, 6}}, [][]int64{{3, 2}, {2, 6}, {3, 1}},
			[]string{"0,1/3,2/3,1/3,2/3", "1,0,0,1,0", "4/5,1/5,0,2/3,1/3"}},
		// Gambit's 2x2.nfg answer: NE,1/2,1/2,1/3,2/3.
		{"gambit 2x2", [][]int64{{2, 0}, {0, 1}}, [][]int64{{0, 1}, {1, 0}},
			[]string{"1/2,1/2,1/3,2/3"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := testgames.Bimatrix(tc.a, tc.b)
			eqs, err := SolveTable(context.Background(), g, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range eqs {
				if r := check.TableRegret(g, e); r.Sign() != 0 {
					t.Errorf("regret %s for %v", r.RatString(), e)
				}
			}
			got := testgames.ProfileKeys(eqs)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSolveTableCount(t *testing.T) {
	g := testgames.Bimatrix([][]int64{{2, 0}, {0, 1}}, [][]int64{{1, 0}, {0, 2}})
	for _, n := range []int{1, 2} {
		eqs, err := SolveTable(context.Background(), g, Options{Count: n})
		if err != nil || len(eqs) != n {
			t.Fatalf("count %d: got %d equilibria, err %v", n, len(eqs), err)
		}
	}
}

// Random games with payoffs in {0,1,2} are degenerate most of the time;
// every path must end and every profile must be an exact equilibrium.
func TestSolveTableRandomDegenerate(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		m := rapid.IntRange(1, 6).Draw(rt, "m")
		n := rapid.IntRange(1, 6).Draw(rt, "n")
		k := rapid.Int64Range(1, 4).Draw(rt, "k")
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.Random(rand.New(rand.NewPCG(seed, 1)), m, n, k)
		eqs, err := SolveTable(context.Background(), g, Options{Workers: 1})
		if err != nil {
			rt.Fatal(err)
		}
		if len(eqs) == 0 {
			rt.Fatal("no equilibrium")
		}
		for _, e := range eqs {
			if r := check.TableRegret(g, e); r.Sign() != 0 {
				rt.Fatalf("regret %s", r.RatString())
			}
		}
	})
}

// Large payoffs force the int64 tableau over to math/big mid-path.
func TestSolveTableBigFallback(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	g := testgames.Random(r, 8, 8, 1<<40)
	eqs, err := SolveTable(context.Background(), g, Options{})
	if err != nil || len(eqs) == 0 {
		t.Fatal(err, len(eqs))
	}
	for _, e := range eqs {
		if rr := check.TableRegret(g, e); rr.Sign() != 0 {
			t.Fatalf("regret %s", rr.RatString())
		}
	}
}
