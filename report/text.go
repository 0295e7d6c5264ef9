package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/assess"
)

// TopDrivers and TopAnalogues bound the lists the summaries show.
const (
	TopDrivers   = 3
	TopAnalogues = 3
)

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func interval(e assess.Estimate) string {
	return fmt.Sprintf("%s [%s-%s]", pct(e.Mean), pct(e.Lo), pct(e.Hi))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func failsText(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func noWar(r *assess.Result, years int) string {
	for _, h := range r.NoWar {
		if h.Years == years {
			return pct(h.P.Mean)
		}
	}
	return "-"
}

func outcomeText(a assess.Analogue) string {
	switch {
	case a.Ongoing:
		return "held to date"
	case a.Outcome == 1:
		return "held"
	case a.Outcome == 0:
		return "failed"
	}
	return "open"
}

// Legend says what the summary's two headline numbers measure, so that a
// reader does not take them for the same thing.
const Legend = `P(DETERRENCE): the challenger does not attack when it decides now, given the guarantee.
NO WAR Ty: no renewed war by year T: the same decision (an attack that ends in a climb-down is not a war),
then yearly re-decisions at the same odds. So NO WAR 1y >= P(DETERRENCE), and it falls with T.`

// Table writes the terminal summary: one row per option, then each
// option's guarantors, drivers and analogues.
func Table(w io.Writer, rs []*assess.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OPTION\tP(DETERRENCE) [90%]\tNO WAR 1y/5y/10y\tCOMMITTED?\tCAPABLE?\tFAILS")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s/%s/%s\t%s\t%s\t%s\n", r.Option, interval(r.PDeter),
			noWar(r, 1), noWar(r, 5), noWar(r, 10), yesNo(r.Committed), yesNo(r.Capable), failsText(r.Fails))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, Legend)
	for _, r := range rs {
		fmt.Fprintf(w, "\n== %s (%s)\n", r.Option, r.File)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  GUARANTOR\tINSTRUMENT\tP(FIGHTS) [90%]\tCOMMITTED?\tP(WIN WITH PROTEGE)\tCAPABLE?\tFAILS")
		for _, g := range r.Guarantors {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Name, g.Instrument, interval(g.PFight), yesNo(g.Committed),
				interval(g.PWin), yesNo(g.Capable), failsText(g.Fails))
		}
		if len(r.Guarantors) == 0 {
			fmt.Fprintln(tw, "  (no guarantor)\t\t\t\t\t\t")
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "  P(some guarantor fights) %s; P(those who fight can win) %s; effective credibility %s; P(war) %s\n",
			pct(r.AnyFight.Mean), pct(r.CanWin.Mean), interval(r.Credibility), pct(r.PWar.Mean))
		if ds := topDrivers(r); len(ds) > 0 {
			var txt []string
			for _, d := range ds {
				txt = append(txt, fmt.Sprintf("%s (%s..%s)", d.Name, pct(d.AtLo), pct(d.AtHi)))
			}
			fmt.Fprintf(w, "  drivers: %s\n", strings.Join(txt, "; "))
		}
		if len(r.Analogues) > 0 {
			var as []string
			for _, a := range r.Analogues[:min(TopAnalogues, len(r.Analogues))] {
				as = append(as, fmt.Sprintf("%s (%s, d=%.2f)", a.Name, outcomeText(a), a.Distance))
			}
			fmt.Fprintf(w, "  analogues: %s\n", strings.Join(as, "; "))
		}
	}
	fmt.Fprintln(w)
	return Footer(w, rs)
}

// Footer records the provenance of a set of results.
func Footer(w io.Writer, rs []*assess.Result) error {
	if len(rs) == 0 {
		return nil
	}
	var hs []string
	for _, r := range rs {
		hs = append(hs, r.InputHash)
	}
	_, err := fmt.Fprintf(w, "guarantor %s, seed %d, %d draws per option; input hashes %s\n",
		rs[0].Version, rs[0].Seed, rs[0].Samples, strings.Join(hs, " "))
	return err
}

// topDrivers returns up to TopDrivers drivers that move P(deterrence) by
// at least half a percentage point.
func topDrivers(r *assess.Result) []assess.Driver {
	var out []assess.Driver
	for _, d := range r.Drivers {
		if d.Swing >= 0.005 && len(out) < TopDrivers {
			out = append(out, d)
		}
	}
	return out
}
