package fit

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
