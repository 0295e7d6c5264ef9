package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/guarantor/guarantor/assess"
)

// JSON writes the results as one indented JSON document.
func JSON(w io.Writer, rs []*assess.Result) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(struct {
		Results []*assess.Result `json:"results"`
	}{rs})
}

// CSV writes one row per option and guarantor. Option rows have an empty
// guarantor column; on them p_fights is P(some guarantor fights) and p_win
// P(those who fight can win).
func CSV(w io.Writer, rs []*assess.Result) error {
	c := csv.NewWriter(w)
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	c.Write([]string{"option", "file", "guarantor", "p_deterrence", "p_deterrence_lo", "p_deterrence_hi",
		"p_fights", "p_fights_lo", "p_fights_hi", "p_win", "committed", "capable", "fails",
		"no_war_1y", "no_war_5y", "no_war_10y", "version", "seed", "samples", "input_hash"})
	for _, r := range rs {
		tail := []string{r.Version, strconv.FormatUint(r.Seed, 10), strconv.Itoa(r.Samples), r.InputHash}
		nw := []string{noWarF(r, 1), noWarF(r, 5), noWarF(r, 10)}
		row := append([]string{r.Option, r.File, "", f(r.PDeter.Mean), f(r.PDeter.Lo), f(r.PDeter.Hi),
			f(r.AnyFight.Mean), "", "", f(r.CanWin.Mean),
			strconv.FormatBool(r.Committed), strconv.FormatBool(r.Capable), r.Fails}, nw...)
		c.Write(append(row, tail...))
		for _, g := range r.Guarantors {
			row := append([]string{r.Option, r.File, g.Name, "", "", "",
				f(g.PFight.Mean), f(g.PFight.Lo), f(g.PFight.Hi), f(g.PWin.Mean),
				strconv.FormatBool(g.Committed), strconv.FormatBool(g.Capable), g.Fails}, "", "", "")
			c.Write(append(row, tail...))
		}
	}
	c.Flush()
	return c.Error()
}

func noWarF(r *assess.Result, y int) string {
	for _, h := range r.NoWar {
		if h.Years == y {
			return strconv.FormatFloat(h.P.Mean, 'f', 4, 64)
		}
	}
	return ""
}

// Markdown writes the summary as GitHub-flavoured Markdown tables.
func Markdown(w io.Writer, rs []*assess.Result) error {
	fmt.Fprintln(w, "| option | P(deterrence) [90%] | no war 1y/5y/10y | committed? | capable? | fails |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range rs {
		fmt.Fprintf(w, "| %s | %s | %s/%s/%s | %s | %s | %s |\n", r.Option, interval(r.PDeter),
			noWar(r, 1), noWar(r, 5), noWar(r, 10), yesNo(r.Committed), yesNo(r.Capable), failsText(r.Fails))
	}
	for _, r := range rs {
		fmt.Fprintf(w, "\n### %s\n\n", r.Option)
		if len(r.Guarantors) > 0 {
			fmt.Fprintln(w, "| guarantor | instrument | P(fights) [90%] | committed? | P(win with protégé) | capable? | fails |")
			fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
			for _, g := range r.Guarantors {
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", g.Name, g.Instrument, interval(g.PFight),
					yesNo(g.Committed), interval(g.PWin), yesNo(g.Capable), failsText(g.Fails))
			}
			fmt.Fprintln(w)
		}
		for _, d := range topDrivers(r) {
			fmt.Fprintf(w, "- driver `%s`: P(deterrence) %s at its 5th percentile, %s at its 95th\n", d.Name, pct(d.AtLo), pct(d.AtHi))
		}
		for _, a := range r.Analogues[:min(TopAnalogues, len(r.Analogues))] {
			fmt.Fprintf(w, "- analogue: %s (%s, distance %.2f)\n", a.Name, outcomeText(a), a.Distance)
		}
	}
	fmt.Fprintln(w)
	return Footer(w, rs)
}
