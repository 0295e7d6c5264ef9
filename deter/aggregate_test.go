package deter

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// The three forms against their definitions written out for two sets, and
// their order by Jensen's inequality: ln E[C] >= E[ln C] and ln E[π] >=
// E[ln π], so the expected form's index term is never the largest cost and
// the per-set form's ln Π is the smallest.
func TestAggregate(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		q := rapid.Float64Range(0, 1).Draw(rt, "q")
		p := []float64{1 - q, q}
		pi := []float64{rapid.Float64Range(0.01, 1).Draw(rt, "pi0"), rapid.Float64Range(0.01, 1).Draw(rt, "pi1")}
		lnC := []float64{rapid.Float64Range(-5, 5).Draw(rt, "c0"), rapid.Float64Range(-5, 5).Draw(rt, "c1")}
		ec, ep := AggExpected.Aggregate(p, pi, lnC)
		if w := math.Log((1-q)*math.Exp(lnC[0]) + q*math.Exp(lnC[1])); math.Abs(ec-w) > 1e-12 {
			rt.Fatalf("expected ln Cbar %v, want %v", ec, w)
		}
		if w := math.Log((1-q)*pi[0] + q*pi[1]); math.Abs(ep-w) > 1e-12 {
			rt.Fatalf("expected ln Pi %v, want %v", ep, w)
		}
		gc, gp := AggGeometricCost.Aggregate(p, pi, lnC)
		if w := (1-q)*lnC[0] + q*lnC[1]; math.Abs(gc-w) > 1e-12 || gp != ep {
			rt.Fatalf("geometric-cost (%v, %v)", gc, gp)
		}
		sc, sp := AggPerSet.Aggregate(p, pi, lnC)
		if w := (1-q)*math.Log(pi[0]) + q*math.Log(pi[1]); math.Abs(sp-w) > 1e-12 || sc != gc {
			rt.Fatalf("per-set (%v, %v)", sc, sp)
		}
		if gc > ec+1e-12 || sp > ep+1e-12 {
			rt.Fatalf("Jensen: %v > %v or %v > %v", gc, ec, sp, ep)
		}
	})
}

// Every form is monotone in the response distribution: moving probability
// from the empty set to a set with a higher cost and a lower π never lowers
// ln Cbar − ln Pi.
func TestAggregateMonotone(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		pi0 := rapid.Float64Range(0.01, 1).Draw(rt, "pi0")
		pi1 := pi0 * rapid.Float64Range(0, 1).Draw(rt, "pi ratio")
		c0 := rapid.Float64Range(-5, 5).Draw(rt, "c0")
		c1 := c0 + rapid.Float64Range(0, 5).Draw(rt, "dc")
		q := rapid.Float64Range(0, 0.99).Draw(rt, "q")
		dq := rapid.Float64Range(0, 1-q).Draw(rt, "dq")
		for _, a := range Aggregations {
			lc, lp := a.Aggregate([]float64{1 - q, q}, []float64{pi0, pi1}, []float64{c0, c1})
			lc2, lp2 := a.Aggregate([]float64{1 - q - dq, q + dq}, []float64{pi0, pi1}, []float64{c0, c1})
			if lc2-lp2 < lc-lp-1e-9 {
				rt.Fatalf("%s: index falls from %v to %v", a, lc-lp, lc2-lp2)
			}
		}
	})
}

func TestParseAggregation(t *testing.T) {
	for _, s := range []string{"", "expected", "geometric-cost", "per-set"} {
		if _, err := ParseAggregation(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := ParseAggregation("risk-averse"); err == nil {
		t.Error("unknown form accepted")
	}
}
