// Package deter holds the structural equations of guarantor's credibility
// engine, version 2 (MODEL.md §3), and the coefficients fitted to them.
//
// The same functions serve the estimator (package fit, which maximises a
// penalised likelihood of coded crises built from them) and the per-draw
// engine (package assess), so a fitted number means the same thing in both.
// Every function is pure float64 arithmetic that allocates nothing:
//
//   - Response: a guarantor's behavioural probability of fighting, a
//     random-utility logit as in Signorino and Tarar's (2006) defender
//     equation;
//   - Contest: the ratio-form contest success function (Tullock 1980;
//     Hirshleifer 1989) for the challenger against a responding set;
//   - LogWarCost: the challenger's log cost of war against a responding set;
//   - StatusQuo: the challenger's best response to the joint response
//     distribution with a logistic private valuation;
//   - Survival: a split-population (cure) Weibull for durability (Schmidt
//     and Witte 1989; Fortna 2003 for the setting).
//
// Conventions an engine must follow to read the committed fit as it was
// estimated (docs/fit.md):
//
//   - Base is the logit at zero covariates (the fulfilment logits were
//     centred on the covariate terms of the average defender).
//   - Post1945 applies only where Coefficients.EraApplies(instrument) holds:
//     the alliance instruments whose base rates come from the fulfilment
//     data. The judgment bases ("none", "sovereign", ...) hold for every era.
//   - ResponseInput.StakeUSDbn must be given in the units BE was fitted on:
//     per cent of the guarantor's foreign trade that is with the protege
//     (Huth's fortrade), not US$bn.
//   - StatusQuo with general = true, and StatusQuoGeneral (which adds the
//     challenger covariates' ChallengerTerm), are per-year probabilities
//     (AGeneral and the covariates are fitted on yearly dispute onsets in
//     dyad-years); general = false
//     is the one-shot probability of Huth's immediate-deterrence crises,
//     the right reading when the challenger is already threatening (a
//     crisis).
//   - After a war (the post-war stage) StatusQuo's level is not used: the
//     cure Weibull fitted on post-war spells is the whole probability from
//     the war's end, and the index enters as a hazard ratio
//     (PostWarSurvival, PostWarRelIndex, Coefficients.DIRef).
//
// Default returns the committed fit, read from the embedded coefficients.json
// that `guarantor fit` writes; each Estimate says which data and method
// produced it, and a non-empty Prior marks a labelled judgment.
package deter
