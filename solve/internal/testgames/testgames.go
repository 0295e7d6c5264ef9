// Package testgames builds small games and random games for the solvers'
// tests and benchmarks. Randomness comes only from the source passed in.
package testgames

import (
	"math/big"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/guarantor/guarantor/game"
)

// Bimatrix builds a table from integer matrices a (row player) and b.
func Bimatrix(a, b [][]int64) *game.Table {
	ra := make([][]*big.Rat, len(a))
	rb := make([][]*big.Rat, len(a))
	for i := range a {
		ra[i] = game.Rats(a[i]...)
		rb[i] = game.Rats(b[i]...)
	}
	return game.NewBimatrix("", ra, rb)
}

// Random returns an m x n bimatrix game with integer payoffs in [0, k).
// Small k makes degenerate games likely.
func Random(r *rand.Rand, m, n int, k int64) *game.Table {
	a := make([][]int64, m)
	b := make([][]int64, m)
	for i := range a {
		a[i] = make([]int64, n)
		b[i] = make([]int64, n)
		for j := range a[i] {
			a[i][j] = r.Int64N(k)
			b[i][j] = r.Int64N(k)
		}
	}
	return Bimatrix(a, b)
}

// RandomN returns an n-player table with the given shape and integer
// payoffs in [0, k).
func RandomN(r *rand.Rand, shape []int, k int64) *game.Table {
	players := make([]string, len(shape))
	strats := make([][]string, len(shape))
	for p, s := range shape {
		players[p] = string(rune('1' + p))
		for i := 0; i < s; i++ {
			strats[p] = append(strats[p], big.NewInt(int64(i+1)).String())
		}
	}
	t := game.NewTable("", players, strats)
	pure := make([]int, len(shape))
	for c := range t.Cells {
		t.Profile(c, pure)
		pay := make([]*big.Rat, len(shape))
		for p := range pay {
			pay[p] = big.NewRat(r.Int64N(k), 1)
		}
		t.SetPayoffs(pure, pay)
	}
	return t
}

// ProfileKeys renders each profile as its comma-joined exact probabilities
// and sorts the result, so tests compare sets of equilibria as string sets.
func ProfileKeys(ps []game.MixedProfile) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		var parts []string
		for _, row := range p {
			for _, v := range row {
				parts = append(parts, v.RatString())
			}
		}
		out = append(out, strings.Join(parts, ","))
	}
	sort.Strings(out)
	return out
}
