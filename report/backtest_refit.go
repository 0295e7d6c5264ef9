package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/guarantor/guarantor/contract"
)

// refitText prints --refit's scores next to the committed engine's: the
// integrated Brier scores per survival set, the refitted engine's
// differences from the baselines, the file-horizon Brier scores, and per
// case the data left out and both engines' forecasts at 1 and 5 years.
func refitText(w io.Writer, b *contract.Backtest) {
	r := b.Refit
	if r == nil {
		return
	}
	fmt.Fprintf(w, "== %s (--refit): %d coefficient sets, one per dyad group.\n(%s)\n\n", r.Forecaster, r.Refits, r.Method)
	if len(r.Survival.Sets) == 0 {
		fmt.Fprintln(w, "No survival scores (no case gives its spell).")
	}
	committed := map[string]contract.SurvivalSet{}
	for _, s := range b.Survival.Sets {
		committed[s.Name] = s
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(r.Survival.Sets) > 0 {
		fmt.Fprintln(tw, "SET\tCASES\tIBS ENGINE AS COMMITTED\tIBS ENGINE REFITTED\tIBS KAPLAN-MEIER\tIBS LOGIT")
		for _, s := range r.Survival.Sets {
			ibs := func(set contract.SurvivalSet, i int) string {
				if i < len(set.IntegratedBrier) {
					return fmt.Sprintf("%.4f", set.IntegratedBrier[i].Brier)
				}
				return "-"
			}
			c := committed[s.Name]
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", s.Name, s.Cases, ibs(c, 0), ibs(s, 0), ibs(s, 1), ibs(s, 2))
		}
		tw.Flush()
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SET\tIBS DIFFERENCE\tESTIMATE\t95% INTERVAL (CASES)\t95% INTERVAL (DYADS)")
		for _, s := range r.Survival.Sets {
			for _, d := range s.Differences {
				dy := "-"
				if g := d.ByDyad; g != nil {
					dy = fmt.Sprintf("[%+.4f, %+.4f]", g.Lo, g.Hi)
				}
				fmt.Fprintf(tw, "%s\trefitted - %s\t%+.4f\t[%+.4f, %+.4f]\t%s\n", s.Name, short(d.Baseline), d.Difference, d.Lo, d.Hi, dy)
			}
		}
		tw.Flush()
	}
	if len(r.Sets) > 0 {
		fmt.Fprintln(w, "\nFile-horizon Brier scores (the former design; they leak the outcome):")
		cs := map[string]contract.Set{}
		for _, s := range b.Validation.Sets {
			cs[s.Name] = s
		}
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SET\tCASES\tENGINE AS COMMITTED\tENGINE REFITTED")
		for _, s := range r.Sets {
			c := "-"
			if x, ok := cs[s.Name]; ok && len(x.Scores) > 0 {
				c = fmt.Sprintf("%.4f", x.Scores[0].Brier)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%.4f\n", s.Name, s.Cases, c, s.Scores[0].Brier)
		}
		tw.Flush()
	}
	at := func(xs []float64, hs []float64, y float64) string {
		for i, h := range hs {
			if h == y && i < len(xs) {
				return fmt.Sprintf("%.3f", xs[i])
			}
		}
		return "-"
	}
	engine := map[string][]float64{}
	for _, c := range b.Survival.Cases {
		engine[c.File] = c.Engine
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tDYAD\tDYAD-YEARS OUT\tSPELLS OUT\tHUTH OUT\tS(1) COMMITTED\tS(1) REFITTED\tS(5) COMMITTED\tS(5) REFITTED")
	hs := b.Survival.Horizons
	for _, c := range r.Cases {
		e := engine[c.File]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", c.Name, c.Dyad, c.DyadYearsDropped, c.SpellsDropped, c.HuthDropped,
			at(e, hs, 1), at(c.Survival, hs, 1), at(e, hs, 5), at(c.Survival, hs, 5))
	}
	tw.Flush()
	fmt.Fprintln(w)
}
