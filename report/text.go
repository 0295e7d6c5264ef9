package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/contract"
)

// TopDrivers and TopAnalogues bound the lists the summaries show.
const (
	TopDrivers   = 3
	TopAnalogues = 3
)

// pct prints a probability in per cent with one decimal: after a war,
// P(no renewed war in a year) is 97-99.9% for most options, and a column
// that mixed whole and one-decimal per cents (89% next to 90.1%) would read
// as two precisions. 20,000 draws give a Monte Carlo SE of the mean of
// about 0.1 point or less; the 90% intervals printed beside it say how much
// the inputs' uncertainty spreads it.
func pct(x float64) string {
	return fmt.Sprintf("%.1f%%", 100*x)
}

func interval(e contract.Estimate) string {
	return fmt.Sprintf("%s [%s-%s]", pct(e.Mean), pct(e.P05), pct(e.P95))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func failsText(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, " and ")
}

func noWar(r *contract.Option, years int) string {
	for _, h := range r.NoWar {
		if h.Years == years {
			return pct(h.P.Mean)
		}
	}
	return "-"
}

// outcomeText turns the contract's outcome word into prose.
func outcomeText(outcome string) string {
	switch outcome {
	case contract.HeldToDate:
		return "held to date"
	case contract.Unknown:
		return "open"
	}
	return outcome
}

// Legend says what the summary's two headline numbers measure, so that a
// reader does not take them for the same thing.
const Legend = `P(DETERRENCE): the challenger does not attack when it decides now, given the guarantee; after a war
(stage postwar, e.g. every Ukraine option) P(no renewed war in the first year, whichever party starts it).
NO WAR Ty: P(DETERRENCE) times P(no attack by year T | none now): a challenger type that persists, with a
hazard that declines over time (cure Weibull; docs/assess.md). After a war: the post-war spells' survival
from the war's end for each party, the deterrence index as a hazard ratio of the challenger's; no renewed
war by either. It falls with T.`

// Table writes the terminal summary: one row per option, then each
// option's guarantors, drivers and analogues.
func Table(w io.Writer, a *contract.Assessment) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OPTION\tP(DETERRENCE) [90%]\tNO WAR 1y/5y/10y\tCOMMITTED?\tCAPABLE?\tFAILS")
	for i := range a.Options {
		r := &a.Options[i]
		fmt.Fprintf(tw, "%s\t%s\t%s/%s/%s\t%s\t%s\t%s\n", r.Name, interval(r.PDeterrence),
			noWar(r, 1), noWar(r, 5), noWar(r, 10), yesNo(r.Committed), yesNo(r.Capable), failsText(r.Fails))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, Legend)
	for i := range a.Options {
		r := &a.Options[i]
		fmt.Fprintf(w, "\n== %s (%s)\n", r.Name, r.File)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  GUARANTOR\tINSTRUMENT\tP(FIGHTS) [90%]\tCOMMITTED?\tP(WIN WITH PROTEGE)\tCAPABLE?\tFAILS")
		for _, g := range r.Guarantors {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Name, g.Instrument, interval(g.PFights), yesNo(g.Committed),
				interval(g.PWin), yesNo(g.Capable), failsText(g.Fails))
		}
		if len(r.Guarantors) == 0 {
			fmt.Fprintln(tw, "  (no guarantor)\t\t\t\t\t\t")
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "  P(some guarantor fights) %s; P(those who fight can win) %s; effective credibility %s; P(war) %s\n",
			pct(r.PAnyFights.Mean), pct(r.PCanWin.Mean), interval(r.Credibility), pct(r.PWar.Mean))
		if ds := topDrivers(r); len(ds) > 0 {
			var txt []string
			for _, d := range ds {
				txt = append(txt, fmt.Sprintf("%s (%s..%s)", d.Input, pct(d.PDeterAtP05), pct(d.PDeterAtP95)))
			}
			fmt.Fprintf(w, "  drivers: %s\n", strings.Join(txt, "; "))
		}
		for _, f := range r.Flags {
			fmt.Fprintf(w, "  FLAG: %s\n", f)
		}
		if len(r.Analogues) > 0 {
			var as []string
			for _, x := range r.Analogues[:min(TopAnalogues, len(r.Analogues))] {
				as = append(as, fmt.Sprintf("%s (%s, d=%.2f)", x.Name, outcomeText(x.Outcome), x.Distance))
			}
			fmt.Fprintf(w, "  analogues: %s\n", strings.Join(as, "; "))
		}
	}
	fmt.Fprintln(w)
	return Footer(w, a)
}

// Footer records the provenance of an assessment.
func Footer(w io.Writer, a *contract.Assessment) error {
	if len(a.Options) == 0 {
		return nil
	}
	var hs []string
	for _, r := range a.Options {
		hs = append(hs, r.InputHash)
	}
	_, err := fmt.Fprintf(w, "guarantor %s, seed %d, %d draws per option; input hashes %s\n",
		a.EngineVersion, a.Seed, a.Samples, strings.Join(hs, " "))
	return err
}

// topDrivers returns up to TopDrivers drivers that move P(deterrence) by
// at least half a percentage point.
func topDrivers(r *contract.Option) []contract.Driver {
	var out []contract.Driver
	for _, d := range r.Drivers {
		if d.Swing >= 0.005 && len(out) < TopDrivers {
			out = append(out, d)
		}
	}
	return out
}
