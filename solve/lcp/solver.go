package lcp

import (
	"context"
	"errors"
	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/internal/bimat"
	"github.com/guarantor/guarantor/solve/internal/seqform"
	"github.com/guarantor/guarantor/solve/internal/seqlemke"
)

// Solver is gambit-lcp as a solve.Solver: on a two-player table every
// equilibrium reachable by Lemke-Howson paths, on a two-player tree one
// equilibrium from the sequence form.
type Solver struct {
	// Workers bounds the parallel Lemke-Howson paths (0: GOMAXPROCS).
	Workers int
	// Prior selects the sequence-form prior on trees (Options.Prior).
	Prior string
}

var _ solve.Solver = Solver{}

// Solve implements solve.Solver. With opt.MaxEquilibria = n it stops after
// n equilibria and returns solve.ErrLimit beside them when it stopped early.
func (s Solver) Solve(ctx context.Context, g game.Game, opt solve.Options) ([]solve.Equilibrium, error) {
	switch x := g.(type) {
	case *game.Table:
		if err := x.Validate(); err != nil {
			return nil, err
		}
		if x.NumPlayers() != 2 {
			return nil, fmt.Errorf("%w: lcp needs a two-player game, this one has %d players", solve.ErrUnsupported, x.NumPlayers())
		}
		o := Options{Count: opt.MaxEquilibria, Workers: s.Workers, MemoryLimit: opt.Memory()}
		if opt.Progress != nil {
			o.Progress = func(found int) { opt.Progress(solve.Progress{Stage: "Lemke-Howson paths", Found: found}) }
		}
		eqs, err := SolveTable(ctx, x, o)
		if err != nil {
			err = mapError(err)
		}
		out := make([]solve.Equilibrium, len(eqs))
		for i, e := range eqs {
			out[i] = solve.Equilibrium{Mixed: e, Exact: true}
		}
		if err == nil && opt.MaxEquilibria > 0 && len(eqs) >= opt.MaxEquilibria {
			err = solve.ErrLimit
		}
		return out, err
	case *game.Tree:
		if x.NumPlayers() != 2 {
			return nil, fmt.Errorf("%w: lcp needs a two-player game, this one has %d players", solve.ErrUnsupported, x.NumPlayers())
		}
		bs, err := SolveTree(ctx, x, Options{Count: 1, Workers: s.Workers, Prior: s.Prior, MemoryLimit: opt.Memory()})
		if err != nil {
			return nil, mapError(err)
		}
		out := make([]solve.Equilibrium, len(bs))
		for i, b := range bs {
			out[i] = solve.Equilibrium{Behavior: b, Exact: true}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: lcp does not accept %T", solve.ErrUnsupported, g)
}

// mapError turns this package's and its helpers' errors into the solve
// package's sentinels, keeping the detail.
func mapError(err error) error {
	switch {
	case errors.Is(err, game.ErrImperfectRecall):
		return solve.ErrImperfectRecall
	case errors.Is(err, seqform.ErrTooLarge), errors.Is(err, seqlemke.ErrTooLarge), errors.Is(err, errTooManyStates):
		return errors.Join(solve.ErrTooLarge, err)
	case errors.Is(err, bimat.ErrNotTwoPlayer), errors.Is(err, seqform.ErrNotTwoPlayer):
		return errors.Join(solve.ErrUnsupported, err)
	}
	return err
}
