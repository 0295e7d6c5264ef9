// Package lcp computes Nash equilibria of two-player games by complementary
// pivoting with exact integer arithmetic:
//
//   - strategic form: the Lemke-Howson algorithm (Lemke and Howson 1964,
//     "Equilibrium points of bimatrix games"), run from the artificial
//     equilibrium with every label and then again from every equilibrium
//     found with every label, collecting every distinct equilibrium reached
//     (the equilibria connected to the artificial one by Lemke-Howson paths,
//     which is what gambit-lcp reports);
//   - extensive form: Lemke's algorithm on the sequence form (Koller,
//     Megiddo and von Stengel 1996, "Efficient computation of equilibria for
//     extensive two-person games"), returning a behaviour profile.
//
// Pivoting uses solve/internal/intpiv: int64 entries with a switch to
// math/big on overflow, and the lexicographic ratio test, so degenerate games
// are handled and no path can cycle.
package lcp
