package server

import (
	"html"
	"strings"
	"testing"
)

// The run page shows the run's flags (data that end before the assessment,
// covariates the stage does not read, national capability standing in for
// the theatre balance), as the CLI, the HTML report and the JSON do; the
// page showed none.
func TestRunPageShowsFlags(t *testing.T) {
	h := newSQLite(t, nil)
	text := `name: flags
challenger: RUS
protege: UKR
horizon: 10
period: {start: 2010-01-01}
challenge: {stage: postwar, last_dispute: 2005}
option:
  name: flagged
  guarantors:
    - country: UKG
      id: uk
      instruments:
        - type: tripwire
          troops: 5000
`
	sc := h.create("flags", text)
	if !sc.ScenarioValidation.Valid {
		t.Fatalf("invalid: %+v", sc.ScenarioValidation.Errors)
	}
	var run RunOut
	h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 300}, true, &run)
	if r := h.wait(run.ID); r.Status != "done" {
		t.Fatalf("run %s: %s", r.Status, r.Error)
	}
	code, page := h.do("GET", "/runs/"+run.ID, nil, false, nil)
	text2 := html.UnescapeString(string(page))
	for _, want := range []string{"challenge.last_dispute: given but not read at stage postwar", "challenge.earlier_wars: the COW war data end in 2007"} {
		if code != 200 || !strings.Contains(text2, want) {
			t.Errorf("run page (%d) lacks the flag %q", code, want)
		}
	}
}
