package studyreport

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/guarantor/guarantor/sensitivity"
)

// chart is a horizontal bar chart: one row per label, each row one or more
// thin bars from Lo to Hi with an optional whisker. The SVG and PNG
// renderers draw the same chart.
type chart struct {
	Title      string
	XLabel     string
	XMin, XMax float64
	Ref        float64 // a dashed reference line (NaN: none)
	Percent    bool    // tick labels in %
	Rows       []chartRow
	Legend     []legendItem
}

type chartRow struct {
	Label string
	Bars  []chartBar
}

type chartBar struct {
	Lo, Hi           float64
	WhiskLo, WhiskHi float64 // NaN: no whisker
	Color            string  // #rrggbb
	Title            string
}

type legendItem struct{ Label, Color string }

// Geometry, in SVG user units (pixels in PNG).
const (
	cLabelW = 300
	cPlotW  = 400
	cRightW = 30
	cRowH   = 26
	cTop    = 34
	cBottom = 46
)

func (c *chart) size() (w, h int) {
	return cLabelW + cPlotW + cRightW, cTop + cRowH*len(c.Rows) + cBottom
}

func (c *chart) x(v float64) float64 {
	v = min(max(v, c.XMin), c.XMax)
	return cLabelW + cPlotW*(v-c.XMin)/(c.XMax-c.XMin)
}

// ticks returns about five round tick values across the axis.
func (c *chart) ticks() []float64 {
	span := c.XMax - c.XMin
	step := math.Pow(10, math.Floor(math.Log10(span/4)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if span/(step*m) <= 5 {
			step *= m
			break
		}
	}
	var t []float64
	for v := math.Ceil(c.XMin/step) * step; v <= c.XMax+step*1e-9; v += step {
		t = append(t, math.Round(v/step)*step)
	}
	return t
}

// tickLabel prints a tick to 12 significant digits: a tick is a multiple
// of a round step, and the product's binary error (3 × 0.2 =
// 0.6000000000000001) sits far below that, so the label is the decimal
// value the step meant.
func (c *chart) tickLabel(v float64) string {
	if c.Percent {
		return fmt.Sprintf("%g%%", math.Round(v*1000)/10)
	}
	return fmt.Sprintf("%.12g", v)
}

// SVG renders the chart as a standalone SVG element.
func (c *chart) SVG() string {
	var b strings.Builder
	w, h := c.size()
	e := html.EscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="sans-serif">`, w, h, w, h, e(c.Title))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`, w, h)
	fmt.Fprintf(&b, `<text x="%d" y="18" font-size="14" font-weight="bold">%s</text>`, 8, e(c.Title))
	yAxis := cTop + cRowH*len(c.Rows)
	for _, t := range c.ticks() {
		x := c.x(t)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#e2e2e2"/>`, x, x, cTop, yAxis)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%s</text>`, x, yAxis+14, e(c.tickLabel(t)))
	}
	fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#888"/>`, cLabelW, cLabelW+cPlotW, yAxis, yAxis)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle">%s</text>`, cLabelW+cPlotW/2, yAxis+30, e(c.XLabel))
	for i, r := range c.Rows {
		y := cTop + i*cRowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="end">%s</text>`, cLabelW-6, y+cRowH/2+4, e(clip(r.Label, 46, "…")))
		bh := float64(cRowH-6) / float64(max(len(r.Bars), 1))
		for j, br := range r.Bars {
			by := float64(y+3) + bh*float64(j)
			x0, x1 := c.x(min(br.Lo, br.Hi)), c.x(max(br.Lo, br.Hi))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`, x0, by, max(x1-x0, 1), bh-1, br.Color, e(br.Title))
			if !math.IsNaN(br.WhiskLo) {
				fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#222"/>`, c.x(br.WhiskLo), c.x(br.WhiskHi), by+bh/2, by+bh/2)
			}
		}
	}
	if !math.IsNaN(c.Ref) {
		x := c.x(c.Ref)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#222" stroke-dasharray="4,3"/>`, x, x, cTop-4, yAxis)
	}
	lx := cLabelW
	for _, l := range c.Legend {
		fmt.Fprintf(&b, `<rect x="%d" y="22" width="10" height="10" fill="%s"/><text x="%d" y="31" font-size="11">%s</text>`, lx, l.Color, lx+14, e(l.Label))
		lx += 20 + 7*len(l.Label)
	}
	b.WriteString("</svg>")
	return b.String()
}

