package studyreport

import (
	"bytes"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/design"
)

// Costs that are sums of decimal unit costs (3 × 0.04, 1.41 + 3 × 0.04)
// print as the decimals they are, not as their binary rounding error
// (0.12000000000000001), in the recommendation and the frontier; so does
// a target (100 × 0.57 is 56.99999999999999).
func TestDesignTextCostsAreDecimals(t *testing.T) {
	perMonitor, monitors := 0.0001, 1200.0 // as design adds them up, at run time
	m := perMonitor * monitors
	c := []design.Candidate{
		{Alternative: "A", Values: []float64{1200}, Total: m, Cost: map[string]float64{"money_usd_bn": m}, PNoWar: 0.87, Reaches: false},
		{Alternative: "B", Values: []float64{1200}, Total: 1.41 + m + 1.5, Cost: map[string]float64{"money_usd_bn": 1.41 + m, "political": 1.5}, PNoWar: 0.93, Reaches: true},
	}
	if c[0].Total == 0.12 && c[1].Total == 3.03 {
		t.Fatal("the test needs totals with a rounding error")
	}
	d := &Design{Problem: design.Problem{Alternatives: []design.Alternative{{Name: "A"}, {Name: "B"}}, NoWarTarget: 0.9, Target: 0.57, Horizon: 10},
		Result: &design.Result{Assessed: c, Frontier: c, Recommended: &c[1]}}
	var b bytes.Buffer
	if err := DesignText(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "0000000") || !strings.Contains(out, "0.12") || !strings.Contains(out, "3.03") || !strings.Contains(out, "money_usd_bn 1.53,") ||
		!strings.Contains(out, "P(deterrence) >= 57%") {
		t.Errorf("costs not printed as decimals:\n%s", out)
	}
}
