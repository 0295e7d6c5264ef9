package lp

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/bimat"
	"github.com/guarantor/guarantor/solve/internal/intpiv"
	"github.com/guarantor/guarantor/solve/internal/seqform"
	"github.com/guarantor/guarantor/solve/internal/seqlemke"
)

// ErrNotConstantSum is returned for games whose payoffs do not sum to the
// same constant in every cell.
var ErrNotConstantSum = errors.New("the lp method needs a two-player constant-sum game")

// SolveTable returns one exact equilibrium (a pair of minimax strategies)
// of a two-player constant-sum table.
func SolveTable(ctx context.Context, t *game.Table) (game.MixedProfile, error) {
	if t.NumPlayers() != 2 {
		return nil, bimat.ErrNotTwoPlayer
	}
	if !constantSum(t) {
		return nil, ErrNotConstantSum
	}
	mat, err := bimat.FromTable(t)
	if err != nil {
		return nil, err
	}
	return simplex(ctx, mat.A, mat.M, mat.N)
}

func constantSum(t *game.Table) bool {
	var first *big.Rat
	for c := range t.Cells {
		s := new(big.Rat).Add(t.Payoff(c, 0), t.Payoff(c, 1))
		if first == nil {
			first = s
		} else if s.Cmp(first) != 0 {
			return false
		}
	}
	return true
}

// simplex maximises 1'v over {v >= 0 : A v <= 1}. Variables: v_0..v_{n-1},
// slacks r_0..r_{m-1}, and the objective z (basic on the last row for
// good, z - 1'v = 0; its row never blocks because its entries in improving
// columns are negative).
func simplex(ctx context.Context, a [][]*big.Int, m, n int) (game.MixedProfile, error) {
	rows := make([][]*big.Int, m+1)
	basis := make([]int, m+1)
	vars := n + m + 1
	for i := 0; i <= m; i++ {
		row := make([]*big.Int, vars+1)
		for j := range row {
			row[j] = new(big.Int)
		}
		if i < m {
			for j := 0; j < n; j++ {
				row[j].Set(a[i][j])
			}
			row[n+i].SetInt64(1)
			row[vars].SetInt64(1)
			basis[i] = n + i
		} else {
			for j := 0; j < n; j++ {
				row[j].SetInt64(-1)
			}
			row[n+m].SetInt64(1)
			basis[i] = n + m
		}
		rows[i] = row
	}
	t := intpiv.New(rows, vars, basis)
	lex := basis[:m]
	for steps := 0; ; steps++ {
		if steps&63 == 63 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// Dantzig's rule: the most negative reduced cost enters. The
		// lexicographic ratio test alone guarantees termination.
		enter := -1
		for j := 0; j < n+m; j++ {
			if t.Sign(m, j) < 0 && (enter < 0 || t.Entry(m, j).Cmp(t.Entry(m, enter)) < 0) {
				enter = j
			}
		}
		if enter < 0 {
			break
		}
		r := t.LexMinRatio(enter, lex)
		if r < 0 {
			return nil, errors.New("lp: unbounded (cannot happen with positive payoffs)")
		}
		t.Pivot(r, enter)
	}
	// Column strategy: v / sum v. Row strategy: the duals, the reduced
	// costs of the slack columns in the objective row.
	y := make([]*big.Rat, n)
	sy := new(big.Rat)
	for j := range y {
		y[j] = t.Value(j)
		sy.Add(sy, y[j])
	}
	x := make([]*big.Rat, m)
	sx := new(big.Rat)
	for i := range x {
		x[i] = new(big.Rat).SetFrac(t.Entry(m, n+i), t.Det())
		sx.Add(sx, x[i])
	}
	for _, v := range y {
		v.Quo(v, sy)
	}
	for _, v := range x {
		v.Quo(v, sx)
	}
	return game.MixedProfile{x, y}, nil
}

// TreeOptions tune SolveTree.
type TreeOptions struct {
	// Prior names the sequence-form prior ("", "auto", "last", "first",
	// "centroid", "generic"; see docs/solvers-mixed.md).
	Prior string
	// MemoryLimit bounds the sequence-form run in bytes (0: none).
	MemoryLimit int64
}

// SolveTree returns one exact equilibrium of a two-player constant-sum tree
// with perfect recall, as a behaviour profile.
func SolveTree(ctx context.Context, t *game.Tree, opt TreeOptions) (game.BehaviorProfile, error) {
	if err := t.PerfectRecall(); err != nil {
		return nil, game.ErrImperfectRecall
	}
	f, err := seqform.New(t)
	if err != nil {
		return nil, err
	}
	if !constantSumLeaves(f) {
		return nil, ErrNotConstantSum
	}
	// Every equilibrium of a constant-sum game is a pair of optimal
	// strategies, so the sequence-form Lemke run (polynomial per pivot)
	// answers the LP; the strategic form is the fallback.
	prior, err := seqlemke.ParsePrior(opt.Prior)
	if err != nil {
		return nil, err
	}
	plans, err := seqlemke.Solve(ctx, f, seqlemke.Options{Prior: prior, MemoryLimit: opt.MemoryLimit})
	if err == nil {
		return f.Behavior(plans), nil
	}
	if ctx.Err() != nil || errors.Is(err, seqlemke.ErrTooLarge) {
		return nil, err
	}
	if prior != seqlemke.PriorAuto {
		// A prior chosen by name is run alone: its failure (a pure prior
		// with no feasible start) is the answer, not a reason for the
		// exponential strategic form.
		return nil, fmt.Errorf("prior %q: %w; --prior auto retries with other priors", opt.Prior, err)
	}
	lemkeErr := err
	st, err := f.Strategic()
	if err != nil {
		// Say why the strategic form was needed at all.
		return nil, fmt.Errorf("%w (after sequence-form Lemke: %v)", err, lemkeErr)
	}
	m, err := SolveTable(ctx, st.Table)
	if err != nil {
		return nil, err
	}
	return f.Behavior(st.Plans(m)), nil
}

func constantSumLeaves(f *seqform.Form) bool {
	var first *big.Rat
	for _, l := range f.Leaves {
		s := new(big.Rat).Add(l.Pay[0], l.Pay[1])
		if first == nil {
			first = s
		} else if s.Cmp(first) != 0 {
			return false
		}
	}
	return true
}
