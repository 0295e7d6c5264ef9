package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/contract"
)

// FileHorizonCaveat heads the file-horizon scores, which come after the
// survival block: why they are not the headline.
const FileHorizonCaveat = "These scores leak the outcome: a case file's horizon is its observed spell, so a failed case is " +
	"forecast over exactly the time it took to fail and a case that held over its whole spell (docs/backtest.md)."

// DiagramYears are the horizons whose calibration the text and the HTML
// report show (when scored).
var DiagramYears = []float64{1, 5}

// survivalText writes the survival block: per set the integrated Brier
// scores and their differences, then per set the scores at every horizon,
// then for the first set (all cases) the calibration at DiagramYears.
func survivalText(w io.Writer, s contract.Survival, horizon float64) {
	if len(s.Sets) == 0 {
		if s.NoSpell > 0 {
			fmt.Fprintf(w, "Survival scores: none (%d cases give no years held).\n\n", s.NoSpell)
		}
		return
	}
	span := fmt.Sprintf("t = 1, ..., %d years", s.TauYears)
	if s.TauYears == 1 {
		span = "t = 1 year"
	}
	fmt.Fprintf(w, "== Survival scores (the headline): P(no attack within t years of the start) against each case's spell,\n"+
		"IPCW Brier score at %s and its integral over (0, %d] (IBS; lower is better).\n", span, s.TauYears)
	fmt.Fprintf(w, "Censoring: %s.\n", s.Censoring)
	if s.NoSpell > 0 {
		fmt.Fprintf(w, "(%d cases give no years held and are left out.)\n", s.NoSpell)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "SET\tCASES\tDYADS\tFAILED")
	for _, f := range s.Sets[0].IntegratedBrier {
		fmt.Fprintf(tw, "\tIBS %s", strings.ToUpper(short(f.Forecaster)))
	}
	fmt.Fprintln(tw)
	for _, st := range s.Sets {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d", st.Name, st.Cases, st.Groups, st.Failed)
		for _, f := range st.IntegratedBrier {
			fmt.Fprintf(tw, "\t%.4f", f.Brier)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SET\tIBS DIFFERENCE\tESTIMATE\t95% INTERVAL (CASES)\tSE\t95% INTERVAL (DYADS)\tSE")
	for _, st := range s.Sets {
		for _, d := range st.Differences {
			dy, dse := "-", "-"
			if g := d.ByDyad; g != nil {
				dy, dse = fmt.Sprintf("[%+.4f, %+.4f]", g.Lo, g.Hi), fmt.Sprintf("%.4f", g.SE)
			}
			fmt.Fprintf(tw, "%s\t%s - %s\t%+.4f\t[%+.4f, %+.4f]\t%.4f\t%s\t%s\n", st.Name, short(d.Forecaster), short(d.Baseline),
				d.Difference, d.Lo, d.Hi, d.SE, dy, dse)
		}
	}
	tw.Flush()
	for _, st := range s.Sets {
		notesText(w, st.Name, st.Notes)
	}
	// Every set by horizon: the closed and outside-the-fitting-data sets'
	// yearly scores were in the JSON only, so docs quoted them from it.
	for _, st := range s.Sets {
		horizonText(w, st, horizon)
	}
	all := s.Sets[0]
	for _, h := range diagramHorizons(all, horizon) {
		for _, c := range h.Calibration {
			fmt.Fprintf(w, "\nCalibration at %s, %s, %s (IPCW-weighted; cases with a known status)\n", yearsText(h.Years), all.Name, c.Forecaster)
			calibrationTable(w, c.Bins)
		}
	}
	fmt.Fprintln(w)
}

// horizonText writes one set's scores at every horizon, with the
// differences and their dyad-resampled intervals.
func horizonText(w io.Writer, st contract.SurvivalSet, horizon float64) {
	fmt.Fprintf(w, "\n%s, by horizon (IPCW Brier score; KNOWN: cases whose status then is known; KM: the set's Kaplan-Meier survival;\n"+
		"G: P(not censored by then); differences with 95%% intervals resampling dyads (cases, when every dyad has one case))\n", st.Name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "YEARS\tKNOWN\tFAILED BY\tKM\tG")
	for _, f := range st.IntegratedBrier {
		fmt.Fprintf(tw, "\t%s", strings.ToUpper(short(f.Forecaster)))
	}
	for _, d := range st.Differences {
		fmt.Fprintf(tw, "\t%s - %s [DYADS]", strings.ToUpper(short(d.Forecaster)), strings.ToUpper(short(d.Baseline)))
	}
	fmt.Fprintln(tw)
	for _, h := range st.Horizons {
		mark := ""
		if h.Years == horizon {
			mark = " (--horizon)"
		}
		fmt.Fprintf(tw, "%g%s\t%d\t%d\t%.3f\t%.3f", h.Years, mark, h.Known, h.FailedBy, h.KaplanMeier, h.Censoring)
		for _, b := range h.Brier {
			fmt.Fprintf(tw, "\t%.4f", b.Brier)
		}
		for _, d := range h.Differences {
			iv := d.Lo
			hi := d.Hi
			if g := d.ByDyad; g != nil {
				iv, hi = g.Lo, g.Hi
			}
			fmt.Fprintf(tw, "\t%+.3f [%+.3f, %+.3f]", d.Difference, iv, hi)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// diagramHorizons are the set's horizons at DiagramYears and at
// --horizon, in order.
func diagramHorizons(s contract.SurvivalSet, horizon float64) []contract.SurvivalHorizon {
	var out []contract.SurvivalHorizon
	for _, h := range s.Horizons {
		for _, y := range append(DiagramYears, horizon) {
			if h.Years == y {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

func yearsText(y float64) string {
	if y == 1 {
		return "1 year"
	}
	return fmt.Sprintf("%g years", y)
}

// short drops a forecaster name's parenthesis ("(leave-dyad-out)") for
// column heads.
func short(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

// SurvivalDiagram draws the reliability diagram of a survival set at one
// horizon: as ReliabilityDiagram, with the IPCW-weighted observed share.
func SurvivalDiagram(s contract.SurvivalSet, h contract.SurvivalHorizon) string {
	return reliabilitySVG(fmt.Sprintf("%s at %s", s.Name, yearsText(h.Years)), h.Known, h.Calibration,
		fmt.Sprintf("mean forecast P(no attack within %s)", yearsText(h.Years)), "observed share past the horizon (IPCW)", "cases with a known status")
}
