// Package pbe checks perfect Bayesian equilibria of extensive games with
// chance: given a behaviour profile and a belief system, Verify tests
// sequential rationality at every information set (no action earns more than
// the prescribed mix, given the beliefs and the profile's continuation play)
// and Bayes consistency wherever the profile reaches an information set with
// positive probability, and reports the worst violation.
//
// Sequential rationality is checked against one-shot deviations at each
// information set. In games with perfect recall, when beliefs at a player's
// later information sets follow Bayes' rule from the earlier ones wherever
// possible, that is equivalent to checking every multi-step deviation
// (the one-shot deviation principle).
//
// EnumPure finds every pure-strategy PBE of a small tree by enumeration,
// choosing off-path beliefs to support the profile when such beliefs exist;
// the model library uses it as an independent cross-check of closed forms
// and as the numerical solver for games without one.
//
// Everything is iterative over the tree's pre-order node list, so trees of
// any depth are safe.
package pbe
