package tsg

import (
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/internal/modeltest"
)

// base is ORACLES.md's TSG base: pi=.3, V_R=10, V_U=2, kappa=5, lambda=.2,
// b=c=1 (t=.5 > pi).
func base(a, k float64) Params {
	return Params{Pi: .3, VR: 10, VU: 2, Kappa: 5, Lambda: .2, B: 1, C: 1, A: a, K: k}
}

func solve(t *testing.T, p Params) *models.Solution {
	t.Helper()
	m, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	sol := m.Solve()
	tr, err := m.Game()
	if err != nil {
		t.Fatal(err)
	}
	modeltest.VerifyAll(t, tr, sol, 1e-9)
	return sol
}

func TestS1HandsTyingPools(t *testing.T) {
	sol := solve(t, base(4, 0))
	if len(sol.Equilibria) != 1 {
		t.Fatalf("want a unique pure PBE, got %d: %+v", len(sol.Equilibria), sol.Equilibria)
	}
	eq := sol.Equilibria[0]
	eu, _ := eq.Values.Get("EU_G")
	o, _ := eq.Strategies.Get("O after T")
	if eq.Region != "Pooling on T" || math.Abs(eq.PWar-.2) > 1e-12 || math.Abs(eu-3.4) > 1e-12 || o[0].Value != 1 || eq.Note[:8] != "no bluff" {
		t.Fatalf("S-1: %s P(war)=%v EU=%v O after T=%v note=%q", eq.Region, eq.PWar, eu, o, eq.Note)
	}
}

func TestS3NonBindingCheapTalk(t *testing.T) {
	sol := solve(t, base(1, 0))
	for _, eq := range sol.Equilibria {
		if eq.Region != "Pooling on 0" {
			t.Fatalf("S-3: unexpected %s", eq.Region)
		}
		if math.Abs(eq.PWar-.3) > 1e-12 {
			t.Fatalf("S-3: P(war) = %v, want .3", eq.PWar)
		}
	}
	if len(sol.Equilibria) == 0 {
		t.Fatal("S-3: no equilibrium")
	}
}

// TestSunkCostSeparating: with a = 0, separation holds iff
// (1-lambda)V_U <= k <= (1-lambda)kappa, with P(war) = pi*lambda; and tying
// hands beats sinking costs for the Guarantor ex ante while risking more war.
func TestSunkCostSeparating(t *testing.T) {
	lo, hi := .8*2, .8*5
	for _, k := range []float64{lo - .1, lo, 2, hi, hi + .1} {
		sol := solve(t, base(0, k))
		var sep *models.Equilibrium
		for i := range sol.Equilibria {
			if sol.Equilibria[i].Region == "Separating (R: T, U: 0)" {
				sep = &sol.Equilibria[i]
			}
		}
		want := k >= lo-1e-12 && k <= hi+1e-12
		if (sep != nil) != want {
			t.Fatalf("k=%v: separating found %v, want %v", k, sep != nil, want)
		}
		if sep != nil && math.Abs(sep.PWar-.06) > 1e-12 {
			t.Fatalf("k=%v: P(war) %v, want .06", k, sep.PWar)
		}
		if k == 2 {
			eu, _ := sep.Values.Get("EU_G")
			if !(eu < 3.4 && sep.PWar < .2) {
				t.Fatalf("sunk EU %v P(war) %v vs tying hands 3.4, .2", eu, sep.PWar)
			}
		}
	}
}

// TestBluffCaveat: with pi > t, a sunk-cost pooling PBE in which U bluffs
// exists under pessimistic off-path beliefs (SPEC.md §2 caveat).
func TestBluffCaveat(t *testing.T) {
	p := base(0, .5)
	p.Pi = .6
	sol := solve(t, p)
	found := false
	for _, eq := range sol.Equilibria {
		if eq.Region == "Pooling on T" && eq.Note[:8] == "U bluffs" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no bluffing pooling PBE: %+v", sol.Equilibria)
	}
}

