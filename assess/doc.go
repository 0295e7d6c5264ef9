// Package assess is guarantor's credibility engine: for one guarantee
// option it draws the uncertain inputs and, per draw, computes each
// guarantor's probability of responding, the challenger's best response to
// the guarantors' joint response, and the durability of the status quo over
// the horizon; it aggregates the draws into P(deterrence holds) with an
// interval, per-guarantor and option-level verdicts, one-at-a-time drivers
// and the profile that places the option among historical analogues.
//
// Two engines share the package and its results:
//
//   - the structural engine (the default; structural*.go, sdraw.go,
//     srun.go, sgame.go) follows MODEL.md §3 with the equations and fitted
//     coefficients of package deter: behavioural responses q_g, coupled by a
//     Gaussian copula so the responding set grows pointwise, the challenger's
//     status quo as a logit in ln C̄ − ln Π over the joint response
//     distribution, theatre forces with an arrival discount (national
//     capability only as a flagged fallback), a cure-Weibull durability with
//     mechanism hazard ratios, and phases for instruments that start or end.
//     It reads the compiled scenario directly (one flattening);
//   - the UDG engine (compile.go, eval.go, run.go), the Unilateral
//     Deterrence Game in its D1 equilibrium, kept behind --engine udg with
//     its caveat; it reads an Option built from the compiled scenario.
//
// docs/assess.md gives every equation and coefficient. Per-draw evaluation
// allocates nothing, and a run is identical for a seed whatever the number
// of worker goroutines.
package assess
