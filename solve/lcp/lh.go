package lcp

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"strings"
	"sync"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/bimat"
	"github.com/guarantor/guarantor/solve/internal/intpiv"
)

// Options tune the strategic-form search.
type Options struct {
	// Count stops the search after this many equilibria (0: all reachable).
	Count int
	// Workers bounds the parallel paths (0: GOMAXPROCS).
	Workers int
	// Progress, if set, is called with the number of equilibria found so far
	// after every round of paths.
	Progress func(found int)
	// Prior names the sequence-form prior on trees ("", "auto", "last",
	// "first", "centroid", "generic"; see docs/solvers-mixed.md).
	Prior string
	// MemoryLimit bounds in bytes the tableaux held at once (0: none).
	MemoryLimit int64
}

// errUnbounded means a ratio test found no blocking row, which cannot happen
// for the positive payoff matrices built by bimat; it signals a bug.
var errUnbounded = errors.New("lcp: unbounded ray in Lemke-Howson path")

// lhState is a basis of the two best-response polytopes:
//
//	P: B'x + s = 1 (N rows), variables x_0..x_{M-1} then s_0..s_{N-1};
//	Q: Ay + r = 1 (M rows), variables y_0..y_{N-1} then r_0..r_{M-1}.
//
// Label k < M is x_k or r_k (row strategy k), label M+j is y_j or s_j. In P
// variable v carries label v; in Q variable v carries label M+v for v < N
// and v-N otherwise.
type lhState struct {
	p, q *intpiv.Tableau
}

type lhGame struct {
	m, n       int
	lexP, lexQ []int
}

func newLH(mat *bimat.Matrices) (*lhGame, lhState) {
	m, n := mat.M, mat.N
	one := big.NewInt(1)
	pm := make([][]*big.Int, n)
	basisP := make([]int, n)
	for j := 0; j < n; j++ {
		row := make([]*big.Int, m+n+1)
		for i := 0; i < m; i++ {
			row[i] = mat.B[i][j]
		}
		for k := 0; k < n; k++ {
			row[m+k] = new(big.Int)
		}
		row[m+j] = one
		row[m+n] = one
		pm[j] = row
		basisP[j] = m + j
	}
	qm := make([][]*big.Int, m)
	basisQ := make([]int, m)
	for i := 0; i < m; i++ {
		row := make([]*big.Int, m+n+1)
		for j := 0; j < n; j++ {
			row[j] = mat.A[i][j]
		}
		for k := 0; k < m; k++ {
			row[n+k] = new(big.Int)
		}
		row[n+i] = one
		row[m+n] = one
		qm[i] = row
		basisQ[i] = n + i
	}
	g := &lhGame{m: m, n: n, lexP: basisP, lexQ: basisQ}
	// The lexicographic rule (follow's fallback when the plain ratio test
	// cycles) breaks ties by the slack columns from last to first; of the
	// lexicographic orders, this one agrees with gambit-lcp most often
	// (41 of Gambit's 44 two-player tables on its own).
	g.lexP, g.lexQ = rev(basisP), rev(basisQ)
	return g, lhState{p: intpiv.New(pm, m+n, basisP), q: intpiv.New(qm, m+n, basisQ)}
}

func (g *lhGame) labelQ(v int) int {
	if v < g.n {
		return g.m + v
	}
	return v - g.n
}

func (g *lhGame) varQ(label int) int {
	if label < g.m {
		return g.n + label
	}
	return label - g.m
}

// follow runs the path dropping label k from a copy of src: first with the
// plain minimum ratio test, ties going to the first row (the textbook rule,
// which reaches gambit-lcp's equilibria on 42 of Gambit's 44 tables, against
// 41 for any lexicographic order tried); in a degenerate game that rule can
// cycle, and a path that returns to a basis pair is run again from src with
// the lexicographic rule, which cannot.
func (g *lhGame) follow(ctx context.Context, src lhState, k int) (lhState, error) {
	s := lhState{src.p.Clone(), src.q.Clone()}
	err := g.path(ctx, s, k, false)
	if errors.Is(err, errCycle) {
		// src itself came from plain paths and need not be
		// lexicographically feasible, so the lexicographic rule is
		// watched for cycles too; a path that cycles both ways is
		// dropped (errCycle), like a path back to the artificial
		// equilibrium.
		s = lhState{src.p.Clone(), src.q.Clone()}
		err = g.path(ctx, s, k, true)
	}
	return s, err
}

