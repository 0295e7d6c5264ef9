package history

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Spell is one case's survival observation: the years from its start to
// the failure (Failed) or to the end of what was observed (censored: the
// spell ended without a failure, or it is open and has held to the coding
// date).
type Spell struct {
	Years  float64
	Failed bool
}

// Curve is a right-continuous step function of years: Value(t) is the
// product over the jump times s <= t. Jumps are sorted; Level[k] is the
// value from Times[k] (inclusive) to Times[k+1].
type Curve struct {
	Times, Level []float64
}

// At is the curve's value at t (1 before the first jump).
func (c Curve) At(t float64) float64 {
	k := sort.Search(len(c.Times), func(i int) bool { return c.Times[i] > t })
	if k == 0 {
		return 1
	}
	return c.Level[k-1]
}

// Before is the curve's value just before t, the left limit c(t-).
func (c Curve) Before(t float64) float64 {
	k := sort.Search(len(c.Times), func(i int) bool { return c.Times[i] >= t })
	if k == 0 {
		return 1
	}
	return c.Level[k-1]
}

// KaplanMeier is the product-limit estimate of P(T > t) from the spells
// (Kaplan and Meier 1958, "Nonparametric estimation from incomplete
// observations", JASA 53): S(t) = prod over failure times s <= t of
// (1 - d_s / n_s), with d_s failures at s and n_s = #{spells with Years
// >= s} at risk. Ties: a spell censored at s is still at risk for the
// failures at s (failures come first, the usual convention).
func KaplanMeier(sp []Spell) Curve {
	return productLimit(sp, false)
}

// CensoringKM is the reverse Kaplan-Meier estimate of the censoring
// distribution G(t) = P(C > t): the censored spells are its "events".
// Ties follow the same convention as KaplanMeier, failures first: a spell
// that fails at s is not at risk of being censored at s, so the risk set
// of a censoring at s is n_s - d_s. With this rule S(t)·G(t) is exactly
// the share of spells still observed after t, and the inverse-probability
// weights of BrierIPCW sum to the number of spells (see IPCWeights).
func CensoringKM(sp []Spell) Curve {
	return productLimit(sp, true)
}

func productLimit(sp []Spell, censoring bool) Curve {
	s := slices.Clone(sp)
	slices.SortFunc(s, func(a, b Spell) int { return cmp.Compare(a.Years, b.Years) })
	var c Curve
	v := 1.0
	for k := 0; k < len(s); {
		t, atRisk := s[k].Years, len(s)-k
		d, cens := 0, 0
		for ; k < len(s) && s[k].Years == t; k++ {
			if s[k].Failed {
				d++
			} else {
				cens++
			}
		}
		switch {
		case !censoring && d > 0:
			v *= 1 - float64(d)/float64(atRisk)
		case censoring && cens > 0:
			v *= 1 - float64(cens)/float64(atRisk-d)
		default:
			continue
		}
		c.Times = append(c.Times, t)
		c.Level = append(c.Level, v)
	}
	return c
}

// SurvivedPast is the outcome indicator at horizon t: 1 when the spell is
// known to have lasted past t (failed after t, or observed beyond t),
// 0 when it failed at or before t. For a spell censored at or before t
// it is 0 and its weight (IPCWeights) is 0: its status at t is unknown.
func SurvivedPast(s Spell, t float64) float64 {
	if s.Years > t {
		return 1
	}
	return 0
}

// IPCWeights are the inverse-probability-of-censoring weights of the
// spells at horizon t (Graf, Schmoor, Sauerbrei and Schumacher 1999,
// "Assessment and comparison of prognostic classification schemes for
// survival data", Statistics in Medicine 18, eq. 6; Gerds and Schumacher
// 2006, Biometrical Journal 48): a spell that failed at T_i <= t weighs
// 1/G(T_i-), one observed past t weighs 1/G(t), one censored at or
// before t weighs 0, where G is the censoring distribution (CensoringKM
// of these spells). They sum to len(sp) whenever some spell is observed
// past t (the failures' weights add up to n·(1 - S_KM(t)) and the
// survivors' to n·S_KM(t); Satten and Datta 2001, The American
// Statistician 55), so the weighted share of failures by t is the
// Kaplan-Meier estimate.
func IPCWeights(sp []Spell, g Curve, t float64) []float64 {
	w := make([]float64, len(sp))
	gt := g.At(t)
	for i, s := range sp {
		switch {
		case s.Years > t:
			w[i] = 1 / gt
		case s.Failed:
			w[i] = 1 / g.Before(s.Years)
		}
	}
	return w
}

// BrierIPCW is the time-dependent Brier score at horizon t of forecasts
// p[i] = P(spell i lasts past t) (Graf et al. 1999, eq. 6):
//
//	BS(t) = (1/n) sum_i w_i(t) (p_i - 1[T_i > t])^2
//
// with the weights of IPCWeights (w), normalised by n, the number of
// spells, censored ones included. Without censoring every weight is 1
// and this is the plain Brier score of the outcome at t.
func BrierIPCW(p []float64, sp []Spell, w []float64, t float64) float64 {
	s := 0.0
	for i := range sp {
		if w[i] == 0 {
			continue
		}
		y := SurvivedPast(sp[i], t)
		s += w[i] * (p[i] - y) * (p[i] - y)
	}
	return s / float64(len(sp))
}

