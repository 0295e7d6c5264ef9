package enummixed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
	"github.com/guarantor/guarantor/solve/lcp"
)

func TestSolveTableKnownGames(t *testing.T) {
	cases := []struct {
		name string
		a, b [][]int64
		want []string
	}{
		{"battle of the sexes", [][]int64{{2, 0}, {0, 1}}, [][]int64{{1, 0}, {0, 2}},
			[]string{"0,1,0,1", "1,0,1,0", "2/3,1/3,1/3,2/3"}},
		{"von Stengel 3x2", [][]int64{{3, 3}, {2, 5}, {0, 6}}, [][]int64{{3, 2}, {2, 6}, {3, 1}},
			[]string{"0,1/3,2/3,1/3,2/3", "1,0,0,1,0", "4/5,1/5,0,2/3,1/3"}},
		// All payoffs equal: every pure profile is an extreme equilibrium
		// (Gambit's 2x2_bimatrix_all_zero_payoffs.nfg lists these four).
		{"all zero", [][]int64{{0, 0}, {0, 0}}, [][]int64{{0, 0}, {0, 0}},
			[]string{"0,1,0,1", "0,1,1,0", "1,0,0,1", "1,0,1,0"}},
		// A degenerate game: the column player is indifferent, so the
		// equilibria form a segment with extreme points (1,0),(1,0) and
		// (1,0),(1/2,1/2) (von Stengel 2002, §2.6 style example).
		{"degenerate segment", [][]int64{{2, 0}, {0, 2}}, [][]int64{{1, 1}, {0, 2}},
			[]string{"0,1,0,1", "1,0,1,0", "1,0,1/2,1/2"}},
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
			if got := testgames.ProfileKeys(eqs); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// Every equilibrium Lemke-Howson reaches is a completely labelled vertex
// pair, so it must be among the extreme equilibria; and every extreme
// equilibrium has zero regret.
func TestLemkeHowsonSubsetOfExtreme(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		m := rapid.IntRange(1, 5).Draw(rt, "m")
		n := rapid.IntRange(1, 5).Draw(rt, "n")
		k := rapid.Int64Range(1, 5).Draw(rt, "k")
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.Random(rand.New(rand.NewPCG(seed, 2)), m, n, k)
		all, err := SolveTable(context.Background(), g, Options{})
		if err != nil {
			rt.Fatal(err)
		}
		set := map[string]bool{}
		for _, e := range all {
			if r := check.TableRegret(g, e); r.Sign() != 0 {
				rt.Fatalf("regret %s", r.RatString())
			}
			set[testgames.ProfileKeys([]game.MixedProfile{e})[0]] = true
		}
		if len(set) != len(all) {
			rt.Fatal("duplicate equilibria")
		}
		lh, err := lcp.SolveTable(context.Background(), g, lcp.Options{Workers: 1})
		if err != nil {
			rt.Fatal(err)
		}
		for _, k := range testgames.ProfileKeys(lh) {
			if !set[k] {
				rt.Fatalf("Lemke-Howson found %s, not an extreme equilibrium %v", k, testgames.ProfileKeys(all))
			}
		}
	})
}
