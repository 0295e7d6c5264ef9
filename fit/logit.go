package fit

import (
	"fmt"
	"math"
)

// Logit is a penalised logistic regression with Gelman et al.'s (2008)
// default prior: inputs rescaled (binary ones centred, others to mean 0
// and SD 0.5, using the training rows), Cauchy(0, 2.5) on every slope and
// Cauchy(0, 10) on the intercept. Penalise is false for plain ML.
type Logit struct {
	Names    []string
	Coef, SE []float64 // on the original scale of the inputs (intercept first)
	LogLik   float64
	mean, sc []float64 // input centring and scaling
	z        []float64 // coefficients on the rescaled inputs
}

// FitLogit fits y on the rows of X (no intercept column; one is added).
func FitLogit(names []string, X [][]float64, y []float64, penalise bool) (*Logit, error) {
	n, k := len(X), len(names)
	if n == 0 || n != len(y) {
		return nil, fmt.Errorf("logit: %d rows, %d responses", n, len(y))
	}
	l := &Logit{Names: names, mean: make([]float64, k), sc: make([]float64, k)}
	col := make([]float64, n)
	for j := 0; j < k; j++ {
		binary := true
		for i := range X {
			col[i] = X[i][j]
			binary = binary && (col[i] == 0 || col[i] == 1)
		}
		for _, v := range col {
			l.mean[j] += v / float64(n)
		}
		l.sc[j] = 1
		if !binary {
			if s := 2 * sd(col); s > 0 {
				l.sc[j] = s
			}
		}
	}
	Z := make([][]float64, n)
	for i := range X {
		Z[i] = make([]float64, k)
		for j := range names {
			Z[i][j] = (X[i][j] - l.mean[j]) / l.sc[j]
		}
	}
	nll := func(b []float64) float64 {
		var s float64
		for i := range Z {
			eta := b[0]
			for j, v := range Z[i] {
				eta += b[j+1] * v
			}
			if y[i] == 1 {
				s -= logLogistic(eta)
			} else {
				s -= logLogistic(-eta)
			}
		}
		if penalise {
			s -= logCauchy(b[0], 10)
			for _, v := range b[1:] {
				s -= logCauchy(v, 2.5)
			}
		}
		return s
	}
	sol, err := Minimize(Objective{N: n, NegLogPost: nll}, make([]float64, k+1))
	if err != nil {
		return nil, fmt.Errorf("logit: %w", err)
	}
	l.z = sol.Theta
	l.Coef, l.SE = make([]float64, k+1), make([]float64, k+1)
	l.Coef[0] = sol.Theta[0]
	for j := 0; j < k; j++ {
		l.Coef[j+1] = sol.Theta[j+1] / l.sc[j]
		l.SE[j+1] = sol.SE[j+1] / l.sc[j]
		l.Coef[0] -= l.Coef[j+1] * l.mean[j]
	}
	// The intercept's SE on the original scale needs the covariance.
	var v float64
	a := make([]float64, k+1)
	a[0] = 1
	for j := 0; j < k; j++ {
		a[j+1] = -l.mean[j] / l.sc[j]
	}
	for r := 0; r <= k; r++ {
		for c := 0; c <= k; c++ {
			v += a[r] * a[c] * sol.Cov.At(r, c)
		}
	}
	l.SE[0] = math.Sqrt(v)
	l.LogLik = -nll(sol.Theta)
	if penalise {
		l.LogLik = 0
		for i := range Z {
			p := l.Prob(X[i])
			l.LogLik += y[i]*math.Log(p) + (1-y[i])*math.Log(1-p)
		}
	}
	return l, nil
}

// Prob returns the fitted probability for one row of inputs.
func (l *Logit) Prob(x []float64) float64 {
	eta := l.z[0]
	for j, v := range x {
		eta += l.z[j+1] * (v - l.mean[j]) / l.sc[j]
	}
	return logistic(eta)
}
