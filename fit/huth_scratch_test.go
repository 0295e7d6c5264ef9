package fit

import "testing"

func TestScratchHuth(t *testing.T) {
	ks, _, err := HuthCrises()
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(ks))
	for i, k := range ks {
		y[i] = k.Deterred()
	}
	for _, phi := range []float64{0.1, 0.25, 0.5} {
		spec := HuthSpec{ProtegeShare: phi}
		f, err := FitHuth(ks, spec)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("phi %.2f loglik %.3f", phi, f.LogLik)
		for j, n := range f.Names {
			t.Logf("%-8s %8.3f %8.3f", n, f.Sol.Theta[j], f.Sol.SE[j])
		}
		p, err := CrossValidate(len(ks), len(ks), 1, StructuralPredictor(ks, spec))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("phi %.2f structural LOO %.4f", phi, Brier(p, y))
	}
	for _, pen := range []bool{true, false} {
		p, err := CrossValidate(len(ks), len(ks), 1, LogitPredictor(ks, pen))
		if err != nil {
			t.Log(err)
			continue
		}
		t.Logf("logit pen=%v LOO %.4f", pen, Brier(p, y))
	}
	p, _ := CrossValidate(len(ks), len(ks), 1, BaseRate(y))
	t.Logf("base LOO %.4f", Brier(p, y))
}
