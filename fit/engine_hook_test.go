package fit_test

// The engine's dyad-year index as fit.Run's default (docs/fit.md,
// "General-stage guarantees"), for TestCommittedCoefficientsReproduce:
// package fit cannot import the engine, but its test binary can, through
// this external test file (fit/spellindex registers itself). Refit does
// not need it (it reads the committed x⁺ table).
import _ "github.com/guarantor/guarantor/fit/spellindex"
