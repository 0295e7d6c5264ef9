package fit

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/deter"
)

// A true δ below 0 (pacts with more onsets) puts G4 at the boundary δ = 0,
// where it is G1's fit, with a profile bound where the penalised profile
// (b re-maximised within b >= 0) falls by 1.92.
func TestGenPactBoundary(t *testing.T) {
	coef := [deter.NumChallengerCovariates]float64{-1, 0.6, 1.2, -0.4}
	rows := simulateSlopeRows(21, 30000, 2.5, 0.15, coef)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range rows {
		rows[i].Pact = r.Float64() < 0.5
		if rows[i].Pact && r.Float64() < 0.08 {
			rows[i].NoOnset = false // pacts with more onsets: δ < 0
		}
	}
	g4, err := fitSlopeModel(rows, GenG4, 0)
	if err != nil {
		t.Fatal(err)
	}
	g1, err := fitSlopeModel(rows, GenG1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !g4.PactBoundary || g4.Pact != 0 || !g4.HasPact || g4.Boundary {
		t.Fatalf("G4: delta %v boundary %v, slope boundary %v", g4.Pact, g4.PactBoundary, g4.Boundary)
	}
	if math.Abs(g4.Intercept-g1.Intercept) > 1e-9 || math.Abs(g4.Slope-g1.Slope) > 1e-9 || math.Abs(g4.LogLik-g1.LogLik) > 1e-6 {
		t.Errorf("G4 at the boundary %v/%v/%v, G1 %v/%v/%v", g4.Intercept, g4.Slope, g4.LogLik, g1.Intercept, g1.Slope, g1.LogLik)
	}
	if !(g4.PactUpper95 > 0) || math.Abs(g4.PactSE-g4.PactUpper95/1.96) > 1e-12 {
		t.Fatalf("profile bound %v, SE %v", g4.PactUpper95, g4.PactSE)
	}
	d, err := newSlopeDesign(rows, true)
	if err != nil {
		t.Fatal(err)
	}
	at, _, err := d.fitHold(hold{slopeFree, g4.PactUpper95}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if at.Slope < 0 {
		t.Fatalf("slope %v below 0 at the bound", at.Slope)
	}
	if drop := g4.Penalised - at.Penalised; math.Abs(drop-profileDrop) > 1e-3 {
		t.Errorf("penalised profile falls by %.5f at the bound, want %.5f", drop, profileDrop)
	}
	// Predictions read δ·(d − d̄): at the boundary they are G1's.
	for i := range 50 {
		if p4, p1 := g4.PredictRow(&rows[i]), g1.PredictRow(&rows[i]); math.Abs(p4-p1) > 1e-9 {
			t.Fatalf("row %d: G4 %v, G1 %v", i, p4, p1)
		}
	}
}

// Rule 5: G3 or G4 replaces G1 only with a higher CV score, the higher of
// the two when both are; G5 never.
func TestPactRule(t *testing.T) {
	cases := []struct {
		cv   [4]float64
		want GenSlopeModel
	}{
		{[4]float64{-10, -11, -12, -1}, GenG1},
		{[4]float64{-10, -9, -12, -1}, GenG3},
		{[4]float64{-10, -11, -9.5, -1}, GenG4},
		{[4]float64{-10, -9, -9.5, -1}, GenG3},
		{[4]float64{-10, -9.5, -9, -1}, GenG4},
		{[4]float64{-10, -10, -10, -1}, GenG1}, // ties keep G1
	}
	for _, c := range cases {
		if got := pactRule(c.cv); got != c.want {
			t.Errorf("%v: %v, want %v", c.cv, got, c.want)
		}
	}
}
