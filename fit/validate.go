package fit

import (
	"context"
	"fmt"

	"github.com/guarantor/guarantor/deter"
)

// ExAnteInputs are Huth's regressors known before the crisis: the three
// balances of forces, alliance, arms transfers, trade and nuclear weapons.
// Firm-but-flexible diplomacy and tit-for-tat (Huth's bargaining
// variables) are left out because they describe the crisis as it unfolds.
var ExAnteInputs = []string{"ibf", "sbf", "lbf", "milallia", "milarm", "fortrade", "nuclear"}

func exAnteRow(k Crisis) []float64 {
	return []float64{k.IBF, k.SBF, k.LBF, b2f(k.Ally), k.Arms, k.Trade, b2f(k.Nuclear)}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func subset(ks []Crisis, idx []int) []Crisis {
	out := make([]Crisis, len(idx))
	for i, j := range idx {
		out[i] = ks[j]
	}
	return out
}

// StructuralPredictor refits the structural model (the whole chain:
// Response for the defender, Contest, LogWarCost, StatusQuo) on the
// training crises and predicts P(status quo) for the test crises.
func StructuralPredictor(ks []Crisis, spec HuthSpec) Predictor {
	return func(train, test []int) ([]float64, error) {
		f, err := FitHuth(subset(ks, train), spec)
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(test))
		for i, j := range test {
			_, out[i] = f.Predict(ks[j])
		}
		return out, nil
	}
}

// LogitPredictor refits a logit of deterrence success on the ex-ante inputs.
func LogitPredictor(ks []Crisis, penalise bool) Predictor {
	return func(train, test []int) ([]float64, error) {
		X, y := make([][]float64, len(train)), make([]float64, len(train))
		for i, j := range train {
			X[i], y[i] = exAnteRow(ks[j]), ks[j].Deterred()
		}
		l, err := FitLogit(ExAnteInputs, X, y, penalise)
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(test))
		for i, j := range test {
			out[i] = l.Prob(exAnteRow(ks[j]))
		}
		return out, nil
	}
}

// sensitivitySpecs are the sensitivity rows' specifications: base with the
// protégé share at 0.1 and 0.5, the short-term and the geometric balance,
// and priors twice as wide. Each keeps base's aggregation form, the one the
// fit chose and the engine runs: a row refitted under another form would
// mix a change of form into the change it reports.
func sensitivitySpecs(base HuthSpec) []HuthSpec {
	norm := func(s HuthSpec) HuthSpec {
		if s.Balance == "" {
			s.Balance = "ibf"
		}
		if s.PriorWidth == 0 {
			s.PriorWidth = 1
		}
		s.Aggregation = base.Aggregation
		return s
	}
	share := base.ProtegeShare
	specs := []HuthSpec{{ProtegeShare: 0.1}, base, {ProtegeShare: 0.5},
		{Balance: "sbf", ProtegeShare: share}, {Balance: "geo", ProtegeShare: share},
		{ProtegeShare: share, PriorWidth: 2}}
	for i := range specs {
		specs[i] = norm(specs[i])
	}
	return specs
}

// HuthValidation runs the cross-validation of Run on Huth's crises alone
// (for `guarantor backtest`): options as for Run, except that a spec with
// no aggregation form takes the committed fit's (deter.Default), the form
// the engine runs, as Run's validation takes the form it has just chosen.
func HuthValidation(ctx context.Context, o Options) (Validation, error) {
	o = o.withDefaults()
	if o.Spec.Aggregation == "" {
		o.Spec.Aggregation = deter.Default().Aggregation
	}
	ks, _, err := HuthCrises()
	if err != nil {
		return Validation{}, err
	}
	return validate(ctx, ks, o)
}

func validate(ctx context.Context, ks []Crisis, o Options) (Validation, error) {
	n := len(ks)
	y := make([]float64, n)
	war := make([]float64, n)
	for i, k := range ks {
		y[i] = k.Deterred()
		if k.Outcome == War {
			war[i] = 1
		}
	}
	v := Validation{Folds: o.Folds, Seed: o.Seed, Sensitivity: []SensitivityRow{}}
	type model struct {
		name string
		pred Predictor
		war  func(train, test []int) ([]float64, error)
	}
	structWar := func(train, test []int) ([]float64, error) {
		f, err := FitHuth(subset(ks, train), o.Spec)
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(test))
		for i, j := range test {
			q, p := f.Predict(ks[j])
			out[i] = (1 - p) * q
		}
		return out, nil
	}
	models := []model{
		{"structural (deter chain)", StructuralPredictor(ks, o.Spec), structWar},
		{"ex-ante logit, penalised", LogitPredictor(ks, true), nil},
		{"ex-ante logit, ML", LogitPredictor(ks, false), nil},
		{"base rate", BaseRate(y), BaseRate(war)},
	}
	loo := make([][]float64, len(models))
	for m, md := range models {
		if err := ctx.Err(); err != nil {
			return v, err
		}
		s := Score{Model: md.name}
		p, err := CrossValidate(n, n, o.Seed, md.pred)
		if err != nil {
			return v, fmt.Errorf("%s, leave-one-out: %w", md.name, err)
		}
		loo[m] = p
		s.LOO = Brier(p, y)
		s.Forecasts, s.Calibration = p, Calibration(p, y, 5)
		if p, err = CrossValidate(n, o.Folds, o.Seed, md.pred); err != nil {
			return v, fmt.Errorf("%s, %d-fold: %w", md.name, o.Folds, err)
		}
		s.KFold = Brier(p, y)
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		if p, err = md.pred(all, all); err != nil {
			return v, err
		}
		s.InSample = Brier(p, y)
		if md.war != nil {
			if p, err = CrossValidate(n, n, o.Seed, md.war); err != nil {
				return v, err
			}
			b := Brier(p, war)
			s.WarLOO = &b
		}
		v.Scores = append(v.Scores, s)
	}
	v.VsBase = BootstrapBrierDiff(loo[0], loo[3], y, o.Bootstrap, o.Seed)
	v.VsLogit = BootstrapBrierDiff(loo[0], loo[2], y, o.Bootstrap, o.Seed)
	if o.Sensitivity {
		for _, spec := range sensitivitySpecs(o.Spec) {
			f, err := FitHuth(ks, spec)
			if err != nil {
				return v, err
			}
			p, err := CrossValidate(n, n, o.Seed, StructuralPredictor(ks, spec))
			if err != nil {
				return v, err
			}
			v.Sensitivity = append(v.Sensitivity, SensitivityRow{Balance: spec.Balance, PriorWidth: spec.PriorWidth, ProtegeShare: spec.ProtegeShare,
				Aggregation: spec.Aggregation, LogLik: f.LogLik, LOO: Brier(p, y)})
		}
	}
	return v, nil
}
