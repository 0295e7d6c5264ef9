package server

import (
	"math"
	"strings"

	"github.com/guarantor/guarantor/contract"
)

// ChainView is what the run page shows of how the default (structural)
// engine reached the option's numbers at the medians, from the explain
// document: the challenger's best response (responding sets, Π, C̄, the
// index) and, after a war, the post-war stage's durability instead of a
// crisis game. nil for the UDG engine, whose game tree the page draws.
type ChainView struct {
	Stage string
	Sets  []contract.ResponseSet
	// Pi, CostBar and Index are Π, C̄ and the deterrence index DI.
	Pi, CostBar, Index float64
	PDeter             float64
	NoWar              []contract.PointHorizon
	PostWar            *PostWarView
	// Informed is the informed challenger's immediate stage: PDeter is
	// Σ_S P(S)·P(SQ | S) (Sets[].PSQ), and Π, C̄, DI are not its inputs.
	Informed bool
	// Equation is P(deterrence)'s equation at the stage and form
	// (contract.StructuralChain.Equation).
	Equation string
}

// PostWarView is the post-war stage at the medians (docs/assess.md,
// "Post-war"): S(T) = pc + (1 − pc)·exp(−(T/Λ)^K · HR), HR = mechanisms ×
// e^(−z) × e^η.
type PostWarView struct {
	contract.PostWarChain
	MechanismHR, DyadHR float64
	// Covariates are the dyad's inputs (challenge.rivalry, .contiguous,
	// .earlier_wars) with their values and sources.
	Covariates []contract.Assumption
}

func chainView(e *contract.Explanation) *ChainView {
	if e == nil || e.Structural == nil {
		return nil
	}
	c := e.Structural
	v := &ChainView{Stage: c.Stage, Sets: c.Sets, Pi: c.Pi, CostBar: c.CostBar, Index: c.Index, PDeter: e.PDeterrence, NoWar: e.NoWar, Informed: c.Informed, Equation: c.Equation}
	if v.Stage == "" {
		v.Stage = "immediate"
	}
	if p := c.PostWar; p != nil {
		pw := &PostWarView{PostWarChain: *p, MechanismHR: c.HazardRatio, DyadHR: math.Exp(p.DyadTerm)}
		for _, a := range e.Assumptions {
			switch a.Input {
			case "challenge.rivalry", "challenge.contiguous", "challenge.earlier_wars":
				pw.Covariates = append(pw.Covariates, a)
			}
		}
		v.PostWar = pw
	}
	return v
}

// setName writes a responding set as {uk,france}, {} for none.
func setName(members []string) string { return "{" + strings.Join(members, ",") + "}" }
