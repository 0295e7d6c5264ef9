package catalog

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/internal/modeltest"
)

// TestExamplesSolveAndVerify: every model's example builds, solves, and
// every equilibrium passes the PBE verifier on the model's own tree.
func TestExamplesSolveAndVerify(t *testing.T) {
	for _, e := range All() {
		v, err := models.ParseAssignments(strings.Fields(e.Spec.Example))
		if err != nil {
			t.Fatalf("%s: %v", e.Spec.Name, err)
		}
		inst, err := e.Build(v)
		if err != nil {
			t.Fatalf("%s: %v", e.Spec.Name, err)
		}
		sol, err := SolveChecked(inst)
		if err != nil {
			t.Fatalf("%s: %v", e.Spec.Name, err)
		}
		if len(sol.Equilibria) == 0 {
			t.Fatalf("%s: no equilibrium", e.Spec.Name)
		}
		for _, eq := range sol.Equilibria {
			if !eq.Check.Passed {
				t.Errorf("%s %s: %s", e.Spec.Name, eq.Region, eq.Check.Worst)
			}
		}
		if _, err := json.Marshal(sol); err != nil {
			t.Fatalf("%s: %v", e.Spec.Name, err)
		}
		tr, _ := inst.Game()
		modeltest.VerifyExported(t, tr, sol, 1e-9)
	}
}

// TestUDGJSONShape pins the acceptance example and JSON shape.
func TestUDGJSONShape(t *testing.T) {
	e, _ := Lookup("udg")
	v, _ := models.ParseAssignments(strings.Fields(e.Spec.Example))
	inst, _ := e.Build(v)
	sol, _ := SolveChecked(inst)
	raw, _ := json.Marshal(sol)
	var got struct {
		Model      string             `json:"model"`
		Parameters map[string]float64 `json:"parameters"`
		Equilibria []struct {
			Region           string             `json:"region"`
			Refinement       string             `json:"refinement"`
			PassesRefinement bool               `json:"passes_refinement"`
			Strategies       map[string]any     `json:"strategies"`
			Beliefs          map[string]any     `json:"beliefs"`
			Outcomes         map[string]float64 `json:"outcomes"`
			PWar             float64            `json:"p_war"`
		} `json:"equilibria"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	eq := got.Equilibria[0]
	if got.Model != "udg" || got.Parameters["cDD+"] != 0.3 || got.Parameters["cDD-"] != -0.5 ||
		eq.Region != "Separating" || eq.Refinement != "D1" || !eq.PassesRefinement ||
		eq.Outcomes["SQ"] != 0.5 || eq.Outcomes["DC"] != 0.2 || eq.Outcomes["DD"] != 0.3 || eq.Outcomes["CD"] != 0 || eq.PWar != 0.3 ||
		len(eq.Strategies) == 0 || len(eq.Beliefs) == 0 {
		t.Fatalf("unexpected JSON: %s", raw)
	}
}

func TestLookupUnknown(t *testing.T) {
	if _, err := Lookup("nope"); !errors.Is(err, models.ErrParams) || !strings.Contains(err.Error(), "udg") {
		t.Fatalf("got %v", err)
	}
}
