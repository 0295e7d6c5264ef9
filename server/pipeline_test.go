package server

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
)

// A run over the API gives the same document, byte for byte, as the
// library's pipeline on the same files (what `guarantor assess --format
// json` prints), but for the file name: the API knows only the
// scenario's name.
func TestRunMatchesPipeline(t *testing.T) {
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	h.create("06-european-tripwire-12000", example(t, "06-european-tripwire-12000.yaml"))
	const file = "07-european-tripwire-us-backstop.yaml"
	sc := h.create("07-european-tripwire-us-backstop", example(t, file))
	var run RunOut
	if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 3000, "seed": 11}, true, &run); code != 202 {
		t.Fatalf("%d %s", code, b)
	}
	if r := h.wait(run.ID); r.Status != "done" {
		t.Fatalf("%s %s", r.Status, r.Error)
	}
	_, got := h.do("GET", "/api/runs/"+run.ID+"/result", nil, false, nil)
	path := filepath.Join("..", "examples", "ukraine-2025", file)
	doc, err := pipeline.Assess(context.Background(), []string{path}, pipeline.Options{Seed: 11, Samples: 3000, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	doc.Options[0].File = file
	var want bytes.Buffer
	report.JSON(&want, doc)
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("API result differs from the pipeline's:\n%s\n---\n%s", got, want.Bytes())
	}
	if run.InputsHash != doc.InputHash {
		t.Fatalf("run hash %s, document hash %s", run.InputsHash, doc.InputHash)
	}
}

// The explain document of a run is the pipeline's for the same file.
func TestExplainMatchesPipeline(t *testing.T) {
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	const file = "06-european-tripwire-12000.yaml"
	sc := h.create("06-european-tripwire-12000", example(t, file))
	var run RunOut
	h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 500}, true, &run)
	h.wait(run.ID)
	var got struct {
		Output      string  `json:"output"`
		PDeterrence float64 `json:"p_deterrence"`
	}
	if code, b := h.do("GET", "/api/runs/"+run.ID+"/explain", nil, false, &got); code != 200 || got.Output != "explain" {
		t.Fatalf("%d %.300s", code, b)
	}
	want, err := pipeline.Explain("test", filepath.Join("..", "examples", "ukraine-2025", file))
	if err != nil {
		t.Fatal(err)
	}
	if got.PDeterrence != want[0].PDeterrence {
		t.Fatalf("explain p_deterrence %v, pipeline %v", got.PDeterrence, want[0].PDeterrence)
	}
}
