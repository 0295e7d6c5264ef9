package capability

import (
	"math"
	"testing"
)

func TestBrinkmanshipOracleB1(t *testing.T) {
	// ORACLES.md B-1: p=.5, G=1, L_s=4, W=1, Y=1, L=11 gives q_e = q_a = 0.2.
	base := NuclearThreat{PHard: 0.5, Gain: 1, DisasterLoss: 4, Compliance: 1, Defiance: 1, Catastrophe: 11}
	w, err := Brinkmanship(base)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(w.QE-0.2) > 1e-12 || math.Abs(w.QA-0.2) > 1e-12 || !w.Feasible {
		t.Fatalf("window = %+v, want q_e = q_a = 0.2", w)
	}
	cases := []struct {
		rho  float64
		want bool
	}{{0.2, true}, {0.19, false}, {0.21, false}}
	for _, c := range cases {
		th := base
		th.Reliability, th.HasReliability = c.rho, true
		w, _ := Brinkmanship(th)
		if w.Deters != c.want {
			t.Errorf("rho=%v: deters=%v, want %v", c.rho, w.Deters, c.want)
		}
	}
	// A larger disaster loss for the challenger (a stronger coalition)
	// widens the window from below.
	strong := base
	strong.DisasterLoss = 9
	if w, _ := Brinkmanship(strong); !(w.QE < 0.2 && w.QA == 0.2) {
		t.Errorf("stronger coalition: %+v", w)
	}
	bad := base
	bad.PHard = 1.5
	if _, err := Brinkmanship(bad); err == nil {
		t.Error("p = 1.5 accepted")
	}
}
