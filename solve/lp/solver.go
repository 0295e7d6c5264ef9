package lp

import (
	"context"
	"errors"
	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/internal/seqlemke"
)

// Solver is gambit-lp as a solve.Solver: one exact equilibrium (a pair of
// optimal strategies) of a two-player constant-sum table or tree.
type Solver struct {
	// Prior selects the sequence-form prior on trees (TreeOptions.Prior).
	Prior string
}

var _ solve.Solver = Solver{}

// Solve implements solve.Solver. Games that are not two-player constant-sum
// get solve.ErrUnsupported (wrapping ErrNotConstantSum where that is why).
func (s Solver) Solve(ctx context.Context, g game.Game, opt solve.Options) ([]solve.Equilibrium, error) {
	if g.NumPlayers() != 2 {
		return nil, fmt.Errorf("%w: lp needs a two-player game, this one has %d players", solve.ErrUnsupported, g.NumPlayers())
	}
	switch x := g.(type) {
	case *game.Table:
		if err := x.Validate(); err != nil {
			return nil, err
		}
		m, err := SolveTable(ctx, x)
		if err != nil {
			return nil, mapError(err)
		}
		return []solve.Equilibrium{{Mixed: m, Exact: true}}, nil
	case *game.Tree:
		b, err := SolveTree(ctx, x, TreeOptions{Prior: s.Prior, MemoryLimit: opt.Memory()})
		if err != nil {
			return nil, mapError(err)
		}
		return []solve.Equilibrium{{Behavior: b, Exact: true}}, nil
	}
	return nil, fmt.Errorf("%w: lp does not accept %T", solve.ErrUnsupported, g)
}

func mapError(err error) error {
	switch {
	case errors.Is(err, game.ErrImperfectRecall):
		return solve.ErrImperfectRecall
	case errors.Is(err, seqlemke.ErrTooLarge):
		return errors.Join(solve.ErrTooLarge, err)
	case errors.Is(err, ErrNotConstantSum):
		// One line ("…: the lp method needs…"); errors.Join printed two.
		return fmt.Errorf("%w: %w", solve.ErrUnsupported, err)
	}
	return err
}
