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
	if err := checkMemory(g, opt.Memory()); err != nil {
		return nil, err
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

// jacobianBytes is what the tracer keeps per pair of variables: the payoff
// derivatives, the Jacobian and the copy the LU factorisation works on,
// three dense float64 matrices of about n x n.
const jacobianBytes = 3 * 8

// checkMemory refuses, before anything is allocated, a game whose dense
// matrices would pass limit bytes (0: no limit): a 10,001-node chain has
// 10,000 action variables and needs 2.4 GB, which crashed the process.
func checkMemory(g game.Game, limit int64) error {
	n := 0
	switch x := g.(type) {
	case *game.Table:
		for p := 0; p < x.NumPlayers(); p++ {
			n += x.NumStrategies(p)
		}
	case *game.Tree:
		for p := 1; p <= x.NumPlayers(); p++ {
			for _, s := range x.PlayerInfosets(p) {
				n += len(x.Infosets[s].Actions)
			}
		}
	}
	need := jacobianBytes * float64(n+1) * float64(n+2)
	if limit > 0 && need > float64(limit) {
		return fmt.Errorf("%w: logit on %d strategy variables needs about %s for its Jacobians, over the limit of %s",
			solve.ErrTooLarge, n, size(need), size(float64(limit)))
	}
	return nil
}

func size(b float64) string {
	if b >= 1<<30 {
		return fmt.Sprintf("%.1f GiB", b/(1<<30))
	}
	return fmt.Sprintf("%.1f MiB", b/(1<<20))
}
