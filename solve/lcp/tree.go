package lcp

import (
	"context"
	"errors"
	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/seqform"
	"github.com/guarantor/guarantor/solve/internal/seqlemke"
)

// SolveTree finds one equilibrium of a two-player tree with perfect recall
// by Lemke's algorithm on the sequence form (solve/internal/seqlemke) and
// returns it as a behaviour profile in Gambit's layout (information sets the
// player's own moves exclude get the centroid). Should that run fail (it
// has not on any test game), it falls back to Lemke-Howson on the tree's
// strategic form, which is exponential in the number of information sets
// and refused beyond seqform's size bound.
func SolveTree(ctx context.Context, t *game.Tree, opt Options) ([]game.BehaviorProfile, error) {
	if err := t.PerfectRecall(); err != nil {
		return nil, game.ErrImperfectRecall
	}
	f, err := seqform.New(t)
	if err != nil {
		return nil, err
	}
	prior, err := seqlemke.ParsePrior(opt.Prior)
	if err != nil {
		return nil, err
	}
	plans, err := seqlemke.Solve(ctx, f, seqlemke.Options{Prior: prior, MemoryLimit: opt.MemoryLimit})
	if err == nil {
		return []game.BehaviorProfile{f.Behavior(plans)}, nil
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
	if opt.Count == 0 {
		opt.Count = 1
	}
	eqs, err := SolveTable(ctx, st.Table, opt)
	if err != nil {
		return nil, err
	}
	out := make([]game.BehaviorProfile, 0, len(eqs))
	seen := map[string]bool{}
	for _, e := range eqs {
		b := f.Behavior(st.Plans(e))
		k := behaviorKey(b)
		if !seen[k] {
			seen[k] = true
			out = append(out, b)
		}
	}
	return out, nil
}

func behaviorKey(b game.BehaviorProfile) string {
	var s []byte
	for _, p := range b {
		for _, row := range p {
			for _, v := range row {
				s = append(s, v.RatString()...)
				s = append(s, ',')
			}
			s = append(s, ';')
		}
	}
	return string(s)
}
