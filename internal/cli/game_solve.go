package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/methods"
)

type solveFlags struct {
	method  string
	format  string
	agent   bool
	prior   string
	timeout time.Duration
	memory  int64
	max     int
}

func init() { registerGame(newGameSolveCmd) }

func newGameSolveCmd() *cobra.Command {
	var f solveFlags
	cmd := &cobra.Command{
		Use:   "solve FILE",
		Short: "Compute equilibria of a Gambit .efg or .nfg game",
		Long: `Compute equilibria of a game read from a Gambit .efg (extensive form) or .nfg
(strategic form) file.

--format gambit prints exactly what Gambit's command-line tools print with -q:
one "NE," line per equilibrium with the probabilities of each player's
strategies (.nfg) or of each player's actions infoset by infoset (.efg),
rationals as a/b, so the output can be diffed against Gambit's. --format json
prints the game_solve document of the output contract (docs/output.md).

Methods:
` + methodHelp(),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runSolve(cmd, args[0], f) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.method, "method", "m", "enumpure", "solution method: "+strings.Join(methods.Names(), ", "))
	fl.StringVar(&f.format, "format", "gambit", "output format: gambit or json")
	fl.BoolVarP(&f.agent, "agent", "A", false, "enumpure: equilibria of the agent form (like gambit-enumpure -A)")
	fl.StringVar(&f.prior, "prior", "", "lcp, lp on trees: prior of the sequence-form Lemke run: auto (default), last, first, centroid or generic")
	fl.DurationVar(&f.timeout, "timeout", 0, "stop after this long (e.g. 30s); 0 means no limit")
	fl.Int64Var(&f.memory, "memory", 0, fmt.Sprintf("memory a solver may plan for its large structures, in MiB; 0 means %d MiB, -1 no limit", solve.DefaultMemoryLimit>>20))
	fl.IntVar(&f.max, "count", 0, "alias of --max, as in gambit-lcp -e")
	fl.IntVar(&f.max, "max", 0, fmt.Sprintf("stop after this many equilibria; 0 means no limit (spe keeps at most %d per subgame)", solve.DefaultSPELimit))
	return cmd
}

func methodHelp() string {
	var b strings.Builder
	for _, m := range methods.All() {
		fmt.Fprintf(&b, "  %-10s %s\n", m.Name, m.Help)
	}
	return b.String()
}

func runSolve(cmd *cobra.Command, path string, f solveFlags) error {
	m, ok := methods.Lookup(f.method)
	if !ok {
		return usageError("unknown --method %q; choose one of %s", f.method, strings.Join(methods.Names(), ", "))
	}
	if f.format != "gambit" && f.format != "json" {
		return usageError("unknown --format %q; choose gambit or json", f.format)
	}
	switch {
	case f.max < 0:
		return usageError("--max (or --count) must be 0 (no limit) or positive, not %d", f.max)
	case f.timeout < 0:
		return usageError("--timeout must be 0 (no limit) or positive, not %v", f.timeout)
	case f.memory < -1:
		return usageError("--memory must be -1 (no limit), 0 (the default) or a number of MiB, not %d", f.memory)
	}
	g, warnings, err := readGame(path)
	if err != nil {
		return usageError("%v", err)
	}
	for _, w := range warnings {
		fmt.Fprintln(cmd.ErrOrStderr(), "guarantor:", w)
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	p := methods.Params{Agent: f.agent, Prior: f.prior, MemoryLimit: memoryBytes(f.memory)}
	prepared, s, err := m.PrepareContext(ctx, g, p)
	// Stopped while building the reduced form: no equilibrium yet, reported
	// as a timeout or interruption of the solve (of the game as read).
	stopped := err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err())
	if !stopped {
		g = prepared
	}
	switch {
	case errors.Is(err, methods.ErrUsage):
		return usageError("%s", strings.TrimPrefix(err.Error(), methods.ErrUsage.Error()+": "))
	case err != nil && !stopped:
		return fmt.Errorf("%s: %w", path, err)
	}
	var eqs []solve.Equilibrium
	solveErr := err
	if !stopped {
		bar := newBar(cmd.ErrOrStderr(), false)
		eqs, solveErr = s.Solve(ctx, g, solve.Options{MaxEquilibria: f.max, Progress: reportSolve(bar), MemoryLimit: memoryBytes(f.memory)})
		bar.done()
	}
	out := cmd.OutOrStdout()
	switch f.format {
	case "gambit":
		for _, eq := range eqs {
			if _, err := fmt.Fprintln(out, contract.GambitLine(g, eq)); err != nil {
				return err
			}
		}
	case "json":
		stopped := stopWord(solveErr)
		if solveErr != nil && stopped == "" {
			return solveErr
		}
		doc, err := contract.FromSolve(path, Version, g, f.method, f.agent, eqs, stopped)
		if err != nil {
			return err
		}
		if err := report.JSON(out, doc); err != nil {
			return err
		}
	}
	return solveOutcome(cmd.ErrOrStderr(), len(eqs), f, solveErr)
}

func reportSolve(b *bar) func(solve.Progress) {
	return func(p solve.Progress) { b.set(fmt.Sprintf("%s (%d found)", p.Stage, p.Found), p.Done, p.Total) }
}

// stopWord names an early stop for the JSON document ("" for none or for
// a failure that is not a stop).
func stopWord(err error) string {
	switch {
	case errors.Is(err, solve.ErrLimit):
		return contract.StopLimit
	case errors.Is(err, context.DeadlineExceeded):
		return contract.StopTimeout
	case errors.Is(err, context.Canceled):
		return contract.StopInterrupted
	}
	return ""
}

// solveOutcome turns the solver's early stop into a note or an error.
func solveOutcome(stderr io.Writer, n int, f solveFlags, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, solve.ErrLimit):
		fmt.Fprintf(stderr, "guarantor: stopped after %d equilibria; more may exist (raise --max)\n", n)
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("timed out after %v (%d equilibria found before that are printed above)", f.timeout, n)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("interrupted (%d equilibria found before that are printed above): %w", n, err)
	}
	return err
}

// memoryBytes turns --memory (MiB; 0 default, negative none) into
// solve.Options.MemoryLimit.
func memoryBytes(mib int64) int64 {
	switch {
	case mib < 0:
		return -1
	case mib > 1<<40:
		return 1 << 60
	}
	return mib << 20
}
