package enummixed

import (
	"context"
	"encoding/binary"
	"math/big"
	"math/bits"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/bimat"
	"github.com/guarantor/guarantor/solve/internal/intpiv"
)

// Options tune the enumeration.
type Options struct {
	// Count stops after this many equilibria (0: all).
	Count int
	// MemoryLimit bounds, in bytes, the vertices and bases the enumeration
	// keeps, per player (0: no limit).
	MemoryLimit int64
}

// SolveTable returns every extreme equilibrium of a two-player table, each
// once, ordered by the row player's vertex and then the column player's.
// When the context ends or the memory limit is reached it returns, with the
// error, the equilibria among the vertices found so far (each a genuine
// extreme equilibrium; the list is incomplete).
func SolveTable(ctx context.Context, t *game.Table, opt Options) ([]game.MixedProfile, error) {
	mat, err := bimat.FromTable(t)
	if err != nil {
		return nil, err
	}
	m, n := mat.M, mat.N
	words := (m + n + 63) / 64
	// P: B'x + s = 1, variables x_0..x_{m-1} (labels 0..m-1) and s_j (label m+j).
	p := build(mat.B, true, m, n)
	p.words = words
	// Q: Ay + r = 1, variables y_0..y_{n-1} (labels m+j) and r_i (label i).
	q := build(mat.A, false, n, m)
	for j := 0; j < n; j++ {
		q.labelOf[j] = m + j
	}
	for i := 0; i < m; i++ {
		q.labelOf[n+i] = i
	}
	q.words = words
	var vq []vertex
	var errQ error
	done := make(chan struct{})
	go func() {
		defer close(done)
		vq, errQ = q.vertices(ctx, opt.MemoryLimit)
	}()
	vp, errP := p.vertices(ctx, opt.MemoryLimit)
	<-done
	err = errP
	if err == nil {
		err = errQ
	}
	full := make([]uint64, words)
	for l := 0; l < m+n; l++ {
		full[l/64] |= 1 << (l % 64)
	}
	return pair(vp, vq, full, n, opt.Count), err
}

// pair lists the complementary vertex pairs. A vertex y of Q carries at
// least n labels; when it carries exactly n (it is nondegenerate) it can
// only pair with an x whose missing labels are exactly y's, so those
// vertices are found by hashing their label sets, and only degenerate
// vertices (or partners of degenerate x) are scanned.
func pair(vp, vq []vertex, full []uint64, n, count int) []game.MixedProfile {
	simple := map[string][]int{}
	var degenerate []int
	for k, y := range vq {
		if popcount(y.labels) == n {
			key := maskKey(y.labels)
			simple[key] = append(simple[key], k)
		} else {
			degenerate = append(degenerate, k)
		}
	}
	var out []game.MixedProfile
	need := make([]uint64, len(full))
	for _, x := range vp {
		for w := range full {
			need[w] = full[w] &^ x.labels[w]
		}
		var cands []int
		if popcount(need) == n {
			cands = append(append(cands, simple[maskKey(need)]...), degenerate...)
		} else {
			cands = allIndices(len(vq))
		}
		for _, k := range cands {
			y := vq[k]
			if !covers(x.labels, y.labels, full) {
				continue
			}
			out = append(out, game.MixedProfile{copyRats(x.mixed), copyRats(y.mixed)})
			if count > 0 && len(out) >= count {
				return out
			}
		}
	}
	return out
}

func popcount(m []uint64) int {
	c := 0
	for _, w := range m {
		c += bits.OnesCount64(w)
	}
	return c
}

func maskKey(m []uint64) string {
	b := make([]byte, 0, 8*len(m))
	for _, w := range m {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return string(b)
}

func allIndices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func covers(a, b, full []uint64) bool {
	for w := range full {
		if a[w]|b[w] != full[w] {
			return false
		}
	}
	return true
}

func copyRats(v []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(v))
	for i, x := range v {
		out[i] = new(big.Rat).Set(x)
	}
	return out
}

// build makes the tableau of {z >= 0 : M'z <= 1} (transposed when
// transpose is set, so that rows are indexed by the other player's
// strategies) with dim coordinates and k constraints.
func build(mat [][]*big.Int, transpose bool, dim, k int) *polytope {
	one := big.NewInt(1)
	rows := make([][]*big.Int, k)
	basis := make([]int, k)
	for r := 0; r < k; r++ {
		row := make([]*big.Int, dim+k+1)
		for c := 0; c < dim; c++ {
			if transpose {
				row[c] = mat[c][r]
			} else {
				row[c] = mat[r][c]
			}
		}
		for c := 0; c < k; c++ {
			row[dim+c] = new(big.Int)
		}
		row[dim+r] = one
		row[dim+k] = one
		rows[r] = row
		basis[r] = dim + r
	}
	labelOf := make([]int, dim+k)
	for v := range labelOf {
		labelOf[v] = v
	}
	return &polytope{tab: intpiv.New(rows, dim+k, basis), lex: basis, dim: dim, labelOf: labelOf}
}