// clip keeps the end of a long label (the specific part of a dotted
// input name), marked by ell.
func clip(s string, n int, ell string) string {
	if r := []rune(s); len(r) > n {
		return ell + string(r[len(r)-n+len([]rune(ell)):])
	}
	return s
}

const (
	colFirst = "#2f5f8f"
	colTotal = "#9cc0e0"
	colLo    = "#c9733c"
	colHi    = "#5a9a5a"
)

// sobolChart: for output o, each factor's first-order and total index with
// intervals, top factors by total index.
func sobolChart(s *Sensitivity, o, top int) *chart {
	r := s.Sobol
	c := &chart{Title: "Sobol indices of " + r.Outputs[o], XLabel: "share of variance", XMin: 0, XMax: 1, Ref: math.NaN(),
		Legend: []legendItem{{"first-order", colFirst}, {"total", colTotal}}}
	hi := 0.0
	for _, i := range s.order(o)[:min(top, len(r.Factors))] {
		f := r.Factors[i]
		row := chartRow{Label: f.Name}
		for _, x := range []struct {
			ix   sensitivity.Index
			col  string
			what string
		}{{f.First[o], colFirst, "first-order"}, {f.Total[o], colTotal, "total"}} {
			br := chartBar{Lo: 0, Hi: max(x.ix.Value, 0), Color: x.col, WhiskLo: math.NaN(), WhiskHi: math.NaN(),
				Title: fmt.Sprintf("%s %s index %.3f", f.Name, x.what, x.ix.Value)}
			if r.Bootstrap > 0 {
				br.WhiskLo, br.WhiskHi = x.ix.Lo, x.ix.Hi
				br.Title += fmt.Sprintf(" [%.3f, %.3f]", x.ix.Lo, x.ix.Hi)
			}
			hi = max(hi, x.ix.Hi, x.ix.Value)
			row.Bars = append(row.Bars, br)
		}
		c.Rows = append(c.Rows, row)
	}
	c.XMax = min(1, math.Ceil(hi*10+0.5)/10)
	return c
}

// tornadoChart: for output o, each factor's one-at-a-time swing around the
// output's mean, widest first.
func tornadoChart(s *Sensitivity, o, top int) *chart {
	r := s.Sobol
	c := &chart{Title: "One-at-a-time swings of " + r.Outputs[o] + " (5th to 95th percentile)", XLabel: r.Outputs[o],
		Ref: r.Mean[o], Percent: true, Legend: []legendItem{{"at 5th pct", colLo}, {"at 95th pct", colHi}}}
	idx := make([]int, len(s.Swings))
	for i := range idx {
		idx[i] = i
	}
	width := func(i int) float64 { return math.Abs(s.Swings[i].AtHi[o] - s.Swings[i].AtLo[o]) }
	sortStable(idx, func(a, b int) bool { return width(a) > width(b) })
	lo, hi := r.Mean[o], r.Mean[o]
	for _, i := range idx[:min(top, len(idx))] {
		sw := s.Swings[i]
		lo, hi = min(lo, sw.AtLo[o], sw.AtHi[o]), max(hi, sw.AtLo[o], sw.AtHi[o])
		c.Rows = append(c.Rows, chartRow{Label: sw.Name, Bars: []chartBar{
			{Lo: r.Mean[o], Hi: sw.AtLo[o], Color: colLo, WhiskLo: math.NaN(), WhiskHi: math.NaN(), Title: fmt.Sprintf("%s at its 5th percentile: %.1f%%", sw.Name, 100*sw.AtLo[o])},
			{Lo: r.Mean[o], Hi: sw.AtHi[o], Color: colHi, WhiskLo: math.NaN(), WhiskHi: math.NaN(), Title: fmt.Sprintf("%s at its 95th percentile: %.1f%%", sw.Name, 100*sw.AtHi[o])},
		}})
	}
	c.XMin, c.XMax = max(0, math.Floor(lo*10)/10), min(1, math.Ceil(hi*10)/10)
	if c.XMax <= c.XMin {
		c.XMin, c.XMax = 0, 1
	}
	return c
}
