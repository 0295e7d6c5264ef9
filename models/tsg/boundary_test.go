package tsg

import (
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/models/internal/modeltest"
)

// Priors of 0 and 1 are the complete-information limits (issue 13 item 4):
// accepted, solved, and every reported equilibrium passes the PBE verifier
// on the model's tree.
func TestPropBoundaryPriors(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := gen(t)
		p.Pi = rapid.SampledFrom([]float64{0, 1}).Draw(t, "pi?")
		if math.Abs(p.A-(p.Kappa-p.VU)) < 1e-6 || math.Abs(p.Pi-p.T()) < 1e-6 {
			t.Skip("knife edge")
		}
		m, err := New(p)
		if err != nil {
			t.Fatalf("pi=%g refused: %v", p.Pi, err)
		}
		modeltest.CheckSolution(t, m, true, 1e-8)
	})
}
