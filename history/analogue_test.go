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

// FuzzEvaluate: any bin count and forecasts; Evaluate refuses bins out of
// [1, MaxBins] without allocating them, and otherwise returns that many
// bins holding every known case, with Brier scores in [0, 1].
func FuzzEvaluate(f *testing.F) {
	f.Add(5, 0.3, 0.9, uint8(1))
	f.Add(1_000_000_000, 0.5, 0.5, uint8(0))
	f.Add(-3, 1.0, 0.0, uint8(3))
	f.Fuzz(func(t *testing.T, bins int, p1, p2 float64, outcomes uint8) {
		clamp := func(p float64) float64 {
			if !(p >= 0) {
				return 0
			}
			return math.Min(p, 1)
		}
		cs := []Case{{P: clamp(p1), Outcome: int(outcomes & 1)}, {P: clamp(p2), Outcome: int(outcomes >> 1 & 1), Ongoing: outcomes&4 != 0}}
		b, err := Evaluate(cs, bins)
		if bins < 1 || bins > MaxBins {
			if err == nil {
				t.Fatalf("bins %d accepted", bins)
			}
			return
		}
		if err != nil || len(b.Calibration) != bins {
			t.Fatalf("bins %d: %v", bins, err)
		}
		n := 0
		for _, c := range b.Calibration {
			n += c.N
		}
		if n != 2 {
			t.Fatalf("calibration holds %d cases", n)
		}
		for _, s := range b.Scores {
			if !(s.Brier >= 0 && s.Brier <= 1) {
				t.Fatalf("%s: Brier %v", s.Name, s.Brier)
			}
		}
	})
}
