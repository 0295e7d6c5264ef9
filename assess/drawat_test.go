package assess

import (
	"context"
	"testing"

	"github.com/guarantor/guarantor/uncertainty"
)

// A draw evaluated at the values Run would sample for it gives Run's
// per-draw answers: with every random input fixed at one value (a
// one-value option), the one-draw Run and DrawAt agree exactly.
func TestDrawAtMatchesOneDrawRun(t *testing.T) {
	opts, err := LoadOptions([]string{"../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(opts[0])
	if err != nil {
		t.Fatal(err)
	}
	// Median run: every input at its median through DrawAt, against the
	// mean of a Run whose inputs are all points at those medians.
	o := opts[0]
	c := *o.Compiled
	c.Params = append(c.Params[:0:0], c.Params...)
	for i := range c.Params {
		c.Params[i].Dist = uncertainty.PointDist(c.Params[i].Dist.Quantile(0.5))
	}
	o.Compiled = &c
	fixed, err := Compile(o)
	if err != nil {
		t.Fatal(err)
	}
	r, err := fixed.Run(context.Background(), Config{Samples: 1, Workers: 1, DriverSamples: -1}, "")
	if err != nil {
		t.Fatal(err)
	}
	got := m.NewDrawAt().Eval(fixed.Median(), 10)
	var noWar float64
	for _, h := range r.NoWar {
		if h.Years == 10 {
			noWar = h.P.Mean
		}
	}
	if got.PDeter != r.PDeter.Mean || got.AnyFight != r.AnyFight.Mean || got.CanWin != r.CanWin.Mean || got.NoWar != noWar {
		t.Errorf("DrawAt %+v, one-draw Run: %g %g %g %g", got, r.PDeter.Mean, r.AnyFight.Mean, r.CanWin.Mean, noWar)
	}
}
