package history

import (
	"math"
	"testing"

	"github.com/guarantor/guarantor/assess"
)

// Distances are Euclidean over the features, nearest first, the option's
// own file skipped, at most k returned.
func TestNearestByHand(t *testing.T) {
	p := assess.Profile{Name: "option", File: "o.yaml"}
	p.F[0] = 1
	mk := func(name, file string, f0, f1 float64) assess.Profile {
		c := assess.Profile{Name: name, File: file, Outcome: 1}
		c.F[0], c.F[1] = f0, f1
		return c
	}
	cases := []assess.Profile{mk("far", "a.yaml", 0, 1), mk("self", "o.yaml", 1, 0), mk("near", "b.yaml", 1, 0.3), mk("mid", "c.yaml", 0.5, 0)}
	got := Nearest(p, cases, 2)
	if len(got) != 2 || got[0].Name != "near" || got[1].Name != "mid" {
		t.Fatalf("nearest %+v", got)
	}
	if math.Abs(got[0].Distance-0.3) > 1e-15 || math.Abs(got[1].Distance-0.5) > 1e-15 {
		t.Errorf("distances %v %v, want 0.3 and 0.5", got[0].Distance, got[1].Distance)
	}
	if all := Nearest(p, cases, 10); len(all) != 3 || math.Abs(all[2].Distance-math.Sqrt2) > 1e-15 {
		t.Errorf("all cases %+v", all)
	}
}

func TestEvaluateRefusesBadBins(t *testing.T) {
	cs := []Case{{P: 0.5, Outcome: 1}}
	for _, bins := range []int{0, -1, MaxBins + 1, 1 << 40} {
		if _, err := Evaluate(cs, bins); err == nil {
			t.Errorf("bins %d accepted", bins)
		}
	}
	if b, err := Evaluate(cs, MaxBins); err != nil || len(b.Calibration) != MaxBins {
		t.Errorf("bins %d: %v", MaxBins, err)
	}
}