// errCycle: a path without lexicographic tie-breaking came back to a basis.
var errCycle = errors.New("lcp: Lemke-Howson path cycled")

// zobrist is a fixed pseudo-random value per variable; the XOR over the
// basic variables of both tableaux identifies a basis pair (for cycle
// detection, updated in O(1) per pivot).
func zobrist(v int, q bool) uint64 {
	x := uint64(v)*2 + 1
	if q {
		x += 1 << 40
	}
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// path follows the Lemke-Howson path that drops label k from state s (which
// it modifies). Each pivot moves to an adjacent almost-completely-labelled
// vertex pair. With lexicographic pivoting (lex) from a lexicographically
// feasible basis the path is a simple path in a finite graph and so ends at
// a completely labelled pair; without, or from another basis, a degenerate
// game can make it cycle, which is detected (errCycle) by a hash of the
// basis pair.
func (g *lhGame) path(ctx context.Context, s lhState, k int, lex bool) error {
	lexP, lexQ := g.lexP, g.lexQ
	if !lex {
		lexP, lexQ = nil, nil
	}
	seen := map[uint64]bool{}
	var h uint64
	for v := 0; v < g.m+g.n; v++ {
		if s.p.RowOf(v) >= 0 {
			h ^= zobrist(v, false)
		}
		if s.q.RowOf(v) >= 0 {
			h ^= zobrist(v, true)
		}
	}
	inP := s.p.RowOf(k) < 0 // the label-k variable that is zero enters
	enter := k
	if !inP {
		enter = g.varQ(k)
	}
	for steps := 0; ; steps++ {
		// Every pivot: on a large game (600x600, in math/big) one pivot
		// takes longer than a timeout may allow for the whole run.
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var label int
		if inP {
			r := s.p.LexMinRatio(enter, lexP)
			if r < 0 {
				return errUnbounded
			}
			left := s.p.Pivot(r, enter)
			h ^= zobrist(left, false) ^ zobrist(enter, false)
			label = left
		} else {
			r := s.q.LexMinRatio(enter, lexQ)
			if r < 0 {
				return errUnbounded
			}
			left := s.q.Pivot(r, enter)
			h ^= zobrist(left, true) ^ zobrist(enter, true)
			label = g.labelQ(left)
		}
		if label == k {
			return nil
		}
		if seen[h] {
			return errCycle
		}
		seen[h] = true
		// The complement of the leaving variable enters in the other polytope.
		inP = !inP
		if inP {
			enter = label
		} else {
			enter = g.varQ(label)
		}
	}
}

// profile reads the normalised mixed profile of a completely labelled state;
// ok is false at the artificial equilibrium (0, 0).
func (g *lhGame) profile(s lhState) (game.MixedProfile, bool) {
	x := normalise(s.p, 0, g.m)
	y := normalise(s.q, 0, g.n)
	if x == nil || y == nil {
		return nil, false
	}
	return game.MixedProfile{x, y}, true
}

func normalise(t *intpiv.Tableau, from, k int) []*big.Rat {
	out := make([]*big.Rat, k)
	sum := new(big.Rat)
	for i := range out {
		out[i] = t.Value(from + i)
		sum.Add(sum, out[i])
	}
	if sum.Sign() == 0 {
		return nil
	}
	for _, v := range out {
		v.Quo(v, sum)
	}
	return out
}

func profileKey(p game.MixedProfile) string {
	var sb strings.Builder
	for _, row := range p {
		for _, v := range row {
			sb.WriteString(v.RatString())
			sb.WriteByte(',')
		}
		sb.WriteByte(';')
	}
	return sb.String()
}

// SolveTable returns the equilibria of a two-player table reachable by
// Lemke-Howson paths: every label is dropped from the artificial equilibrium
// and then from every equilibrium found, until no new equilibrium appears
// (or opt.Count are found). The order is deterministic: breadth-first, then
// by label.
func SolveTable(ctx context.Context, t *game.Table, opt Options) ([]game.MixedProfile, error) {
	mat, err := bimat.FromTable(t)
	if err != nil {
		return nil, err
	}
	g, start := newLH(mat)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	labels := g.m + g.n
	if opt.Count == 1 {
		// The first equilibrium is the end of the path dropping label 1,
		// as with a single Lemke-Howson run.
		s, err := g.follow(ctx, start, 0)
		if err != nil {
			return nil, err
		}
		p, _ := g.profile(s)
		return []game.MixedProfile{p}, nil
	}
	// Each path ends in a state of two tableaux. A round keeps the states
	// of a chunk of paths at once (a few per worker: enough to keep them
	// busy) and the states of the new equilibria, the next frontier; both
	// are bounded by the memory limit, measured on the states themselves
	// (entries grow once a tableau moves to math/big). Chunks run in
	// order, so the result does not depend on the chunk size.
	stateBytes := start.p.Bytes() + start.q.Bytes()
	if opt.MemoryLimit > 0 && stateBytes > opt.MemoryLimit {
		return nil, fmt.Errorf("%w: a Lemke-Howson state of a %dx%d game needs about %d bytes, over the limit of %d", errTooManyStates, g.m, g.n, stateBytes, opt.MemoryLimit)
	}
	chunk := 4 * workers
	if opt.MemoryLimit > 0 {
		chunk = int(max(1, min(opt.MemoryLimit/(2*stateBytes), int64(chunk))))
	}
	seen := map[string]bool{}
	var found []game.MixedProfile
	frontier := []lhState{start}
	for len(frontier) > 0 {
		total := len(frontier) * labels
		var next []lhState
		for lo := 0; lo < total; lo += chunk {
			hi := min(lo+chunk, total)
			results := make([]lhState, hi-lo)
			errs := make([]error, len(results))
			jobs := make(chan int)
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for idx := range jobs {
						if ctx.Err() != nil {
							errs[idx] = ctx.Err()
							continue
						}
						results[idx], errs[idx] = g.follow(ctx, frontier[(lo+idx)/labels], (lo+idx)%labels)
					}
				}()
			}
			for idx := range results {
				jobs <- idx
			}
			close(jobs)
			wg.Wait()
			if opt.MemoryLimit > 0 && len(results) > 0 && errs[0] == nil {
				stateBytes = max(stateBytes, results[0].p.Bytes()+results[0].q.Bytes())
			}
			for idx, s := range results {
				if errors.Is(errs[idx], errCycle) {
					continue
				}
				if errs[idx] != nil {
					return found, errs[idx]
				}
				p, ok := g.profile(s)
				if !ok {
					continue
				}
				key := profileKey(p)
				if seen[key] {
					continue
				}
				seen[key] = true
				found = append(found, p)
				next = append(next, s)
				if opt.MemoryLimit > 0 && int64(len(next)+chunk)*stateBytes > opt.MemoryLimit {
					return found, fmt.Errorf("%w: the states of %d equilibria to restart from need about %d bytes, over the limit of %d", errTooManyStates, len(next), int64(len(next)+chunk)*stateBytes, opt.MemoryLimit)
				}
				if opt.Count > 0 && len(found) >= opt.Count {
					return found, nil
				}
			}
		}
		if opt.Progress != nil {
			opt.Progress(len(found))
		}
		frontier = next
	}
	return found, nil
}

// errTooManyStates: one Lemke-Howson state does not fit the memory limit.
var errTooManyStates = errors.New("lcp: game too large for the memory limit")

func rev(a []int) []int {
	out := make([]int, len(a))
	for i, v := range a {
		out[len(a)-1-i] = v
	}
	return out
}
