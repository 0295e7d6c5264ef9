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
			if !a.Index() {
				continue // no index; TestInformedMonotone covers it
			}
			lc, lp := a.Aggregate([]float64{1 - q, q}, []float64{pi0, pi1}, []float64{c0, c1})
			lc2, lp2 := a.Aggregate([]float64{1 - q - dq, q + dq}, []float64{pi0, pi1}, []float64{c0, c1})
			if lc2-lp2 < lc-lp-1e-9 {
				rt.Fatalf("%s: index falls from %v to %v", a, lc-lp, lc2-lp2)
			}
		}
	})
}

func TestParseAggregation(t *testing.T) {
	for _, s := range []string{"", "expected", "geometric-cost", "per-set", "informed"} {
		if _, err := ParseAggregation(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	for _, s := range []string{"risk-averse", "Informed"} {
		if _, err := ParseAggregation(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	// The general and post-war stages read an index form under every form.
	for _, a := range Aggregations {
		if !a.StageIndex().Index() {
			t.Errorf("%s: StageIndex %s has no index", a, a.StageIndex())
		}
	}
	if AggInformed.StageIndex() != AggExpected {
		t.Errorf("informed's stages read %s, want expected", AggInformed.StageIndex())
	}
}

// aggCoef is a coefficient set with only the status-quo logit's A0 and A1
// set, which is all Aggregation.StatusQuo reads.
func aggCoef(a0, a1 float64) *Coefficients {
	c := &Coefficients{}
	c.A0.Value, c.A1.Value = a0, a1
	return c
}

// The informed form against hand computations (Python, math.log and
// 1/(1+exp(-x)), written out set by set): n = 1, Huth's {∅, {D}} with q =
// 0.3, and n = 2 with independent responses q1 = 0.2, q2 = 0.5 over the
// sets ∅, {1}, {2}, {1, 2}.
func TestInformedHand(t *testing.T) {
	c := aggCoef(-0.4, 1.3)
	for _, tc := range []struct {
		name        string
		p, pi, lnC  []float64
		want, other float64 // informed; expected (n = 1 only)
	}{
		{"n=1", []float64{0.7, 0.3}, []float64{0.6, 0.2}, []float64{0, 1}, 0.6816132321912428, 0.7492498941602164},
		{"n=2", []float64{0.4, 0.1, 0.4, 0.1}, []float64{0.7, 0.4, 0.3, 0.1}, []float64{-0.5, 0.2, 0.6, 1.5}, 0.6660065438937427, math.NaN()},
	} {
		if got := AggInformed.StatusQuo(c, tc.p, tc.pi, tc.lnC); math.Abs(got-tc.want) > 1e-14 {
			t.Errorf("%s: informed P(SQ) %.16g, want %.16g", tc.name, got, tc.want)
		}
		if !math.IsNaN(tc.other) {
			if got := AggExpected.StatusQuo(c, tc.p, tc.pi, tc.lnC); math.Abs(got-tc.other) > 1e-14 {
				t.Errorf("%s: expected P(SQ) %.16g, want %.16g", tc.name, got, tc.other)
			}
		}
	}
	if lc, lp := AggInformed.Aggregate([]float64{1}, []float64{0.5}, []float64{0}); !math.IsNaN(lc) || !math.IsNaN(lp) {
		t.Errorf("informed has no index, Aggregate gave (%v, %v)", lc, lp)
	}
}

// With all the mass on one set there is nothing to aggregate: every form
// is StatusQuo of that set's own cost and chance.
func TestAggregationOneSet(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		c := aggCoef(rapid.Float64Range(-3, 3).Draw(rt, "a0"), rapid.Float64Range(0.05, 4).Draw(rt, "a1"))
		n := rapid.IntRange(1, 8).Draw(rt, "sets")
		at := rapid.IntRange(0, n-1).Draw(rt, "set")
		p, pi, lnC := make([]float64, n), make([]float64, n), make([]float64, n)
		for s := range p {
			pi[s] = rapid.Float64Range(1e-6, 1).Draw(rt, "pi")
			lnC[s] = rapid.Float64Range(-5, 5).Draw(rt, "lnC")
		}
		p[at] = 1
		want, _ := StatusQuo(c, lnC[at], math.Log(pi[at]), false)
		for _, a := range Aggregations {
			if got := a.StatusQuo(c, p, pi, lnC); math.Abs(got-want) > 1e-12 {
				rt.Fatalf("%s: %v, want %v", a, got, want)
			}
		}
	})
}

// informedSets builds the 2^n responding sets of a protege with force fP
// and guarantors with forces fG (challenger force 1), independent responses
// with probabilities q, the umbrella held by guarantor umb (-1 for none):
// set s contains guarantor g iff bit g of s is set.
func informedSets(c *Coefficients, fP float64, fG, q []float64, umb int) (p, pi, lnC []float64) {
	m := 1 << len(fG)
	p, pi, lnC = make([]float64, m), make([]float64, m), make([]float64, m)
	for s := range m {
		f, w, u := fP, 1.0, false
		for g := range fG {
			if s>>g&1 == 1 {
				f += fG[g]
				w *= q[g]
				u = u || g == umb
			} else {
				w *= 1 - q[g]
			}
		}
		p[s], pi[s], lnC[s] = w, Contest(1, f, c.Gamma.Value), LogWarCost(c, f, 1, u)
	}
	return p, pi, lnC
}

// The informed form is monotone in set inclusion: raising any guarantor's
// response probability (adding one is raising it from 0) never lowers
// P(SQ), and it raises P(SQ) by at most the rise dq times the largest gap
// between a set with the guarantor and the same set without it.
func TestInformedMonotone(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		c := aggCoef(rapid.Float64Range(-3, 3).Draw(rt, "a0"), rapid.Float64Range(0.05, 4).Draw(rt, "a1"))
		c.Gamma.Value = rapid.Float64Range(0.2, 5).Draw(rt, "gamma")
		c.C0.Value = rapid.Float64Range(-2, 2).Draw(rt, "c0")
		c.C1.Value = rapid.Float64Range(0, 3).Draw(rt, "c1")
		c.CN.Value = rapid.Float64Range(0, 3).Draw(rt, "cn")
		n := rapid.IntRange(1, 4).Draw(rt, "guarantors")
		fG, q := make([]float64, n), make([]float64, n)
		for g := range fG {
			fG[g] = rapid.Float64Range(0, 30).Draw(rt, "force")
			q[g] = rapid.Float64Range(0, 1).Draw(rt, "q")
		}
		umb := rapid.IntRange(-1, n-1).Draw(rt, "umbrella")
		fP := rapid.Float64Range(0.01, 3).Draw(rt, "protege")
		j := rapid.IntRange(0, n-1).Draw(rt, "raised")
		dq := rapid.Float64Range(0, 1-q[j]).Draw(rt, "dq")

		p, pi, lnC := informedSets(c, fP, fG, q, umb)
		before := AggInformed.StatusQuo(c, p, pi, lnC)
		q[j] += dq
		p2, _, _ := informedSets(c, fP, fG, q, umb)
		after := AggInformed.StatusQuo(c, p2, pi, lnC)
		var gap float64
		for s := range p {
			if s>>j&1 == 0 {
				lo, _ := StatusQuo(c, lnC[s], math.Log(pi[s]), false)
				hi, _ := StatusQuo(c, lnC[s|1<<j], math.Log(pi[s|1<<j]), false)
				if hi < lo-1e-12 {
					rt.Fatalf("set %b: adding guarantor %d lowers P(SQ | S) from %v to %v", s, j, lo, hi)
				}
				gap = math.Max(gap, hi-lo)
			}
		}
		if after < before-1e-12 {
			rt.Fatalf("raising q[%d] by %v lowers P(SQ) from %v to %v", j, dq, before, after)
		}
		if after-before > dq*gap+1e-12 {
			rt.Fatalf("raising q[%d] by %v moves P(SQ) by %v, more than dq times the gap %v", j, dq, after-before, gap)
		}
	})
}

