package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// EnumPure finds every pure-strategy Nash equilibrium, like gambit-enumpure.
//
// On a table it walks all cells. On a tree it works on the reduced
// strategic form (Tree.ReducedForm) and returns behaviour profiles in which
// infosets the player's own choices make unreachable are unspecified (nil
// rows, which Gambit 17 prints as zeros). With Agent set, a tree is solved
// in its agent form instead (gambit-enumpure -A): every information set is
// an agent, and a pure behaviour profile is an equilibrium when no single
// infoset's change of action improves its player's payoff. Agent-form
// equilibria are complete profiles and need not be Nash equilibria; check
// them with AgentRegret.
//
// Equilibria come in Gambit's order: by cell with player 1's strategy
// changing fastest; in agent form by profile with the last infoset of the
// last player changing fastest.
type EnumPure struct {
	Agent bool
}

// Solve implements Solver.
func (e EnumPure) Solve(ctx context.Context, g game.Game, opt Options) ([]Equilibrium, error) {
	switch x := g.(type) {
	case *game.Table:
		if err := x.Validate(); err != nil {
			return nil, err
		}
		var out []Equilibrium
		prof := make([]int, x.NumPlayers())
		err := PureEquilibria(ctx, x, opt, func(cell int) {
			x.Profile(cell, prof)
			out = append(out, Equilibrium{Mixed: pureMixed(x, prof), Exact: true})
		})
		return out, err
	case *game.Tree:
		if e.Agent {
			return agentEquilibria(ctx, x, opt)
		}
		return treePure(ctx, x, opt)
	}
	return nil, unsupported("enumpure", g)
}

func treePure(ctx context.Context, t *game.Tree, opt Options) ([]Equilibrium, error) {
	if t.PerfectRecall() != nil {
		return nil, ErrImperfectRecall
	}
	rf, err := t.ReducedFormContext(ctx, MaxCells)
	if err != nil {
		if errors.Is(err, game.ErrTooManyCells) {
			return nil, fmt.Errorf("%w: %w", ErrTooLarge, err)
		}
		return nil, err
	}
	var out []Equilibrium
	prof := make([]int, t.NumPlayers())
	err = PureEquilibria(ctx, rf.Table, opt, func(cell int) {
		rf.Table.Profile(cell, prof)
		out = append(out, Equilibrium{Behavior: rf.Behavior(prof), Exact: true})
	})
	return out, err
}

func pureMixed(t *game.Table, prof []int) game.MixedProfile {
	m := make(game.MixedProfile, len(prof))
	for p, s := range prof {
		m[p] = make([]*big.Rat, t.NumStrategies(p))
		for i := range m[p] {
			m[p][i] = new(big.Rat)
		}
		m[p][s].SetInt64(1)
	}
	return m
}

// PureEquilibria calls found with the cell index of every pure Nash
// equilibrium of t, in cell order. It stops after opt.MaxEquilibria (with
// ErrLimit, once a further equilibrium proves there are more) or when ctx
// ends (with ctx.Err()).
//
// Each player's best payoff against each profile of the others is computed
// once (one pass over the cells per player), so a cell is an equilibrium
// when every player's payoff there equals that best value: O(cells x
// players) in all. Comparisons run in float64; when some payoff is not
// exactly a float64 (1/3, 0.1), cells within a tolerance of the best are
// confirmed with exact rationals.
func PureEquilibria(ctx context.Context, t *game.Table, opt Options, found func(cell int)) error {
	n := t.NumPlayers()
	pay, exact := floatPayoffs(t)
	shape := t.Shape()
	cells := len(t.Cells)
	best := make([][]float64, n)
	stride := 1
	tol := 0.0
	if !exact {
		tol = tolerance(pay)
	}
	for p := 0; p < n; p++ {
		best[p] = bestReplies(pay[p], stride, shape[p], cells)
		stride *= shape[p]
	}
	pr := newProgress(ctx, opt, "cells", int64(cells))
	count := 0
	for c := 0; c < cells; c++ {
		if c&4095 == 0 {
			if err := pr.check(int64(c), count); err != nil {
				return err
			}
		}
		if !isCandidate(pay, best, shape, c, tol) {
			continue
		}
		if !exact && !confirmPure(t, c) {
			continue
		}
		if opt.MaxEquilibria > 0 && count == opt.MaxEquilibria {
			return ErrLimit
		}
		count++
		found(c)
	}
	pr.finish(int64(cells), count)
	return nil
}

// floatPayoffs returns the payoffs as float64 and whether every one of
// them converted exactly.
func floatPayoffs(t *game.Table) ([][]float64, bool) {
	np := t.NumPlayers()
	exact := true
	conv := make([]float64, len(t.Outcomes)*np)
	for o := range t.Outcomes {
		for p, r := range t.Outcomes[o].Payoffs {
			f, ok := ratToFloat(r)
			conv[o*np+p] = f
			exact = exact && ok
		}
	}
	out := make([][]float64, np)
	for p := range out {
		out[p] = make([]float64, len(t.Cells))
		for c, o := range t.Cells {
			if o != game.None {
				out[p][c] = conv[int(o)*np+p]
			}
		}
	}
	return out, exact
}

// ratToFloat converts without allocating for integers below 2^53 (the
// usual payoffs) and reports whether the conversion is exact.
func ratToFloat(r *big.Rat) (float64, bool) {
	if r.IsInt() && r.Num().IsInt64() {
		if x := r.Num().Int64(); x < 1<<53 && x > -(1<<53) {
			return float64(x), true
		}
	}
	return r.Float64()
}

// relTol is the relative tolerance below which a float comparison between
// two payoffs is not trusted and the exact values decide; float64 rounding
// of a single conversion is 2^-53 relative, far below it.
const relTol = 1e-9

func tolerance(pay [][]float64) float64 {
	m := 0.0
	for _, row := range pay {
		for _, v := range row {
			m = math.Max(m, math.Abs(v))
		}
	}
	return relTol * math.Max(m, 1)
}

// bestReplies returns, for each profile of the others (the cell index with
// this player's digit removed), the best payoff over the player's k
// strategies. stride is the product of the earlier players' counts.
func bestReplies(pay []float64, stride, k, cells int) []float64 {
	best := make([]float64, cells/k)
	block := stride * k
	for b := 0; b < cells/block; b++ {
		dst := best[b*stride : b*stride+stride]
		copy(dst, pay[b*block:b*block+stride])
		for s := 1; s < k; s++ {
			src := pay[b*block+s*stride : b*block+s*stride+stride]
			for a, v := range src {
				if v > dst[a] {
					dst[a] = v
				}
			}
		}
	}
	return best
}

func isCandidate(pay, best [][]float64, shape []int, c int, tol float64) bool {
	stride := 1
	for p, k := range shape {
		a := c % stride
		b := c / (stride * k)
		if pay[p][c] < best[p][a+b*stride]-tol {
			return false
		}
		stride *= k
	}
	return true
}

// confirmPure checks exactly that no player gains by a pure deviation from
// cell c.
func confirmPure(t *game.Table, c int) bool {
	stride := 1
	for p, k := range t.Shape() {
		s := (c / stride) % k
		v := t.Payoff(c, p)
		for d := 0; d < k; d++ {
			if d != s && t.Payoff(c+(d-s)*stride, p).Cmp(v) > 0 {
				return false
			}
		}
		stride *= k
	}
	return true
}
