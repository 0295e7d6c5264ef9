package fit

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Predictor fits on the training rows and returns the predicted
// probability of the event for each test row.
type Predictor func(train, test []int) ([]float64, error)

// Brier is the mean squared error of probability forecasts p of y.
func Brier(p, y []float64) float64 {
	var s float64
	for i := range p {
		s += (p[i] - y[i]) * (p[i] - y[i])
	}
	return s / float64(len(p))
}

// CrossValidate returns out-of-fold predictions for n rows split into
// folds: folds = n is leave-one-out; otherwise rows are shuffled with
// seed and dealt into folds of near-equal size.
func CrossValidate(n, folds int, seed uint64, pred Predictor) ([]float64, error) {
	if folds < 2 || folds > n {
		return nil, fmt.Errorf("cross-validation: %d folds for %d rows", folds, n)
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	if folds < n {
		r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
		r.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	}
	out := make([]float64, n)
	for f := 0; f < folds; f++ {
		var train, test []int
		for i, row := range perm {
			if i%folds == f {
				test = append(test, row)
			} else {
				train = append(train, row)
			}
		}
		p, err := pred(train, test)
		if err != nil {
			return nil, fmt.Errorf("fold %d of %d: %w", f+1, folds, err)
		}
		for i, row := range test {
			out[row] = p[i]
		}
	}
	return out, nil
}

// BaseRate predicts every test row by the event share of the training rows.
func BaseRate(y []float64) Predictor {
	return func(train, test []int) ([]float64, error) {
		var s float64
		for _, i := range train {
			s += y[i]
		}
		out := make([]float64, len(test))
		for i := range out {
			out[i] = s / float64(len(train))
		}
		return out, nil
	}
}

// Interval is a point estimate with a percentile bootstrap interval.
type Interval struct {
	Estimate, Lo, Hi, SE float64
	Draws                int
}

// BootstrapBrierDiff resamples cases (with replacement) and returns the
// difference Brier(a) - Brier(b) of two sets of out-of-sample forecasts of
// the same outcomes, with its 95% percentile interval and bootstrap SE. The
// forecasts are held fixed (the refits are not repeated per resample), so
// the interval reflects which cases were drawn, not the refitting noise.
func BootstrapBrierDiff(a, b, y []float64, draws int, seed uint64) Interval {
	n := len(y)
	d := make([]float64, n)
	for i := range y {
		d[i] = (a[i]-y[i])*(a[i]-y[i]) - (b[i]-y[i])*(b[i]-y[i])
	}
	r := rand.New(rand.NewPCG(seed, 0xda3e39cb94b95bdb))
	stats := make([]float64, draws)
	var m, m2 float64
	for k := range stats {
		var s float64
		for i := 0; i < n; i++ {
			s += d[r.IntN(n)]
		}
		stats[k] = s / float64(n)
		m += stats[k]
		m2 += stats[k] * stats[k]
	}
	sortFloats(stats)
	var est float64
	for _, v := range d {
		est += v / float64(n)
	}
	m /= float64(draws)
	return Interval{Estimate: est, Lo: quantile(stats, 0.025), Hi: quantile(stats, 0.975),
		SE: math.Sqrt(math.Max(0, m2/float64(draws)-m*m)), Draws: draws}
}

func quantile(sorted []float64, p float64) float64 {
	h := p * float64(len(sorted)-1)
	i := int(h)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}
