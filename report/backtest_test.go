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

func testSurvival() contract.Survival {
	bins := []contract.Bin{{Lo: 0, Hi: 0.5, Cases: 2, MeanForecast: 0.25, ObservedHeld: 0.5}, {Lo: 0.5, Hi: 1}}
	h := func(y float64) contract.SurvivalHorizon {
		return contract.SurvivalHorizon{Years: y, Known: 2, FailedBy: 1, KaplanMeier: 0.5, Censoring: 1,
			Brier:       []contract.ForecasterBrier{{Forecaster: "engine", Brier: 0.2}, {Forecaster: "Kaplan-Meier (leave-dyad-out)", Brier: 0.25}},
			Calibration: []contract.Calibration{{Forecaster: "engine", Bins: bins}}}
	}
	return contract.Survival{TauYears: 5, Horizons: []float64{1, 5, 7}, Censoring: "test", Sets: []contract.SurvivalSet{{
		Name: "all <cases>", Cases: 3, Groups: 2, Failed: 1,
		IntegratedBrier: []contract.ForecasterBrier{{Forecaster: "engine", Brier: 0.21}, {Forecaster: "Kaplan-Meier (leave-dyad-out)", Brier: 0.24}},
		Differences:     []contract.BrierDifference{{Forecaster: "engine", Baseline: "Kaplan-Meier (leave-dyad-out)", Difference: -0.03, Lo: -0.1, Hi: 0.05}},
		Horizons:        []contract.SurvivalHorizon{h(1), h(5), h(7)}}}}
}

// The survival block comes first, names its columns without the
// "(leave-dyad-out)" suffix, marks the --horizon row, shows calibration
// at 1 and 5 years and at --horizon, and is followed by the file-horizon
// caveat.
func TestBacktestTextSurvival(t *testing.T) {
	b := &contract.Backtest{Survival: testSurvival(), HorizonYears: 7, Validation: contract.Validation{Sets: []contract.Set{testSet()}}}
	var w strings.Builder
	if err := Backtest(&w, b); err != nil {
		t.Fatal(err)
	}
	out := w.String()
	for _, want := range []string{"IBS KAPLAN-MEIER", "engine - Kaplan-Meier", "-0.0300", "7 (--horizon)", "Calibration at 1 year,", "Calibration at 5 years,", "Calibration at 7 years,"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if s, f := strings.Index(out, "== Survival"), strings.Index(out, FileHorizonCaveat); s != 0 || f < s {
		t.Errorf("survival block at %d, caveat at %d", s, f)
	}
	svg := SurvivalDiagram(b.Survival.Sets[0], b.Survival.Sets[0].Horizons[1])
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil || !strings.Contains(svg, "all &lt;cases&gt; at 5 years") {
		t.Errorf("survival diagram: %v\n%s", err, svg)
	}
}

// The headline's span of years reads right for --tau 1 (one year, not
// "t = 1, ..., 1 years") and for more.
func TestBacktestTextTauSpan(t *testing.T) {
	for _, c := range []struct {
		tau        int
		want, nope string
	}{
		{1, "IPCW Brier score at t = 1 year and its integral over (0, 1]", "..., 1 years"},
		{10, "IPCW Brier score at t = 1, ..., 10 years and its integral over (0, 10]", "t = 1 year "},
	} {
		s := testSurvival()
		s.TauYears = c.tau
		b := &contract.Backtest{Survival: s, Validation: contract.Validation{Sets: []contract.Set{testSet()}}}
		var w strings.Builder
		if err := Backtest(&w, b); err != nil {
			t.Fatal(err)
		}
		if out := w.String(); !strings.Contains(out, c.want) || strings.Contains(out, c.nope) {
			t.Errorf("tau %d: want %q, not %q:\n%.400s", c.tau, c.want, c.nope, out)
		}
	}
}

// Every set's scores by horizon are in the text, each set's own (the
// closed and outside sets' were in the JSON only, so docs/backtest.md
// quoted them from it).
func TestBacktestTextEverySetByHorizon(t *testing.T) {
	s := testSurvival()
	closed := s.Sets[0]
	closed.Name = "closed cases"
	closed.Horizons = append([]contract.SurvivalHorizon(nil), closed.Horizons...)
	for i := range closed.Horizons {
		h := &closed.Horizons[i]
		h.Brier = []contract.ForecasterBrier{{Forecaster: "engine", Brier: 0.1234 + float64(i)/100}, {Forecaster: "Kaplan-Meier (leave-dyad-out)", Brier: 0.3}}
	}
	s.Sets = append(s.Sets, closed)
	b := &contract.Backtest{Survival: s, Validation: contract.Validation{Sets: []contract.Set{testSet()}}}
	var w strings.Builder
	if err := Backtest(&w, b); err != nil {
		t.Fatal(err)
	}
	out := w.String()
	i := strings.Index(out, "closed cases, by horizon")
	if strings.Index(out, "all <cases>, by horizon") < 0 || i < 0 {
		t.Fatalf("a set's by-horizon table is missing:\n%s", out)
	}
	for _, want := range []string{"1      2      1          0.500  1.000  0.1234  0.3000", "0.1334", "0.1434"} {
		if !strings.Contains(out[i:], want) {
			t.Errorf("closed cases by horizon lacks %q:\n%s", want, out[i:])
		}
	}
}
