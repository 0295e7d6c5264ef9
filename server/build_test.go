package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

// Two development builds (both "dev") on one store: the second does not
// answer with the first's stored result (a new run, recorded under its
// build), the first's run stays listed and readable, the documents still
// carry the release version, the dashboard shows only the current build's
// answer and says that older ones exist; the same build asked again
// reuses its own result.
func TestRunsKeyedByBuild(t *testing.T) {
	st, _ := storetest.Open(t, store.SQLite)
	build := func(b string) func(*Config) {
		return func(c *Config) { c.Engine = &PipelineEngine{EngineVersion: "dev", Build: b} }
	}
	old := newHarness(t, st, build("dev+exe.aaaaaaaaaaaa"))
	old.create("ukraine", example(t, "_base/ukraine.yaml"))
	sc := old.create("tripwire", example(t, "08-us-tripwire-7000.yaml"))
	req := map[string]any{"scenario_id": sc.Scenario.ID, "samples": 1000, "seed": 7}
	var first RunOut
	if code, b := old.do("POST", "/api/runs", req, true, &first); code != http.StatusAccepted {
		t.Fatalf("first run: %d %s", code, b)
	}
	if first = old.wait(first.ID); first.Status != "done" || first.EngineVersion != "dev+exe.aaaaaaaaaaaa" {
		t.Fatalf("first run %+v", first)
	}

	cur := newHarness(t, st, build("dev+exe.bbbbbbbbbbbb"))
	cur.secret = old.secret
	// Before any run of this build the dashboard shows no current answer
	// and says an older build's exists.
	if code, _, page := cur.get("/"); code != 200 || strings.Contains(string(page), first.ID) ||
		!strings.Contains(string(page), "1 scenario(s) have finished runs from other builds of the engine only") {
		t.Errorf("dashboard of the new build: %d, shows the old run %v", code, strings.Contains(string(page), first.ID))
	}
	var second RunOut
	if code, b := cur.do("POST", "/api/runs", req, true, &second); code != http.StatusAccepted || second.ID == first.ID || second.Reused {
		t.Fatalf("the new build reused the old build's run: %d %s", code, b)
	}
	if second = cur.wait(second.ID); second.Status != "done" || second.EngineVersion != "dev+exe.bbbbbbbbbbbb" {
		t.Fatalf("second run %+v", second)
	}
	var again RunOut
	if code, _ := cur.do("POST", "/api/runs", req, true, &again); code != http.StatusOK || !again.Reused || again.ID != second.ID {
		t.Fatalf("same build again: %d %+v", code, again)
	}
	var list struct{ Items []RunOut }
	cur.do("GET", "/api/runs?scenario="+sc.Scenario.ID, nil, false, &list)
	if len(list.Items) != 2 {
		t.Fatalf("%d runs listed, want both builds' 2", len(list.Items))
	}
	for _, id := range []string{first.ID, second.ID} {
		code, b := cur.do("GET", "/api/runs/"+id+"/result", nil, false, nil)
		if code != 200 || !strings.Contains(string(b), `"engine_version": "dev"`) {
			t.Errorf("result of %s: %d %.120s", id, code, b)
		}
	}
	if code, _, page := cur.get("/"); code != 200 || !strings.Contains(string(page), second.ID) || strings.Contains(string(page), first.ID) ||
		strings.Contains(string(page), "from other builds of the engine only") {
		t.Errorf("dashboard: %d; current run shown %v, old run shown %v", code, strings.Contains(string(page), second.ID), strings.Contains(string(page), first.ID))
	}
}
