package capability

import (
	"fmt"

	"github.com/guarantor/guarantor/models/brink"
)

// NuclearThreat describes a nuclear guarantor's threat that leaves something
// to chance (Schelling 1966; the window of SPEC.md §3): a device, such as a
// tripwire garrison, that brings disaster with probability Reliability if the
// challenger defies.
type NuclearThreat struct {
	// PHard is the probability the challenger is resolved and defies
	// whatever the risk.
	PHard float64
	// Gain is a soft challenger's gain from defiance; DisasterLoss its loss
	// if the threat is carried out. The capability balance enters here: the
	// worse the challenger fares against the responding coalition, the
	// larger its loss.
	Gain, DisasterLoss float64
	// Compliance is the guarantor's utility when the challenger complies,
	// Defiance its loss when defiance goes unpunished (utility -Defiance),
	// Catastrophe its own loss in a disaster (utility -Catastrophe).
	Compliance, Defiance, Catastrophe float64
	// Reliability is the device's probability of disaster after defiance;
	// HasReliability says whether it is known.
	Reliability    float64
	HasReliability bool
}

// BrinkWindow is the brinkmanship window for a nuclear guarantor: a threat
// of disaster with probability q deters a soft challenger iff q >= QE
// (effective) and the guarantor is willing to run it iff q <= QA
// (acceptable).
type BrinkWindow struct {
	QE, QA   float64
	Feasible bool // QE <= QA
	// Deters is true when the reliability is known, lies in [QE, QA], and
	// so the threat both deters a soft challenger and is acceptable.
	Deters bool
}

// Brinkmanship evaluates the window by the model library's closed form
// (models/brink), after checking the orderings it assumes.
func Brinkmanship(t NuclearThreat) (BrinkWindow, error) {
	p := brink.Params{P: t.PHard, G: t.Gain, Ls: t.DisasterLoss, W: t.Compliance, Y: t.Defiance, L: t.Catastrophe,
		Rho: t.Reliability, HasRho: t.HasReliability}
	if err := p.Validate(); err != nil {
		return BrinkWindow{}, fmt.Errorf("brinkmanship: %w", err)
	}
	qe, qa, ok := p.Window()
	w := BrinkWindow{QE: qe, QA: qa, Feasible: ok}
	w.Deters = t.HasReliability && ok && t.Reliability >= qe && t.Reliability <= qa
	return w, nil
}
