package studyreport

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/design"
)

// Design is one design study, as rendered.
type Design struct {
	Question string
	Problem  design.Problem
	Result   *design.Result
	Version  string
}

func costText(c map[string]float64) string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+" "+costNum(c[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// costNum prints a cost (or a percentage) as the decimal it stands for: totals are sums of
// decimal unit costs times lever levels, whose binary rounding error
// (0.0001 × 1200 = 0.12000000000000001) is noise in a table. Ten
// significant digits keep every cost a file can state; the CSV and JSON
// keep full precision.
func costNum(v float64) string {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
	if err != nil {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

func pctI(v, lo, hi float64) string {
	return fmt.Sprintf("%.1f%% [%.1f%%, %.1f%%]", 100*v, 100*lo, 100*hi)
}

// DesignText writes the recommendation, the runners-up and the frontier.
func DesignText(w io.Writer, d *Design) error {
	p, r := &d.Problem, d.Result
	if d.Question != "" {
		fmt.Fprintf(w, "Design: %s\n", d.Question)
	}
	rule := "estimate"
	if p.Strict {
		rule = "lower end of the 90% interval"
	}
	var t []string
	if p.Target > 0 {
		t = append(t, fmt.Sprintf("P(deterrence) >= %s%%", costNum(100*p.Target)))
	}
	if p.NoWarTarget > 0 {
		t = append(t, fmt.Sprintf("P(no war by T) >= %s%%", costNum(100*p.NoWarTarget)))
	}
	fmt.Fprintf(w, "Target: %s (on the %s; intervals are 90%% Monte Carlo intervals, %d draws per package, seed %d, the same draws for every package)\n",
		strings.Join(t, " and "), rule, p.Samples, p.Seed)
	method := "bisection along the last lever for every setting of the others, assuming " + p.ScoreName() + " does not fall as a lever rises"
	if p.Exhaustive {
		method = "every package in the grid"
	}
	for i, l := range p.Levers {
		fmt.Fprintf(w, "L%d = %s, %g to %g, cost per unit: %s", i+1, l.Param.Path, l.Param.Lo, l.Param.Hi, costText(l.Cost))
		if l.Source != "" {
			fmt.Fprintf(w, " (%s)", l.Source)
		}
		fmt.Fprintln(w)
	}
	for _, a := range p.Alternatives {
		if len(a.Cost) > 0 {
			fmt.Fprintf(w, "Alternative %q costs %s", a.Name, costText(a.Cost))
			if a.Source != "" {
				fmt.Fprintf(w, " (%s)", a.Source)
			}
			fmt.Fprintln(w)
		}
	}
	if len(p.Weights) > 0 {
		fmt.Fprintf(w, "Total cost = weighted sum of components, weights: %s\n", costText(p.Weights))
	}
	fmt.Fprintf(w, "Assessed %d of %d packages (%s); monotonicity violations beyond noise: %d\n", len(r.Assessed), r.GridSize, method, len(r.Violations))
	for _, v := range r.Violations {
		fmt.Fprintf(w, "  ! %s\n", v)
	}
	one := func(label string, c design.Candidate) {
		fmt.Fprintf(w, "%s %s: %s\n", label, c.Alternative, design.Short(c))
		fmt.Fprintf(w, "    cost: %s (total %s); P(deterrence) %s; P(no war by T) %s\n", costText(c.Cost), costNum(c.Total),
			pctI(c.PDeter, c.PDeterLo, c.PDeterHi), pctI(c.PNoWar, c.PNoWarLo, c.PNoWarHi))
	}
	fmt.Fprintln(w)
	if r.Recommended != nil {
		one("RECOMMENDED", *r.Recommended)
		if len(r.RunnersUp) > 0 {
			fmt.Fprintln(w, "Runners-up:")
			for _, c := range r.RunnersUp {
				one("  -", c)
			}
		}
	} else {
		fmt.Fprintln(w, "No package in the ranges given reaches the target.")
		if r.Closest != nil {
			one("Highest "+p.ScoreName()+" found:", *r.Closest)
		}
	}
	fmt.Fprintf(w, "\nCost frontier of the packages assessed (no cheaper one has a higher %s; --exhaustive assesses the whole grid):\n", p.ScoreName())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  TOTAL COST\t%s [90%%]\tALTERNATIVE\tLEVERS\t\n", strings.ToUpper(p.ScoreName()))
	fr := r.Frontier
	if len(fr) > 12 { // the cheapest and the best; the rest are in --format csv
		fr = append(append([]design.Candidate(nil), fr[:6]...), fr[len(fr)-6:]...)
	}
	for i, c := range fr {
		if len(fr) < len(r.Frontier) && i == 6 {
			fmt.Fprintf(tw, "  ...\t(%d more; --format csv lists all)\t\t\t\n", len(r.Frontier)-12)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t\n", costNum(c.Total), pctI(p.Score(c)), c.Alternative, design.Short(c))
	}
	return tw.Flush()
}

// DesignJSON writes the study's contract document as JSON.
func DesignJSON(w io.Writer, d *Design, inputHash string) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(d.Doc(inputHash))
}

// DesignCSV writes every assessed package.
func DesignCSV(w io.Writer, d *Design) error {
	c := csv.NewWriter(w)
	head := []string{"alternative"}
	for _, l := range d.Problem.Levers {
		head = append(head, l.Param.Path)
	}
	head = append(head, "total_cost", "p_deterrence", "p_deterrence_lo", "p_deterrence_hi", "p_no_war", "reaches", "on_frontier")
	c.Write(head)
	on := map[string]bool{}
	for _, f := range d.Result.Frontier {
		on[f.Alternative+fmt.Sprint(f.Values)] = true
	}
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, a := range d.Result.Assessed {
		rec := []string{a.Alternative}
		for _, v := range a.Values {
			rec = append(rec, g(v))
		}
		rec = append(rec, g(a.Total), g(a.PDeter), g(a.PDeterLo), g(a.PDeterHi), g(a.PNoWar), strconv.FormatBool(a.Reaches),
			strconv.FormatBool(on[a.Alternative+fmt.Sprint(a.Values)]))
		c.Write(rec)
	}
	c.Flush()
	return c.Error()
}

// altColors tell up to ten alternatives apart before they repeat.
var altColors = []string{"#2f5f8f", "#c9733c", "#5a9a5a", "#8e5ea2", "#b5443c", "#3c9bb5", "#c9a227", "#6b6b6b", "#d16ba5", "#7a5230"}

// clipEnd keeps the start of a long alternative name, the part that tells
// the alternatives apart ("+ peacekeepers + DMZ + joint comm…").
func clipEnd(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// ParetoSVG plots every assessed package (cost against the quantity the
// target is on: P(deterrence), or P(no war by T) when the target is on it
// alone), the cost frontier as a step line, the target and the
// recommendation.
func ParetoSVG(d *Design) string {
	p := d.Problem
	name := p.ScoreName()
	target := p.Target
	if p.OnNoWar() {
		target = p.NoWarTarget
	}
	const w, h, l, r, t, b = 760, 420, 70, 230, 40, 50
	res := d.Result
	maxC := 0.0
	for _, c := range res.Assessed {
		maxC = max(maxC, c.Total)
	}
	if maxC <= 0 {
		maxC = 1
	}
	// Round ticks, the axis ending on the first one at or past the
	// costliest package (not at its cost: 4.03 gave ticks 1.01, 2.02, ...).
	xTicks := (&chart{XMin: 0, XMax: maxC}).ticks()
	if n := len(xTicks); n > 1 && xTicks[n-1] < maxC {
		xTicks = append(xTicks, xTicks[n-1]+(xTicks[1]-xTicks[0]))
	}
	maxC = xTicks[len(xTicks)-1]
	x := func(v float64) float64 { return l + (w-l-r)*v/maxC }
	// The vertical axis spans the packages' intervals and the target,
	// padded to whole 5-point steps: after a war every package sits
	// within a few points of the others, and a 0-100% axis would draw
	// them as one flat line.
	yLo, yHi := 1.0, 0.0
	if target > 0 {
		yLo, yHi = target, target
	}
	for _, c := range res.Assessed {
		_, lo, hi := p.Score(c)
		yLo, yHi = min(yLo, lo), max(yHi, hi)
	}
	yLo = max(0, math.Floor(yLo*20-0.2)/20)
	yHi = min(1, math.Ceil(yHi*20+0.2)/20)
	if !(yHi > yLo) {
		yLo, yHi = 0, 1
	}
	y := func(v float64) float64 { return h - b - (h-t-b)*(v-yLo)/(yHi-yLo) }
	var s strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="cost frontier" font-family="sans-serif">`, w, h, w, h)
	fmt.Fprintf(&s, `<rect width="%d" height="%d" fill="#fff"/><text x="8" y="20" font-size="14" font-weight="bold">Cost against %s of every package assessed</text>`, w, h, e(name))
	yAxis := &chart{XMin: yLo, XMax: yHi, Percent: true}
	for _, v := range yAxis.ticks() {
		fmt.Fprintf(&s, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e2e2e2"/><text x="%d" y="%.1f" font-size="10" text-anchor="end">%s</text>`, l, w-r, y(v), y(v), l-4, y(v)+3, yAxis.tickLabel(v))
	}
	for _, v := range xTicks {
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%s</text>`, x(v), h-b+14, (&chart{}).tickLabel(v))
	}
	fmt.Fprintf(&s, `<text x="%d" y="%d" font-size="11" text-anchor="middle">total cost</text>`, (l+w-r)/2, h-12)
	fmt.Fprintf(&s, `<text x="14" y="%d" font-size="11" transform="rotate(-90 14 %d)" text-anchor="middle">%s</text>`, (t+h-b)/2, (t+h-b)/2, e(name))
	if target > 0 {
		fmt.Fprintf(&s, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#b5443c" stroke-dasharray="5,4"/><text x="%d" y="%.1f" font-size="10" fill="#b5443c" text-anchor="end">target %.4g%%</text>`,
			l, w-r, y(target), y(target), w-r-4, y(target)+12, 100*target)
	}
	col := map[string]string{}
	for i, a := range d.Problem.Alternatives {
		col[a.Name] = altColors[i%len(altColors)]
		fmt.Fprintf(&s, `<circle cx="%d" cy="%d" r="4" fill="%s"/><text x="%d" y="%d" font-size="11">%s</text>`, w-r+12, t+16*i+10, col[a.Name], w-r+20, t+16*i+14, e(clipEnd(a.Name, 34)))
	}
	for _, c := range res.Assessed {
		v, lo, hi := p.Score(c)
		fmt.Fprintf(&s, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-opacity="0.5"/>`, x(c.Total), x(c.Total), y(lo), y(hi), col[c.Alternative])
		fmt.Fprintf(&s, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s" fill-opacity="0.7"><title>%s: %s; cost %s; %s %s</title></circle>`,
			x(c.Total), y(v), col[c.Alternative], e(c.Alternative), e(design.Describe(d.Problem, c)), costNum(c.Total), e(name), pctI(v, lo, hi))
	}
	if len(res.Frontier) > 0 {
		var pts []string
		for i, c := range res.Frontier {
			if i > 0 {
				prev, _, _ := p.Score(res.Frontier[i-1])
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(c.Total), y(prev)))
			}
			v, _, _ := p.Score(c)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(c.Total), y(v)))
		}
		fmt.Fprintf(&s, `<polyline points="%s" fill="none" stroke="#222" stroke-width="1.5"/>`, strings.Join(pts, " "))
	}
	if c := res.Recommended; c != nil {
		v, _, _ := p.Score(*c)
		fmt.Fprintf(&s, `<circle cx="%.1f" cy="%.1f" r="8" fill="none" stroke="#b5443c" stroke-width="2"><title>recommended</title></circle>`, x(c.Total), y(v))
	}
	s.WriteString("</svg>")
	return s.String()
}
