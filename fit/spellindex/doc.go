// Package spellindex computes the engine's structural index for a post-war
// spell with its guarantors (docs/fit.md, "Post-war hazard slope with the
// target's defence pacts"), by generating the spell's scenario and running
// the engine on it: the fit measures the slope on the engine's own scale,
// not on a copy of its equations. It is a package of its own because the
// engine's tests import package fit, so fit cannot import the engine;
// `guarantor fit` passes Index to fit.Run as Options.EngineIndex.
//
// DyadYearIndex does the same for the general stage's dyad-years with the
// target's defence partners (docs/fit.md, "General-stage guarantees");
// `guarantor fit` passes it as Options.EngineDyadYearIndex, and the
// package registers it with fit.SetDyadYearIndex in its init as fit.Run's
// default (for fit's own tests). fit.Refit does not need it: it reads the
// x⁺ table the fit wrote, which a test here checks against the engine.
package spellindex
