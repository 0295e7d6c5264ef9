package study

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/sensitivity"
)

const example = "../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml"

func open(t testing.TB, o Options) *Model {
	t.Helper()
	opts, err := assess.LoadOptions([]string{example})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Open(opts[0], o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Eval at the medians equals a one-draw assessment of the option at its
// medians: the adapter changes nothing but the input values.
func TestEvalMatchesMedianRun(t *testing.T) {
	m := open(t, Options{})
	x := make([]float64, len(m.Inputs))
	for i, in := range m.Inputs {
		x[i] = in.Quantile(0.5)
	}
	y := make([]float64, NumOutputs)
	m.Eval(0, x, y)
	tr, err := assess.Compile(m.Option)
	if err != nil {
		t.Fatal(err)
	}
	ex := tr.Explain()
	if math.Abs(y[PDeterrence]-ex.PSQ) > 1e-12 {
		t.Errorf("P(deterrence) at medians = %g, Explain gives %g", y[PDeterrence], ex.PSQ)
	}
	for _, o := range y {
		if !(o >= 0 && o <= 1) {
			t.Errorf("output %v outside [0, 1]", y)
		}
	}
	// Moving the inputs moves the outputs (some input matters), and moving
	// them back restores them (no state between calls).
	x2 := append([]float64(nil), x...)
	y2 := make([]float64, NumOutputs)
	moved := false
	for i, in := range m.Inputs {
		x2[i] = in.Quantile(0.99)
		m.Eval(0, x2, y2)
		moved = moved || y2[PDeterrence] != y[PDeterrence]
		x2[i] = x[i]
	}
	if !moved {
		t.Error("no input moves P(deterrence)")
	}
	m.Eval(0, x, y2)
	if y2[PDeterrence] != y[PDeterrence] {
		t.Error("Eval keeps state between calls")
	}
}

// An uncertain input the option never reads gets Sobol indices within
// error of zero for every output; one that it reads does not.
func TestIgnoredInputHasZeroIndices(t *testing.T) {
	m := open(t, Options{Ignored: true, Workers: 2})
	var in []sensitivity.Input
	ignored := -1
	for i, x := range m.Inputs {
		in = append(in, sensitivity.Input{Name: x.Name, Quantile: x.Quantile})
		if x.Ignored {
			ignored = i
		}
	}
	if ignored < 0 {
		t.Skip("the example has no ignored uncertain input")
	}
	r, err := sensitivity.Analyze(context.Background(), in, m.Eval, sensitivity.Config{N: 256, Outputs: OutputNames(m.Horizon), Workers: 2, Bootstrap: 100})
	if err != nil {
		t.Fatal(err)
	}
	for o := range NumOutputs {
		for _, x := range []sensitivity.Index{r.Factors[ignored].First[o], r.Factors[ignored].Total[o]} {
			if x.Lo > 0 || x.Hi < 0 || math.Abs(x.Value) > 1e-9 {
				t.Errorf("%s, output %d: %+v, want 0 within its interval", m.Inputs[ignored].Name, o, x)
			}
		}
	}
	maxTotal := 0.0
	for _, f := range r.Factors {
		maxTotal = max(maxTotal, f.Total[PDeterrence].Lo)
	}
	if maxTotal < 0.05 {
		t.Errorf("no input has a total index clearly above 0 for P(deterrence): %g", maxTotal)
	}
}

func TestGroups(t *testing.T) {
	m := open(t, Options{})
	if err := m.Group("guarantor"); err != nil {
		t.Fatal(err)
	}
	for _, in := range m.Inputs {
		want := ""
		switch {
		case len(in.Name) > 14 && in.Name[:14] == "guarantors.uk.":
			want = "guarantors.uk"
		case len(in.Name) > 14 && in.Name[:14] == "guarantors.us.":
			want = "guarantors.us"
		}
		if want != "" && in.Group != want {
			t.Errorf("%s in group %q, want %q", in.Name, in.Group, want)
		}
	}
	if err := m.Group("europe=guarantors.uk.*|guarantors.france.*"); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range m.Inputs {
		european := strings.HasPrefix(in.Name, "guarantors.uk.") || strings.HasPrefix(in.Name, "guarantors.france.")
		if european != (in.Group == "europe") {
			t.Errorf("%s in group %q", in.Name, in.Group)
		}
		if european {
			n++
		}
	}
	if n < 2 {
		t.Errorf("%d inputs in the europe group", n)
	}
	for _, bad := range []string{"x", "=a", "g=[", "g="} {
		if err := m.Group(bad); err == nil {
			t.Errorf("Group(%q): no error", bad)
		}
	}
}

func BenchmarkEval(b *testing.B) {
	m := open(b, Options{})
	x := make([]float64, len(m.Inputs))
	for i, in := range m.Inputs {
		x[i] = in.Quantile(0.3)
	}
	y := make([]float64, NumOutputs)
	for b.Loop() {
		m.Eval(0, x, y)
	}
}
