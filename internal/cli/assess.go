package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/report"
)

func init() { register(newAssessCmd) }

// assessFlags are the flags shared by assess and backtest.
type assessFlags struct {
	samples, workers int
	seed             uint64
	engine           string
}

func (f *assessFlags) add(cmd *cobra.Command, samples int) {
	cmd.Flags().IntVar(&f.samples, "samples", samples, "Monte Carlo draws per option")
	cmd.Flags().Uint64Var(&f.seed, "seed", 1, "random seed (results are identical for a seed)")
	cmd.Flags().IntVar(&f.workers, "workers", 0, "worker goroutines (default: all cores; does not change results)")
	addEngineFlag(cmd, &f.engine)
}

// addEngineFlag registers --engine: the structural engine (default) or the
// UDG/D1 engine with its caveat; unset, each file's model.engine decides.
func addEngineFlag(cmd *cobra.Command, engine *string) {
	cmd.Flags().StringVar(engine, "engine", "", "engine: structural (the default) or udg (the Unilateral Deterrence Game, with its caveat); default: each file's model.engine")
}

func newAssessCmd() *cobra.Command {
	var (
		fl         assessFlags
		format     string
		reportPath string
		history    string
		quiet      bool
	)
	cmd := &cobra.Command{
		Use:   "assess FILE|DIR...",
		Short: "Assess guarantee options: P(deterrence holds), who is committed and capable, drivers, analogues",
		Long: `Assess each guarantee option (a scenario file; a directory means every *.yaml in it).

For each option: P(deterrence holds) with a 90% interval, each guarantor's P(fights) with
"committed?" and "capable?", which condition fails, P(no renewed war) at 1, 5 and 10 years,
the top drivers (one-at-a-time swings) and the nearest historical analogues (from --history,
by default the "history" folder next to the first directory given). Method: docs/assess.md.`,
		Example: `  guarantor assess examples/ukraine-2025
  guarantor assess option.yaml --samples 100000 --seed 7 --format json
  guarantor assess examples/ukraine-2025 --report report.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" && format != "csv" && format != "markdown" {
				return usageError("--format %q: expected table, json, csv or markdown", format)
			}
			if fl.samples < 100 {
				return usageError("--samples %d: expected at least 100", fl.samples)
			}
			opts, err := assess.LoadOptionsWith(args, fl.engine)
			if err != nil {
				return usageError("%v", err)
			}
			if history == "" {
				history = defaultHistory(args)
			}
			var cases []assess.Profile
			if history != "" {
				if cases, err = historyProfiles(history); err != nil {
					return usageError("--history: %v", err)
				}
			}
			prog := newProgress(cmd.ErrOrStderr(), quiet || format != "table")
			rs, err := runOptions(cmd.Context(), opts, fl, cases, prog)
			prog.done()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if err := render(out, format, rs); err != nil {
				return err
			}
			if reportPath != "" {
				return writeReport(reportPath, rs)
			}
			return nil
		},
	}
	fl.add(cmd, 20000)
	cmd.Flags().StringVar(&format, "format", "table", "output: table, json, csv or markdown")
	cmd.Flags().StringVar(&reportPath, "report", "", "also write a self-contained HTML report (SVG charts, assumptions table) to this file")
	cmd.Flags().StringVar(&history, "history", "", "directory of historical cases for analogues")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

func render(w io.Writer, format string, rs []*assess.Result) error {
	switch format {
	case "json":
		return report.JSON(w, rs)
	case "csv":
		return report.CSV(w, rs)
	case "markdown":
		return report.Markdown(w, rs)
	}
	return report.Table(w, rs)
}

func writeReport(path string, rs []*assess.Result) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := report.HTML(f, rs, time.Now()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// runOptions compiles and runs every option, then attaches analogues.
func runOptions(ctx context.Context, opts []assess.Option, fl assessFlags, cases []assess.Profile, prog *progress) ([]*assess.Result, error) {
	var rs []*assess.Result
	for i, o := range opts {
		m, err := assess.Compile(o)
		if err != nil {
			return nil, usageError("%v", err)
		}
		cfg := assess.Config{Samples: fl.samples, Seed: fl.seed, Workers: fl.workers,
			Progress: func(done, total int) { prog.update(i, len(opts), done, total) }}
		r, err := m.Run(ctx, cfg, Version)
		if err != nil {
			return nil, err
		}
		if len(cases) > 0 {
			r.Analogues = assess.Nearest(m.Profile(), cases, 5)
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// defaultHistory is the "history" folder beside the first directory
// argument, when it exists and is not that directory.
func defaultHistory(args []string) string {
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			h := filepath.Join(filepath.Dir(filepath.Clean(a)), "history")
			if filepath.Clean(a) == h {
				return ""
			}
			if st, err := os.Stat(h); err == nil && st.IsDir() {
				return h
			}
			return ""
		}
	}
	return ""
}

func historyProfiles(dir string) ([]assess.Profile, error) {
	opts, err := assess.LoadOptions([]string{dir})
	if err != nil {
		return nil, err
	}
	var ps []assess.Profile
	for _, o := range opts {
		m, err := assess.Compile(o)
		if err != nil {
			return nil, err
		}
		ps = append(ps, m.Profile())
	}
	return ps, nil
}

// progress draws a one-line bar on a terminal for runs long enough to
// need one; it is silent when off or when the output is not a terminal.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	shown bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	on := !quiet && ok
	if on {
		st, err := f.Stat()
		on = err == nil && st.Mode()&os.ModeCharDevice != 0
	}
	return &progress{w: w, on: on, start: time.Now()}
}

func (p *progress) update(opt, nopt, done, total int) {
	if !p.on || time.Since(p.start) < 500*time.Millisecond {
		return
	}
	frac := (float64(opt) + float64(done)/float64(total)) / float64(nopt)
	const width = 30
	n := int(frac * width)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '.'
		if i < n {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(p.w, "\r[%s] %3.0f%% option %d/%d", bar, 100*frac, opt+1, nopt)
	p.shown = true
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
