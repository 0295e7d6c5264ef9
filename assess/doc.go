// Package assess is guarantor's credibility engine: for one guarantee
// option it draws the uncertain inputs and, per draw, computes each
// guarantor's commitment (P(fights | the protégé is attacked)), the
// capability of the coalition that responds, the challenger's choice in the
// Unilateral Deterrence Game's D1 equilibrium, and the durability of the
// armistice over the horizon. It aggregates the draws into P(deterrence
// holds) with an interval, the per-guarantor "committed?" and "capable?"
// verdicts, one-at-a-time drivers and the nearest historical analogues.
//
// The method follows DESIGN.md §2's reference combination; docs/assess.md
// gives every coefficient with its source or the label "judgment".
//
// The engine reads an Option, its own consumer-side description of a
// compiled scenario (inputs are Dist values with sources); the CLI adapts
// the scenario package's compiled form to it. Per-draw evaluation
// allocates nothing, and a run is identical for a seed whatever the number
// of worker goroutines: draws are cut into fixed chunks, each with its own
// seeded stream, and aggregated in chunk order.
package assess
