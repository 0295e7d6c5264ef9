// Package lp solves two-player constant-sum games by linear programming,
// exactly: the column player's minimax strategy is the optimum of
//
//	maximise 1'v  subject to  A v <= 1, v >= 0
//
// for the row player's payoffs A shifted to be positive (von Stengel 2002,
// §2.2; the classical reduction of matrix games to LP), and the row player's
// strategy is the optimal dual solution, read off the reduced costs of the
// slack columns. The simplex method runs on solve/internal/intpiv's exact
// integer tableau with the lexicographic ratio test, so it cannot cycle and
// the equilibrium is exact. Trees go through their strategic form.
package lp
