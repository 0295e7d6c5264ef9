package studyreport

import (
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
