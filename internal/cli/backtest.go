package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
)

func init() { register(newBacktestCmd) }

func newBacktestCmd() *cobra.Command {
	var (
		fl     assessFlags
		format string
		bins   int
		quiet  bool
	)
	cmd := &cobra.Command{
		Use:   "backtest DIR...",
		Short: "Score the model on historical guarantees: Brier, log loss, calibration, against two baselines",
		Long: `Run every history case (each written as of its start date, with its observed outcome)
and compare the forecast with what happened. The forecast is P(the challenger does not attack
over the case's horizon): the deterrence decision at the start, then yearly re-decisions
(docs/assess.md). Open cases where deterrence still holds ("ongoing") count as held to date;
scores are printed for all cases and for the closed cases alone. Prints the Brier score and log
loss (forecasts clipped to [0.01, 0.99] for every forecaster) next to two baselines: the empirical
base rate of the cases (leave-one-out) and "always deterred"; then a calibration table. For
reference it also prints the Huth (1988) regression's leave-one-out Brier on its own 58 crises
(different cases: not a like-for-like comparison). --format json follows docs/output.md.`,
		Example: "  guarantor backtest examples/history",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usageError("--format %q: expected table or json", format)
			}
			if bins < 1 || bins > history.MaxBins {
				return usageError("--bins must be between 1 and %d, not %d", history.MaxBins, bins)
			}
			prog := newBar(cmd.ErrOrStderr(), quiet || format != "table")
			o, err := fl.options(prog)
			if err != nil {
				return err
			}
			b, err := pipeline.Backtest(cmd.Context(), args, o, bins)
			prog.done()
			if err != nil {
				return inputError(err)
			}
			if format == "json" {
				return report.JSON(cmd.OutOrStdout(), b)
			}
			return report.Backtest(cmd.OutOrStdout(), b)
		},
	}
	fl.add(cmd, 5000)
	cmd.Flags().StringVar(&format, "format", "table", "output: table or json")
	cmd.Flags().IntVar(&bins, "bins", pipeline.DefaultBins, fmt.Sprintf("calibration bins (1 to %d)", history.MaxBins))
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}
