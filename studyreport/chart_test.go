package studyreport

import (
	"strings"
	"testing"
)

// Axis ticks are round, inside the axis, and at most about six.
func TestTicks(t *testing.T) {
	for _, c := range []struct{ lo, hi float64 }{{0, 1}, {0.2, 0.8}, {0, 0.37}, {0.55, 0.62}, {0, 65000}} {
		ch := &chart{XMin: c.lo, XMax: c.hi}
		ts := ch.ticks()
		if len(ts) < 2 || len(ts) > 6 {
			t.Errorf("[%g, %g]: %d ticks %v", c.lo, c.hi, len(ts), ts)
		}
		for _, v := range ts {
			if v < c.lo-1e-9 || v > c.hi+1e-9 {
				t.Errorf("[%g, %g]: tick %g outside", c.lo, c.hi, v)
			}
			if x := ch.x(v); x < cLabelW-1e-9 || x > cLabelW+cPlotW+1e-9 {
				t.Errorf("tick %g drawn at %g", v, x)
			}
		}
	}
}

func TestClipAndHex(t *testing.T) {
	if got := clip("guarantors.uk.signals[0].likelihood_ratio", 20, "..."); len(got) != 20 || !strings.HasSuffix(got, "likelihood_ratio") {
		t.Errorf("clip: %q", got)
	}
	if got := clip("short", 20, "..."); got != "short" {
		t.Errorf("clip short: %q", got)
	}
	if c := hex("#2f5f8f"); c.R != 0x2f || c.G != 0x5f || c.B != 0x8f || c.A != 255 {
		t.Errorf("hex: %+v", c)
	}
}
