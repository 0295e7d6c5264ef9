package game

import (
	"fmt"
	"math/big"
)

// Outcome is a payoff vector, one entry per player, that can be attached to
// any node of a tree or to cells of a table.
type Outcome struct {
	Label   string
	Payoffs []*big.Rat
	// Text optionally keeps the spelling each payoff had in the file it was
	// read from (for example "0.25" rather than "1/4"), so that a writer can
	// reproduce it. Nil or empty strings mean "print the rational".
	Text []string
}

// PayoffText returns the spelling of player i's payoff: the original text if
// known, otherwise the rational in lowest terms ("3/4", "-2").
func (o *Outcome) PayoffText(i int) string {
	if i < len(o.Text) && o.Text[i] != "" {
		return o.Text[i]
	}
	return RatString(o.Payoffs[i])
}

// RatString formats r as an integer when it is one and as "a/b" otherwise,
// the way Gambit prints exact values.
func RatString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return r.String()
}

// ParseRat parses any exact number spelling Gambit accepts: integers,
// decimals with optional exponent, and rationals "a/b".
func ParseRat(s string) (*big.Rat, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, fmt.Errorf("%q is not a number", s)
	}
	return r, nil
}

// MustRat is ParseRat for literals in code and tests; it panics on a typo.
func MustRat(s string) *big.Rat {
	r, err := ParseRat(s)
	if err != nil {
		panic(err)
	}
	return r
}

// Rats converts int64 values to rationals, for building games in code.
func Rats(vs ...int64) []*big.Rat {
	out := make([]*big.Rat, len(vs))
	for i, v := range vs {
		out[i] = big.NewRat(v, 1)
	}
	return out
}

func ratFloat(r *big.Rat) float64 {
	f, _ := r.Float64()
	return f
}
