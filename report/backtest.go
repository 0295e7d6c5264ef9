package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/contract"
)

// Backtest writes the backtest's cases, its cross-validated scores per set
// (all cases, closed cases, Huth's crises), the bootstrap intervals of the
// Brier differences and the calibration tables, as `guarantor backtest`
// prints them.
func Backtest(w io.Writer, b *contract.Backtest) error {
	survivalText(w, b.Survival, b.HorizonYears)
	refitText(w, b)
	if len(b.Survival.Sets) > 0 {
		fmt.Fprintf(w, "== File-horizon scores (the former design). %s\n\n", FileHorizonCaveat)
	}
	if len(b.Cases) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CASE\tYEAR\tDYAD\tENGINE\tBASE RATE\tLOGIT\tOUTCOME\tIN FIT DATA")
		for _, c := range b.Cases {
			fit := "-"
			if c.FitOverlap != "" {
				fit = c.FitOverlap
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%.3f\t%.3f\t%.3f\t%s\t%s\n", c.Name, c.Year, c.Dyad, c.Forecast, c.BaseRateForecast,
				c.LogitForecast, outcomeText(c.Outcome), fit)
		}
		tw.Flush()
		over := "the case's horizon (its file's: the observed spell)"
		if b.HorizonYears > 0 {
			over = fmt.Sprintf("%g years from the start (--horizon; OUTCOME is the outcome then; %d cases whose outcome then is unknown left out)", b.HorizonYears, b.UnknownAtHorizon)
		}
		fmt.Fprintf(w, "\nENGINE: P(no attack over %s). BASE RATE and LOGIT: refitted without the case's dyad.\n", over)
	}
	v := b.Validation
	fmt.Fprintln(w, "\nCross-validated scores only: every fitted forecaster is refitted without the cases it forecasts (docs/backtest.md).")
	if len(b.Cases) > 0 {
		fmt.Fprintf(w, "Case base: %s.\nEngine: %s.\n", v.Method, v.Engine)
		fmt.Fprintf(w, "Ex-ante logit features (normal prior SD %g on standardised slopes, %g on the intercept; fixed, never tuned):\n",
			v.SlopePriorSD, v.InterceptPriorSD)
		for i, f := range v.Features {
			fmt.Fprintf(w, "  %d. %s\n", i+1, f)
		}
		if v.MissingForces > 0 {
			fmt.Fprintf(w, "  (%d cases give no challenger troops: force ratio 0)\n", v.MissingForces)
		}
	}
	for _, s := range v.Sets {
		if err := backtestSet(w, s, v); err != nil {
			return err
		}
	}
	if len(b.References) > 0 {
		fmt.Fprintln(w, "\nFor scale only (other case sets):")
		for _, r := range b.References {
			fmt.Fprintf(w, "  %s (%d crises): Brier %.4f\n", r.Name, r.Cases, r.Brier)
		}
	}
	_, err := fmt.Fprintf(w, "\nguarantor %s, seed %d, %d draws per case; bootstrap %d resamples (seed %d); log loss clips forecasts to [%.2f, %.2f]; input hash %s\n",
		b.EngineVersion, b.Seed, b.Samples, v.Resamples, v.BootstrapSeed, b.LogLossClip, 1-b.LogLossClip, b.InputHash)
	return err
}

func backtestSet(w io.Writer, s contract.Set, v contract.Validation) error {
	fmt.Fprintf(w, "\n== %s: %d cases in %d groups, deterrence held in %.0f%%\n(%s)\n\n", s.Name, s.Cases, s.Groups, 100*s.BaseRate, s.Method)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FORECASTER\tBRIER\tLOG LOSS")
	for _, sc := range s.Scores {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\n", sc.Forecaster, sc.Brier, sc.LogLoss)
	}
	tw.Flush()
	if len(s.Differences) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "BRIER DIFFERENCE\tESTIMATE\t95% BOOTSTRAP INTERVAL\tSE\tRESAMPLING DYADS\tSE")
		for _, d := range s.Differences {
			dy, dse := "-", "-"
			if g := d.ByDyad; g != nil {
				dy, dse = fmt.Sprintf("[%+.4f, %+.4f]", g.Lo, g.Hi), fmt.Sprintf("%.4f", g.SE)
			}
			fmt.Fprintf(tw, "%s - %s\t%+.4f\t[%+.4f, %+.4f]\t%.4f\t%s\t%s\n", d.Forecaster, d.Baseline, d.Difference, d.Lo, d.Hi, d.SE, dy, dse)
		}
		tw.Flush()
	}
	notesText(w, s.Name, s.Notes)
	for _, c := range s.Calibration {
		fmt.Fprintf(w, "\nCalibration, %s\n", c.Forecaster)
		calibrationTable(w, c.Bins)
	}
	return nil
}

