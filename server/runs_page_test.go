package server

import (
	"net/http"
	"testing"
)

// TestRunsListPages: GET /api/runs takes ?limit= and ?after= as every list
// does (docs/serve.md). The two were in an embedded struct that the API
// framework did not read, so the list ignored them: ?limit=2 gave every run
// (up to 50), and a client following next got the same page for ever.
func TestRunsListPages(t *testing.T) {
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	sc := h.create("tripwire", example(t, "08-us-tripwire-7000.yaml"))
	for seed := 1; seed <= 3; seed++ {
		var run RunOut
		if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 100, "seed": seed}, true, &run); code != http.StatusAccepted {
			t.Fatalf("run %d: %d %s", seed, code, b)
		}
		h.wait(run.ID)
	}
	type page struct {
		Items []RunOut `json:"items"`
		Next  string   `json:"next"`
	}
	var first, second page
	if code, b := h.do("GET", "/api/runs?limit=2", nil, false, &first); code != 200 {
		t.Fatalf("first page: %d %s", code, b)
	}
	if len(first.Items) != 2 || first.Next == "" {
		t.Fatalf("?limit=2: %d runs, next %q; want 2 and a cursor", len(first.Items), first.Next)
	}
	if code, b := h.do("GET", "/api/runs?limit=2&after="+first.Next, nil, false, &second); code != 200 {
		t.Fatalf("second page: %d %s", code, b)
	}
	if len(second.Items) != 1 || second.Next != "" || second.Items[0].ID == first.Items[0].ID || second.Items[0].ID == first.Items[1].ID {
		t.Errorf("second page: %+v, want the third run alone", second)
	}
}
