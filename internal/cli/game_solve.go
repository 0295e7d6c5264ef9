package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
)

// solveMethod is one --method of `game solve`. Methods of later issues add
// themselves to solveMethods from their own files' init functions.
type solveMethod struct {
	// solver returns the solver for the given flags.
	solver func(f solveFlags) (solve.Solver, error)
	// trees, tables say which game forms the method accepts.
	trees, tables bool
	// viaReducedForm makes the method solve a tree's reduced strategic form
	// and report mixed strategies of it, as gambit-enummixed does on .efg.
	viaReducedForm bool
	help           string
}

var solveMethods = map[string]solveMethod{
	"enumpure": {
		solver: func(f solveFlags) (solve.Solver, error) { return solve.EnumPure{Agent: f.agent}, nil },
		trees:  true, tables: true,
		help: "all pure-strategy Nash equilibria (trees: of the reduced strategic form; --agent: of the agent form)",
	},
	"spe": {
		solver: func(f solveFlags) (solve.Solver, error) {
			if f.agent {
				return nil, errors.New("--agent applies to --method enumpure only")
			}
			return solve.SPE{}, nil
		},
		trees: true,
		help:  "all pure subgame-perfect equilibria, by backward induction over subgames (trees only)",
	},
}

type solveFlags struct {
	method  string
	format  string
	agent   bool
	timeout time.Duration
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
prints the stable shape documented in docs/solvers.md.

Methods:
` + methodHelp(),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runSolve(cmd, args[0], f) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.method, "method", "m", "enumpure", "solution method: "+strings.Join(methodNames(), ", "))
	fl.StringVar(&f.format, "format", "gambit", "output format: gambit or json")
	fl.BoolVarP(&f.agent, "agent", "A", false, "enumpure: equilibria of the agent form (like gambit-enumpure -A)")
	fl.DurationVar(&f.timeout, "timeout", 0, "stop after this long (e.g. 30s); 0 means no limit")
	fl.IntVar(&f.max, "count", 0, "alias of --max, as in gambit-lcp -e")
	fl.IntVar(&f.max, "max", 0, fmt.Sprintf("stop after this many equilibria; 0 means no limit (spe keeps at most %d per subgame)", solve.DefaultSPELimit))
	return cmd
}

func methodNames() []string {
	var names []string
	for n := range solveMethods {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func methodHelp() string {
	var b strings.Builder
	for _, n := range methodNames() {
		fmt.Fprintf(&b, "  %-10s %s\n", n, solveMethods[n].help)
	}
	return b.String()
}

func runSolve(cmd *cobra.Command, path string, f solveFlags) error {
	m, ok := solveMethods[f.method]
	if !ok {
		return usageError("unknown --method %q; choose one of %s", f.method, strings.Join(methodNames(), ", "))
	}
	if f.format != "gambit" && f.format != "json" {
		return usageError("unknown --format %q; choose gambit or json", f.format)
	}
	s, err := m.solver(f)
	if err != nil {
		return usageError("%v", err)
	}
	g, warnings, err := gambit.ReadFileWithWarnings(path)
	if err != nil {
		return usageError("%v", err)
	}
	for _, w := range warnings {
		fmt.Fprintln(cmd.ErrOrStderr(), "guarantor:", w)
	}
	if tr, ok := g.(*game.Tree); ok && m.viaReducedForm {
		if err := tr.PerfectRecall(); err != nil {
			return fmt.Errorf("%s: %w", path, solve.ErrImperfectRecall)
		}
		rf, err := tr.ReducedForm(solve.MaxCells)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		g = rf.Table
	}
	switch g.(type) {
	case *game.Tree:
		if !m.trees {
			return usageError("--method %s needs a strategic-form game (.nfg)", f.method)
		}
	case *game.Table:
		if !m.tables {
			return usageError("--method %s needs an extensive-form game (.efg)", f.method)
		}
		if f.agent {
			return usageError("--agent applies to extensive-form games (.efg) only")
		}
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
	bar := newBar(cmd.ErrOrStderr(), false)
	eqs, solveErr := s.Solve(ctx, g, solve.Options{MaxEquilibria: f.max, Progress: reportSolve(bar)})
	bar.done()
	out := cmd.OutOrStdout()
	switch f.format {
	case "gambit":
		err = writeGambit(out, g, eqs)
	case "json":
		err = writeSolveJSON(out, path, f, g, eqs, solveErr)
	}
	if err != nil {
		return err
	}
	return solveOutcome(cmd.ErrOrStderr(), len(eqs), f, solveErr)
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
	case errors.Is(err, solve.ErrImperfectRecall):
		return err
	}
	return err
}

func reportSolve(b *bar) func(solve.Progress) {
	return func(p solve.Progress) { b.set(fmt.Sprintf("%s (%d found)", p.Stage, p.Found), p.Done, p.Total) }
}

// writeGambit prints one Gambit -q line per equilibrium.
func writeGambit(w io.Writer, g game.Game, eqs []solve.Equilibrium) error {
	for _, eq := range eqs {
		if _, err := fmt.Fprintln(w, gambitLine(g, eq)); err != nil {
			return err
		}
	}
	return nil
}

// gambitLine renders a profile in Gambit's layout: "NE" then every
// probability, players in order; for trees infoset by infoset, with
// unspecified rows printed as zeros. An empty profile prints as "NE".
func gambitLine(g game.Game, eq solve.Equilibrium) string {
	var b strings.Builder
	b.WriteString("NE")
	num := func(v *big.Rat) {
		b.WriteByte(',')
		b.WriteString(formatProb(v, eq.Exact))
	}
	if eq.Mixed != nil {
		for _, row := range eq.Mixed {
			for _, v := range row {
				num(v)
			}
		}
		return b.String()
	}
	t := g.(*game.Tree)
	for p, pl := range eq.Behavior {
		sets := t.PlayerInfosets(p + 1)
		for k, row := range pl {
			if row == nil {
				for range t.Infosets[sets[k]].Actions {
					b.WriteString(",0")
				}
				continue
			}
			for _, v := range row {
				num(v)
			}
		}
	}
	return b.String()
}

// formatProb prints exact values as Gambit does (integers, or a/b) and
// inexact ones with six decimals.
func formatProb(v *big.Rat, exact bool) string {
	if v == nil {
		return "0"
	}
	if exact {
		return game.RatString(v)
	}
	return v.FloatString(6)
}

// The JSON output of `game solve`; docs/solvers.md documents it as a
// stable contract.
type jsonSolve struct {
	File       string   `json:"file"`
	Title      string   `json:"title"`
	Form       string   `json:"form"`
	Players    []string `json:"players"`
	Method     string   `json:"method"`
	Agent      bool     `json:"agent"`
	Complete   bool     `json:"complete"`
	Stopped    string   `json:"stopped,omitempty"`
	Equilibria []jsonEq `json:"equilibria"`
}

type jsonEq struct {
	Exact   bool         `json:"exact"`
	Payoffs []string     `json:"payoffs"`
	Gambit  string       `json:"gambit"`
	Players []jsonPlayer `json:"players"`
}

type jsonPlayer struct {
	Player     string        `json:"player"`
	Strategies []jsonProb    `json:"strategies,omitempty"`
	Infosets   []jsonInfoset `json:"infosets,omitempty"`
}

type jsonProb struct {
	Label       string `json:"label"`
	Probability string `json:"probability"`
}

type jsonInfoset struct {
	Number      int        `json:"number"`
	Label       string     `json:"label"`
	Unspecified bool       `json:"unspecified,omitempty"`
	Actions     []jsonProb `json:"actions"`
}

func writeSolveJSON(w io.Writer, path string, f solveFlags, g game.Game, eqs []solve.Equilibrium, solveErr error) error {
	doc := jsonSolve{File: path, Players: g.PlayerNames(), Method: f.method, Agent: f.agent,
		Complete: solveErr == nil, Equilibria: []jsonEq{}}
	switch {
	case errors.Is(solveErr, solve.ErrLimit):
		doc.Stopped = "limit"
	case errors.Is(solveErr, context.DeadlineExceeded):
		doc.Stopped = "timeout"
	case errors.Is(solveErr, context.Canceled):
		doc.Stopped = "interrupted"
	case solveErr != nil:
		return solveErr
	}
	switch x := g.(type) {
	case *game.Tree:
		doc.Title, doc.Form = x.Title, "extensive"
	case *game.Table:
		doc.Title, doc.Form = x.Title, "strategic"
	}
	for _, eq := range eqs {
		je, err := jsonEquilibrium(g, eq)
		if err != nil {
			return err
		}
		doc.Equilibria = append(doc.Equilibria, je)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func jsonEquilibrium(g game.Game, eq solve.Equilibrium) (jsonEq, error) {
	je := jsonEq{Exact: eq.Exact, Gambit: gambitLine(g, eq)}
	pay, err := solve.Payoffs(g, eq)
	if err != nil {
		return je, err
	}
	for _, v := range pay {
		je.Payoffs = append(je.Payoffs, formatProb(v, eq.Exact))
	}
	switch x := g.(type) {
	case *game.Table:
		for p, row := range eq.Mixed {
			jp := jsonPlayer{Player: x.Players[p]}
			for s, v := range row {
				jp.Strategies = append(jp.Strategies, jsonProb{Label: x.Strategies[p][s], Probability: formatProb(v, eq.Exact)})
			}
			je.Players = append(je.Players, jp)
		}
	case *game.Tree:
		for p, pl := range eq.Behavior {
			jp := jsonPlayer{Player: x.Players[p], Infosets: []jsonInfoset{}}
			for k, row := range pl {
				set := &x.Infosets[x.PlayerInfosets(p + 1)[k]]
				ji := jsonInfoset{Number: set.Number, Label: set.Label, Unspecified: row == nil}
				for a, label := range set.Actions {
					var v *big.Rat
					if row != nil {
						v = row[a]
					}
					ji.Actions = append(ji.Actions, jsonProb{Label: label, Probability: formatProb(v, eq.Exact)})
				}
				jp.Infosets = append(jp.Infosets, ji)
			}
			je.Players = append(je.Players, jp)
		}
	}
	return je, nil
}
