package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/guarantor/guarantor/contract"
)

// Backtest writes the backtest's cases, scores and calibration table, as
// `guarantor backtest` prints them.
func Backtest(w io.Writer, b *contract.Backtest) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tYEAR\tP(NO ATTACK OVER HORIZON)\tOUTCOME")
	for _, c := range b.Cases {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%s\n", c.Name, c.Year, c.Forecast, outcomeText(c.Outcome))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d cases, deterrence held in %.0f%%\n\n", len(b.Cases), 100*b.BaseRate)
	if b.ClosedCases > 0 {
		fmt.Fprintf(w, "%d closed cases (open \"held to date\" cases left out), deterrence held in %.0f%%\n\n", b.ClosedCases, 100*b.ClosedBaseRate)
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FORECASTER\tBRIER (ALL)\tLOG LOSS (ALL)\tBRIER (CLOSED)\tLOG LOSS (CLOSED)")
	for i, s := range b.Scores {
		cb, cl := "-", "-"
		if i < len(b.ClosedScores) {
			cb, cl = fmt.Sprintf("%.4f", b.ClosedScores[i].Brier), fmt.Sprintf("%.4f", b.ClosedScores[i].LogLoss)
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%s\t%s\n", s.Forecaster, s.Brier, s.LogLoss, cb, cl)
	}
	for _, r := range b.References {
		fmt.Fprintf(tw, "(reference) %s (%d crises)\t%.4f\t-\t-\t-\n", r.Name, r.Cases, r.Brier)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nCalibration")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FORECAST BIN\tCASES\tMEAN FORECAST\tOBSERVED HELD")
	for _, c := range b.Calibration {
		if c.Cases == 0 {
			fmt.Fprintf(tw, "%.2g-%.2g\t0\t-\t-\n", c.Lo, c.Hi)
			continue
		}
		fmt.Fprintf(tw, "%.2g-%.2g\t%d\t%.3f\t%.3f\n", c.Lo, c.Hi, c.Cases, c.MeanForecast, c.ObservedHeld)
	}
	tw.Flush()
	_, err := fmt.Fprintf(w, "\nguarantor %s, seed %d, %d draws per case; log loss clips forecasts to [%.2f, %.2f]; input hash %s\n",
		b.EngineVersion, b.Seed, b.Samples, b.LogLossClip, 1-b.LogLossClip, b.InputHash)
	return err
}
