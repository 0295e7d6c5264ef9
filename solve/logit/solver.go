package logit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve"
)

// Solver is gambit-logit -e as a solve.Solver: the end point of the
// principal logit QRE branch, an approximate equilibrium (Exact false), for
// tables with any number of players and trees in agent form.
type Solver struct {
	// MaxLambda ends the branch (0: DefaultMaxLambda).
	MaxLambda float64
	// Branch, if set, receives every point of the branch.
	Branch func(Point)
}

var _ solve.Solver = Solver{}

// Solve implements solve.Solver.
func (s Solver) Solve(ctx context.Context, g game.Game, opt solve.Options) ([]solve.Equilibrium, error) {
	o := Options{MaxLambda: s.MaxLambda, Branch: s.Branch}
	if opt.Progress != nil {
		user := o.Branch
		every := opt.ProgressEvery
		if every <= 0 {
			every = 100 * time.Millisecond
		}
		var last time.Time
		o.Branch = func(p Point) {
			if user != nil {
				user(p)
			}
			if now := time.Now(); now.Sub(last) >= every {
				last = now
				opt.Progress(solve.Progress{Stage: fmt.Sprintf("lambda %.4g", p.Lambda)})
			}
		}
	}
	switch x := g.(type) {
	case *game.Table:
		if err := x.Validate(); err != nil {
			return nil, err
		}
		m, err := SolveTable(ctx, x, o)
		if err != nil {
			return nil, err
		}
		return []solve.Equilibrium{{Mixed: m}}, nil
	case *game.Tree:
		b, err := SolveTree(ctx, x, o)
		if errors.Is(err, game.ErrImperfectRecall) {
			return nil, solve.ErrImperfectRecall
		}
		if err != nil {
			return nil, err
		}
		return []solve.Equilibrium{{Behavior: b}}, nil
	}
	return nil, fmt.Errorf("%w: logit does not accept %T", solve.ErrUnsupported, g)
}
