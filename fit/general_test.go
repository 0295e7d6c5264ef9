package fit

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// simulate draws dyad-years from the model with known coefficients.
func simulate(n int, seed uint64, icept float64, coef [deter.NumChallengerCovariates]float64) []evidence.GeneralDyadYear {
	r := rand.New(rand.NewPCG(seed, 1))
	rows := make([]evidence.GeneralDyadYear, n)
	for i := range rows {
		x := evidence.GeneralDyadYear{A: r.IntN(50), B: 50 + r.IntN(50), Year: 1900 + r.IntN(100),
			Rivalry: r.Float64() < 0.1, PeaceYears: r.IntN(80), NoPrior: r.Float64() < 0.4, Contiguous: r.Float64() < 0.3}
		v := covariates(x)
		eta := icept
		for j := range v {
			eta += coef[j] * v[j]
		}
		x.Onset = r.Float64() >= logistic(eta)
		rows[i] = x
	}
	return rows
}

// TestFitGeneralRecovers: on simulated dyad-years, the penalised fit
// recovers the coefficients that generated them within 3 SEs, and its SEs
// match the spread of estimates over replications.
func TestFitGeneralRecovers(t *testing.T) {
	truth := [deter.NumChallengerCovariates]float64{-2, 0.6, 0.8, -0.9}
	const icept = 2.5
	const reps = 12
	est := make([][]float64, reps)
	var meanSE [deter.NumChallengerCovariates]float64
	for rep := range reps {
		rows := simulate(60000, uint64(rep+1), icept, truth)
		f, err := fitGeneral(aggregate(rows, nil))
		if err != nil {
			t.Fatal(err)
		}
		// The intercept at zero covariates from the centred one.
		i0 := f.Intercept
		for j := range f.Coef {
			i0 -= f.Coef[j] * f.Means[j]
		}
		if rep == 0 {
			for j, c := range f.Coef {
				if math.Abs(c-truth[j]) > 3*f.SE[j] {
					t.Errorf("%s: %.3f (SE %.3f), truth %.3f", GeneralNames[j], c, f.SE[j], truth[j])
				}
			}
			if math.Abs(i0-icept) > 0.3 {
				t.Errorf("intercept at 0: %.3f, truth %.3f", i0, icept)
			}
		}
		est[rep] = f.Coef
		for j := range meanSE {
			meanSE[j] += f.SE[j] / reps
		}
	}
	for j := range truth {
		var m, v float64
		for _, e := range est {
			m += e[j] / reps
		}
		for _, e := range est {
			v += (e[j] - m) * (e[j] - m) / (reps - 1)
		}
		if sd := math.Sqrt(v); sd > 2*meanSE[j] || sd < meanSE[j]/2 {
			t.Errorf("%s: spread %.4f over replications, mean SE %.4f", GeneralNames[j], sd, meanSE[j])
		}
		if math.Abs(m-truth[j]) > 3*meanSE[j]/math.Sqrt(reps) {
			t.Errorf("%s: mean %.4f over replications, truth %.4f (SE of the mean %.4f)", GeneralNames[j], m, truth[j], meanSE[j]/math.Sqrt(reps))
		}
	}
}

func TestFitGeneralDyadYears(t *testing.T) {
	if testing.Short() {
		t.Skip("the full dyad-year fit with 10-fold CV (seconds)")
	}
	g, err := fitGeneralDeterrence(context.Background(), 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", g)
	// Out of sample by dyad the covariates beat the intercept alone.
	if g.CV.LogScore <= g.CV.LogScoreIntercept {
		t.Errorf("CV log score %.5f, intercept only %.5f", g.CV.LogScore, g.CV.LogScoreIntercept)
	}
	// A rivalry makes an onset likelier (direction known: Thompson and Dreyer 2012; Diehl and Goertz 2000).
	if g.Fit.Coef[0] >= 0 {
		t.Errorf("rivalry coefficient %.3f, want < 0 on P(no onset)", g.Fit.Coef[0])
	}
}
