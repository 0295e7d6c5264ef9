package history

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Predictor fits whatever it fits on the training rows only and returns a
// forecast for each test row. Predictors are built over a fixed data set
// (features and outcomes) and receive row indices.
type Predictor func(train, test []int) ([]float64, error)

// Folds groups row indices by group key, in order of first appearance:
// one fold per group. Rows with an empty key form singleton groups (they
// share nothing with any other row).
func Folds(groups []string) [][]int {
	var out [][]int
	at := map[string]int{}
	for i, g := range groups {
		if g == "" {
			out = append(out, []int{i})
			continue
		}
		k, ok := at[g]
		if !ok {
			k = len(out)
			at[g] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}

// LeaveGroupOut returns out-of-fold forecasts: for each group (Folds), the
// predictor is trained on every row outside the group and forecasts the
// group's rows. A row is therefore never forecast by a fit that saw it, or
// any row of its group.
func LeaveGroupOut(groups []string, pred Predictor) ([]float64, error) {
	n := len(groups)
	out := make([]float64, n)
	for _, test := range Folds(groups) {
		train := make([]int, 0, n-len(test))
		j := 0
		for i := range n {
			if j < len(test) && test[j] == i {
				j++
				continue
			}
			train = append(train, i)
		}
		p, err := pred(train, test)
		if err != nil {
			return nil, fmt.Errorf("fold of %s: %w", groups[test[0]], err)
		}
		if len(p) != len(test) {
			return nil, fmt.Errorf("fold of %s: %d forecasts for %d rows", groups[test[0]], len(p), len(test))
		}
		for k, i := range test {
			out[i] = p[k]
		}
	}
	return out, nil
}

// BaseRatePredictor forecasts every test row by the share of training rows
// with y = 1 (0.5 when there are none).
func BaseRatePredictor(y []float64) Predictor {
	return func(train, test []int) ([]float64, error) {
		r := 0.5
		if len(train) > 0 {
			s := 0.0
			for _, i := range train {
				s += y[i]
			}
			r = s / float64(len(train))
		}
		out := make([]float64, len(test))
		for k := range out {
			out[k] = r
		}
		return out, nil
	}
}

// Brier is the mean squared difference between forecasts p and outcomes y
// (Brier 1950, "Verification of forecasts expressed in terms of
// probability", Monthly Weather Review 78).
func Brier(p, y []float64) float64 {
	s := 0.0
	for i := range p {
		s += (p[i] - y[i]) * (p[i] - y[i])
	}
	return s / float64(len(p))
}

// LogLoss is the mean negative log likelihood (natural log) of outcomes y
// under forecasts p, each clipped to [LogLossClip, 1-LogLossClip].
func LogLoss(p, y []float64) float64 {
	s := 0.0
	for i := range p {
		s += logLoss(p[i], y[i])
	}
	return s / float64(len(p))
}

// Interval is a bootstrap summary of a statistic: its value on the data,
// the standard deviation of its bootstrap distribution and the percentile
// interval at Level.
type Interval struct {
	Estimate, SE, Lo, Hi, Level float64
	Resamples                   int
	Seed                        uint64
}

// BootstrapBrierDiff resamples cases with replacement (resamples times,
// from seed) and summarises Brier(a) - Brier(b) over the resamples: the
// estimate is the difference on the data, the interval the 2.5th and
// 97.5th percentiles (Efron and Tibshirani 1993, "An Introduction to the
// Bootstrap", ch. 13, the percentile interval). Negative means a scores
// better. Cases are resampled alone, not by group: with groups of one to
// five cases this understates the spread a little (docs/backtest.md).
func BootstrapBrierDiff(a, b, y []float64, resamples int, seed uint64) Interval {
	return BootstrapMean(sqErrDiff(a, b, y), resamples, seed)
}

// sqErrDiff is the per-case difference of squared errors of a and b.
func sqErrDiff(a, b, y []float64) []float64 {
	d := make([]float64, len(y))
	for i := range y {
		d[i] = (a[i]-y[i])*(a[i]-y[i]) - (b[i]-y[i])*(b[i]-y[i])
	}
	return d
}

// BootstrapMean is the case bootstrap of the mean of per-case values d
// (BootstrapBrierDiff passes differences of squared errors; the survival
// backtest differences of weighted losses integrated over the horizons):
// the estimate is the mean on the data, the interval the 2.5th and 97.5th
// percentiles of the resample means.
func BootstrapMean(d []float64, resamples int, seed uint64) Interval {
	n := len(d)
	iv := Interval{Estimate: mean(d), Level: 0.95, Resamples: resamples, Seed: seed}
	if n == 0 || resamples < 2 {
		iv.Lo, iv.Hi = iv.Estimate, iv.Estimate
		return iv
	}
	r := rand.New(rand.NewPCG(seed, bootstrapStream))
	stats := make([]float64, resamples)
	for k := range stats {
		s := 0.0
		for range n {
			s += d[r.IntN(n)]
		}
		stats[k] = s / float64(n)
	}
	iv.summarize(stats)
	return iv
}

// BootstrapBrierDiffByGroup is BootstrapBrierDiff resampling whole groups
// (dyads) instead of cases, the cluster bootstrap (Davison and Hinkley
// 1997, "Bootstrap Methods and their Application", section 3.8): each
// resample draws as many groups as there are, with replacement, and the
// statistic is the mean difference over the cases drawn. Cases of a dyad
// are not independent, so this interval is the more honest one when
// dyads hold several cases.
func BootstrapBrierDiffByGroup(a, b, y []float64, groups []string, resamples int, seed uint64) Interval {
	return BootstrapMeanByGroup(sqErrDiff(a, b, y), groups, resamples, seed)
}

// BootstrapMeanByGroup is BootstrapMean resampling whole groups: each
// resample draws as many groups as there are, with replacement, and the
// statistic is the mean of d over the cases drawn.
func BootstrapMeanByGroup(d []float64, groups []string, resamples int, seed uint64) Interval {
	folds := Folds(groups)
	sum := make([]float64, len(folds)) // per-group sum
	for k, f := range folds {
		for _, i := range f {
			sum[k] += d[i]
		}
	}
	iv := Interval{Level: 0.95, Resamples: resamples, Seed: seed}
	total := 0.0
	for _, s := range sum {
		total += s
	}
	if len(d) > 0 {
		iv.Estimate = total / float64(len(d))
	}
	if len(folds) == 0 || resamples < 2 {
		iv.Lo, iv.Hi = iv.Estimate, iv.Estimate
		return iv
	}
	r := rand.New(rand.NewPCG(seed, bootstrapStream))
	stats := make([]float64, resamples)
	g := len(folds)
	for k := range stats {
		s, n := 0.0, 0
		for range g {
			j := r.IntN(g)
			s += sum[j]
			n += len(folds[j])
		}
		stats[k] = s / float64(n)
	}
	iv.summarize(stats)
	return iv
}

// summarize sets the interval's standard error and 95% percentile bounds
// from the bootstrap statistics (at least two), sorting stats in place.
func (iv *Interval) summarize(stats []float64) {
	m := mean(stats)
	v := 0.0
	for _, s := range stats {
		v += (s - m) * (s - m)
	}
	iv.SE = math.Sqrt(v / float64(len(stats)-1))
	sort.Float64s(stats)
	iv.Lo, iv.Hi = quantile(stats, 0.025), quantile(stats, 0.975)
}

// bootstrapStream is the PCG stream of the bootstrap, fixed so that a seed
// names one sequence of resamples.
const bootstrapStream = 0x6a09e667f3bcc909

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// quantile of sorted xs by linear interpolation between order statistics
// (Hyndman and Fan 1996, definition 7, R's default).
func quantile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// Calibrate bins the forecasts p into bins equal-width bins of [0, 1] and
// gives each bin's mean forecast and observed share of y = 1.
func Calibrate(p, y []float64, bins int) []Bin {
	out := make([]Bin, bins)
	for i := range out {
		out[i].Lo, out[i].Hi = float64(i)/float64(bins), float64(i+1)/float64(bins)
	}
	for i := range p {
		k := min(max(int(p[i]*float64(bins)), 0), bins-1)
		out[k].N++
		out[k].MeanP += p[i]
		out[k].Observed += y[i]
	}
	for i := range out {
		if out[i].N > 0 {
			out[i].MeanP /= float64(out[i].N)
			out[i].Observed /= float64(out[i].N)
		}
	}
	return out
}

// DyadKey is the group key of a challenger-protege pair, the same for
// either order (Israel attacking Egypt and Egypt attacking Israel are one
// dyad).
func DyadKey(a, b string) string {
	s := []string{a, b}
	slices.Sort(s)
	return s[0] + "-" + s[1]
}