// notesText writes a set's baseline notes (why a baseline says nothing
// there) under its scores.
func notesText(w io.Writer, set string, ns []contract.BaselineNote) {
	if len(ns) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range ns {
		fmt.Fprintf(w, "NOTE (%s): %s: %s.\n", set, n.Forecaster, n.Note)
	}
}

func calibrationTable(w io.Writer, bins []contract.Bin) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FORECAST BIN\tCASES\tMEAN FORECAST\tOBSERVED HELD")
	for _, c := range bins {
		if c.Cases == 0 {
			fmt.Fprintf(tw, "%.2g-%.2g\t0\t-\t-\n", c.Lo, c.Hi)
			continue
		}
		fmt.Fprintf(tw, "%.2g-%.2g\t%d\t%.3f\t%.3f\n", c.Lo, c.Hi, c.Cases, c.MeanForecast, c.ObservedHeld)
	}
	tw.Flush()
}

// ReliabilityDiagram draws a set's calibration: for each forecaster the
// observed share held against the mean forecast of each non-empty bin,
// the dot's area proportional to the bin's cases, over the diagonal of
// perfect calibration (Murphy and Winkler 1977, "Reliability of subjective
// probability forecasts of precipitation and temperature", Applied
// Statistics 26).
func ReliabilityDiagram(s contract.Set) string {
	return reliabilitySVG(s.Name, s.Cases, s.Calibration, "mean forecast P(deterrence holds)", "observed share held", "cases")
}

// reliabilitySVG draws the calibration tables cals of a set called name
// with n cases (named nCases in the legend).
func reliabilitySVG(name string, n int, cals []contract.Calibration, xLabel, yLabel, nCases string) string {
	const size, pad, legend = 360, 44, 230
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-label="reliability diagram: %s">`,
		size+pad+legend, size+pad+30, esc(name))
	px := func(p float64) float64 { return pad + size*p }
	py := func(p float64) float64 { return 10 + size*(1-p) }
	fmt.Fprintf(&b, `<rect x="%d" y="10" width="%d" height="%d" fill="none" stroke="#888"/>`, pad, size, size)
	for k := 0; k <= 4; k++ {
		q := float64(k) / 4
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="10" y2="%d" stroke="#eee"/><line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#eee"/>`,
			px(q), px(q), size+10, pad, pad+size, py(q), py(q))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%.2g</text><text x="%d" y="%.1f" font-size="10" text-anchor="end">%.2g</text>`,
			px(q), size+24, q, pad-4, py(q)+3, q)
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#444" stroke-dasharray="4,3"/>`, px(0), py(0), px(1), py(1))
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%s</text>`, px(0.5), size+40, esc(xLabel))
	fmt.Fprintf(&b, `<text x="12" y="%.1f" font-size="11" text-anchor="middle" transform="rotate(-90 12 %.1f)">%s</text>`, py(0.5), py(0.5), esc(yLabel))
	palette := []string{"#c0392b", "#2e6da4", "#5a9e5a", "#8c7a3c"}
	for i, c := range cals {
		col := palette[i%len(palette)]
		var pts []string
		for _, bin := range c.Bins {
			if bin.Cases == 0 {
				continue
			}
			x, y := px(bin.MeanForecast), py(bin.ObservedHeld)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" fill-opacity="0.6"><title>%s: %d cases, mean forecast %.3f, observed %.3f</title></circle>`,
				x, y, 2+2.2*math.Sqrt(float64(bin.Cases)), col, esc(c.Forecaster), bin.Cases, bin.MeanForecast, bin.ObservedHeld)
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>`, col, strings.Join(pts, " "))
		}
		fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="5" fill="%s"/><text x="%d" y="%d" font-size="11">%s</text>`,
			pad+size+14, 24+18*i, col, pad+size+24, 28+18*i, esc(c.Forecaster))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" fill="#666">%s: %d %s; dot area ~ cases in the bin</text>`,
		pad+size+14, 24+18*len(cals)+8, esc(name), n, nCases)
	b.WriteString("</svg>")
	return b.String()
}
