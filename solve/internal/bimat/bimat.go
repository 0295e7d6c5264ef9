// Package bimat turns a two-player strategic-form game into the positive
// integer payoff matrices that the exact pivoting solvers need.
//
// Scaling a player's payoffs by a positive constant and adding a constant to
// them leaves every best response, and so every equilibrium, unchanged; after
// multiplying by the least common denominator and shifting so that the
// smallest entry is 1, the best-response polytopes P = {x >= 0 : B'x <= 1}
// and Q = {y >= 0 : Ay <= 1} are bounded (von Stengel 2002, §3).
package bimat

import (
	"errors"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// ErrNotTwoPlayer is returned for tables that do not have exactly two players.
var ErrNotTwoPlayer = errors.New("the method needs a two-player game")

// Matrices are the integer payoff matrices of a bimatrix game: A[i][j] and
// B[i][j] are the row and column player's payoffs for rows i and columns j,
// every entry at least 1.
type Matrices struct {
	M, N int
	A, B [][]*big.Int
}

// FromTable converts a 2-player table.
func FromTable(t *game.Table) (*Matrices, error) {
	if t.NumPlayers() != 2 {
		return nil, ErrNotTwoPlayer
	}
	m, n := t.NumStrategies(0), t.NumStrategies(1)
	pay := func(p int) [][]*big.Rat {
		out := make([][]*big.Rat, m)
		for i := range out {
			out[i] = make([]*big.Rat, n)
			for j := range out[i] {
				out[i][j] = t.Payoff(t.CellIndex([]int{i, j}), p)
			}
		}
		return out
	}
	return &Matrices{M: m, N: n, A: Positive(pay(0)), B: Positive(pay(1))}, nil
}

// Positive scales a rational matrix to integers by the least common
// denominator and shifts it so its smallest entry is 1.
func Positive(r [][]*big.Rat) [][]*big.Int {
	out := Integers(r)
	var lo *big.Int
	for _, row := range out {
		for _, v := range row {
			if lo == nil || v.Cmp(lo) < 0 {
				lo = v
			}
		}
	}
	shift := new(big.Int).Sub(big.NewInt(1), lo)
	for _, row := range out {
		for _, v := range row {
			v.Add(v, shift)
		}
	}
	return out
}

// Integers multiplies a rational matrix by the least common denominator of
// its entries (a positive scaling, which leaves best responses unchanged).
func Integers(r [][]*big.Rat) [][]*big.Int {
	lcm := big.NewInt(1)
	var g big.Int
	for _, row := range r {
		for _, x := range row {
			d := x.Denom()
			g.GCD(nil, nil, lcm, d)
			lcm.Mul(lcm, new(big.Int).Quo(d, &g))
		}
	}
	out := make([][]*big.Int, len(r))
	for i, row := range r {
		out[i] = make([]*big.Int, len(row))
		for j, x := range row {
			out[i][j] = new(big.Int).Mul(x.Num(), new(big.Int).Quo(lcm, x.Denom()))
		}
	}
	return out
}
