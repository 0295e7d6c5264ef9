// Package enummixed enumerates all extreme Nash equilibria of a two-player
// strategic-form game, exactly, as gambit-enummixed and lrsnash do (Avis,
// Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash equilibria for
// two-player games"; von Stengel 2002, §3.3).
//
// Every extreme equilibrium is a pair of vertices (x, y) of the best-response
// polytopes P = {x >= 0 : B'x <= 1} and Q = {y >= 0 : Ay <= 1} whose labels
// together cover every pure strategy of both players. The package lists the
// vertices of P and Q by a graph search over lexicographically feasible bases
// (the bases of the perturbed, simple polytope, so each degenerate vertex is
// reached through at least one of them and the search never cycles), with
// exact integer pivoting, then pairs the vertices with label bitsets.
package enummixed
