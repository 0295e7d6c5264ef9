package scenario

import "math"

// EngineParam is a parameter of the credibility engine (package assess)
// that a file may set under model:, at model.<Section>.<Key>. Unlike the
// other model parameters it has no default here: when a file leaves it out
// the engine uses its own default, with its source (docs/assess.md), so a
// file names only what it changes.
type EngineParam struct {
	Section, Key string
	Lo, Hi       float64 // allowed range
	OpenLo       bool    // Lo itself excluded
	Doc          string
}

// Path is the parameter's name in a file and in every output:
// "model.challenger.cost_max".
func (p EngineParam) Path() string { return "model." + p.Section + "." + p.Key }

var inf = math.Inf(1)

// EngineParams lists the engine parameters a file may set, by section.
var EngineParams = []EngineParam{
	{"challenger", "cost_max", 0, inf, true, "upper end of the challenger's private cost of war per unit of relative enemy strength (its type is uniform on [0, this]), in units of the prize"},
	{"challenger", "backdown_cost", 0, inf, false, "the challenger's cost of backing down after the guarantors resist, in units of the prize"},
	{"challenger", "nuclear_umbrella_cost", 0, inf, false, "expected cost of escalation to the median challenger type when a declared nuclear-umbrella guarantor fights, in units of the prize"},
	{"defender", "u_sq", -inf, inf, false, "the guarantor's utility of the status quo (UDG dSQ)"},
	{"defender", "u_cd", -inf, inf, false, "its utility when the challenger backs down (dCD)"},
	{"defender", "u_dc", -inf, inf, false, "its utility when it concedes (dDC)"},
	{"defender", "u_dd_hard", -inf, inf, false, "a resolved guarantor's utility of war (dDD+)"},
	{"defender", "u_dd_soft", -inf, inf, false, "a reluctant guarantor's utility of war (dDD-)"},
	{"capability", "threshold", 0, 1, false, "P(win) a coalition needs to count as capable"},
	{"capability", "contest_exponent", 0, inf, true, "exponent g of the contest success function on national capability"},
	{"capability", "challenger_deploy", 0, 1, false, "share of the challenger's national capability it brings to the theatre"},
	{"capability", "protege_deploy", 0, 1, false, "share of the protégé's national capability in the theatre"},
	{"capability", "guarantor_deploy", 0, 1, false, "share of each guarantor's national capability it commits to the theatre"},
	{"commitment", "air_policing", -inf, inf, false, "logit added for a guarantor's aircrew in the theatre"},
	{"commitment", "war_cost_reference", 0, 1, false, "P(win) at which the war-cost term of the commitment logit is zero"},
	{"durability", "redecision_rate", 0, 1, false, "yearly rate at which the challenger re-decides after the first decision"},
}
