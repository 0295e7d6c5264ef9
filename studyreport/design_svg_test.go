package studyreport

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/design"
)

// The chart's vertical axis spans the packages and the target, not 0-100%:
// packages 2 points apart are drawn far apart, the target line is inside
// the plot, and every point lies within the plotting area.
func TestParetoSVGAxisFitsThePackages(t *testing.T) {
	cands := []design.Candidate{
		{Alternative: "A", Values: []float64{0}, Total: 0, PNoWar: 0.88, PNoWarLo: 0.875, PNoWarHi: 0.885},
		{Alternative: "A", Values: []float64{1}, Total: 1, PNoWar: 0.90, PNoWarLo: 0.895, PNoWarHi: 0.905},
	}
	d := &Design{Problem: design.Problem{Alternatives: []design.Alternative{{Name: "A"}}, NoWarTarget: 0.9, Horizon: 10},
		Result: &design.Result{Assessed: cands, Frontier: cands}}
	svg := ParetoSVG(d)
	if strings.Contains(svg, `>0%<`) || !strings.Contains(svg, "P(no war by 10 years)") {
		t.Errorf("axis from 0%% or wrong quantity:\n%s", svg)
	}
	re := regexp.MustCompile(`<circle cx="[0-9.]+" cy="([0-9.]+)" r="3"`)
	var ys []float64
	for _, m := range re.FindAllStringSubmatch(svg, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		ys = append(ys, v)
	}
	if len(ys) != 2 {
		t.Fatalf("%d points", len(ys))
	}
	// 330 px of plot height over a 20-point axis at most: 2 points apart
	// must be at least 30 px apart (a 0-100% axis gives 6.6 px).
	if ys[0]-ys[1] < 30 {
		t.Errorf("points at y %v: the axis does not fit the packages", ys)
	}
	for _, y := range ys {
		if y < 40 || y > 370 {
			t.Errorf("point at y %v outside the plot", y)
		}
	}
}

// The axes carry round ticks (0, 1, 2, ... not 1.01, 2.02; 87.5%, 90%, ...
// not 88.75%), the legend names up to eight alternatives in eight colours
// and keeps the start of a long name (the part that tells them apart).
func TestParetoSVGRoundTicksAndLegend(t *testing.T) {
	names := []string{"sponsored ceasefire", "+ joint commission", "+ DMZ", "+ DMZ + joint commission", "+ peacekeepers",
		"+ peacekeepers + joint commission", "+ peacekeepers + DMZ", "+ peacekeepers + DMZ + joint commission"}
	var alts []design.Alternative
	var cands []design.Candidate
	for i, n := range names {
		alts = append(alts, design.Alternative{Name: n})
		v := 0.87 + 0.01*float64(i)
		cands = append(cands, design.Candidate{Alternative: n, Values: []float64{0}, Total: 0.12 + 0.4901*float64(i), PNoWar: v, PNoWarLo: v, PNoWarHi: v})
	}
	d := &Design{Problem: design.Problem{Alternatives: alts, NoWarTarget: 0.9, Horizon: 10}, Result: &design.Result{Assessed: cands, Frontier: cands}}
	svg := ParetoSVG(d)
	for _, m := range regexp.MustCompile(`text-anchor="(?:end|middle)">([0-9.]+)(%?)</text>`).FindAllStringSubmatch(svg, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		step := 0.5 // cost ticks: multiples of 0.5 here (span about 3.6)
		if m[2] == "%" {
			step = 0.5 // percentage ticks: multiples of half a point (87.5%, not 88.75%)
		}
		if r := v / step; math.Abs(r-math.Round(r)) > 1e-9 {
			t.Errorf("tick %s%s is not a multiple of %g", m[1], m[2], step)
		}
	}
	colours := map[string]bool{}
	for _, m := range regexp.MustCompile(`<circle cx="[0-9.]+" cy="[0-9.]+" r="4" fill="(#[0-9a-f]+)"/>`).FindAllStringSubmatch(svg, -1) {
		colours[m[1]] = true
	}
	if len(colours) != len(names) {
		t.Errorf("%d legend colours for %d alternatives", len(colours), len(names))
	}
	if !strings.Contains(svg, ">+ peacekeepers + joint commission<") || !strings.Contains(svg, ">+ peacekeepers + DMZ + joint comm…<") {
		t.Errorf("legend names clipped at the start or not at all:\n%s", svg)
	}
}
