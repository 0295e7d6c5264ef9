// Package methods is the table of guarantor's equilibrium methods: each
// --method name of `guarantor game solve` (and of the HTTP API) with the
// game forms it accepts and a constructor for its solver. It replaces a
// global map that two CLI files filled from init functions: the table is
// a plain value here, so every face lists and builds the same methods.
package methods

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/enummixed"
	"github.com/guarantor/guarantor/solve/lcp"
	"github.com/guarantor/guarantor/solve/logit"
	"github.com/guarantor/guarantor/solve/lp"
)

// Params are the method options a caller may set.
type Params struct {
	// Agent asks enumpure for the equilibria of the agent form.
	Agent bool
	// Prior names the sequence-form prior of lcp and lp on trees ("" or
	// "auto", "last", "first", "centroid", "generic"; docs/solvers-mixed.md).
	Prior string
	// MemoryLimit bounds, in bytes, the reduced strategic form a method
	// that solves one (ViaReducedForm) builds, with the exact payoff
	// matrices the table solver makes of it; as solve.Options.MemoryLimit:
	// 0 means solve.DefaultMemoryLimit, negative means no limit.
	MemoryLimit int64
}

// Method is one solution method.
type Method struct {
	Name string
	Help string
	// Trees and Tables say which game forms the method accepts.
	Trees, Tables bool
	// ViaReducedForm makes the method solve a tree's reduced strategic
	// form and report mixed strategies of it, as gambit-enummixed does on
	// .efg files.
	ViaReducedForm bool
	// New returns the solver for the given parameters.
	New func(Params) (solve.Solver, error)
}

// ErrUsage is wrapped by errors about a method that does not apply.
var ErrUsage = errors.New("method does not apply")

var errAgent = fmt.Errorf("%w: --agent applies to --method enumpure only", ErrUsage)

var errPrior = fmt.Errorf("%w: --prior applies to --method lcp and lp only", ErrUsage)

func noAgent(s solve.Solver) func(Params) (solve.Solver, error) {
	return func(p Params) (solve.Solver, error) {
		if p.Agent {
			return nil, errAgent
		}
		if p.Prior != "" {
			return nil, errPrior
		}
		return s, nil
	}
}

// withPrior builds lcp and lp, the methods that take --prior.
func withPrior(mk func(prior string) solve.Solver) func(Params) (solve.Solver, error) {
	return func(p Params) (solve.Solver, error) {
		if p.Agent {
			return nil, errAgent
		}
		if !slices.Contains([]string{"", "auto", "last", "first", "centroid", "generic"}, p.Prior) {
			return nil, fmt.Errorf("%w: unknown --prior %q; choose auto, last, first, centroid or generic", ErrUsage, p.Prior)
		}
		return mk(p.Prior), nil
	}
}

// table lists the methods in name order.
var table = []Method{
	{Name: "enummixed", Tables: true, ViaReducedForm: true, New: noAgent(enummixed.Solver{}),
		Help: "two players, exact: every extreme equilibrium (vertex enumeration); on a tree, of its reduced strategic form"},
	{Name: "enumpure", Trees: true, Tables: true,
		New: func(p Params) (solve.Solver, error) {
			if p.Prior != "" {
				return nil, errPrior
			}
			return solve.EnumPure{Agent: p.Agent}, nil
		},
		Help: "all pure-strategy Nash equilibria (trees: of the reduced strategic form; --agent: of the agent form)"},
	{Name: "lcp", Trees: true, Tables: true, New: withPrior(func(p string) solve.Solver { return lcp.Solver{Prior: p} }),
		Help: "two players, exact: Lemke-Howson from every label and every equilibrium found (tables), sequence-form Lemke (trees, one equilibrium)"},
	{Name: "logit", Trees: true, Tables: true, New: noAgent(logit.Solver{}),
		Help: "any number of players: end of the logit QRE branch at lambda 10^6 (approximate, six decimals)"},
	{Name: "lp", Trees: true, Tables: true, New: withPrior(func(p string) solve.Solver { return lp.Solver{Prior: p} }),
		Help: "two-player constant-sum games, exact: a pair of optimal strategies by linear programming"},
	{Name: "spe", Trees: true, New: noAgent(solve.SPE{}),
		Help: "all pure subgame-perfect equilibria, by backward induction over subgames (trees only)"},
}

// All returns every method, in name order.
func All() []Method { return slices.Clone(table) }

