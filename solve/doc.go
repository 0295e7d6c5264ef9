// Package solve computes equilibria of the games of package game.
//
// Every solver has one shape (the Solver interface): a game in, a list of
// equilibrium profiles out, with a context for cancellation and a progress
// callback in Options. Profiles of strategic-form games are mixed profiles,
// profiles of trees are behaviour profiles in Gambit's layout (players in
// order, each player's information sets in order of first appearance, each
// infoset's actions in order). Exact methods return exact rationals and set
// Equilibrium.Exact.
//
// Regret, the best gain any player can make by a unilateral deviation, is
// part of the API: every test checks every returned profile with it, and
// callers can use it to check profiles from anywhere (Gambit's output, a
// model's closed form). RegretFloat is its float64 twin for large games.
//
// Methods here: EnumPure (all pure Nash equilibria of a table, of a tree's
// reduced strategic form, or of its agent form) and SPE (all pure
// subgame-perfect equilibria by backward induction over subgames). The
// mixed-equilibrium methods implement the same interface.
package solve
