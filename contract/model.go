package contract

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/guarantor/guarantor/models"
)

// ModelSolve is the document of `guarantor model solve`. The solution's
// shape is the models package's, documented per model in docs/models.md:
// model, parameters, the model's summary quantities, then equilibria.
type ModelSolve struct {
	Header
	Solution *models.Solution `json:"solution" doc:"model, parameters, summary quantities and equilibria (docs/models.md)"`
}

// FromModelSolution wraps a model's solution. The input hash covers the
// model's name and its parameters in order.
func FromModelSolution(version string, sol *models.Solution) (*ModelSolve, error) {
	p, err := json.Marshal(sol.Parameters)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(append([]byte(sol.Model+"\n"), p...))
	return &ModelSolve{Header: NewHeader("model_solve", version, hex.EncodeToString(sum[:])[:16]), Solution: sol}, nil
}
