package seqform

import (
	"errors"
	"math/big"
	"strconv"

	"github.com/guarantor/guarantor/game"
)

// ErrTooLarge is returned when the strategic form would be too big to build.
var ErrTooLarge = errors.New("the strategic form of this tree is too large")

// maxWork bounds pure-profile x leaf work when building a strategic form.
const maxWork = 50_000_000

// Strategic is the (unreduced) strategic form of a two-player tree: a pure
// strategy picks one action at each of the player's information sets.
type Strategic struct {
	Table *game.Table
	// consistent[p][s][σ] reports whether pure strategy s of player p
	// plays every move of sequence σ.
	consistent [2][][]bool
}

// Strategic builds the strategic form, refusing trees whose pure-profile
// count times leaf count exceeds maxWork.
func (f *Form) Strategic() (*Strategic, error) {
	var st Strategic
	counts := [2]int{}
	for p := 0; p < 2; p++ {
		pl := &f.P[p]
		n := 1
		for _, s := range pl.Infosets {
			n *= len(f.Tree.Infosets[s].Actions)
			if n > maxWork {
				return nil, ErrTooLarge
			}
		}
		counts[p] = n
		st.consistent[p] = make([][]bool, n)
		choice := make([]int, len(pl.Infosets))
		for s := 0; s < n; s++ {
			c := make([]bool, pl.NumSeq)
			c[0] = true
			// Infosets come in order of first appearance, so a parent
			// sequence's infoset precedes its children's.
			for k := range pl.Infosets {
				c[pl.Base[k]+choice[k]] = c[pl.Parent[k]]
			}
			st.consistent[p][s] = c
			for k := range choice { // next strategy, first infoset fastest
				choice[k]++
				if choice[k] < len(f.Tree.Infosets[pl.Infosets[k]].Actions) {
					break
				}
				choice[k] = 0
			}
		}
	}
	if counts[0]*counts[1] > maxWork/max(1, len(f.Leaves)) {
		return nil, ErrTooLarge
	}
	labels := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = strconv.Itoa(i + 1)
		}
		return out
	}
	t := game.NewTable(f.Tree.Title, f.Tree.Players, [][]string{labels(counts[0]), labels(counts[1])})
	var w big.Rat
	for i := 0; i < counts[0]; i++ {
		for j := 0; j < counts[1]; j++ {
			pay := []*big.Rat{new(big.Rat), new(big.Rat)}
			for _, l := range f.Leaves {
				if st.consistent[0][i][l.Seq[0]] && st.consistent[1][j][l.Seq[1]] {
					for p := 0; p < 2; p++ {
						w.Mul(l.Chance, l.Pay[p])
						pay[p].Add(pay[p], &w)
					}
				}
			}
			t.SetPayoffs([]int{i, j}, pay)
		}
	}
	st.Table = t
	return &st, nil
}

// Plans converts a mixed profile of the strategic form into realization
// plans: the weight of a sequence is the probability of the pure strategies
// that play it.
func (st *Strategic) Plans(m game.MixedProfile) [2][]*big.Rat {
	var out [2][]*big.Rat
	var w big.Rat
	for p := 0; p < 2; p++ {
		out[p] = make([]*big.Rat, len(st.consistent[p][0]))
		for i := range out[p] {
			out[p][i] = new(big.Rat)
		}
		for s, c := range st.consistent[p] {
			if m[p][s].Sign() == 0 {
				continue
			}
			for i, ok := range c {
				if ok {
					w.Set(m[p][s])
					out[p][i].Add(out[p][i], &w)
				}
			}
		}
	}
	return out
}