// Every form's StatusQuo is the reference for the engine's inner loop: it
// must not allocate.
func TestAggregationNoAllocation(t *testing.T) {
	c := aggCoef(-0.4, 1.3)
	p, pi, lnC := []float64{0.4, 0.1, 0.4, 0.1}, []float64{0.7, 0.4, 0.3, 0.1}, []float64{-0.5, 0.2, 0.6, 1.5}
	for _, a := range Aggregations {
		if n := testing.AllocsPerRun(100, func() { _ = a.StatusQuo(c, p, pi, lnC) }); n != 0 {
			t.Errorf("%s: allocations per call %v, want 0", a, n)
		}
	}
}

// The per-draw cost of each form's status quo for three guarantors (8
// responding sets), with deter's math.Exp and math.Log (the engine uses
// faster approximations): what the informed stage adds per draw.
func BenchmarkAggregationStatusQuo(b *testing.B) {
	c := aggCoef(-0.4, 1.3)
	c.Gamma.Value, c.C1.Value, c.CN.Value = 1.7, 0.34, 1.4
	p, pi, lnC := informedSets(c, 0.5, []float64{0.3, 2, 5}, []float64{0.2, 0.04, 0.6}, 2)
	for _, a := range Aggregations {
		b.Run(string(a), func(b *testing.B) {
			var s float64
			for b.Loop() {
				s += a.StatusQuo(c, p, pi, lnC)
			}
			if s < 0 {
				b.Fatal(s)
			}
		})
	}
}
