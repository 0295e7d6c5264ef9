package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
)

func init() { register(newBacktestCmd) }

func newBacktestCmd() *cobra.Command {
	var (
		fl        assessFlags
		format    string
		bins      int
		resamples int
		huth      bool
		svg       string
		horizon   float64
		quiet     bool
	)
	cmd := &cobra.Command{
		Use:   "backtest [DIR...]",
		Short: "Validate the engine on historical guarantees: cross-validated Brier, log loss, calibration, against two baselines",
		Long: `Run every history case (each written as of its start date, with its observed outcome)
and compare the forecast with what happened. The forecast is P(the challenger does not attack
over the case's horizon). Only cross-validated scores are printed: the engine fits nothing on
the case base (its coefficients come from other data, docs/fit.md), and each baseline is
refitted without the scored case's whole challenger-protege dyad: the base rate, and an
ex-ante logit (penalised, on four features every case file states: strongest obligation,
troops in place, local force ratio, nuclear guarantor).

Scores for all cases, for the closed cases alone (open "held to date" cases left out), and for
the cases outside the engine's fitting data: Brier and log loss (forecasts clipped to
[0.01, 0.99]); 95% bootstrap intervals (seed --seed; cases resampled, then whole dyads) of
the Brier differences engine minus base rate and engine minus logit; calibration tables.

--huth adds the same validation on Huth's 58 crises. --horizon T scores every case at T years
from its start (P(no attack within T years) against the outcome then; cases that ended earlier
without a failure are left out), since a case file's own horizon is its observed spell.
--format json follows docs/output.md; --format html writes a report with reliability diagrams;
--svg writes the all-cases diagram. docs/backtest.md explains every number.`,
		Example: "  guarantor backtest examples/history\n  guarantor backtest examples/history --format html > backtest.html",
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" && format != "html" {
				return usageError("--format %q: expected table, json or html", format)
			}
			if bins < 1 || bins > history.MaxBins {
				return usageError("--bins must be between 1 and %d, not %d", history.MaxBins, bins)
			}
			if len(args) == 0 && !huth {
				return usageError("give a directory of history cases, or --huth")
			}
			prog := newBar(cmd.ErrOrStderr(), quiet || format != "table")
			o, err := fl.options(prog)
			if err != nil {
				return err
			}
			b, err := pipeline.BacktestWith(cmd.Context(), args, o, pipeline.BacktestOptions{Bins: bins, Resamples: resamples, Huth: huth, Horizon: horizon})
			prog.done()
			if err != nil {
				return inputError(err)
			}
			if svg != "" && len(b.Validation.Sets) > 0 {
				if err := os.WriteFile(svg, []byte(report.ReliabilityDiagram(b.Validation.Sets[0])+"\n"), 0o644); err != nil {
					return err
				}
			}
			switch format {
			case "json":
				return report.JSON(cmd.OutOrStdout(), b)
			case "html":
				return report.BacktestHTML(cmd.OutOrStdout(), b)
			}
			return report.Backtest(cmd.OutOrStdout(), b)
		},
	}
	fl.add(cmd, 5000)
	cmd.Flags().StringVar(&format, "format", "table", "output: table, json or html")
	cmd.Flags().IntVar(&bins, "bins", pipeline.DefaultBins, fmt.Sprintf("calibration bins (1 to %d)", history.MaxBins))
	cmd.Flags().IntVar(&resamples, "resamples", history.DefaultResamples, fmt.Sprintf("bootstrap resamples (2 to %d; 0 means the default)", history.MaxResamples))
	cmd.Flags().BoolVar(&huth, "huth", false, "add the validation on Huth's 58 crises")
	cmd.Flags().Float64Var(&horizon, "horizon", 0, "score every case at this many years from its start (0: each file's horizon, the observed spell)")
	cmd.Flags().StringVar(&svg, "svg", "", "write the reliability diagram of the first set (all cases) to this file")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}
