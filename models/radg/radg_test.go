package radg

import (
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/internal/modeltest"
)

// ORACLES.md.
func TestOracles(t *testing.T) {
	for _, tc := range []struct {
		id     string
		pB, x  float64
		region string
	}{{"R-1", .3, 1, "Challenge"}, {"R-2", .7, 0, "Deterrence"}} {
		m, err := New(Params{ADD: 0, ASQ: .5, ADC: 1, BDDM: 0, BDC: .3, BDDP: .6, BSQ: 1, PB: tc.pB})
		if err != nil {
			t.Fatal(err)
		}
		if a := m.P.Alpha(); a != .5 {
			t.Errorf("alphaA = %v, want .5", a)
		}
		sol := m.Solve()
		eq := sol.Equilibria[0]
		x, _ := eq.Values.Get("x")
		if eq.Region != tc.region || x != tc.x {
			t.Errorf("%s: %s x=%v, want %s x=%v", tc.id, eq.Region, x, tc.region, tc.x)
		}
		if y, _ := eq.Strategies.Get("B(Hard)"); y[1].Value != 1 {
			t.Errorf("%s: yH = %v", tc.id, y)
		}
		tr, _ := m.Game()
		modeltest.VerifyAll(t, tr, sol, 1e-9)
	}
}

func TestTieListsBoth(t *testing.T) {
	m, _ := New(Params{ADD: 0, ASQ: .5, ADC: 1, BDDM: 0, BDC: .3, BDDP: .6, BSQ: 1, PB: .5})
	sol := m.Solve()
	if len(sol.Equilibria) != 2 {
		t.Fatalf("tie: %d equilibria", len(sol.Equilibria))
	}
	tr, _ := m.Game()
	modeltest.VerifyAll(t, tr, sol, 1e-9)
}

func TestOrdering(t *testing.T) {
	_, err := New(Params{ADD: 0, ASQ: .5, ADC: 1, BDDM: 0, BDC: .7, BDDP: .6, BSQ: 1, PB: .5})
	var oe *models.OrderError
	if !errors.As(err, &oe) || oe.Inequality != "bDC < bDD+" {
		t.Fatalf("got %v", err)
	}
}

func TestPropAgreesWithEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		inc := func(s string) float64 { return rapid.Float64Range(.01, 3).Draw(t, s) }
		p := Params{ADD: rapid.Float64Range(-3, 3).Draw(t, "aDD"), BDDM: rapid.Float64Range(-3, 3).Draw(t, "bDD-")}
		p.ASQ = p.ADD + inc("1")
		p.ADC = p.ASQ + inc("2")
		p.BDC = p.BDDM + inc("3")
		p.BDDP = p.BDC + inc("4")
		p.BSQ = p.BDDP + inc("5")
		p.PB = rapid.Float64Range(.01, .99).Draw(t, "pB")
		m, err := New(p)
		if err != nil {
			t.Fatal(err)
		}
		tr, _ := m.Game()
		sol := m.Solve()
		modeltest.VerifyAll(t, tr, sol, 1e-9)
		modeltest.AgreesWithSolve(t, tr, sol, 1e-9)
		modeltest.VerifyExported(t, tr, sol, 1e-9)
		if math.Abs(p.PB-p.Alpha()) < 1e-9 {
			t.Skip("tie")
		}
		pure := modeltest.PureOutcomes(t, tr)
		if len(pure) != 1 || !modeltest.SameDist(pure[0], sol.Equilibria[0].Outcomes, 1e-9) {
			t.Fatalf("enumeration %v, closed form %v", pure, sol.Equilibria[0].Outcomes)
		}
	})
}
