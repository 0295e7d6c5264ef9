package udg

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/models/internal/modeltest"
)

// Priors of 0 and 1 are the complete-information limits (issue 13 item 4):
// accepted, solved, and every reported equilibrium passes the PBE verifier
// on the model's tree (where the impossible type's branch has probability
// 0) and matches the general solver.
func TestPropBoundaryPriors(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		p.PCh = rapid.SampledFrom([]float64{0, 1, p.PCh}).Draw(t, "pCh?")
		p.PDef = rapid.SampledFrom([]float64{0, 1, p.PDef}).Draw(t, "pDef?")
		m, err := New(p)
		if err != nil {
			t.Fatalf("pCh=%g pDef=%g refused: %v", p.PCh, p.PDef, err)
		}
		modeltest.CheckSolution(t, m, true, 1e-8)
	})
}
