package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/guarantor/guarantor/deter"
)

func assessJSON(t *testing.T, o Options, paths ...string) []byte {
	t.Helper()
	a, err := Assess(context.Background(), paths, o)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// Passing the committed coefficients explicitly is the default run, byte
// for byte; a copy of them (another pointer, the same values) gives the same
// numbers under another input hash; a changed coefficient changes them.
func TestExplicitCoefficientsAreTheDefault(t *testing.T) {
	paths := []string{"../assess/testdata/options", "../assess/testdata/history"}
	o := Options{Samples: 500, Seed: 3, Version: "t", AsOf: "2025-01-01"}
	def := assessJSON(t, o, paths...)
	o.Coefficients = deter.Default()
	if got := assessJSON(t, o, paths...); !bytes.Equal(got, def) {
		t.Fatalf("explicit deter.Default differs from the default run:\n%s\n%s", got, def)
	}
	base, err := Assess(context.Background(), paths, Options{Samples: 500, Seed: 3, AsOf: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	o.Coefficients = deter.Default().Clone()
	cl, err := Assess(context.Background(), paths, o)
	if err != nil {
		t.Fatal(err)
	}
	k := deter.Default().Clone()
	k.A0.Value += 1 // every option's status-quo logit moves
	o.Coefficients = k
	moved, err := Assess(context.Background(), paths, o)
	if err != nil {
		t.Fatal(err)
	}
	for i := range base.Options {
		b, c, m := base.Options[i], cl.Options[i], moved.Options[i]
		if c.PDeterrence != b.PDeterrence {
			t.Errorf("%s: a copy of the committed coefficients gives %+v, the default %+v", b.Name, c.PDeterrence, b.PDeterrence)
		}
		if c.InputHash == b.InputHash {
			t.Errorf("%s: coefficients other than deter.Default left the input hash unchanged", b.Name)
		}
		if m.PDeterrence == b.PDeterrence {
			t.Errorf("%s: A0 + 1 left P(deterrence) unchanged (%+v)", b.Name, b.PDeterrence)
		}
	}
}