// Names returns the method names, in order.
func Names() []string {
	out := make([]string, len(table))
	for i, m := range table {
		out[i] = m.Name
	}
	return out
}

// Lookup finds a method by name.
func Lookup(name string) (Method, bool) {
	for _, m := range table {
		if m.Name == name {
			return m, true
		}
	}
	return Method{}, false
}

// Prepare checks that the method applies to g with p and returns the
// game to hand the solver: g itself, or a tree's reduced strategic form
// for a method that works on it. Errors about the method's fit wrap
// ErrUsage; others (imperfect recall, a reduced form too large) are the
// game's.
func (m Method) Prepare(g game.Game, p Params) (game.Game, solve.Solver, error) {
	return m.PrepareContext(context.Background(), g, p)
}

// PrepareContext is Prepare that stops with ctx.Err() when ctx ends while
// it builds a reduced form (a tree of a few thousand nodes takes tens of
// seconds), so that a --timeout covers the conversion too.
//
// A tree's reduced form is bounded by p.MemoryLimit: refused, with an error
// wrapping solve.ErrTooLarge, before it is built when its estimated size
// (game.Tree.Size) and the payoff matrices would exceed the limit.
func (m Method) PrepareContext(ctx context.Context, g game.Game, p Params) (game.Game, solve.Solver, error) {
	s, err := m.New(p)
	if err != nil {
		return nil, nil, err
	}
	if tr, ok := g.(*game.Tree); ok && m.ViaReducedForm {
		if err := tr.PerfectRecall(); err != nil {
			return nil, nil, solve.ErrImperfectRecall
		}
		limit := solve.Options{MemoryLimit: p.MemoryLimit}.Memory()
		if err := checkReducedForm(tr, limit); err != nil {
			return nil, nil, err
		}
		rf, err := tr.ReducedFormLimit(ctx, solve.MaxCells, limit)
		if errors.Is(err, game.ErrTooManyCells) {
			return nil, nil, fmt.Errorf("%w: %w", solve.ErrTooLarge, err)
		} else if err != nil {
			return nil, nil, err
		}
		g = rf.Table
	}
	switch g.(type) {
	case *game.Tree:
		if !m.Trees {
			return nil, nil, fmt.Errorf("%w: --method %s needs a strategic-form game (.nfg)", ErrUsage, m.Name)
		}
	case *game.Table:
		if !m.Tables {
			return nil, nil, fmt.Errorf("%w: --method %s needs an extensive-form game (.efg)", ErrUsage, m.Name)
		}
		if p.Agent {
			return nil, nil, fmt.Errorf("%w: --agent applies to extensive-form games (.efg) only", ErrUsage)
		}
	}
	return g, s, nil
}

// payoffBytes is what a table solver's exact payoff matrix
// (bimat.FromTable) takes per cell and player: a pointer to the payoff's
// rational, a pointer to its integer and a one-word big.Int (32 + 8 bytes).
const payoffBytes = 56

// checkReducedForm refuses, before anything is built, a tree whose reduced
// strategic form and the payoff matrices a table solver makes of it would
// need more than limit bytes (0: no limit).
func checkReducedForm(tr *game.Tree, limit int64) error {
	if limit <= 0 {
		return nil
	}
	sz := tr.Size()
	need := sz.Bytes + sz.Cells*float64(tr.NumPlayers()*payoffBytes)
	if need <= float64(limit) {
		return nil
	}
	counts := make([]string, len(sz.Plans))
	for i, n := range sz.Plans {
		counts[i] = fmt.Sprintf("%.6g", n)
	}
	return fmt.Errorf("%w: the reduced strategic form (%s strategies) and its payoff matrices need about %s, over the limit of %s",
		solve.ErrTooLarge, strings.Join(counts, " x "), game.Bytes(need), game.Bytes(float64(limit)))
}

// Solve prepares g for the method and runs its solver. It returns the game
// actually solved (see Prepare) with the equilibria found; on a timeout,
// an interruption or solve.ErrLimit the equilibria found before are
// returned with the error.
func (m Method) Solve(ctx context.Context, g game.Game, p Params, o solve.Options) (game.Game, []solve.Equilibrium, error) {
	if p.MemoryLimit == 0 {
		p.MemoryLimit = o.MemoryLimit
	}
	g, s, err := m.PrepareContext(ctx, g, p)
	if err != nil {
		return nil, nil, err
	}
	eqs, err := s.Solve(ctx, g, o)
	return g, eqs, err
}
