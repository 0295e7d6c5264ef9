// Package game represents finite games exactly: extensive-form trees with
// chance, information sets and outcomes on any node, and n-player
// strategic-form tables.
//
// Payoffs and chance probabilities are math/big.Rat so that equilibria can be
// computed and checked without rounding; Float views give float64 copies for
// the fast numerical paths. Trees are stored in flat, pre-ordered slices and
// every traversal is iterative, so trees of millions of nodes and move chains
// hundreds of thousands deep never overflow the goroutine stack.
//
// The package only represents and queries games. Reading and writing Gambit
// files lives in game/gambit, equilibrium computation in solve.
package game
