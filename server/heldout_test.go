package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The held-out-style files (testdata/heldout, written from docs/scenario.md
// alone; see internal/cli.TestHeldOutFiles for the command-line paths) go
// through the API as a user's would: saved as a scenario, run, and the
// result, the explain trace, the HTML report and the charts fetched. A file
// that does not load is saved with its errors at a line and a field path,
// and its run is refused with 422, never a 500; one that loads runs to done
// with no NaN anywhere.
func TestHeldOutFilesOverAPI(t *testing.T) {
	// A scenario written as JSON (file 22) is sent as the text it is; the
	// directory of options (20) goes in with its base first, which its
	// files' extends: name by file name (docs/serve.md).
	var files []string
	for _, pat := range []string{"*.yaml", "*.json", "20-*/_base/*.yaml", "20-*/*.yaml"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", "heldout", pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 29 {
		t.Fatalf("%d held-out files, want 29 or more", len(files))
	}
	invalid := map[string]string{ // file -> the field its first error names
		"02-missing-country-somaliland.yaml": "protege",
		"16-common-mistakes.yaml":            "period.start",
		"21-model-overrides-mistakes.yaml":   "challenge.earlier_wars",
		"estonia.yaml":                       "name", // a base: incomplete on its own, stored for extends:
	}
	h := newSQLite(t, nil)
	for _, f := range files {
		name := filepath.Base(f)
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := h.create(strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".json"), string(text))
		if field, bad := invalid[name]; bad {
			v := sc.ScenarioValidation
			if v.Valid || len(v.Errors) == 0 || v.Errors[0].Line == 0 || v.Errors[0].Field != field {
				t.Errorf("%s: validation %+v, want errors at a line, the first on %s", name, v, field)
			}
			if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID}, true, nil); code != http.StatusUnprocessableEntity {
				t.Errorf("%s: run of an invalid file: %d %s", name, code, b)
			}
			continue
		}
		if !sc.ScenarioValidation.Valid {
			t.Errorf("%s: not valid over the API: %+v", name, sc.ScenarioValidation.Errors)
			continue
		}
		var run RunOut
		if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 300, "seed": 1}, true, &run); code != http.StatusAccepted {
			t.Fatalf("%s: start run: %d %s", name, code, b)
		}
		if run = h.wait(run.ID); run.Status != "done" {
			t.Errorf("%s: run ended %s (%s)", name, run.Status, run.Error)
			continue
		}
		// PNG charts and PDF need chromium on the server (501 here); the
		// real binary serves them (docs/serve.md).
		for _, p := range []string{"/result", "/explain", "/report/html"} {
			code, b := h.do("GET", "/api/runs/"+run.ID+p, nil, false, nil)
			if code != http.StatusOK || strings.Contains(string(b), "NaN") {
				t.Errorf("%s: GET %s: %d, NaN %v", name, p, code, strings.Contains(string(b), "NaN"))
			}
			if p == "/result" && !json.Valid(b) {
				t.Errorf("%s: result is not JSON", name)
			}
		}
	}
}
