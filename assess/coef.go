package assess

import (
	"fmt"
	"math"
	"sync"

	"github.com/guarantor/guarantor/capability"
)

// Coefficient input names: each is the parameter's path in a scenario
// file (docs/scenario.md), so the drivers and assumptions tables name what
// an analyst would edit. Scenario files may override any of them
// (Option.Coef); docs/assess.md discusses each.
const (
	CoefTripwire    = "model.commitment.tripwire"           // logits per log(1 + troops at risk)
	CoefAirPolicing = "model.commitment.air_policing"       // logits for aircrew in the theatre
	CoefStake       = "model.commitment.economic_stake"     // logits per log(1 + stake in US$ bn)
	CoefWarCost     = "model.commitment.war_cost"           // logits per unit of (ref - P(win))
	CoefWarCostRef  = "model.commitment.war_cost_reference" // P(win) at which the war-cost term is zero
	CoefContestG    = "model.capability.contest_exponent"   // contest success exponent on CINC
	CoefCapable     = "model.capability.threshold"          // P(win) a coalition needs to count as capable
	CoefCorrelation = "model.correlation"                   // weight of the bloc (comonotone) response
	ChCostMax       = "model.challenger.cost_max"
	ChBackDown      = "model.challenger.backdown_cost"
	ChNuclearCost   = "model.challenger.nuclear_umbrella_cost"
	DefSQ           = "model.defender.u_sq"
	DefCD           = "model.defender.u_cd"
	DefDC           = "model.defender.u_dc"
	DefDDHard       = "model.defender.u_dd_hard"
	DefDDSoft       = "model.defender.u_dd_soft"
	DurRate         = "model.durability.redecision_rate"
	DurMonitors     = "model.durability.monitors"
	DurDMZ          = "model.durability.dmz"
	// Deploy shares: set per party by the adapter, overridable for all
	// parties of a kind in a file.
	DeployChallenger = "model.capability.challenger_deploy"
	DeployProtege    = "model.capability.protege_deploy"
	DeployGuarantor  = "model.capability.guarantor_deploy"
)

var contestFit struct {
	once sync.Once
	in   Input
}

// contestG is the fitted contest exponent on COW war outcomes
// (capability.FitWarOutcomes), as a normal with the fit's standard error,
// clamped to [0.02, 3].
func contestG() Input {
	contestFit.once.Do(func() {
		f, _, err := capability.FitWarOutcomes()
		if err != nil || !(f.G > 0) || math.IsNaN(f.SE) {
			contestFit.in = Input{CoefContestG, Point(1), "judgment (CINC-share convention; the war-outcome fit failed)"}
			return
		}
		contestFit.in = Input{CoefContestG, Normal{Mu: f.G, Sigma: f.SE, Lo: 0.02, Hi: 3},
			fmt.Sprintf("ML fit of the contest exponent on %d decisive COW wars, g = %.3f (SE %.3f); %s", f.N, f.G, f.SE, f.Data)}
	})
	return contestFit.in
}

// DefaultCoefficients returns the engine's coefficients with their sources.
// Every one without an empirical estimate says "judgment" and why.
func DefaultCoefficients() []Input {
	return []Input{
		{CoefTripwire, Triangular{0.05, 0.2, 0.35}, "judgment: Schelling 1966 tying-hands logic; the only regression at hand (docs/evidence.md, +0.098 on dispute onset) measures selection, not resolve, and is not used"},
		{CoefAirPolicing, Uniform{0, 0.5}, "judgment: aircrew in harm's way bind less than ground troops"},
		{CoefStake, Triangular{0.05, 0.15, 0.3}, "judgment; direction from Huth & Russett 1984 (economic ties) and Huth 1988 trade (logit +0.54 in guarantor data analyze huth)"},
		{CoefWarCost, Uniform{0.5, 2}, "judgment: logits lost per unit shortfall of P(win) below the reference"},
		{CoefWarCostRef, Point(0.5), "judgment: the base rates mix wars won and lost, so an even contest adds nothing"},
		contestG(),
		{CoefCapable, Point(0.5), "judgment: 'capable of defeating the aggressor' read as P(win) >= 1/2"},
		{CoefCorrelation, Point(0), "judgment: guarantors decide independently unless the scenario sets a bloc weight"},
		{ChCostMax, Uniform{0.5, 2}, "judgment: the challenger's cost of war per unit of the enemy's strength relative to its own is its private type, uniform on [0, this]; in units of the prize"},
		{ChBackDown, Uniform{0.05, 0.3}, "judgment: the challenger's audience cost of backing down after the guarantors resist"},
		{ChNuclearCost, Uniform{0.5, 3}, "judgment: Schelling's threat that leaves something to chance: a 5-30% chance of escalation to nuclear use times a catastrophe worth about ten times the prize, when a nuclear-umbrella guarantor fights"},
		{DefSQ, Point(1), "judgment (udg example ordering, SPEC.md §1.2)"},
		{DefCD, Point(0.8), "judgment (udg example ordering, SPEC.md §1.2)"},
		{DefDC, Point(0.2), "judgment (udg example ordering, SPEC.md §1.2)"},
		{DefDDHard, Point(0.4), "judgment (udg example ordering, SPEC.md §1.2)"},
		{DefDDSoft, Uniform{-2, -0.2}, "judgment: a reluctant guarantor's utility of war, well below conceding (0.2): it would not fight"},
		{DurRate, Uniform{0.1, 0.3}, "judgment: the challenger re-decides every 3-10 years"},
		{DurMonitors, Triangular{0.4, 0.6, 0.9}, "judgment; direction from Fortna 2003 (peacekeeping and monitors lengthen peace), hazard ratio not read in the paper"},
		{DurDMZ, Triangular{0.4, 0.6, 0.9}, "judgment; direction from Fortna 2003 (demilitarised zones lengthen peace), hazard ratio not read in the paper"},
	}
}
