package rtcg

import (
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
		p.PCh = rapid.SampledFrom([]float64{0, 1, p.PCh}).Draw(t, "pCh?")
		p.PPro = rapid.SampledFrom([]float64{0, 1, p.PPro}).Draw(t, "pPro?")
		m, err := New(p)
		if err != nil {
			t.Fatalf("pCh=%g pPro=%g refused: %v", p.PCh, p.PPro, err)
		}
		modeltest.CheckSolution(t, m, !nearThreshold(&p), 1e-8)
	})
}
