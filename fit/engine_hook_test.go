package fit_test

// The engine's dyad-year index for Refit's G3 (docs/fit.md, "General-stage
// guarantees"): package fit cannot import the engine, but its test binary
// can, through this external test file (fit/spellindex registers itself).
import _ "github.com/guarantor/guarantor/fit/spellindex"
