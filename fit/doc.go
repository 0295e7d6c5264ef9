// Package fit estimates the coefficients of the structural credibility model
// (package deter) on the data embedded in package evidence, by penalised
// maximum likelihood, and validates the fit out of sample.
//
//   - Huth's (1988) 58 extended-immediate deterrence crises, with Signorino
//     and Tarar's (2006) three outcomes (status quo, the defender backs
//     down, war): the defender's response equation and the challenger's
//     status-quo equation, estimated jointly (huth.go);
//   - alliance fulfilment in war (Berkemeier and Fuhrmann 2018): base
//     rates by instrument and era as Beta posteriors on the logit scale
//     (fulfilment.go);
//   - COW interstate wars and MID 5.0 disputes: post-war dyad spells until
//     renewed use of force, fitted by a split-population (cure) Weibull
//     (durability.go);
//   - MID 5.0 directed politically relevant dyad-years, 1816-2014: the
//     general-deterrence intercept, the challenger covariates (rivalry,
//     peace years, no prior dispute, contiguity) and the index's slope by a
//     penalised logit of yearly use-of-force onsets, cross-validated by
//     dyad (general.go, general_slope.go), and the index measured with the
//     target's ATOP defence partners as guarantors, computed by the engine
//     (general_pact.go; the engine's side is package fit/spellindex).
//     That index x⁺ is written by the fit as a derived table beside the
//     coefficients, which Refit reads after checking it (xplus.go).
//
// Penalties are weakly informative priors (Gelman, Jakulin, Pittau and Su
// 2008, "A weakly informative default prior distribution for logistic and
// other regression models", Ann. Appl. Stat. 2: Cauchy(0, 2.5) on
// coefficients of standardised inputs), because unpenalised estimation
// separates on Huth's data (Crisman-Cox, Gasparyan and Signorino,
// Political Analysis). Standard errors come from the observed information
// of the penalised objective. Validation (cv.go) is leave-one-out and
// k-fold, every fold refitted without the cases it scores.
//
// Parameters the data cannot identify are labelled judgments
// (deter.Estimate.Prior) and assembled in judgment.go. The package never
// prints; cmd `guarantor fit` renders its Result.
package fit
