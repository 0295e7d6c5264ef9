package evidence

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/guarantor/guarantor/evidence/internal/glm"
)

// Huth (1988), "Extended Deterrence and the Outbreak of War" (APSR 82:423-443),
// tested extended-immediate deterrence on 58 crises by probit. This file
// refits logit and probit models of deterrence success on his regressors
// (the Signorino-Tarar 2006 replication file) and scores them out of sample.

// HuthRegressors are the explanatory variables used, with their meaning per
// the replication code's name vector (SOURCE.md).
var HuthRegressors = []struct{ Name, Meaning, Expected string }{
	{"ibf", "immediate balance of forces", "+ (Huth: the local balance matters)"},
	{"sbf", "short-term balance of forces", "+ (Huth: the short-term balance matters)"},
	{"lbf", "long-term balance of forces", "none (Huth: the long-term balance does not)"},
	{"milallia", "military alliance defender-protege", "none (Huth; Huth & Russett 1984)"},
	{"milarm", "arms transfers defender to protege", "unverified"},
	{"fortrade", "foreign trade defender-protege", "+ (Huth & Russett 1984: economic ties)"},
	{"nuclear", "defender has nuclear weapons", "none (Huth; Huth & Russett 1984)"},
	{"firmflex", "firm-but-flexible bargaining", "+ (Huth: reciprocity)"},
	{"tft", "tit-for-tat military actions", "+ (Huth: reciprocity)"},
}

// Coefficient is one estimated coefficient.
type Coefficient struct {
	Name          string
	Estimate, SE  float64
	Z, P          float64
	Expected      string // published direction, where known
	SignMatches   string // "yes", "no", or "n/a"
	Significant05 bool
}

// HuthModel is one fitted link.
type HuthModel struct {
	Link        string
	Coefs       []Coefficient
	LogLik      float64
	BrierIn     float64 // in-sample Brier score
	BrierLOO    float64 // leave-one-out Brier score
	LOOFailures int     // folds whose fit failed (separation), scored at the base rate
}

// HuthResult is the output of HuthAnalysis.
type HuthResult struct {
	N, Successes int
	// BrierBase is the leave-one-out Brier score of the base rate: each
	// crisis predicted by the success share of the other 57.
	BrierBase float64
	Models    []HuthModel
	Data      string
}

// HuthAnalysis fits logit and probit models of deterrence success on
// HuthRegressors plus an intercept.
func HuthAnalysis() (HuthResult, error) {
	t, err := Load("huth_1988")
	if err != nil {
		return HuthResult{}, err
	}
	y, err := t.Num("deter")
	if err != nil {
		return HuthResult{}, err
	}
	n, k := t.Rows, len(HuthRegressors)+1
	X := mat.NewDense(n, k, nil)
	for j, r := range HuthRegressors {
		col, err := t.Num(r.Name)
		if err != nil {
			return HuthResult{}, err
		}
		for i := 0; i < n; i++ {
			if math.IsNaN(col[i]) || math.IsNaN(y[i]) {
				return HuthResult{}, fmt.Errorf("huth_1988 row %d: missing %s or deter", i+2, r.Name)
			}
			X.Set(i, 0, 1)
			X.Set(i, j+1, col[i])
		}
	}
	ds, _ := DatasetOf("huth_1988")
	res := HuthResult{N: n, Data: "Huth 1988 crises, " + ds.Version}
	var sum float64
	for _, v := range y {
		sum += v
	}
	res.Successes = int(sum)
	for i := 0; i < n; i++ {
		p := (sum - y[i]) / float64(n-1)
		res.BrierBase += (p - y[i]) * (p - y[i]) / float64(n)
	}
	for _, link := range []glm.Link{glm.Logit, glm.Probit} {
		m, err := huthModel(X, y, link, float64(res.Successes)/float64(n))
		if err != nil {
			return HuthResult{}, fmt.Errorf("huth %v: %w", link, err)
		}
		res.Models = append(res.Models, m)
	}
	return res, nil
}

func huthModel(X *mat.Dense, y []float64, link glm.Link, base float64) (HuthModel, error) {
	fit, err := glm.FitBinary(X, y, link)
	if err != nil {
		return HuthModel{}, err
	}
	n, k := X.Dims()
	m := HuthModel{Link: link.String(), LogLik: fit.LogLik}
	for j := 0; j < k; j++ {
		z, p := fit.Z(j)
		c := Coefficient{Name: "(intercept)", Estimate: fit.Coef[j], SE: fit.SE[j], Z: z, P: p, SignMatches: "n/a", Significant05: p < 0.05}
		if j > 0 {
			r := HuthRegressors[j-1]
			c.Name, c.Expected = r.Name, r.Expected
			c.SignMatches = signMatch(r.Expected, c.Estimate, c.Significant05)
		}
		m.Coefs = append(m.Coefs, c)
	}
	for i := 0; i < n; i++ {
		p := link.Prob(X.RawRowView(i), fit.Coef)
		m.BrierIn += (p - y[i]) * (p - y[i]) / float64(n)
	}
	m.BrierLOO, m.LOOFailures, err = looBrier(X, y, link, base)
	return m, err
}

// signMatch compares an estimate with a published direction: "+" wants a
// positive estimate; "none" wants no significant effect.
func signMatch(expected string, est float64, sig bool) string {
	switch {
	case len(expected) > 0 && expected[0] == '+':
		if est > 0 {
			return "yes"
		}
		return "no"
	case len(expected) >= 4 && expected[:4] == "none":
		if !sig {
			return "yes"
		}
		return "no"
	}
	return "n/a"
}

// looBrier refits without each crisis in turn and scores its prediction.
// A fold whose fit fails (separation in 57 cases) is scored at the base
// rate and counted.
func looBrier(X *mat.Dense, y []float64, link glm.Link, base float64) (float64, int, error) {
	n, k := X.Dims()
	var brier float64
	fails := 0
	Xi := mat.NewDense(n-1, k, nil)
	yi := make([]float64, n-1)
	for i := 0; i < n; i++ {
		r := 0
		for j := 0; j < n; j++ {
			if j != i {
				Xi.SetRow(r, X.RawRowView(j))
				yi[r] = y[j]
				r++
			}
		}
		p := base
		fit, err := glm.FitBinary(Xi, yi, link)
		switch {
		case err == nil:
			p = link.Prob(X.RawRowView(i), fit.Coef)
		case errors.Is(err, glm.ErrSeparation) || errors.Is(err, glm.ErrNotConverged):
			fails++
		default:
			return 0, 0, err
		}
		brier += (p - y[i]) * (p - y[i]) / float64(n)
	}
	return brier, fails, nil
}
