package brink

import (
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/internal/modeltest"
)

// ORACLES.md B-1: the window is the single point 0.2.
func TestB1(t *testing.T) {
	m, err := New(Params{P: .5, G: 1, Ls: 4, W: 1, Y: 1, L: 11})
	if err != nil {
		t.Fatal(err)
	}
	qe, qa, ok := m.P.Window()
	if math.Abs(qe-.2) > 1e-12 || math.Abs(qa-.2) > 1e-12 || !ok {
		t.Fatalf("q_e=%v q_a=%v feasible=%v", qe, qa, ok)
	}
	sol := m.Solve()
	tr, _ := m.Game()
	modeltest.VerifyAll(t, tr, sol, 1e-9)
	if sq, _ := sol.Equilibria[0].Outcomes.Get("SQ"); math.Abs(sq-.5) > 1e-12 {
		t.Fatalf("P(SQ) = %v, want .5 (Soft complies)", sq)
	}
}

func TestReliabilityOutsideWindow(t *testing.T) {
	for _, rho := range []float64{.1, .2, .5} {
		m, _ := New(Params{P: .5, G: 1, Ls: 4, W: 1, Y: 1, L: 11, Rho: rho, HasRho: true})
		sol := m.Solve()
		tr, _ := m.Game()
		modeltest.VerifyAll(t, tr, sol, 1e-9)
		sq, _ := sol.Equilibria[0].Outcomes.Get("SQ")
		if (sq > 0) != (rho == .2) {
			t.Errorf("rho=%v: P(SQ)=%v", rho, sq)
		}
	}
}

func TestOrdering(t *testing.T) {
	var oe *models.OrderError
	if _, err := New(Params{P: .5, G: 1, Ls: 4, W: 1, Y: 12, L: 11}); !errors.As(err, &oe) || oe.Inequality != "Y < L" {
		t.Fatalf("got %v", err)
	}
}

// TestPropWindowMonotone: q_e falls as the Challenger's loss L_s rises
// (capability), q_a falls as the Hard share p rises; every equilibrium
// verifies on its tree.
func TestPropWindowMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Params{P: rapid.Float64Range(.01, .99).Draw(t, "p"), G: rapid.Float64Range(.1, 5).Draw(t, "G"),
			Ls: rapid.Float64Range(.1, 5).Draw(t, "Ls"), W: rapid.Float64Range(-1, 5).Draw(t, "W"), Y: rapid.Float64Range(1.01, 5).Draw(t, "Y")}
		p.L = p.Y + rapid.Float64Range(.1, 10).Draw(t, "dL")
		p.Rho, p.HasRho = rapid.SampledFrom([]float64{0, 1, rapid.Float64Range(.001, 1).Draw(t, "r")}).Draw(t, "rho"), true
		m, err := New(p)
		if err != nil {
			t.Fatal(err)
		}
		tr, _ := m.Game()
		modeltest.VerifyAll(t, tr, m.Solve(), 1e-9)
		modeltest.VerifyExported(t, tr, m.Solve(), 1e-9)
		q := p
		q.Ls *= 1.5
		q.P = math.Min(.99, p.P*1.2)
		qe1, qa1, _ := p.Window()
		qe2, qa2, _ := q.Window()
		if qe2 > qe1 || qa2 > qa1+1e-12 {
			t.Fatalf("window not monotone: %v,%v -> %v,%v", qe1, qa1, qe2, qa2)
		}
	})
}
