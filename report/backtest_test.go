package report

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/contract"
)

func testSet() contract.Set {
	bins := []contract.Bin{{Lo: 0, Hi: 0.5, Cases: 3, MeanForecast: 0.2, ObservedHeld: 1.0 / 3}, {Lo: 0.5, Hi: 1}}
	return contract.Set{Name: "all <cases>", Cases: 3, Groups: 2, Method: "test",
		Scores:      []contract.Score{{Forecaster: "engine", Brier: 0.1}},
		Differences: []contract.BrierDifference{{Forecaster: "engine", Baseline: "base rate", Difference: -0.02, Lo: -0.1, Hi: 0.05}},
		Calibration: []contract.Calibration{{Forecaster: "engine", Bins: bins}, {Forecaster: "logit & co", Bins: bins}}}
}

// The reliability diagram is well-formed XML (names escaped), with one dot
// per non-empty bin and forecaster, placed at (mean forecast, observed).
func TestReliabilityDiagram(t *testing.T) {
	svg := ReliabilityDiagram(testSet())
	d := xml.NewDecoder(strings.NewReader(svg))
	dots := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "circle" {
			for _, a := range se.Attr {
				if a.Name.Local == "r" && a.Value != "5" { // legend dots have r=5
					dots++
				}
			}
		}
	}
	if dots != 2 {
		t.Errorf("%d bin dots, want 2 (one non-empty bin, two forecasters)", dots)
	}
	// pad 44 + 360*0.2 = 116; 10 + 360*(1-1/3) = 250
	if !strings.Contains(svg, `cx="116.0" cy="250.0"`) {
		t.Errorf("dot not at (0.2, 1/3):\n%s", svg)
	}
}

func TestBacktestText(t *testing.T) {
	b := &contract.Backtest{Validation: contract.Validation{Sets: []contract.Set{testSet()}}}
	var w strings.Builder
	if err := Backtest(&w, b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"== all <cases>: 3 cases in 2 groups", "engine - base rate", "[-0.1000, +0.0500]", "Calibration, logit & co"} {
		if !strings.Contains(w.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, w.String())
		}
	}
}
