package aeg

import (
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/models/internal/modeltest"
)

// Priors of 0 and 1 are the complete-information limits (issue 13 item 4):
// pCh in {0, 1} and a Defender type distribution concentrated on one type
// are accepted and solved, and every equilibrium passes the PBE verifier.
func TestBoundaryPriors(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 4))
	for k := 0; k < 24; k++ {
		p := randomParams(rng)
		p.PCh = float64(k % 2)
		p.PHH, p.PHS, p.PSH, p.PSS = 0, 0, 0, 0
		*[]*float64{&p.PHH, &p.PHS, &p.PSH, &p.PSS}[(k/2)%4] = 1
		m, err := New(p)
		if err != nil {
			t.Fatalf("draw %d: refused: %v", k, err)
		}
		sol, err := m.Solve()
		if err != nil {
			t.Fatalf("draw %d: %v", k, err)
		}
		if len(sol.Equilibria) == 0 {
			t.Fatalf("draw %d: no equilibrium", k)
		}
		tr, err := m.Game()
		if err != nil {
			t.Fatal(err)
		}
		modeltest.VerifyAll(t, tr, sol, 1e-9)
		modeltest.VerifyExported(t, tr, sol, 1e-9)
	}
}
