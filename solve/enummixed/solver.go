package enummixed

import (
	"context"
	"errors"
	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve"
)

// Solver is gambit-enummixed as a solve.Solver: every extreme equilibrium
// of a two-player table, exactly. A tree is solved through its reduced
// strategic form (game.Tree.ReducedForm) and, like gambit-enummixed, the
// equilibria are mixed profiles of that reduced form (Equilibrium.Mixed,
// strategies in the ReducedForm's order), not behaviour profiles.
type Solver struct{}

var _ solve.Solver = Solver{}

// Solve implements solve.Solver.
func (Solver) Solve(ctx context.Context, g game.Game, opt solve.Options) ([]solve.Equilibrium, error) {
	var table *game.Table
	switch x := g.(type) {
	case *game.Table:
		if err := x.Validate(); err != nil {
			return nil, err
		}
		table = x
	case *game.Tree:
		if x.NumPlayers() != 2 {
			break
		}
		if x.PerfectRecall() != nil {
			return nil, solve.ErrImperfectRecall
		}
		rf, err := x.ReducedFormContext(ctx, solve.MaxCells)
		if err != nil {
			if errors.Is(err, game.ErrTooManyCells) {
				return nil, errors.Join(solve.ErrTooLarge, err)
			}
			return nil, err
		}
		table = rf.Table
	default:
		return nil, fmt.Errorf("%w: enummixed does not accept %T", solve.ErrUnsupported, g)
	}
	if table == nil || table.NumPlayers() != 2 {
		return nil, fmt.Errorf("%w: enummixed needs a two-player game, this one has %d players", solve.ErrUnsupported, g.NumPlayers())
	}
	eqs, err := SolveTable(ctx, table, Options{Count: opt.MaxEquilibria, MemoryLimit: opt.Memory()})
	if errors.Is(err, ErrTooLarge) {
		err = errors.Join(solve.ErrTooLarge, err)
	}
	if opt.Progress != nil {
		opt.Progress(solve.Progress{Stage: "vertex pairs", Found: len(eqs)})
	}
	out := make([]solve.Equilibrium, len(eqs))
	for i, e := range eqs {
		out[i] = solve.Equilibrium{Mixed: e, Exact: true}
	}
	if err == nil && opt.MaxEquilibria > 0 && len(eqs) >= opt.MaxEquilibria {
		err = solve.ErrLimit
	}
	return out, err
}
