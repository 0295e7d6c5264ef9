package pipeline

import (
	"context"
	"fmt"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/history"
)

// HuthSets validates the structural model (package deter's chain with one
// defender, fitted as package fit fits the engine's coefficients) on
// Huth's 58 crises, as the case base is validated: every forecaster
// refitted without the crises it forecasts, scored by Brier and log loss,
// with bootstrap intervals of the structural model's Brier differences
// and calibration tables. Two sets: leave-one-out (as docs/fit.md reports
// it) and leave-dyad-out (every crisis of the same pair of states left
// out together, as for the case base). The forecasters are fit's own
// predictors: the structural model (fit.DefaultHuthSpec under the committed
// fit's aggregation form, deter.Default().Aggregation), the base rate,
// and the ex-ante logit on Huth's pre-crisis inputs, penalised and
// maximum likelihood (fit.ExAnteInputs).
func HuthSets(ctx context.Context, c history.Config) ([]history.Set, error) {
	ks, _, err := fit.HuthCrises()
	if err != nil {
		return nil, err
	}
	dyads, err := huthDyads()
	if err != nil {
		return nil, err
	}
	n := len(ks)
	y := make([]float64, n)
	one, pair := make([]string, n), make([]string, n)
	for i, k := range ks {
		y[i] = k.Deterred()
		one[i] = fmt.Sprint(k.ID)
		if pair[i] = dyads[k.ID]; pair[i] == "" {
			return nil, fmt.Errorf("Huth crisis %d: no dyad in the huth_1988 table", k.ID)
		}
	}
	type forecaster struct {
		name    string
		pred    history.Predictor
		compare bool
	}
	// The structural model as the engine runs it: the committed form of the
	// challenger's aggregation over responses (docs/fit.md).
	spec := fit.DefaultHuthSpec
	spec.Aggregation = deter.Default().Aggregation
	fs := []forecaster{
		{"structural model (deter chain)", history.Predictor(fit.StructuralPredictor(ks, spec)), false},
		{"base rate", history.BaseRatePredictor(y), true},
		{"ex-ante logit, penalised", history.Predictor(fit.LogitPredictor(ks, true)), true},
		{"ex-ante logit, ML", history.Predictor(fit.LogitPredictor(ks, false)), true},
	}
	var out []history.Set
	for _, scheme := range []struct {
		name, method string
		groups       []string
	}{
		{"Huth 1988 crises, leave-one-out", "every forecaster, the structural model included, refitted without the crisis it forecasts", one},
		{"Huth 1988 crises, leave-dyad-out", "every forecaster, the structural model included, refitted without every crisis of the scored crisis's pair of states", pair},
	} {
		var fc []history.Forecasts
		for _, f := range fs {
			p, err := history.LeaveGroupOut(scheme.groups, func(train, test []int) ([]float64, error) {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				return f.pred(train, test)
			})
			if err != nil {
				return nil, fmt.Errorf("%s, %s: %w", scheme.name, f.name, err)
			}
			fc = append(fc, history.Forecasts{Name: f.name, P: p, Compare: f.compare})
		}
		s, err := history.Compare(scheme.name, y, scheme.groups, fc, c)
		if err != nil {
			return nil, err
		}
		s.Method = scheme.method + huthNote
		out = append(out, s)
	}
	return out, nil
}

// huthNote says what "structural model" means on Huth's crises.
const huthNote = "; the structural model is the engine's equations (package deter) with one defender and " +
	"Huth's balance of forces as the theatre ratio, as package fit estimates them, not the engine run on scenario files"

// huthDyads maps each Huth crisis (case_id) to its unordered pair of COW
// codes.
func huthDyads() (map[int]string, error) {
	t, err := evidence.Load("huth_1988")
	if err != nil {
		return nil, err
	}
	ids, err := t.Num("case_id")
	if err != nil {
		return nil, err
	}
	c1, err := t.Num("dyad_ccode1")
	if err != nil {
		return nil, err
	}
	c2, err := t.Num("dyad_ccode2")
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for i := range ids {
		out[int(ids[i])] = history.DyadKey(fmt.Sprint(int(c1[i])), fmt.Sprint(int(c2[i])))
	}
	return out, nil
}
