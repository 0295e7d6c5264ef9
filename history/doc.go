// Package history scores the engine on historical guarantees and finds an
// option's nearest historical analogues. Scoring (Evaluate) compares each
// case's forecast with what happened, by Brier score, log loss and a
// calibration table, next to two baselines; Nearest ranks the case base by
// distance to an option in the analogue feature space of assess.Profile.
// Neither runs the engine: the pipeline package does, and hands the
// numbers here.
package history
