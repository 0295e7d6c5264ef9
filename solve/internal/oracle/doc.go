// Package oracle holds the test that compares the mixed-equilibrium solvers
// with Gambit's answers in ../shared/gambit/oracle (see oracle_test.go).
package oracle
