// Package models holds what the canonical deterrence games share: the
// equilibrium report (region, strategies, beliefs, outcome probabilities,
// refinement), ordered maps that marshal to JSON in a stable order,
// parameter specifications and validation helpers, exact rationals for the
// game trees, and Check, which verifies a reported equilibrium with the PBE
// verifier on the model's own tree.
//
// The games themselves live in subpackages (radg, udg, aeg, rtcg, tsg,
// brink), one per model, each with a constructor that checks the orderings
// the model assumes, a Solve returning every equilibrium found with the
// primary one first, and a Game returning the model as a game.Tree. The
// catalog subpackage lists them for the command line.
//
// Closed forms follow the project's model specification (SPEC.md); they are
// our derivations from published game structures, not quotations of
// published tables, and each is checked by the PBE verifier on the tree.
package models
