package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/evidence"
)

func init() { register(newBacktestCmd) }

func newBacktestCmd() *cobra.Command {
	var (
		fl     assessFlags
		format string
		bins   int
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
(different cases: not a like-for-like comparison).`,
		Example: "  guarantor backtest examples/history",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usageError("--format %q: expected table or json", format)
			}
			opts, err := assess.LoadOptionsWith(args, fl.engine)
			if err != nil {
				return usageError("%v", err)
			}
			var cases []assess.Case
			for _, o := range opts {
				m, err := assess.Compile(o)
				if err != nil {
					return usageError("%v", err)
				}
				r, err := m.Run(cmd.Context(), assess.Config{Samples: fl.samples, Seed: fl.seed, Workers: fl.workers, DriverSamples: -1}, Version)
				if err != nil {
					return err
				}
				cases = append(cases, assess.Case{Name: o.Name, File: o.File, Year: o.Year, P: r.Held.Mean, Outcome: o.Outcome, Ongoing: o.Ongoing})
			}
			b, err := assess.Evaluate(cases, bins)
			if err != nil {
				return usageError("%v", err)
			}
			if format == "json" {
				e := json.NewEncoder(cmd.OutOrStdout())
				e.SetIndent("", "  ")
				return e.Encode(map[string]any{"version": Version, "seed": fl.seed, "samples": fl.samples, "backtest": b})
			}
			return writeBacktest(cmd.OutOrStdout(), b, fl)
		},
	}
	fl.add(cmd, 5000)
	cmd.Flags().StringVar(&format, "format", "table", "output: table or json")
	cmd.Flags().IntVar(&bins, "bins", 5, "calibration bins")
	return cmd
}

func outcomeWord(c assess.Case) string {
	switch {
	case c.Ongoing:
		return "held to date"
	case c.Outcome == 1:
		return "held"
	}
	return "failed"
}

func writeBacktest(w io.Writer, b assess.Backtest, fl assessFlags) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tYEAR\tP(NO ATTACK OVER HORIZON)\tOUTCOME")
	for _, c := range b.Cases {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%s\n", c.Name, c.Year, c.P, outcomeWord(c))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d cases, deterrence held in %.0f%%\n\n", len(b.Cases), 100*b.BaseRate)
	if b.NClosed > 0 {
		fmt.Fprintf(w, "%d closed cases (open \"held to date\" cases left out), deterrence held in %.0f%%\n\n", b.NClosed, 100*b.ClosedBaseRate)
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FORECASTER\tBRIER (ALL)\tLOG LOSS (ALL)\tBRIER (CLOSED)\tLOG LOSS (CLOSED)")
	for i, s := range b.Scores {
		cb, cl := "-", "-"
		if i < len(b.Closed) {
			cb, cl = fmt.Sprintf("%.4f", b.Closed[i].Brier), fmt.Sprintf("%.4f", b.Closed[i].LogLoss)
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%s\t%s\n", s.Name, s.Brier, s.LogLoss, cb, cl)
	}
	if h, err := evidence.HuthAnalysis(); err == nil {
		for _, m := range h.Models {
			if m.Link == "logit" {
				fmt.Fprintf(tw, "(reference) Huth 1988 logit, LOO on its own %d crises\t%.4f\t-\t-\t-\n", h.N, m.BrierLOO)
			}
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "\nCalibration")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FORECAST BIN\tCASES\tMEAN FORECAST\tOBSERVED HELD")
	for _, c := range b.Calibration {
		if c.N == 0 {
			fmt.Fprintf(tw, "%.1f-%.1f\t0\t-\t-\n", c.Lo, c.Hi)
			continue
		}
		fmt.Fprintf(tw, "%.1f-%.1f\t%d\t%.3f\t%.3f\n", c.Lo, c.Hi, c.N, c.MeanP, c.Observed)
	}
	tw.Flush()
	_, err := fmt.Fprintf(w, "\nguarantor %s, seed %d, %d draws per case; log loss clips forecasts to [%.2f, %.2f]\n",
		Version, fl.seed, fl.samples, assess.LogLossClip, 1-assess.LogLossClip)
	return err
}
