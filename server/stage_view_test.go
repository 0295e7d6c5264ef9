package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestPagesSayTheStage: what P(deterrence) means depends on the stage (a
// crisis decision; a per-year probability in peacetime; after a war, no
// renewed war in the first year by either party), and the assess table's
// legend says so. The dashboard and run pages showed the number with a
// footer that called every P(deterrence) "the challenger's probability of
// not attacking" and never named the stage: every Ukraine option is
// post-war. Each row now names its stage, and the footer gives the three
// meanings; /api/compare carries the stage too.
func TestPagesSayTheStage(t *testing.T) {
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	sc := h.create("tripwire", example(t, "08-us-tripwire-7000.yaml"))
	var run RunOut
	if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 200, "seed": 1}, true, &run); code != http.StatusAccepted {
		t.Fatalf("run: %d %s", code, b)
	}
	if run = h.wait(run.ID); run.Status != "done" {
		t.Fatalf("run %s", run.Status)
	}
	for _, p := range []string{"/", "/runs/" + run.ID} {
		code, _, page := h.get(p)
		if code != 200 {
			t.Fatalf("%s: %d", p, code)
		}
		for _, want := range []string{"stage postwar", "after a war, P(no renewed war in the first year, by either party)"} {
			if !strings.Contains(string(page), want) {
				t.Errorf("%s lacks %q", p, want)
			}
		}
	}
	var cmp struct {
		Options []struct {
			Stage string `json:"stage"`
		} `json:"options"`
	}
	if code, b := h.do("GET", "/api/compare?runs="+run.ID, nil, false, &cmp); code != 200 || len(cmp.Options) != 1 || cmp.Options[0].Stage != "postwar" {
		t.Errorf("compare: %d %s", code, b)
	}
}
