package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/guarantor/guarantor/contract"
)

// Chart geometry, in SVG user units.
const (
	labelW = 260 // left margin for labels
	plotW  = 420 // plot width
	rowH   = 24  // height of one bar row
)

func esc(s string) string { return html.EscapeString(s) }

// DeterrenceChart draws each option's P(deterrence holds) as a bar with
// its 90% interval as a whisker.
func DeterrenceChart(rs []contract.Option) string {
	var b strings.Builder
	h := rowH*len(rs) + 40
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-label="P(deterrence holds) by option">`, labelW+plotW+60, h)
	axis(&b, len(rs))
	for i := range rs {
		r := &rs[i]
		y := 10 + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="12">%s</text>`, labelW-8, y+15, esc(r.Name))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="16" fill="#4a7fb5"><title>%s: %.1f%%</title></rect>`,
			labelW, y+2, plotW*r.PDeterrence.Mean, esc(r.Name), 100*r.PDeterrence.Mean)
		x0, x1 := labelW+plotW*r.PDeterrence.P05, labelW+plotW*r.PDeterrence.P95
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#222"/>`, x0, x1, y+10, y+10)
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11">%.0f%%</text>`, labelW+plotW+6, y+15, 100*r.PDeterrence.Mean)
	}
	b.WriteString("</svg>")
	return b.String()
}

// axis draws the 0-100% axis under n rows.
func axis(b *strings.Builder, n int) {
	y := 10 + n*rowH
	fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#888"/>`, labelW, labelW+plotW, y, y)
	for k := 0; k <= 4; k++ {
		x := labelW + plotW*k/4
		fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="10" y2="%d" stroke="#ddd"/><text x="%d" y="%d" font-size="10" text-anchor="middle">%d%%</text>`,
			x, x, y, x, y+14, 25*k)
	}
}

// TornadoChart draws the top drivers' one-at-a-time swings of P(deterrence)
// around the option's mean.
func TornadoChart(r *contract.Option, top int) string {
	ds := r.Drivers[:min(top, len(r.Drivers))]
	var b strings.Builder
	h := rowH*len(ds) + 40
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-label="drivers of P(deterrence)">`, labelW+plotW+60, h)
	axis(&b, len(ds))
	mx := labelW + plotW*r.PDeterrence.Mean
	for i, d := range ds {
		y := 10 + i*rowH
		lo, hi := min(d.PDeterAtP05, d.PDeterAtP95), max(d.PDeterAtP05, d.PDeterAtP95)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="11">%s</text>`, labelW-8, y+15, esc(d.Input))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="16" fill="#c9733c"><title>%s: %.1f%% at p5 (%.4g), %.1f%% at p95 (%.4g)</title></rect>`,
			labelW+plotW*lo, y+2, max(plotW*(hi-lo), 1), esc(d.Input), 100*d.PDeterAtP05, d.InputP05, 100*d.PDeterAtP95, d.InputP95)
	}
	fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="6" y2="%d" stroke="#222" stroke-dasharray="3,2"/>`, mx, mx, 10+len(ds)*rowH)
	b.WriteString("</svg>")
	return b.String()
}

// DurabilityChart plots P(no renewed war by year T) for every option.
func DurabilityChart(rs []contract.Option) string {
	const w, h, pad = 520, 240, 40
	maxY := 10
	for _, r := range rs {
		for _, hz := range r.NoWar {
			maxY = max(maxY, hz.Years)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-label="P(no renewed war by year)">`, w+200, h+pad)
	fmt.Fprintf(&b, `<rect x="%d" y="10" width="%d" height="%d" fill="none" stroke="#888"/>`, pad, w-pad, h-20)
	for k := 0; k <= 4; k++ {
		y := 10 + float64(h-20)*float64(4-k)/4
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="10" text-anchor="end">%d%%</text>`, pad-4, y+3, 25*k)
	}
	px := func(t int) float64 { return pad + float64(w-pad)*float64(t)/float64(maxY) }
	py := func(p float64) float64 { return 10 + float64(h-20)*(1-p) }
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10">years after the armistice (0-%d)</text>`, pad, h+14, maxY)
	palette := []string{"#4a7fb5", "#c9733c", "#5a9e5a", "#a04a8c", "#8c7a3c", "#3c8c8c", "#b54a4a", "#6a6a6a", "#2f4f7f", "#9e9e2f"}
	for i := range rs {
		r := &rs[i]
		col := palette[i%len(palette)]
		pts := []string{fmt.Sprintf("%.1f,%.1f", px(0), py(1))}
		for _, hz := range r.NoWar {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(hz.Years), py(hz.P.Mean)))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title></polyline>`, col, strings.Join(pts, " "), esc(r.Name))
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" fill="%s">%s</text>`, w+8, 20+14*i, col, esc(r.Name))
	}
	b.WriteString("</svg>")
	return b.String()
}
