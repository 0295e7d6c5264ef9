package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/evidence"
)

func init() { registerData(newDataAnalyzeCmd) }

func newDataAnalyzeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "analyze",
		Short: "Run the empirical analyses behind guarantor's base rates and capability model",
	}
	cmd.AddCommand(analyzeWarOutcomesCmd(), analyzeFulfilmentCmd(), analyzeTripwireCmd(), analyzeHuthCmd())
	return cmd
}

// formatFlag adds --format text|json and returns a renderer choosing between them.
// tables names the embedded tables the analysis reads, for the JSON
// document's dataset list.
func formatFlag(cmd *cobra.Command, tables ...string) func(w io.Writer, v any, text func(io.Writer) error) error {
	var format string
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return func(w io.Writer, v any, text func(io.Writer) error) error {
		switch format {
		case "json":
			return writeData(w, cmd, nil, tables, v)
		case "text":
			return text(w)
		}
		return usageError("--format %q: expected text or json", format)
	}
}

func analyzeWarOutcomesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "war-outcomes",
		Short: "Fit the contest success function's exponent g on COW interstate war outcomes",
		Args:  cobra.NoArgs,
	}
	render := formatFlag(cmd, "cow_war", "cow_nmc")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		f, obs, err := capability.FitWarOutcomes()
		if err != nil {
			return err
		}
		return render(cmd.OutOrStdout(), struct {
			Fit  capability.ContestFit
			Wars []capability.WarObs
		}{f, obs}, func(w io.Writer) error {
			fmt.Fprintf(w, "Contest success P(side 1 wins) = M1^g / (M1^g + M2^g), M = summed CINC at war onset\n")
			fmt.Fprintf(w, "g = %.3f  (SE %.3f, observed information)   n = %d decisive wars (%d dropped)\n", f.G, f.SE, f.N, f.Dropped)
			fmt.Fprintf(w, "log-likelihood %.3f at g; %.3f at g = 1 (LR statistic %.2f, 1 df)\n", f.LogLik, f.LogLikG1, f.LRg1)
			fmt.Fprintf(w, "optimizer: BFGS, status %s after %d iterations\n", f.Status, f.Iterations)
			fmt.Fprintf(w, "Data: %s\n", f.Data)
			return nil
		})
	}
	return cmd
}

func analyzeFulfilmentCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fulfilment",
		Short: "Alliance fulfilment base rates by coding, obligation and era, with Beta(1,1) posteriors",
		Args:  cobra.NoArgs,
	}
	render := formatFlag(cmd, "bf2018", "leeds_anac2005")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		rates, err := evidence.FulfilmentTable()
		if err != nil {
			return err
		}
		var la []evidence.Rate
		laVars := []string{"honor3", "honor2"}
		for _, v := range laVars {
			r, err := evidence.LeedsAnacRate(v)
			if err != nil {
				return err
			}
			la = append(la, r)
		}
		return render(cmd.OutOrStdout(), struct {
			BerkemeierFuhrmann []evidence.Rate
			LeedsAnac          []evidence.Rate
		}{rates, la}, func(w io.Writer) error {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "coding\tobligation\tera\thonoured\tcases\tshare\tposterior mean\t95% interval\t")
			for _, r := range rates {
				fmt.Fprintf(tw, "%v\t%v\t%v\t%d\t%d\t%.3f\t%.3f\t[%.3f, %.3f]\t\n", r.Coding, r.Obligation, r.Era, r.Honoured, r.N(), r.Share, r.Mean, r.Lo, r.Hi)
			}
			for i, r := range la {
				fmt.Fprintf(tw, "Leeds-Anac\t%s\tall\t%d\t%d\t%.3f\t%.3f\t[%.3f, %.3f]\t\n", laVars[i], r.Honoured, r.N(), r.Share, r.Mean, r.Lo, r.Hi)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(w, "Published (for comparison only): BF 2018 50% overall, 66% pre-1945, 22% 1945-2003, defense pacts 41%; Leeds, Long & Mitchell 2000 74.5%.")
			fmt.Fprintf(w, "Data: %s; %s\n", rates[0].Data, la[0].Data)
			return nil
		})
	}
	return cmd
}

func analyzeTripwireCmd() *cobra.Command {
	var from, to int
	cmd := &cobra.Command{
		Use:   "tripwire",
		Short: "Logit of MID onset (hostility >= 4) on US troops in the target and controls, directed dyad-years",
		Args:  cobra.NoArgs,
	}
	cmd.Flags().IntVar(&from, "from", 1950, "first year (>= 1950, troop data)")
	cmd.Flags().IntVar(&to, "to", 2014, "last year (<= 2014, MID data)")
	render := formatFlag(cmd, "mid_dyad", "us_troops", "cow_nmc")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		r, err := evidence.Tripwire(evidence.TripwireOptions{From: from, To: to})
		if err != nil {
			return usageError("%v", err)
		}
		return render(cmd.OutOrStdout(), r, func(w io.Writer) error {
			fmt.Fprintf(w, "Sample: %s, %d-%d\nn = %d dyad-years, %d onsets; log-likelihood %.1f (intercept only %.1f)\n",
				r.Sample, r.From, r.To, r.N, r.Events, r.LogLik, r.LogLikNull)
			if err := coefTable(w, r.Coefs, false); err != nil {
				return err
			}
			fmt.Fprintf(w, "Data: %s\n", r.Data)
			return nil
		})
	}
	return cmd
}

func analyzeHuthCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "huth",
		Short: "Logit and probit of extended-deterrence success on Huth's (1988) 58 crises, with leave-one-out Brier",
		Args:  cobra.NoArgs,
	}
	render := formatFlag(cmd, "huth_1988")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		r, err := evidence.HuthAnalysis()
		if err != nil {
			return err
		}
		return render(cmd.OutOrStdout(), r, func(w io.Writer) error {
			fmt.Fprintf(w, "n = %d crises, %d deterrence successes; leave-one-out Brier of the base rate %.4f\n", r.N, r.Successes, r.BrierBase)
			for _, m := range r.Models {
				fmt.Fprintf(w, "\n%s: log-likelihood %.3f; Brier in-sample %.4f, leave-one-out %.4f (%d folds failed)\n", m.Link, m.LogLik, m.BrierIn, m.BrierLOO, m.LOOFailures)
				if err := coefTable(w, m.Coefs, true); err != nil {
					return err
				}
			}
			fmt.Fprintf(w, "\nData: %s\n", r.Data)
			return nil
		})
	}
	return cmd
}

func coefTable(w io.Writer, cs []evidence.Coefficient, expected bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if expected {
		fmt.Fprintln(tw, "term\testimate\tSE\tz\tp\tpublished direction\tagrees")
	} else {
		fmt.Fprintln(tw, "term\testimate\tSE\tz\tp")
	}
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.2f\t%.3f", c.Name, c.Estimate, c.SE, c.Z, c.P)
		if expected {
			fmt.Fprintf(tw, "\t%s\t%s", c.Expected, c.SignMatches)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
