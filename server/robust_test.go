package server

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/store"
)

// A JSON body that is not UTF-8 is refused with 400 saying so and where; it
// used to be decoded with U+FFFD in place of the bad bytes and the scenario
// stored with text its author never sent.
func TestBodyNotUTF8Refused(t *testing.T) {
	h := newSQLite(t, nil)
	for _, path := range []string{"/api/scenarios", "/api/validate"} {
		body := "{\"name\":\"latin1\",\"yaml\":\"name: Z\xfcrich\"}"
		code, b := h.do("POST", path, body, true, nil)
		if code != http.StatusBadRequest || !strings.Contains(string(b), "not valid UTF-8 (byte 33)") {
			t.Errorf("%s: %d %s; want 400 naming byte 33", path, code, b)
		}
	}
	var list struct {
		Items []ScenarioOut `json:"items"`
	}
	if code, b := h.do("GET", "/api/scenarios", nil, true, &list); code != http.StatusOK || len(list.Items) != 0 {
		t.Errorf("after a refused save: %d %s", code, b)
	}
	// Valid UTF-8 beyond ASCII goes through and is stored verbatim.
	sc := h.create("zurich", "name: Zürich – Kyiv ✓\n")
	var got struct {
		Version struct {
			YAML string `json:"yaml"`
		} `json:"version"`
	}
	if code, b := h.do("GET", "/api/scenarios/"+sc.Scenario.ID, nil, true, &got); code != http.StatusOK || got.Version.YAML != "name: Zürich – Kyiv ✓\n" {
		t.Errorf("stored text %q (%d %s)", got.Version.YAML, code, b)
	}
}

