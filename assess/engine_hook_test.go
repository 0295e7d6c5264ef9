package assess_test

// The engine's dyad-year index for fit.Refit's G3 (docs/fit.md,
// "General-stage guarantees"), used by the weak-guarantor measurement's
// refits: package assess's own tests cannot import fit/spellindex (it
// imports assess), this external test file can.
import _ "github.com/guarantor/guarantor/fit/spellindex"
