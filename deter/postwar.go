package deter

import "math"

// NumPostWarCovariates is the number of post-war dyad covariates: the
// dyad's three and the war outcome's two indicators.
const NumPostWarCovariates = 5

// WarOutcome is the outcome of the war that just ended, for the challenger
// (docs/fit.md, "War outcome (pre-registered)").
type WarOutcome string

// War outcomes; "" is unknown (the post-war spells' means).
const (
	ChallengerWon  WarOutcome = "challenger_won"
	ChallengerLost WarOutcome = "challenger_lost"
	NoDecision     WarOutcome = "no_decision"
)

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
	// Outcome of the war that just ended, for the challenger: it won, it
	// lost, or no decision (the reference).
	Outcome WarOutcome
}

// Values returns x in the order of PostWarEstimates: rivalry, contiguity,
// ln(1 + earlier wars), the challenger won the war, it lost.
func (x PostWarCovariates) Values() [NumPostWarCovariates]float64 {
	return [NumPostWarCovariates]float64{indicator(x.Rivalry), indicator(x.Contiguous), math.Log1p(math.Max(float64(x.EarlierWars), 0)),
		indicator(x.Outcome == ChallengerWon), indicator(x.Outcome == ChallengerLost)}
}

// PostWarEstimates points at the covariates' coefficients in Values order.
func (c *Coefficients) PostWarEstimates() [NumPostWarCovariates]*Estimate {
	return [NumPostWarCovariates]*Estimate{&c.DRivalry, &c.DContiguous, &c.DWars, &c.DWarWon, &c.DWarLost}
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

// NationalIndex is the structural index x = ln C − ln π of a bare dyad
// (a challenger and a protege, no guarantor, no umbrella) under the
// engine's national-capability fallback: each side's force is its CINC
// times a deploy share, π = Contest(F_C, F_P, γ) and ln C =
// LogWarCost(F_P, F_C). The post-war slope fit (docs/fit.md, "Post-war
// hazard slope of the structural index") reads x through this function
// and the engine's bare post-war dyad computes the same number, so the
// slope is estimated and applied on one scale. A side with no capability
// gives ±Inf (the contest is then decided); callers drop such dyads.
func NationalIndex(c *Coefficients, cincC, cincP, deployC, deployP float64) float64 {
	fC, fP := cincC*deployC, cincP*deployP
	return LogWarCost(c, fP, fC, false) - math.Log(Contest(fC, fP, c.Gamma.Value))
}

// Swapped is the outcome for the other party: the protégé won when the
// challenger lost, and the other way round; no decision and unknown are
// symmetric.
func (o WarOutcome) Swapped() WarOutcome {
	switch o {
	case ChallengerWon:
		return ChallengerLost
	case ChallengerLost:
		return ChallengerWon
	}
	return o
}

// PostWarRenewal is P(no renewed war by T years, whichever party starts
// it) from the day the war ended (docs/assess.md, "Renewal by either
// party"): the directed fit gives each party's hazard of starting it, and
// the two directions are competing risks, each with its own cure status,
// independent given the covariates (as the directed likelihood assumes):
//
//	S_renew(T) = S_{C→P}(T) · S_{P→C}(T)
//
// S_{C→P} is PostWarSurvival with the challenger's relative index z and
// hazard ratio hrC (its mechanisms and e^η); S_{P→C} has the index at the
// reference (z = 0: the protégé's decision is not modelled) and hazard
// ratio hrP (the ceasefire's own mechanisms and e^η with the war outcome
// Swapped). It is the definition of failure of the post-war spells
// (docs/cases.md, "Outcome") and of P(deterrence) after a war.
func PostWarRenewal(c *Coefficients, z, years, hrC, hrP float64) float64 {
	return PostWarSurvival(c, z, years, hrC) * PostWarSurvival(c, 0, years, hrP)
}
