package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDashboardInScenarioOrder: the dashboard lists each scenario's latest
// run in scenario-name order, as latestDone says and as `guarantor assess
// DIR` lists a directory's files, so that options written to be read in
// sequence (held-out directory 20: a-nothing, b-assurance, c-pact,
// d-pact-and-tripwire, each containing the one before) stay in sequence.
// It sorted by the options' display names, byte-wise: "no guarantee" came
// after "US defence pact and 1,000 troops" and "Ukraine 2021".
func TestDashboardInScenarioOrder(t *testing.T) {
	const dir = "../testdata/heldout/20-compare-estonia-2024"
	h := newSQLite(t, nil)
	base, err := os.ReadFile(filepath.Join(dir, "_base", "estonia.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	h.create("estonia", string(base))
	names := []string{"d-pact-and-tripwire", "b-assurance", "a-nothing", "c-pact"} // saved out of order
	var runs []string
	for _, n := range names {
		text, err := os.ReadFile(filepath.Join(dir, n+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		sc := h.create(n, string(text))
		var run RunOut
		if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 200, "seed": 1}, true, &run); code != http.StatusAccepted {
			t.Fatalf("%s: %d %s", n, code, b)
		}
		if run = h.wait(run.ID); run.Status != "done" {
			t.Fatalf("%s: %s", n, run.Status)
		}
		runs = append(runs, run.ID)
	}
	code, _, page := h.get("/")
	if code != 200 {
		t.Fatalf("dashboard: %d", code)
	}
	// Scenario-name order: a, b, c, d = runs[2], runs[1], runs[3], runs[0].
	last := -1
	for _, i := range []int{2, 1, 3, 0} {
		at := strings.Index(string(page), "/runs/"+runs[i])
		if at < 0 || at < last {
			t.Errorf("%s (run %s) at %d, before the previous scenario's at %d", names[i], runs[i], at, last)
		}
		last = at
	}
}
