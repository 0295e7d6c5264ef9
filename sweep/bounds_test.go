package sweep

import (
	"errors"
	"strings"
	"testing"
)

// A range whose STEP makes more values than a design may have points, or a
// grid with more --levels, is refused before any value is allocated (1e-12
// on 0.1:1 asked for 8 TB); the largest allowed ones are accepted.
func TestValueCountsBounded(t *testing.T) {
	if _, err := ParseParam("a.b=0.1:1:1e-12"); !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), "more than 10000000 values") {
		t.Errorf("tiny step: %v", err)
	}
	p, err := ParseParam("a.b=0:9999999:1")
	if err != nil {
		t.Fatalf("step at the cap: %v", err)
	}
	if n := len(p.Levels(0)); n != MaxPoints {
		t.Errorf("step at the cap gives %d values, want %d", n, MaxPoints)
	}
	if _, err := ParseParam("a.b=0:10000000:1"); err == nil {
		t.Errorf("one value over the cap accepted")
	}
	q, _ := ParseParam("a.b=0:1")
	for _, levels := range []int{-3, 0, MaxPoints + 1, 1_000_000_000} {
		if _, err := Points(Grid, []Param{q}, 0, levels, 1); !errors.Is(err, ErrSpec) {
			t.Errorf("--levels %d: %v", levels, err)
		}
	}
	if pts, err := Points(Grid, []Param{q}, 0, 1, 1); err != nil || len(pts) != 1 {
		t.Errorf("--levels 1: %d points, %v", len(pts), err)
	}
}
