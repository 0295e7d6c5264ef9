package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
)

func init() { register(newAssessCmd) }

// assessFlags are the flags shared by assess and backtest.
type assessFlags struct {
	samples, workers int
	seed             uint64
	engine, asOf     string
}

func (f *assessFlags) add(cmd *cobra.Command, samples int) {
	cmd.Flags().IntVar(&f.samples, "samples", samples, fmt.Sprintf("Monte Carlo draws per option (%d to %d)", pipeline.MinSamples, pipeline.MaxSamples))
	cmd.Flags().Uint64Var(&f.seed, "seed", 1, "random seed (results are identical for a seed)")
	cmd.Flags().IntVar(&f.workers, "workers", 0, "worker goroutines (default: all cores; does not change results)")
	addEngineFlag(cmd, &f.engine)
	addAsOfFlag(cmd, &f.asOf)
}

// addAsOfFlag registers --as-of: the date an option without a period is
// assessed at (it decides the instruments in force).
func addAsOfFlag(cmd *cobra.Command, asOf *string) {
	cmd.Flags().StringVar(asOf, "as-of", "", "assess options without a period as of this date, YYYY-MM-DD (default: today, UTC); recorded in the output and its input hash")
}

// addEngineFlag registers --engine: the structural engine (default) or the
// UDG/D1 engine with its caveat; unset, each file's model.engine decides.
func addEngineFlag(cmd *cobra.Command, engine *string) {
	cmd.Flags().StringVar(engine, "engine", "", "engine: structural (the default) or udg (the Unilateral Deterrence Game, with its caveat); default: each file's model.engine")
}

// options turns the flags into pipeline options, checked.
func (f *assessFlags) options(prog *bar) (pipeline.Options, error) {
	o := pipeline.Options{Seed: f.seed, Samples: f.samples, Workers: f.workers, Version: Version, Engine: f.engine, AsOf: f.asOf}
	if f.samples == 0 {
		return o, usageError("--samples must be at least %d, not 0", pipeline.MinSamples)
	}
	if prog != nil {
		o.Progress = func(p pipeline.Progress) {
			prog.set(fmt.Sprintf("%s %d/%d", p.Stage, p.Item+1, p.Items), int64(1000*p.Fraction()), 1000)
		}
	}
	return o, inputError(o.Check())
}

// inputError maps the pipeline's input errors to exit code 2.
func inputError(err error) error {
	if err != nil && errors.Is(err, pipeline.ErrInput) {
		return &exitError{code: 2, err: err}
	}
	return err
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
		Long: `Assess each guarantee option (a scenario file, YAML or JSON; a directory means every *.yaml and *.yml in it).

For each option: P(deterrence holds) with a 90% interval, each guarantor's P(fights) with
"committed?" and "capable?", which condition fails, P(no renewed war) at 1, 5 and 10 years,
the top drivers (one-at-a-time swings) and the nearest historical analogues (from --history,
by default the "history" folder next to the first directory given). Method: docs/assess.md.
--format json and csv follow the output contract in docs/output.md.`,
		Example: `  guarantor assess examples/ukraine-2025
  guarantor assess option.yaml --samples 100000 --seed 7 --format json
  guarantor assess examples/ukraine-2025 --report report.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" && format != "csv" && format != "markdown" {
				return usageError("--format %q: expected table, json, csv or markdown", format)
			}
			prog := newBar(cmd.ErrOrStderr(), quiet || format != "table")
			o, err := fl.options(prog)
			if err != nil {
				return err
			}
			if o.History = history; history == "" {
				o.History = pipeline.DefaultHistory(args)
			}
			a, err := pipeline.Assess(cmd.Context(), args, o)
			prog.done()
			if err != nil {
				return inputError(err)
			}
			if err := render(cmd.OutOrStdout(), format, a); err != nil {
				return err
			}
			if reportPath != "" {
				return writeReport(reportPath, a)
			}
			return nil
		},
	}
	fl.add(cmd, pipeline.DefaultSamples)
	cmd.Flags().StringVar(&format, "format", "table", "output: table, json, csv or markdown")
	cmd.Flags().StringVar(&reportPath, "report", "", "also write a self-contained HTML report (SVG charts, assumptions table) to this file; a .pdf name prints it to PDF with chromium")
	cmd.Flags().StringVar(&history, "history", "", "directory of historical cases for analogues")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

func render(w io.Writer, format string, a *contract.Assessment) error {
	switch format {
	case "json":
		return report.JSON(w, a)
	case "csv":
		return report.CSV(w, a)
	case "markdown":
		return report.Markdown(w, a)
	}
	return report.Table(w, a)
}

func writeReport(path string, a *contract.Assessment) error {
	if isPDF(path) {
		return writePDFReport(path, a)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := report.HTML(f, a, time.Now()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
