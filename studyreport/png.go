package studyreport

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// WriteSensitivityPNG writes the chart kind ("sobol" or "tornado") of
// output o as a PNG file.
func WriteSensitivityPNG(path string, s *Sensitivity, o int, kind string) error {
	var c *chart
	switch kind {
	case "sobol":
		c = sobolChart(s, o, 15)
	case "tornado":
		c = tornadoChart(s, o, 15)
	default:
		return fmt.Errorf("chart kind %q: expected sobol or tornado", kind)
	}
	return c.writePNG(path)
}

// writePNG rasterises the chart with the same geometry as SVG: filled
// rectangles, one-pixel lines and the 7x13 fixed font of x/image (no
// anti-aliasing: a PNG for slides, the SVG stays the reference).
func (c *chart) writePNG(path string) error {
	w, h := c.size()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	grey, dark := hex("#e2e2e2"), hex("#222222")
	text := func(x, y int, s string, anchor int) { // anchor: 0 start, 1 middle, 2 end
		d := &font.Drawer{Dst: img, Src: image.NewUniform(dark), Face: basicfont.Face7x13}
		adv := d.MeasureString(s).Ceil()
		d.Dot = fixed.P(x-adv*anchor/2, y)
		d.DrawString(s)
	}
	fill := func(x0, y0, x1, y1 int, col color.Color) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(col), image.Point{}, draw.Src)
	}
	text(8, 18, c.Title, 0)
	yAxis := cTop + cRowH*len(c.Rows)
	for _, t := range c.ticks() {
		x := int(c.x(t))
		fill(x, cTop, x+1, yAxis, grey)
		text(x, yAxis+16, c.tickLabel(t), 1)
	}
	fill(cLabelW, yAxis, cLabelW+cPlotW, yAxis+1, hex("#888888"))
	text(cLabelW+cPlotW/2, yAxis+34, c.XLabel, 1)
	for i, r := range c.Rows {
		y := cTop + i*cRowH
		text(cLabelW-6, y+cRowH/2+4, clip(r.Label, 40, "..."), 2)
		bh := float64(cRowH-6) / float64(max(len(r.Bars), 1))
		for j, br := range r.Bars {
			by := float64(y+3) + bh*float64(j)
			x0, x1 := c.x(min(br.Lo, br.Hi)), c.x(max(br.Lo, br.Hi))
			fill(int(x0), int(by), int(max(x1, x0+1)), int(by+bh-1), hex(br.Color))
			if !math.IsNaN(br.WhiskLo) {
				fill(int(c.x(br.WhiskLo)), int(by+bh/2), int(c.x(br.WhiskHi))+1, int(by+bh/2)+1, dark)
			}
		}
	}
	if !math.IsNaN(c.Ref) {
		x := int(c.x(c.Ref))
		for y := cTop - 4; y < yAxis; y += 7 {
			fill(x, y, x+1, min(y+4, yAxis), dark)
		}
	}
	lx := cLabelW
	for _, l := range c.Legend {
		fill(lx, 22, lx+10, 32, hex(l.Color))
		text(lx+14, 31, l.Label, 0)
		lx += 20 + 7*len(l.Label)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// hex parses #rrggbb (the charts' own constants).
func hex(s string) color.RGBA {
	v, _ := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}
