package solve

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/guarantor/guarantor/game"
)

// Solver computes equilibria of a game. Every equilibrium method (pure,
// subgame-perfect, and the mixed methods) implements it.
//
// Solve returns the equilibria in a deterministic order. When it stops
// early it returns what it found so far together with a non-nil error:
// ErrLimit when Options.MaxEquilibria was reached and more equilibria may
// exist, or ctx.Err() when the context was cancelled or timed out. Any other
// error (ErrUnsupported, ErrImperfectRecall, ErrTooLarge, ...) comes with no
// equilibria.
type Solver interface {
	Solve(ctx context.Context, g game.Game, opt Options) ([]Equilibrium, error)
}

// Options are the settings every solver understands. Method-specific
// settings are fields of the solver values themselves (EnumPure.Agent, ...).
type Options struct {
	// MaxEquilibria stops the search after this many equilibria (0: no
	// limit). Solve then returns them with ErrLimit.
	MaxEquilibria int
	// Progress, if set, receives progress reports from the solver's
	// goroutine, at most about every ProgressEvery. It must be quick.
	Progress func(Progress)
	// ProgressEvery throttles Progress; 0 means 100ms.
	ProgressEvery time.Duration
	// MemoryLimit bounds, in bytes, what a solver plans to allocate for
	// its large structures (sequence-form tableaux, Lemke-Howson states,
	// vertex lists); 0 means DefaultMemoryLimit, negative means no limit.
	// A run that would need more is refused (or stopped, with what it has
	// found) with an error wrapping ErrTooLarge.
	MemoryLimit int64
}

// DefaultMemoryLimit is the memory bound when Options.MemoryLimit is 0.
const DefaultMemoryLimit = 1 << 30

// Memory returns the effective memory bound in bytes (0: none).
func (o Options) Memory() int64 {
	switch {
	case o.MemoryLimit == 0:
		return DefaultMemoryLimit
	case o.MemoryLimit < 0:
		return 0
	}
	return o.MemoryLimit
}

// Progress reports how far a long solve has come. Total is 0 when the
// amount of work is unknown in advance.
type Progress struct {
	// Stage names the current phase ("reduced form", "cells", "subgames").
	Stage string
	Done  int64
	Total int64
	// Found is the number of equilibria found so far.
	Found int
}

// Equilibrium is one equilibrium profile. Exactly one of Mixed (tables)
// and Behavior (trees) is set.
type Equilibrium struct {
	// Mixed is a mixed-strategy profile of a table: [player][strategy].
	Mixed game.MixedProfile
	// Behavior is a behaviour profile of a tree: [player][infoset][action]
	// in Gambit's layout. A nil row marks an information set that the
	// player's own choices make unreachable, where the equilibrium says
	// nothing (Gambit prints such rows as zeros).
	Behavior game.BehaviorProfile
	// Exact is true when every probability is exact (not rounded).
	Exact bool
}

var (
	// ErrLimit accompanies a partial list: Options.MaxEquilibria was
	// reached and there may be more equilibria.
	ErrLimit = errors.New("solve: stopped at the equilibrium limit; more equilibria may exist")
	// ErrUnsupported says the method does not apply to this kind of game.
	ErrUnsupported = errors.New("solve: method does not apply to this game")
	// ErrImperfectRecall is game.ErrImperfectRecall (Gambit's refusal, word
	// for word), re-exported so that callers of this package need not import
	// game to test for it; it is the same value, not a second sentinel.
	ErrImperfectRecall = game.ErrImperfectRecall
	// ErrTooLarge says a representation the method needs (a reduced
	// strategic form, an agent form) has more cells than the solver allows.
	ErrTooLarge = errors.New("solve: game too large for this method")
)

// MaxCells bounds the number of pure profiles a strategic-form enumeration
// (a reduced strategic form or an agent form) will walk; beyond it a solver
// returns ErrTooLarge rather than run for hours.
const MaxCells = 1 << 28

// progress throttles and forwards progress reports and polls the context,
// so hot loops pay one counter decrement per step.
type progress struct {
	ctx   context.Context
	opt   Options
	stage string
	total int64
	last  time.Time
	every time.Duration
}

func newProgress(ctx context.Context, opt Options, stage string, total int64) *progress {
	e := opt.ProgressEvery
	if e <= 0 {
		e = 100 * time.Millisecond
	}
	return &progress{ctx: ctx, opt: opt, stage: stage, total: total, every: e}
}

// check polls the context and, if due, reports progress. Callers invoke it
// every few thousand steps, not on every step.
func (p *progress) check(done int64, found int) error {
	if err := p.ctx.Err(); err != nil {
		return err
	}
	if p.opt.Progress != nil {
		now := time.Now()
		if now.Sub(p.last) >= p.every {
			p.last = now
			p.opt.Progress(Progress{Stage: p.stage, Done: done, Total: p.total, Found: found})
		}
	}
	return nil
}

// finish sends the final report of a stage.
func (p *progress) finish(done int64, found int) {
	if p.opt.Progress != nil {
		p.opt.Progress(Progress{Stage: p.stage, Done: done, Total: p.total, Found: found})
	}
}

// tree and table dispatch a game.Game to its concrete form.
func asTree(g game.Game) (*game.Tree, bool) {
	t, ok := g.(*game.Tree)
	return t, ok
}

func asTable(g game.Game) (*game.Table, bool) {
	t, ok := g.(*game.Table)
	return t, ok
}

func unsupported(method string, g game.Game) error {
	return fmt.Errorf("%w: %s does not accept %T", ErrUnsupported, method, g)
}
