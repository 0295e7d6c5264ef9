package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/scenario"
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
		tau       int
		refit     bool
		quiet     bool
		score     []string
	)
	cmd := &cobra.Command{
		Use:   "backtest [DIR...]",
		Short: "Validate the engine on historical guarantees: survival scores at fixed horizons (IPCW Brier), against two baselines",
		Long: `Run every history case (each written as of its start date, with its observed outcome)
and compare the forecasts with what happened. Only cross-validated scores are printed: the
engine fits nothing on the case base (its coefficients come from other data, docs/fit.md), and
each baseline is refitted without the scored case's whole challenger-protege dyad.

The headline scores each case's spell as survival data: the engine's P(no attack within t years
of the start), rerun at t = 1, ..., --tau years, against whether the case failed by t. A case
that held, or holds to date, is censored at the end of its spell; the time-dependent Brier
score weights the cases by the inverse probability of censoring (Graf et al. 1999), and the
integrated Brier score averages it over the years. Baselines: the Kaplan-Meier survival of the
other dyads' cases, and an ex-ante logit (penalised, on four features every case file states:
strongest obligation, troops in place, local force ratio, nuclear guarantor) fitted at each t
with the censoring weights. 95% bootstrap intervals (seed --seed; cases resampled, then whole
dyads) of the integrated Brier differences; calibration at 1 and 5 years.

After it come the former scores over each file's horizon. They leak the outcome: a file's
horizon is its observed spell, so a failed case is forecast over exactly the time it took to
fail. Sets: all cases, the closed cases alone (open "held to date" cases left out), and the
cases outside the engine's fitting data.

--huth adds the file-horizon validation on Huth's 58 crises. --horizon T adds T to the
survival horizons (IPCW Brier at T), and turns the former scores into scores at T years
(P(no attack within T years) against the outcome then; cases that ended earlier without a
failure are left out, which biases that set towards failures). --format json follows
docs/output.md; --format html writes a report with reliability diagrams; --svg writes the
file-horizon all-cases diagram. By default (--refit) every coefficient is also refitted
without each dyad group's data (fit.Refit: dyad-years, post-war spells, matched Huth crises)
and the engine so refitted, "engine, refitted leave-dyad-out", is scored next to the
committed one: that is the fully cross-validated score (issue 10 asks for no other);
--refit=false skips it and takes about a quarter of the CPU time; with --engine udg, which
reads no fitted coefficient, it is off.

--score PATH (a case file or a directory of them; repeat it, or separate paths by commas)
scores only the loaded cases it names, each exactly as the run without --score scores it:
every case of every DIR still trains the leave-dyad-out baselines and the refits, and the
censoring distribution behind the IPCW weights is estimated on all the loaded cases of each
set (all, closed, outside the fitting data), not on the scored ones alone. So each scored
case's weighted loss is its loss in the full run, the subset's integrated Brier score is the
mean of those losses, and a small subset does not get a censoring curve of its own few
spells. The scores, intervals (scored cases and their dyads resampled), calibration, case
lists, JSON and HTML then cover the scored cases; the set names say "the N scored (--score)
of M". Unscored cases are not run. A --score path that names no loaded case is an error: give
its file or directory as a DIR too. docs/backtest.md explains every number.`,
		Example: "  guarantor backtest examples/history\n  guarantor backtest examples/history --format html > backtest.html\n" +
			"  guarantor backtest examples/history mycases --score mycases   # score mycases, trained on all",
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" && format != "html" {
				return usageError("--format %q: expected table, json or html", format)
			}
			if bins < 1 || bins > history.MaxBins {
				return usageError("--bins must be between 1 and %d, not %d", history.MaxBins, bins)
			}
			if len(score) > 0 && len(args) == 0 {
				return usageError("--score names cases among those loaded: give their directories (or files) as DIR too")
			}
			if len(args) == 0 && !huth {
				return usageError("give a directory of history cases, or --huth")
			}
			prog := newBar(cmd.ErrOrStderr(), quiet || format != "table")
			o, err := fl.options(prog)
			if err != nil {
				return err
			}
			if tau < 1 || tau > history.MaxTau {
				return usageError("--tau must be between 1 and %d years, not %d", history.MaxTau, tau)
			}
			if o.Engine == scenario.EngineUDG {
				// The UDG engine reads no fitted coefficient: its refit
				// equals it case for case (the run did 52 refits for
				// identical scores, titled the fully cross-validated one).
				if cmd.Flags().Changed("refit") && refit {
					return usageError("--refit with --engine udg: the UDG engine reads no fitted coefficient, so the refitted engine would equal it; the refit is off with --engine udg")
				}
				refit = false
			}
			b, err := pipeline.BacktestWith(cmd.Context(), args, o, pipeline.BacktestOptions{Bins: bins, Resamples: resamples, Huth: huth, Horizon: horizon, Tau: tau, Refit: refit, Score: score})
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
	cmd.Flags().Float64Var(&horizon, "horizon", 0, "also score at this many years from each case's start: IPCW in the survival scores, and the former scores at T instead of each file's horizon (0: none)")
	cmd.Flags().BoolVar(&refit, "refit", true, "also score the engine refitted without each case's dyad (every coefficient fitted on dyad data re-estimated; one refit per dyad group); --refit=false skips it")
	cmd.Flags().IntVar(&tau, "tau", history.DefaultTau, fmt.Sprintf("survival scores: integrate the yearly IPCW Brier scores over 1 to tau years (1 to %d)", history.MaxTau))
	cmd.Flags().StringVar(&svg, "svg", "", "write the file-horizon reliability diagram of the first set (all cases) to this file")
	cmd.Flags().StringSliceVar(&score, "score", nil, "score only the loaded cases from these files or directories (repeat, or separate by commas); every loaded case still trains the baselines, the refits and the censoring weights")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}