// IntegratedBrier is the integrated Brier score over (0, tau] on a grid:
// (1/tau) sum_k BS(t_k) (t_k - t_{k-1}), t_0 = 0, the right-endpoint sum
// of the step function that takes the value BS(t_k) on (t_{k-1}, t_k]
// (Graf et al. 1999, eq. 7, on a grid). On the yearly grid 1, 2, ..., tau
// it is the mean of the yearly scores. grid must be increasing and end at
// tau; bs[k] is the score at grid[k].
func IntegratedBrier(grid, bs []float64) float64 {
	if len(grid) == 0 {
		return math.NaN()
	}
	s, prev := 0.0, 0.0
	for k, t := range grid {
		s += bs[k] * (t - prev)
		prev = t
	}
	return s / grid[len(grid)-1]
}

// CalibrateIPCW bins forecasts p of survival past t into bins equal-width
// bins of [0, 1], counting only spells whose status at t is known (weight
// > 0): each bin's N is its known spells, MeanP their weighted mean
// forecast, Observed the weighted share that lasted past t. With the
// weights of IPCWeights the observed share is a consistent estimate of
// survival among the bin's cases under independent censoring.
func CalibrateIPCW(p []float64, sp []Spell, w []float64, t float64, bins int) []Bin {
	out := make([]Bin, bins)
	ws := make([]float64, bins)
	for i := range out {
		out[i].Lo, out[i].Hi = float64(i)/float64(bins), float64(i+1)/float64(bins)
	}
	for i := range p {
		if w[i] == 0 {
			continue
		}
		k := min(max(int(p[i]*float64(bins)), 0), bins-1)
		out[k].N++
		ws[k] += w[i]
		out[k].MeanP += w[i] * p[i]
		out[k].Observed += w[i] * SurvivedPast(sp[i], t)
	}
	for i := range out {
		if ws[i] > 0 {
			out[i].MeanP /= ws[i]
			out[i].Observed /= ws[i]
		}
	}
	return out
}

// SurvivalPredictor forecasts P(T > t) for the test rows at each horizon,
// fitting on the training rows only: out[k][j] is test row j's forecast
// at horizons[k].
type SurvivalPredictor func(train, test []int, horizons []float64) ([][]float64, error)

// KMPredictor forecasts every test row by the Kaplan-Meier survival of
// the training spells (1 with no training spells): the survival analogue
// of the base rate.
func KMPredictor(sp []Spell) SurvivalPredictor {
	return func(train, test []int, horizons []float64) ([][]float64, error) {
		tr := make([]Spell, len(train))
		for k, i := range train {
			tr[k] = sp[i]
		}
		km := KaplanMeier(tr)
		out := make([][]float64, len(horizons))
		for k, t := range horizons {
			out[k] = make([]float64, len(test))
			for j := range test {
				out[k][j] = km.At(t)
			}
		}
		return out, nil
	}
}

// IPCWLogitPredictor refits the ex-ante logit at each horizon t on the
// training rows, with outcome 1[T > t] and the inverse-probability-of-
// censoring weights of the training spells at t (their own CensoringKM,
// so nothing about the test rows enters): the rows censored before t get
// weight 0, and the rest stand for them. Fitting on the rows known at t
// without weights would drop the spells that ended early without a
// failure and so bias the fit towards failure. 1/2 when no training row
// has a known status at t.
func IPCWLogitPredictor(X [][]float64, sp []Spell) SurvivalPredictor {
	return func(train, test []int, horizons []float64) ([][]float64, error) {
		tr := make([]Spell, len(train))
		for k, i := range train {
			tr[k] = sp[i]
		}
		g := CensoringKM(tr)
		out := make([][]float64, len(horizons))
		for k, t := range horizons {
			out[k] = make([]float64, len(test))
			w := IPCWeights(tr, g, t)
			var tx [][]float64
			var ty, tw []float64
			for m, i := range train {
				if w[m] > 0 {
					tx, ty, tw = append(tx, X[i]), append(ty, SurvivedPast(sp[i], t)), append(tw, w[m])
				}
			}
			if len(tx) == 0 {
				for j := range test {
					out[k][j] = 0.5
				}
				continue
			}
			l, err := fitLogitWeighted(tx, ty, tw, SlopePriorSD, InterceptPriorSD)
			if err != nil {
				return nil, err
			}
			for j, i := range test {
				out[k][j] = l.Prob(X[i])
			}
		}
		return out, nil
	}
}

// LeaveGroupOutSurvival is LeaveGroupOut for survival forecasts: out[k][i]
// is row i's forecast at horizons[k] by a fit that saw no row of its
// group.
func LeaveGroupOutSurvival(groups []string, horizons []float64, pred SurvivalPredictor) ([][]float64, error) {
	out := make([][]float64, len(horizons))
	for k := range out {
		out[k] = make([]float64, len(groups))
	}
	// LeaveGroupOut hands each fold's rows to one scalar predictor; here
	// each fold yields a forecast per horizon, gathered by row.
	_, err := LeaveGroupOut(groups, func(train, test []int) ([]float64, error) {
		p, err := pred(train, test, horizons)
		if err != nil {
			return nil, err
		}
		for k := range horizons {
			for j, i := range test {
				out[k][i] = p[k][j]
			}
		}
		return make([]float64, len(test)), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
