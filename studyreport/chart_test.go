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

// Tick labels print the round value, not its binary neighbour: 3 × 0.2 is
// 0.6000000000000001 in float64, and the Sobol chart of option 07 printed
// that on its axis. The expected labels are the decimal ticks written out.
func TestTickLabelsAreRound(t *testing.T) {
	for _, c := range []struct {
		lo, hi  float64
		percent bool
		want    string
	}{
		{0, 0.7, false, "0 0.2 0.4 0.6"},
		{0, 0.75, false, "0 0.2 0.4 0.6"},
		{0.55, 0.62, false, "0.56 0.58 0.6 0.62"},
		{0, 0.37, false, "0 0.1 0.2 0.3"},
		{0, 0.7, true, "0% 20% 40% 60%"},
	} {
		ch := &chart{XMin: c.lo, XMax: c.hi, Percent: c.percent}
		var got []string
		for _, v := range ch.ticks() {
			got = append(got, ch.tickLabel(v))
		}
		if s := strings.Join(got, " "); s != c.want {
			t.Errorf("[%g, %g] percent=%v: labels %q, want %q", c.lo, c.hi, c.percent, s, c.want)
		}
	}
}