// An error names the field and shows the start of the offending value, not
// all of it: a scenario text over the 1 MiB cap came back whole (1.5 MB).
func TestErrorValueClipped(t *testing.T) {
	h := newSQLite(t, nil)
	text := "é" + strings.Repeat("a", 1100000) // over the 1 MiB cap
	code, b := h.do("POST", "/api/scenarios", map[string]string{"name": "big", "yaml": text}, true, nil)
	if code != http.StatusUnprocessableEntity || len(b) > 4096 {
		t.Fatalf("%d, %d bytes; want 422 in a few hundred bytes", code, len(b))
	}
	var p struct {
		Errors []struct {
			Location string `json:"location"`
			Value    string `json:"value"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &p); err != nil || len(p.Errors) != 1 || p.Errors[0].Location != "body.yaml" ||
		!strings.HasSuffix(p.Errors[0].Value, "… (1100002 bytes in all)") || !strings.HasPrefix(p.Errors[0].Value, "éaa") {
		t.Errorf("error %s", b)
	}
	// A short value is echoed as it was.
	code, b = h.do("POST", "/api/runs", map[string]any{"scenario_id": "nope!"}, true, nil)
	if code < 400 || code >= 500 || !strings.Contains(string(b), `"value":"nope!"`) {
		t.Errorf("short value: %d %s", code, b)
	}
}

// A number the schema accepts but Go's type cannot hold is refused at its
// field, in the API's words: it used to say "json: cannot unmarshal number
// 1e5 into Go struct field .samples of type int" at location "body".
func TestNumberErrorsNameTheField(t *testing.T) {
	h := newSQLite(t, nil)
	sc := h.create("x", "name: x\n")
	for _, c := range []struct{ body, loc, value, msg string }{
		{`"samples":1e5`, "body.samples", "1e5", "expected an integer from -2^63"},
		{`"seed":99999999999999999999`, "body.seed", "99999999999999999999", "expected an integer from 0 to 2^64-1"},
	} {
		code, b := h.do("POST", "/api/runs", `{"scenario_id":"`+sc.Scenario.ID+`",`+c.body+`}`, true, nil)
		var p struct {
			Errors []struct {
				Message  string `json:"message"`
				Location string `json:"location"`
				Value    any    `json:"value"`
			} `json:"errors"`
		}
		if code != http.StatusUnprocessableEntity || json.Unmarshal(b, &p) != nil || len(p.Errors) != 1 {
			t.Errorf("%s: %d %s", c.body, code, b)
			continue
		}
		e := p.Errors[0]
		if e.Location != c.loc || e.Value != c.value || !strings.HasPrefix(e.Message, c.msg) || strings.Contains(e.Message, "Go struct") {
			t.Errorf("%s: %+v; want %s at %s with value %s", c.body, e, c.msg, c.loc, c.value)
		}
	}
}

// Every answer under /api/ is JSON: unknown paths and methods (the router's
// plain text before) and the event stream of a run that does not exist (a
// 200 stream with a "failed" event before) are problem documents.
func TestAPIErrorsAreProblems(t *testing.T) {
	h := newSQLite(t, nil)
	for _, c := range []struct {
		method, path string
		code         int
		detail       string
	}{
		{"GET", "/api/nonexistent", 404, "no such API path: /api/nonexistent"},
		{"GET", "/api/runs/x/y/z", 404, "no such API path"},
		{"DELETE", "/api/scenarios", 405, "DELETE is not allowed on /api/scenarios; allowed: GET, HEAD, POST"},
		{"GET", "/api/runs/06h55vpicnfbe6d3h73emhgr4k/events", 404, "no such run"},
		{"GET", "/api/runs/not-an-id/events", 404, "no such run: the identifier is malformed"},
	} {
		req, _ := http.NewRequest(c.method, h.ts.URL+c.path, nil)
		req.Header.Set("Authorization", "Bearer "+h.secret)
		resp, err := h.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if resp.StatusCode != c.code || resp.Header.Get("Content-Type") != "application/problem+json" || err != nil ||
			p.Status != c.code || !strings.HasPrefix(p.Detail, c.detail) {
			t.Errorf("%s %s: %d %s %+v (%v); want %d %q", c.method, c.path, resp.StatusCode, resp.Header.Get("Content-Type"), p, err, c.code, c.detail)
		}
	}
	// A real run's stream still streams.
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	sc := h.create("x", example(t, "08-us-tripwire-7000.yaml"))
	var run RunOut
	if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 200}, true, &run); code >= 300 {
		t.Fatalf("%d %s", code, b)
	}
	h.wait(run.ID)
	req, _ := http.NewRequest("GET", h.ts.URL+"/api/runs/"+run.ID+"/events", nil)
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") || !strings.Contains(string(b), `"status":"done"`) {
		t.Errorf("events of a done run: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
}

// A run's files are saved under names that say what they are: the result,
// the reports and the charts carry a Content-Disposition filename with the
// option, the run and an extension (a saved chart was "deterrence", a PDF
// "pdf").
func TestDownloadNames(t *testing.T) {
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	sc := h.create("us", example(t, "08-us-tripwire-7000.yaml"))
	var run RunOut
	if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 200}, true, &run); code >= 300 {
		t.Fatalf("%d %s", code, b)
	}
	h.wait(run.ID)
	want := `inline; filename="guarantor-us-tripwire-7-000-` + run.ID[:8] + `-`
	for path, suffix := range map[string]string{"result": "result.json", "report/html": "report.html"} {
		resp, err := h.ts.Client().Get(h.ts.URL + "/api/runs/" + run.ID + "/" + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Disposition"); got != want+suffix+`"` {
			t.Errorf("%s: Content-Disposition %q, want %q", path, got, want+suffix+`"`)
		}
	}
	if got := downloadName(store.Run{ID: "06h5504il12hpf0levelrnojf4", Option: "Zürich — «long» name ✓ with: punctuation!!"}, "deterrence", "png"); got != `inline; filename="guarantor-z-rich-long-name-with-punctuation-06h5504i-deterrence.png"` {
		t.Errorf("slug: %s", got)
	}
}

// Game solve over the API: a method that does not take the game is the
// request's method field at fault, in the API's words, on one line (lp on a
// game that is not constant-sum answered "the solver refused the game" at
// body.content with a two-line message; spe on a table spoke of
// "--method"); /api/game/methods lists enummixed as taking trees, as the
// command line does (through the reduced strategic form).
func TestGameSolveMethodErrors(t *testing.T) {
	h := newSQLite(t, nil)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "heldout-games", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct{ file, method, msg string }{
		{"01-degenerate-duplicate-crlf.nfg", "lp", "solve: method does not apply to this game: the lp method needs a two-player constant-sum game"},
		{"01-degenerate-duplicate-crlf.nfg", "spe", "method does not apply: method spe needs an extensive-form game (.efg)"},
		{"08-three-player-all-ties.efg", "lcp", "lcp needs a two-player game"},
	} {
		code, b := h.do("POST", "/api/game/solve", map[string]any{"name": c.file, "content": read(c.file), "method": c.method}, true, nil)
		var p struct {
			Detail string `json:"detail"`
			Errors []struct {
				Message  string `json:"message"`
				Location string `json:"location"`
			} `json:"errors"`
		}
		if code != http.StatusUnprocessableEntity || json.Unmarshal(b, &p) != nil || len(p.Errors) != 1 ||
			p.Detail != "the method does not apply" || p.Errors[0].Location != "body.method" ||
			!strings.Contains(p.Errors[0].Message, c.msg) || strings.ContainsAny(p.Errors[0].Message, "\n") || strings.Contains(p.Errors[0].Message, "--") {
			t.Errorf("%s %s: %d %s", c.file, c.method, code, b)
		}
	}
	// The held-out tree solved by enummixed over the API, as listed.
	var list struct {
		Items []MethodOut `json:"items"`
	}
	h.do("GET", "/api/game/methods", nil, true, &list)
	for _, m := range list.Items {
		if m.Name == "enummixed" && !m.Trees {
			t.Errorf("enummixed listed as not taking trees")
		}
	}
	var doc struct {
		Equilibria []any `json:"equilibria"`
	}
	if code, b := h.do("POST", "/api/game/solve", map[string]any{"name": "thirds.efg", "content": read("03-chance-thirds.efg"), "method": "enummixed"}, true, &doc); code != 200 || len(doc.Equilibria) == 0 {
		t.Errorf("enummixed on a tree: %d %s", code, b)
	}
}
