package enummixed

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/guarantor/guarantor/solve/internal/intpiv"
)

// ErrTooLarge reports an enumeration stopped by the memory limit.
var ErrTooLarge = errors.New("enummixed: too many vertices for the memory limit")

// vertex is a vertex of a best-response polytope: the normalised mixed
// strategy it stands for and the set of labels (pure strategies that are
// unused or best responses) it carries.
type vertex struct {
	mixed  []*big.Rat
	labels []uint64
}

// polytope describes one best-response polytope as a tableau whose first
// dim variables are the strategy coordinates and whose variable v carries
// label labelOf[v].
type polytope struct {
	tab     *intpiv.Tableau
	lex     []int
	dim     int
	labelOf []int
	words   int
}

// vertices lists the nonzero vertices of the polytope by depth-first search
// over lexicographically feasible bases. Every lex-feasible basis has exactly
// one lex-feasible neighbour per entering column with a positive entry (the
// perturbed polytope is simple and bounded), and the graph of those bases is
// connected, so the search reaches every vertex. Only one tableau is kept:
// integer pivoting is exactly reversible, so backtracking pivots back
// instead of storing copies, and a neighbour is pivoted to only when its
// basis has not been seen.
//
// On cancellation, or when the bases and vertices kept would pass
// memLimit bytes (0: no limit), it returns the vertices found so far with
// the error.
func (pt *polytope) vertices(ctx context.Context, memLimit int64) ([]vertex, error) {
	t := pt.tab.Clone()
	words := (t.Vars + 63) / 64
	basis := make([]uint64, words)
	for v := 0; v < t.Vars; v++ {
		if t.RowOf(v) >= 0 {
			basis[v/64] |= 1 << (v % 64)
		}
	}
	seenBasis := map[string]bool{maskKey(basis): true}
	seenVertex := map[string]bool{}
	var out []vertex
	// mem tallies what the maps and the list keep: a basis key and its map
	// slot, and per vertex its key, rationals and label set.
	var mem int64
	visit := func() {
		if v, key, ok := pt.read(t); ok && !seenVertex[key] {
			seenVertex[key] = true
			out = append(out, v)
			mem += int64(2*len(key) + 64*pt.dim + 8*pt.words + 96)
		}
	}
	visit()
	type frame struct{ row, back, next int }
	stack := []frame{{row: -1}}
	for steps := 0; len(stack) > 0; steps++ {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		if memLimit > 0 && mem > memLimit {
			return out, fmt.Errorf("%w: %d vertices and %d bases kept, about %d bytes, over the limit of %d", ErrTooLarge, len(out), len(seenBasis), mem, memLimit)
		}
		f := &stack[len(stack)-1]
		if f.next == t.Vars {
			if f.row >= 0 {
				entered := t.Basic(f.row)
				t.Pivot(f.row, f.back)
				basis[entered/64] &^= 1 << (entered % 64)
				basis[f.back/64] |= 1 << (f.back % 64)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		c := f.next
		f.next++
		if t.RowOf(c) >= 0 {
			continue
		}
		r := t.LexMinRatio(c, pt.lex)
		if r < 0 {
			continue
		}
		l := t.Basic(r)
		basis[l/64] &^= 1 << (l % 64)
		basis[c/64] |= 1 << (c % 64)
		key := maskKey(basis)
		if seenBasis[key] {
			basis[c/64] &^= 1 << (c % 64)
			basis[l/64] |= 1 << (l % 64)
			continue
		}
		seenBasis[key] = true
		mem += int64(len(key) + 48)
		t.Pivot(r, c)
		visit()
		stack = append(stack, frame{row: r, back: l})
	}
	return out, nil
}

// read extracts the vertex of the current basis; ok is false at the origin.
func (pt *polytope) read(t *intpiv.Tableau) (vertex, string, bool) {
	v := vertex{labels: make([]uint64, pt.words)}
	for j := 0; j < t.Vars; j++ {
		if r := t.RowOf(j); r < 0 || t.Sign(r, t.Vars) == 0 {
			l := pt.labelOf[j]
			v.labels[l/64] |= 1 << (l % 64)
		}
	}
	sum := new(big.Rat)
	v.mixed = make([]*big.Rat, pt.dim)
	for i := range v.mixed {
		v.mixed[i] = t.Value(i)
		sum.Add(sum, v.mixed[i])
	}
	if sum.Sign() == 0 {
		return v, "", false
	}
	var sb strings.Builder
	for _, x := range v.mixed {
		x.Quo(x, sum)
		sb.WriteString(x.RatString())
		sb.WriteByte(',')
	}
	return v, sb.String(), true
}
