package pipeline

import (
	"context"
	"math"
	"testing"

	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/history"
)

// The Huth sets' leave-one-out forecasts, computed through
// history.LeaveGroupOut, reproduce package fit's own leave-one-out
// (fit.CrossValidate), and leaving dyads out groups Huth's repeated pairs.
func TestHuthSetsMatchFit(t *testing.T) {
	if testing.Short() {
		t.Skip("refits the structural model about 190 times")
	}
	sets, err := HuthSets(context.Background(), history.Config{Bins: 5, Resamples: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	v, err := fit.HuthValidation(context.Background(), fit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 2 || sets[0].N != 58 || sets[0].Groups != 58 || sets[1].Groups >= 58 {
		t.Fatalf("sets %d, groups %d / %d", len(sets), sets[0].Groups, sets[1].Groups)
	}
	want := map[string]float64{}
	for _, s := range v.Scores {
		want[s.Model] = s.LOO
	}
	for name, fitName := range map[string]string{"structural model (deter chain)": "structural (deter chain)", "base rate": "base rate",
		"ex-ante logit, penalised": "ex-ante logit, penalised", "ex-ante logit, ML": "ex-ante logit, ML"} {
		found := false
		for _, f := range sets[0].Forecasters {
			if f.Name == name {
				found = true
				if math.Abs(f.Brier-want[fitName]) > 1e-12 {
					t.Errorf("%s: leave-one-out Brier %v, fit says %v", name, f.Brier, want[fitName])
				}
			}
		}
		if !found {
			t.Errorf("no forecaster %q", name)
		}
	}
}
