package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/guarantor/guarantor/contract"
)

// JSON writes any contract document as indented JSON with a final
// newline. encoding/json sorts no struct fields, so the key order is the
// types' field order: stable across runs.
func JSON(w io.Writer, doc any) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(doc)
}

// CSVHeader is the header of the assessment's tidy CSV.
// stage says what p_deterrence measures in each row's option: immediate
// (the challenger does not attack when it decides now), general (the same
// per year) or postwar (no renewed war in the first year, by either
// party); "udg" for the UDG engine, which plays the crisis decision at any
// stage. Without it a table of mixed stages read as one measure.
var CSVHeader = []string{"option", "file", "input_hash", "guarantor", "measure", "years",
	"mean", "p05", "p95", "se", "engine_version", "seed", "samples", "stage"}

// CSV writes the assessment as tidy data: one row per (option, guarantor,
// measure, horizon), one value per cell, numbers in full precision and no
// units, so that it loads in pandas or R as it is. guarantor is empty for
// option-level measures, years empty except for no_war. The measures are
// p_deterrence, p_war, credibility, p_win_all, p_any_fights, p_can_win,
// p_held and no_war per option; p_fights and p_win per guarantor.
func CSV(w io.Writer, a *contract.Assessment) error {
	c := csv.NewWriter(w)
	c.Write(CSVHeader)
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	tail := []string{a.EngineVersion, strconv.FormatUint(a.Seed, 10), strconv.Itoa(a.Samples)}
	for i := range a.Options {
		r := &a.Options[i]
		stage := r.Stage
		if r.Engine == "udg" {
			stage = "udg"
		}
		row := func(guarantor, measure, years string, e contract.Estimate) {
			c.Write(append(append([]string{r.Name, r.File, r.InputHash, guarantor, measure, years, f(e.Mean), f(e.P05), f(e.P95), f(e.SE)}, tail...), stage))
		}
		for _, m := range []struct {
			name string
			e    contract.Estimate
		}{{"p_deterrence", r.PDeterrence}, {"p_war", r.PWar}, {"credibility", r.Credibility}, {"p_win_all", r.PWinAll},
			{"p_any_fights", r.PAnyFights}, {"p_can_win", r.PCanWin}} {
			row("", m.name, "", m.e)
		}
		row("", "p_held", strconv.Itoa(r.HorizonYears), r.PHeld)
		for _, h := range r.NoWar {
			row("", "no_war", strconv.Itoa(h.Years), h.P)
		}
		for _, g := range r.Guarantors {
			row(g.Name, "p_fights", "", g.PFights)
			row(g.Name, "p_win", "", g.PWin)
		}
	}
	c.Flush()
	return c.Error()
}

// Markdown writes the summary as GitHub-flavoured Markdown tables.
func Markdown(w io.Writer, a *contract.Assessment) error {
	fmt.Fprintln(w, "| option | P(deterrence) [90%] | no war 1y/5y/10y | committed? | capable? | fails |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for i := range a.Options {
		r := &a.Options[i]
		fmt.Fprintf(w, "| %s | %s | %s/%s/%s | %s | %s | %s |\n", r.Name, interval(r.PDeterrence),
			noWar(r, 1), noWar(r, 5), noWar(r, 10), yesNo(r.Committed), yesNo(r.Capable), failsText(r.Fails))
	}
	for i := range a.Options {
		r := &a.Options[i]
		fmt.Fprintf(w, "\n### %s\n\n", r.Name)
		if len(r.Guarantors) > 0 {
			fmt.Fprintln(w, "| guarantor | instrument | P(fights) [90%] | committed? | P(win with protégé) | capable? | fails |")
			fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
			for _, g := range r.Guarantors {
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", g.Name, g.Instrument, interval(g.PFights),
					yesNo(g.Committed), interval(g.PWin), yesNo(g.Capable), failsText(g.Fails))
			}
			fmt.Fprintln(w)
		}
		for _, f := range r.Flags {
			fmt.Fprintf(w, "- **flag**: %s\n", f)
		}
		for _, d := range topDrivers(r) {
			fmt.Fprintf(w, "- driver `%s`: P(deterrence) %s at its 5th percentile, %s at its 95th\n", d.Input, pct(d.PDeterAtP05), pct(d.PDeterAtP95))
		}
		for _, x := range r.Analogues[:min(TopAnalogues, len(r.Analogues))] {
			fmt.Fprintf(w, "- analogue: %s (%s, distance %.2f)\n", x.Name, outcomeText(x.Outcome), x.Distance)
		}
	}
	fmt.Fprintln(w)
	return Footer(w, a)
}
