// Package history validates the engine on historical guarantees and finds
// an option's nearest historical analogues.
//
// Validation (Validate, Compare) scores forecasts against outcomes with
// cross-validated scores only: the engine's forecasts are taken as given
// (it fits nothing on the case base), and every fitted baseline (the base
// rate, a penalised ex-ante logit) is refitted without the scored case's
// whole dyad (LeaveGroupOut over Folds). It reports Brier scores and log
// losses, bootstrap intervals of the Brier differences (cases resampled,
// and whole dyads resampled), and calibration tables, for all cases, the
// closed ones, and the cases outside the engine's fitting data.
//
// The survival validation (ValidateSurvival, CompareSurvival) treats each
// case as a spell, failed or censored, and scores forecasts of P(no
// attack within t years) at fixed horizons with the time-dependent Brier
// score under inverse-probability-of-censoring weights (IPCWeights,
// BrierIPCW; Graf et al. 1999) and its integral over the years
// (IntegratedBrier), against the leave-dyad-out Kaplan-Meier survival
// (KMPredictor) and an IPCW-weighted ex-ante logit refitted at each
// horizon (IPCWLogitPredictor). It is the backtest's headline: scoring
// over each file's own horizon, the observed spell, leaks the outcome.
//
// A case marked Unscored trains but is not scored: it enters the
// baselines and the censoring distribution as in a run that scores every
// case, so the scores of a subset are its cases' own contributions to
// the full run's (backtest --score).
//
// CaseFeatures, CaseDyad and HuthCrisis read what the validation needs
// from a case file. Evaluate is the older, unvalidated scorer.
//
// Nearest ranks the case base by distance to an option in the analogue
// feature space of assess.Profile. Nothing here runs the engine: package
// pipeline does, and hands the numbers here.
package history
