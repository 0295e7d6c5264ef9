package deter_test

import (
	"fmt"
	"math"

	"github.com/guarantor/guarantor/deter"
)

// One guarantor with a post-1945 defence pact, facing a challenger with
// twice the protege's theatre forces; the guarantor's forces equal the
// protege's.
func Example() {
	c := deter.Default()
	fC, fP, fG := 2.0, 1.0, 1.0
	base, _ := c.BaseLogit("defense_pact")
	q := deter.Response(c, deter.ResponseInput{
		Base: base, Post1945: c.EraApplies("defense_pact"), Audience: 1,
		PWin: 1 - deter.Contest(fC, fP+fG, c.Gamma.Value),
	})
	// The challenger averages over the guarantor fighting (prob q) or not.
	pi := q*deter.Contest(fC, fP+fG, c.Gamma.Value) + (1-q)*deter.Contest(fC, fP, c.Gamma.Value)
	cbar := q*math.Exp(deter.LogWarCost(c, fP+fG, fC, false)) + (1-q)*math.Exp(deter.LogWarCost(c, fP, fC, false))
	p, di := deter.StatusQuo(c, math.Log(cbar), math.Log(pi), false)
	fmt.Printf("P(fights) %.2f, P(status quo) %.2f, held 10 years %.2f\n", q, p, p*deter.Survival(c, di, 10, 1))
	// Output: P(fights) 0.07, P(status quo) 0.44, held 10 years 0.42
}
