package deter

import "math"

// NumPostWarCovariates is the number of post-war dyad covariates.
const NumPostWarCovariates = 3

// PostWarCovariates are the post-war stage's dyad covariates for the
// challenger-protege pair, as of the war's end (docs/fit.md, "Durability
// with dyad covariates"; evidence.PostWarDyad reads them): a history of
// conflict and a border make renewed war likelier (Fortna 2003, IO 57).
type PostWarCovariates struct {
	// Rivalry: the two are strategic rivals (TSS) in the year the war ended.
	Rivalry bool
	// Contiguous: they share a land border.
	Contiguous bool
	// EarlierWars: COW interstate wars between them before the one that
	// just ended.
	EarlierWars int
}

// Values returns x in the order of PostWarEstimates: rivalry, contiguity,
// ln(1 + earlier wars).
func (x PostWarCovariates) Values() [NumPostWarCovariates]float64 {
	return [NumPostWarCovariates]float64{indicator(x.Rivalry), indicator(x.Contiguous), math.Log1p(math.Max(float64(x.EarlierWars), 0))}
}

// PostWarEstimates points at the covariates' coefficients in Values order.
func (c *Coefficients) PostWarEstimates() [NumPostWarCovariates]*Estimate {
	return [NumPostWarCovariates]*Estimate{&c.DRivalry, &c.DContiguous, &c.DWars}
}

// PostWarTerm is η = Σ_j δ_j (x_j − centre_j), the covariates' log hazard
// ratio on the non-cured hazard after a war: zero at the post-war spells'
// sample means (where the fitted K, Lambda and PC0 apply unchanged),
// positive for a pair likelier than the average spell to fight again. It
// does not depend on the guarantors. PostWarSurvival takes e^η as a factor
// of its hazard ratio hr.
func PostWarTerm(c *Coefficients, x PostWarCovariates) float64 {
	v := x.Values()
	var s float64
	for j, e := range c.PostWarEstimates() {
		s += e.Value * (v[j] - e.Centre)
	}
	return s
}
