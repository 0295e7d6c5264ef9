package glm

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
	"pgregory.net/rapid"
)

// twoByTwo builds n00 rows (x=0,y=0), n01 (x=0,y=1), n10, n11.
func twoByTwo(n00, n01, n10, n11 int) (*mat.Dense, []float64) {
	var rows [][2]float64
	add := func(n int, x, y float64) {
		for i := 0; i < n; i++ {
			rows = append(rows, [2]float64{x, y})
		}
	}
	add(n00, 0, 0)
	add(n01, 0, 1)
	add(n10, 1, 0)
	add(n11, 1, 1)
	X := mat.NewDense(len(rows), 2, nil)
	y := make([]float64, len(rows))
	for i, r := range rows {
		X.Set(i, 0, 1)
		X.Set(i, 1, r[0])
		y[i] = r[1]
	}
	return X, y
}

// With one binary regressor the MLE is closed-form: the logit slope is the
// log odds ratio with SE sqrt(1/a+1/b+1/c+1/d) (Woolf), and the probit
// coefficients are the normal quantiles of the two cell shares.
func TestTwoByTwoClosedForms(t *testing.T) {
	for _, c := range [][4]int{{20, 10, 5, 15}, {7, 3, 2, 9}, {100, 50, 60, 90}} {
		X, y := twoByTwo(c[0], c[1], c[2], c[3])
		a, b, cc, d := float64(c[0]), float64(c[1]), float64(c[2]), float64(c[3])
		lf, err := FitBinary(X, y, Logit)
		if err != nil {
			t.Fatal(err)
		}
		or := math.Log(d * a / (cc * b))
		se := math.Sqrt(1/a + 1/b + 1/cc + 1/d)
		if math.Abs(lf.Coef[1]-or) > 1e-9 || math.Abs(lf.SE[1]-se) > 1e-9 {
			t.Errorf("%v logit: slope %.10f SE %.10f, want %.10f %.10f", c, lf.Coef[1], lf.SE[1], or, se)
		}
		if math.Abs(lf.Coef[0]-math.Log(b/a)) > 1e-9 {
			t.Errorf("%v logit intercept %v, want %v", c, lf.Coef[0], math.Log(b/a))
		}
		pf, err := FitBinary(X, y, Probit)
		if err != nil {
			t.Fatal(err)
		}
		q0 := distuv.UnitNormal.Quantile(b / (a + b))
		q1 := distuv.UnitNormal.Quantile(d / (cc + d))
		if math.Abs(pf.Coef[0]-q0) > 1e-8 || math.Abs(pf.Coef[1]-(q1-q0)) > 1e-8 {
			t.Errorf("%v probit: %v, want [%v %v]", c, pf.Coef, q0, q1-q0)
		}
		// log-likelihood of the saturated 2x2 model
		ll := a*math.Log(a/(a+b)) + b*math.Log(b/(a+b)) + cc*math.Log(cc/(cc+d)) + d*math.Log(d/(cc+d))
		if math.Abs(lf.LogLik-ll) > 1e-9 || math.Abs(pf.LogLik-ll) > 1e-8 {
			t.Errorf("%v log-lik %v / %v, want %v", c, lf.LogLik, pf.LogLik, ll)
		}
	}
}

func TestSeparationDetected(t *testing.T) {
	X, y := twoByTwo(10, 5, 0, 8) // x=1 always succeeds: the slope MLE is infinite
	if _, err := FitBinary(X, y, Logit); !errors.Is(err, ErrSeparation) {
		t.Errorf("logit: %v, want ErrSeparation", err)
	}
	if _, err := FitBinary(X, y, Probit); !errors.Is(err, ErrSeparation) {
		t.Errorf("probit: %v, want ErrSeparation", err)
	}
}

func TestBadShapes(t *testing.T) {
	X := mat.NewDense(3, 2, []float64{1, 0, 1, 1, 1, 2})
	if _, err := FitBinary(X, []float64{0, 1}, Logit); !errors.Is(err, ErrShape) {
		t.Error("row mismatch accepted")
	}
	if _, err := FitBinary(X, []float64{0, 2, 1}, Logit); !errors.Is(err, ErrShape) {
		t.Error("y=2 accepted")
	}
	Xc := mat.NewDense(4, 2, []float64{1, 1, 1, 1, 1, 1, 1, 1})
	if _, err := FitBinary(Xc, []float64{0, 1, 0, 1}, Logit); !errors.Is(err, ErrSingular) {
		t.Error("collinear columns accepted")
	}
}

// Simulated data from known coefficients: the estimates fall within 4 SE
// and the score (gradient of the log-likelihood) vanishes at the estimate.
func TestRecoversCoefficients(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		seed := rapid.Uint64().Draw(rt, "seed")
		link := Link(rapid.IntRange(0, 1).Draw(rt, "link"))
		rng := rand.New(rand.NewPCG(seed, 1))
		beta := []float64{-0.5, 1, -0.7}
		n := 800
		X := mat.NewDense(n, 3, nil)
		y := make([]float64, n)
		for i := 0; i < n; i++ {
			row := []float64{1, rng.NormFloat64(), float64(rng.IntN(2))}
			X.SetRow(i, row)
			if rng.Float64() < link.Prob(row, beta) {
				y[i] = 1
			}
		}
		f, err := FitBinary(X, y, link)
		if err != nil {
			rt.Fatal(err)
		}
		for j := range beta {
			if math.Abs(f.Coef[j]-beta[j]) > 4.5*f.SE[j] {
				rt.Fatalf("%v coef %d: %v (SE %v), true %v", link, j, f.Coef[j], f.SE[j], beta[j])
			}
		}
		for j := 0; j < 3; j++ {
			var g float64
			for i := 0; i < n; i++ {
				row := X.RawRowView(i)
				mu, nu, d := link.cdfPdf(mat.Dot(X.RowView(i), mat.NewVecDense(3, f.Coef)))
				g += (y[i] - mu) / (mu * nu) * d * row[j]
			}
			if math.Abs(g) > 1e-6 {
				rt.Fatalf("score %d = %v at the estimate", j, g)
			}
		}
	})
}
