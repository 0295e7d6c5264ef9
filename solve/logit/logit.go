package logit

import (
	"context"
	"math"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// Options tune the continuation.
type Options struct {
	// MaxLambda ends the branch (0: DefaultMaxLambda).
	MaxLambda float64
	// Branch, if set, receives every accepted point of the branch
	// (gambit-logit without -e prints them all).
	Branch func(Point)
}

func (o Options) maxLambda() float64 {
	if o.MaxLambda > 0 {
		return o.MaxLambda
	}
	return DefaultMaxLambda
}

// SolveTable follows the logit branch of an n-player table and returns its
// end point as a mixed profile (float values converted exactly to
// rationals; the profile is an approximate equilibrium).
func SolveTable(ctx context.Context, t *game.Table, opt Options) (game.MixedProfile, error) {
	m := newTableModel(t)
	end, err := newTracer(m, maxSpread(m.pay)).trace(ctx, opt.maxLambda(), opt.Branch)
	if err != nil {
		return nil, err
	}
	return m.mixed(end.Probs), nil
}

// mixed splits a flat profile into per-player rows.
func (m *tableModel) mixed(p []float64) game.MixedProfile {
	out := make(game.MixedProfile, len(m.blk))
	for pl, b := range m.blk {
		out[pl] = ratRow(p[b[0]:b[1]])
	}
	return out
}

// ratRow converts a block of probabilities to rationals that sum to one
// exactly (the float64 sum is only within rounding of one), so the profile
// passes exact validity checks.
func ratRow(p []float64) []*big.Rat {
	row := make([]*big.Rat, len(p))
	sum := new(big.Rat)
	for i, v := range p {
		row[i] = new(big.Rat).SetFloat64(v)
		sum.Add(sum, row[i])
	}
	if sum.Sign() > 0 {
		for _, r := range row {
			r.Quo(r, sum)
		}
	}
	return row
}

// maxSpread is the largest range (max - min) of one player's payoffs, given
// per player; it sets the lambda past which the branch counts as settled.
func maxSpread(pay [][]float64) float64 {
	spread := 0.0
	for _, row := range pay {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range row {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		if hi > lo {
			spread = math.Max(spread, hi-lo)
		}
	}
	return spread
}
