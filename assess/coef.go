package assess

import (
	"strings"

	"github.com/guarantor/guarantor/scenario"
)

// Coefficient input names: each is the parameter's path in a scenario
// file (docs/scenario.md), so the drivers and assumptions tables name what
// an analyst would edit. Scenario files may override any of them
// (Option.Coef); docs/assess.md discusses each.
const (
	CoefTripwire    = "model.udg.commitment.tripwire"           // logits per log(1 + troops at risk)
	CoefAirPolicing = "model.udg.commitment.air_policing"       // logits for aircrew in the theatre
	CoefStake       = "model.udg.commitment.economic_stake"     // logits per log(1 + stake in US$ bn)
	CoefAudience    = "model.udg.commitment.audience_cost"      // logits for a ratified treaty
	CoefWarCost     = "model.udg.commitment.war_cost"           // logits per unit of (ref - P(win))
	CoefWarCostRef  = "model.udg.commitment.war_cost_reference" // P(win) at which the war-cost term is zero
	CoefContestG    = "model.udg.capability.contest_exponent"   // contest success exponent on CINC
	CoefCapable     = "model.udg.capability.threshold"          // P(win) a coalition needs to count as capable
	CoefCorrelation = "model.udg.correlation"                   // weight of the bloc (comonotone) response
	ChCostMax       = "model.udg.challenger.cost_max"
	ChBackDown      = "model.udg.challenger.backdown_cost"
	ChNuclearCost   = "model.udg.challenger.nuclear_umbrella_cost"
	DefSQ           = "model.udg.defender.u_sq"
	DefCD           = "model.udg.defender.u_cd"
	DefDC           = "model.udg.defender.u_dc"
	DefDDHard       = "model.udg.defender.u_dd_hard"
	DefDDSoft       = "model.udg.defender.u_dd_soft"
	DurRate         = "model.udg.durability.redecision_rate"
	DurMonitors     = "model.udg.durability.monitors"
	DurDMZ          = "model.udg.durability.dmz"
	// Deploy shares: set per party by the adapter, overridable for all
	// parties of a kind in a file (shared with the structural engine's
	// national fallback).
	DeployChallenger = "model.capability.challenger_deploy"
	DeployProtege    = "model.capability.protege_deploy"
	DeployGuarantor  = "model.capability.guarantor_deploy"
)

// DefaultCoefficients returns the UDG engine's coefficients with their
// sources, read from the parameter catalogue (scenario.Catalogue, the
// model.udg entries): every one is a judgment that says why.
func DefaultCoefficients() []Input {
	var out []Input
	for _, e := range scenario.Catalogue() {
		if e.Engine == scenario.EngineUDG && !strings.HasPrefix(e.Name, "model.udg.base_rates.") {
			out = append(out, Input{Name: e.Name, Dist: &uDist{e.Default}, Source: e.Source})
		}
	}
	// The D1 solution reads only the ordering of these two (SQ above CD,
	// a resolved guarantor's war above conceding), so a file cannot set
	// them: they are fixed, not catalogue parameters.
	return append(out,
		Input{Name: DefSQ, Dist: Point(1), Source: "judgment (udg example ordering, SPEC.md §1.2; only its ordering matters)"},
		Input{Name: DefDDHard, Dist: Point(0.4), Source: "judgment (udg example ordering, SPEC.md §1.2; only its ordering matters)"})
}

// udgEntry returns a catalogue entry's default as an Input.
func udgEntry(name string) Input {
	e, _ := scenario.LookupEntry(name)
	return Input{Name: e.Name, Dist: &uDist{e.Default}, Source: e.Source}
}