func gen(t *rapid.T) Params {
	var p Params
	p.VU = rapid.Float64Range(.1, 5).Draw(t, "V_U")
	p.Kappa = p.VU + rapid.Float64Range(.1, 5).Draw(t, "dk")
	p.VR = p.Kappa + rapid.Float64Range(.1, 5).Draw(t, "dv")
	p.Pi = rapid.Float64Range(.05, .95).Draw(t, "pi")
	// Values are kept away from 0 (except exact 0) so that no payoff
	// difference falls below the float tolerance without being a tie.
	p.Lambda = rapid.SampledFrom([]float64{0, rapid.Float64Range(.01, .95).Draw(t, "l")}).Draw(t, "lambda")
	p.B = rapid.Float64Range(.1, 3).Draw(t, "b")
	p.C = rapid.Float64Range(.1, 3).Draw(t, "c")
	p.A = rapid.SampledFrom([]float64{0, rapid.Float64Range(.01, 8).Draw(t, "a")}).Draw(t, "a?")
	p.K = rapid.SampledFrom([]float64{0, rapid.Float64Range(.01, 8).Draw(t, "k")}).Draw(t, "k?")
	return p
}

// TestPropMatchesEnumeration: the closed-form enumeration finds exactly the
// outcome distributions of the general pure-PBE enumerator on the tree.
func TestPropMatchesEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := gen(t)
		if math.Abs(p.A-(p.Kappa-p.VU)) < 1e-6 || math.Abs(p.Pi-p.T()) < 1e-6 {
			t.Skip("knife edge")
		}
		m, _ := New(p)
		tr, _ := m.Game()
		sol := m.Solve()
		modeltest.VerifyAll(t, tr, sol, 1e-8)
		modeltest.AgreesWithSolve(t, tr, sol, 1e-8)
		modeltest.VerifyExported(t, tr, sol, 1e-8)
		pure := modeltest.PureOutcomes(t, tr)
		for _, d := range pure {
			ok := false
			for _, eq := range sol.Equilibria {
				ok = ok || modeltest.SameDist(d, eq.Outcomes, 1e-9)
			}
			if !ok {
				t.Fatalf("enumerator found %v, missing from %d closed-form PBE", d, len(sol.Equilibria))
			}
		}
		for _, eq := range sol.Equilibria {
			ok := false
			for _, d := range pure {
				ok = ok || modeltest.SameDist(d, eq.Outcomes, 1e-9)
			}
			if !ok {
				t.Fatalf("closed form %s %v not found by the enumerator", eq.Region, eq.Outcomes)
			}
		}
	})
}

// TestPropScaleInvariance: scaling all of the Guarantor's payoff
// parameters (V_R, V_U, kappa, a, k) or the Challenger's (b, c) by a
// positive factor leaves every equilibrium's play unchanged. (Shifts are
// not expressible: the parameters are differences from backing down
// without a tripwire, which is normalised to 0.)
func TestPropScaleInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := gen(t)
		if math.Abs(p.A-(p.Kappa-p.VU)) < 1e-6 {
			t.Skip("knife edge")
		}
		g, c := rapid.Float64Range(.1, 10).Draw(t, "g"), rapid.Float64Range(.1, 10).Draw(t, "c")
		q := p
		q.VR, q.VU, q.Kappa, q.A, q.K = g*p.VR, g*p.VU, g*p.Kappa, g*p.A, g*p.K
		q.B, q.C = c*p.B, c*p.C
		s1, s2 := (&Model{p}).Solve(), (&Model{q}).Solve()
		if len(s1.Equilibria) != len(s2.Equilibria) {
			t.Skip("a tie resolved differently by rounding")
		}
		for i := range s1.Equilibria {
			a, b := s1.Equilibria[i], s2.Equilibria[i]
			if a.Region != b.Region || a.PassesRefinement != b.PassesRefinement || !modeltest.SameDist(a.Outcomes, b.Outcomes, 1e-9) {
				t.Fatalf("not invariant: %s %v vs %s %v", a.Region, a.Outcomes, b.Region, b.Outcomes)
			}
		}
	})
}
