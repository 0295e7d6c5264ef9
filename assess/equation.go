package assess

import "github.com/guarantor/guarantor/deter"

// The equations P(deterrence) is computed with, one per stage and form of
// the structural engine (docs/assess.md). Every view that writes the
// equation (explain's text and JSON, the web chain view, the exported
// game's comment) reads it from here, so that no view keeps a stage's or
// a form's equation after the engine has left it.
const (
	// EqInformed is the immediate stage under the informed challenger
	// (deter.AggInformed): it sees the responding set S before it decides.
	EqInformed = "P(deterrence) = Σ_S P(S)·L(A0 + A1·(ln C_S − ln π_S))"
	// EqIndex is the immediate stage under an index form: Π and C̄ are the
	// form's aggregates over the responding sets.
	EqIndex = "P(deterrence) = L(DI), DI = A0 + A1·(ln C̄ − ln Π)"
	// EqGeneralFitted is the general stage with its own slope fitted on the
	// MID dyad-years (deter.GeneralSlopeFitted); EqGeneral the carry-over
	// from Huth's crises. Both are per year.
	EqGeneralFitted = "P(deterrence per year) = L(DI), DI = general + x'α + general_slope·(ln C̄ − ln Π − general_reference)"
	EqGeneral       = "P(deterrence per year) = L(DI), DI = A0 + general + x'α + A1·(ln C̄ − ln Π)"
	// EqPostWar is the post-war stage: renewed war by either party in the
	// first year, each direction a cure Weibull; the index enters the
	// challenger's as the hazard ratio e^−z.
	EqPostWar = "P(deterrence) = S_C→P(1)·S_P→C(1), S(T) = pc + (1 − pc)·exp(−(T/Λ)^K·HR); HR_C→P = mechanisms·e^−z·e^η, z = slope·(ln C̄ − ln Π − x_ref); HR_P→C = the ceasefire's mechanisms·e^η (war outcome swapped)"
)

// equation is the option's P(deterrence) equation at its stage and form.
func (s *structural) equation() string {
	switch {
	case s.postwar:
		return EqPostWar
	case s.general && s.coef.gsl >= 0:
		return EqGeneralFitted
	case s.general:
		return EqGeneral
	case s.informedStage():
		return EqInformed
	}
	return EqIndex
}

// indexSlope is the slope of the stage's index in x = ln C̄ − ln Π at the
// draw's coefficients c: the general stage's own (deter.GeneralLogit) or
// Huth's A1. Not the post-war slope: after a war the index is a hazard
// ratio's, not a decision's.
func (s *structural) indexSlope(c *deter.Coefficients, x []float64) (intercept, slope float64) {
	if s.general {
		return deter.GeneralLogit(c)
	}
	return x[s.coef.a0], x[s.coef.a1]
}
