package history

import (
	"math"
	"testing"
)

// Hand-computed scores on four cases.
func TestEvaluateByHand(t *testing.T) {
	cases := []Case{{P: 0.9, Outcome: 1}, {P: 0.2, Outcome: 0}, {P: 0.6, Outcome: 0}, {P: 0.7, Outcome: 1}, {P: 0.5, Outcome: -1}}
	b, err := Evaluate(cases, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Cases) != 4 || b.BaseRate != 0.5 {
		t.Fatalf("cases %d base rate %v", len(b.Cases), b.BaseRate)
	}
	brier := (0.01 + 0.04 + 0.36 + 0.09) / 4
	ll := -(math.Log(0.9) + math.Log(0.8) + math.Log(0.4) + math.Log(0.7)) / 4
	// leave-one-out base rate: a held case sees 1/3 held, a failed one 2/3
	looBrier := (4.0/9 + 4.0/9 + 4.0/9 + 4.0/9) / 4
	alwaysBrier := 0.5
	alwaysLL := (-2*math.Log(0.99) - 2*math.Log(0.01)) / 4
	for _, c := range []struct{ got, want float64 }{
		{b.Scores[0].Brier, brier}, {b.Scores[0].LogLoss, ll}, {b.Scores[1].Brier, looBrier},
		{b.Scores[2].Brier, alwaysBrier}, {b.Scores[2].LogLoss, alwaysLL},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("got %v want %v", c.got, c.want)
		}
	}
	// calibration: 0.2 -> bin 1, 0.6 -> bin 3, 0.7 -> bin 3, 0.9 -> bin 4
	if b.Calibration[3].N != 2 || math.Abs(b.Calibration[3].MeanP-0.65) > 1e-12 || b.Calibration[3].Observed != 0.5 {
		t.Errorf("calibration bin 3: %+v", b.Calibration[3])
	}
	if b.NClosed != 4 || b.Closed[0].Brier != b.Scores[0].Brier {
		t.Errorf("closed cases: %d, %+v", b.NClosed, b.Closed)
	}
	if _, err := Evaluate([]Case{{P: 0.5, Outcome: -1}}, 5); err != ErrNoCases {
		t.Errorf("no known outcome: err %v", err)
	}
}

// Open cases are left out of the closed-case scores, and the closed cases'
// leave-one-out base rate is computed among them alone.
func TestEvaluateClosed(t *testing.T) {
	cases := []Case{{P: 0.9, Outcome: 1, Ongoing: true}, {P: 0.2, Outcome: 0}, {P: 0.6, Outcome: 0}, {P: 0.7, Outcome: 1}}
	b, err := Evaluate(cases, 5)
	if err != nil {
		t.Fatal(err)
	}
	if b.NClosed != 3 || math.Abs(b.ClosedBaseRate-1.0/3) > 1e-12 {
		t.Fatalf("closed %d rate %v", b.NClosed, b.ClosedBaseRate)
	}
	brier := (0.04 + 0.36 + 0.09) / 3
	looBrier := (0.25 + 0.25 + 1) / 3 // failed cases see 1/2 held, the held one 0
	if math.Abs(b.Closed[0].Brier-brier) > 1e-12 || math.Abs(b.Closed[1].Brier-looBrier) > 1e-12 {
		t.Errorf("closed scores %+v", b.Closed)
	}
	if b.Closed[2].Brier != 2.0/3 {
		t.Errorf("always deterred on closed cases: %v", b.Closed[2].Brier)
	}
}
