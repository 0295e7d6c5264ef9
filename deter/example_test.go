package deter_test

import (
	"fmt"

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
	// The responding sets {} and {guarantor}, with probabilities 1 − q and q.
	p := []float64{1 - q, q}
	pi := []float64{deter.Contest(fC, fP, c.Gamma.Value), deter.Contest(fC, fP+fG, c.Gamma.Value)}
	lnC := []float64{deter.LogWarCost(c, fP, fC, false), deter.LogWarCost(c, fP+fG, fC, false)}
	// The committed form (informed: the challenger sees whether the
	// guarantor resists, and P(SQ) averages each set's probability).
	sq := c.Aggregation.StatusQuo(c, p, pi, lnC)
	// The cure share reads the index of the stages' form (expected).
	lc, lp := c.Aggregation.StageIndex().Aggregate(p, pi, lnC)
	_, di := deter.StatusQuo(c, lc, lp, false)
	fmt.Printf("%s: P(fights) %.2f, P(status quo) %.2f, held 10 years %.2f\n", c.Aggregation, q, sq, sq*deter.Survival(c, di, 10, 1))
	// Output: informed: P(fights) 0.08, P(status quo) 0.45, held 10 years 0.43
}
