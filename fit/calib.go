package fit

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// CalibrationBin is one forecast bin of a calibration table.
type CalibrationBin struct {
	Lo, Hi       float64 // forecast range [Lo, Hi)
	N            int
	MeanForecast float64
	Observed     float64 // share of events among the bin's cases (NaN-free: 0 when N = 0)
}

// Calibration bins forecasts p of outcomes y into `bins` equal-width bins on [0, 1].
func Calibration(p, y []float64, bins int) []CalibrationBin {
	out := make([]CalibrationBin, bins)
	for b := range out {
		out[b].Lo, out[b].Hi = float64(b)/float64(bins), float64(b+1)/float64(bins)
	}
	for i, v := range p {
		b := min(int(v*float64(bins)), bins-1)
		out[b].N++
		out[b].MeanForecast += v
		out[b].Observed += y[i]
	}
	for b := range out {
		if out[b].N > 0 {
			out[b].MeanForecast /= float64(out[b].N)
			out[b].Observed /= float64(out[b].N)
		}
	}
	return out
}

// WriteReliabilitySVG draws a reliability diagram: each non-empty bin's
// observed event share against its mean forecast (dot area by case
// count), with the diagonal of perfect calibration.
func WriteReliabilitySVG(w io.Writer, title string, series map[string][]CalibrationBin, order []string) error {
	const (
		size   = 360.0 // plot square, px
		margin = 50.0
	)
	colours := []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd"}
	x := func(v float64) float64 { return margin + v*size }
	y := func(v float64) float64 { return margin + (1-v)*size }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0[1]f %.0[2]f" role="img" aria-label="%s" font-family="sans-serif" font-size="12">`+"\n", size+2*margin+160, size+2*margin, escape(title))
	fmt.Fprintf(&b, `<text x="%.0f" y="20" font-size="14">%s</text>`+"\n", margin, escape(title))
	fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="%.0f" height="%.0f" fill="none" stroke="#888"/>`+"\n", margin, margin, size, size)
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#bbb" stroke-dasharray="4 3"/>`+"\n", x(0), y(0), x(1), y(1))
	for i := 0; i <= 5; i++ {
		v := float64(i) / 5
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%.1f</text>`+"\n", x(v), y(0)+16, v)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end">%.1f</text>`+"\n", x(0)-6, y(v)+4, v)
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">forecast P(status quo), out of sample</text>`+"\n", x(0.5), y(0)+34)
	fmt.Fprintf(&b, `<text transform="translate(14 %.1f) rotate(-90)" text-anchor="middle">observed share</text>`+"\n", y(0.5))
	for s, name := range order {
		c := colours[s%len(colours)]
		var pts []string
		for _, bin := range series[name] {
			if bin.N == 0 {
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(bin.MeanForecast), y(bin.Observed)))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" fill-opacity="0.6"><title>%s: %d cases, forecast %.2f, observed %.2f</title></circle>`+"\n",
				x(bin.MeanForecast), y(bin.Observed), 2+2*math.Sqrt(float64(bin.N)), c, escape(name), bin.N, bin.MeanForecast, bin.Observed)
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s"/>`+"\n", strings.Join(pts, " "), c)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="%s">%s</text>`+"\n", x(1)+10, y(1)+14+16*float64(s), c, escape(name))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
