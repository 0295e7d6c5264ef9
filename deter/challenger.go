package deter

import "math"

// NumChallengerCovariates is the number of challenger covariates.
const NumChallengerCovariates = 4

// ChallengerCovariates are the challenger's covariates x of general
// deterrence (MODEL.md §3: ln V ~ Logistic(μ + x'α, s)), known at the start
// of the year for the challenger-protege pair: do they quarrel? They are
// defined as in the dyad-year fit (docs/fit.md, "General deterrence").
type ChallengerCovariates struct {
	// Rivalry: the two are strategic rivals (TSS, in force the year before).
	Rivalry bool
	// PeaceYears: years since their last use-of-force dispute (either
	// direction), or since observation began when there was none (NoPrior).
	PeaceYears float64
	NoPrior    bool
	// Contiguous: they share a land border.
	Contiguous bool
}

// indicator is a binary covariate's value: 1 when it holds.
func indicator(v bool) float64 {
	if v {
		return 1
	}
	return 0
}

// Values returns x in the order of ChallengerEstimates: rivalry,
// ln(1 + peace years), no prior dispute, contiguity.
func (x ChallengerCovariates) Values() [NumChallengerCovariates]float64 {
	return [NumChallengerCovariates]float64{indicator(x.Rivalry), math.Log1p(math.Max(x.PeaceYears, 0)), indicator(x.NoPrior), indicator(x.Contiguous)}
}

// ChallengerEstimates points at the covariates' coefficients in Values order.
func (c *Coefficients) ChallengerEstimates() [NumChallengerCovariates]*Estimate {
	return [NumChallengerCovariates]*Estimate{&c.ARivalry, &c.APeace, &c.ANoPrior, &c.AContiguous}
}

// ChallengerTerm is x'α = Σ_j α_j (x_j − centre_j), the covariates' shift
// of the general-deterrence status-quo logit: zero at the fit's sample
// means, negative for a pair that quarrels more than the average
// politically relevant dyad.
func ChallengerTerm(c *Coefficients, x ChallengerCovariates) float64 {
	v := x.Values()
	var s float64
	for j, e := range c.ChallengerEstimates() {
		s += e.Value * (v[j] - e.Centre)
	}
	return s
}

// StatusQuoGeneral is StatusQuo under general deterrence with the
// challenger term xAlpha (ChallengerTerm) in the index. With the slope
// fitted on the MID dyad-years (GeneralSlopeFitted; docs/fit.md,
// "General-stage slope of the structural index"):
//
//	P(SQ per year) = L(AGeneral + x'α + GenSlope (ln Cbar − ln Pi − GenRef));
//
// otherwise the carry-over from Huth's crises:
//
//	P(SQ per year) = L(A0 + AGeneral + x'α + A1 (ln Cbar − ln Pi)).
//
// The term does not depend on the guarantors and both slopes are >= 0, so
// every monotonicity of StatusQuo in ln Cbar − ln Pi holds for any x.
func StatusQuoGeneral(c *Coefficients, logCbar, logPi, xAlpha float64) (p, index float64) {
	a, b := GeneralLogit(c)
	index = a + xAlpha + b*(logCbar-logPi)
	return Logistic(index), index
}

// GeneralLogit returns the general stage's status-quo logit as an
// intercept and a slope on x = ln Cbar − ln Pi (before x'α): AGeneral −
// GenSlope·GenRef and GenSlope when the slope is fitted, else A0 +
// AGeneral and A1.
func GeneralLogit(c *Coefficients) (intercept, slope float64) {
	if c.GeneralSlopeFitted() {
		return c.AGeneral.Value - c.GenSlope.Value*c.GenRef.Value, c.GenSlope.Value
	}
	return c.A0.Value + c.AGeneral.Value, c.A1.Value
}
