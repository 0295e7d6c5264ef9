package server

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Scenario text and names reach HTML pages escaped: no element, attribute
// or script a user typed is ever live.
func TestNoHTMLInjection(t *testing.T) {
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	const evil = `<script>alert(1)</script>`
	text := example(t, "06-european-tripwire-12000.yaml")
	text = strings.Replace(text, "  name: European tripwire (12,000), no US backstop", `  name: "</textarea><img src=x onerror=alert(2)>`+evil+` European tripwire"`, 1)
	text += "\n# </textarea>" + evil + "\n"
	sc := h.create("evil", text)
	if !sc.ScenarioValidation.Valid {
		t.Fatalf("the test scenario should be valid: %+v", sc.ScenarioValidation.Errors)
	}
	var run RunOut
	h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 500}, true, &run)
	if r := h.wait(run.ID); r.Status != "done" {
		t.Fatalf("run %s: %s", r.Status, r.Error)
	}
	if !strings.Contains(run.Option, evil) {
		t.Fatalf("the option name lost its markup: %q", run.Option)
	}
	bad := []string{evil, "<img src=x", "</textarea><"}
	for _, path := range []string{"/scenarios/" + sc.Scenario.ID, "/runs/" + run.ID, "/runs", "/", "/compare?run=" + run.ID,
		"/api/runs/" + run.ID + "/report/html"} {
		code, body := h.do("GET", path, nil, false, nil)
		if code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
		for _, b := range bad {
			if strings.Contains(string(body), b) {
				t.Errorf("GET %s: page contains %q unescaped", path, b)
			}
		}
		if !strings.Contains(string(body), "&lt;script&gt;") && !strings.Contains(string(body), `\u003cscript\u003e`) {
			t.Errorf("GET %s: the escaped text is missing", path)
		}
	}
	// The live-validation fragment escapes error messages that quote input.
	code, frag := h.do("POST", "/ui/validate", "name=x&yaml="+strings.ReplaceAll("challenger: \""+evil+"\"", " ", "+"), false, nil)
	_ = code
	if strings.Contains(string(frag), evil) {
		t.Fatalf("validation fragment: %s", frag)
	}
}

// extends: never reads the server's files: the base is looked up by name
// among stored scenarios, whatever path the text gives.
func TestExtendsNeverReadsFiles(t *testing.T) {
	h := newSQLite(t, nil)
	dir := t.TempDir()
	base := filepath.Join(dir, "secretbase.yaml")
	if err := os.WriteFile(base, []byte(example(t, "_base/ukraine.yaml")), 0o600); err != nil {
		t.Fatal(err)
	}
	opt := example(t, "01-no-guarantee.yaml")
	for _, ref := range []string{base, "../../../../" + base, "/etc/passwd", "secretbase.yaml"} {
		text := strings.Replace(opt, "extends: _base/ukraine.yaml", "extends: "+ref, 1)
		var val ScenarioValidation
		h.do("POST", "/api/validate", map[string]string{"yaml": text}, false, &val)
		if val.Valid || !strings.Contains(val.Errors[0].Message, "no stored scenario named") {
			t.Fatalf("extends %s: %+v", ref, val)
		}
	}
	// Stored under that name, the base resolves.
	h.create("secretbase", example(t, "_base/ukraine.yaml"))
	text := strings.Replace(opt, "extends: _base/ukraine.yaml", "extends: /anything/secretbase.yaml", 1)
	var val ScenarioValidation
	h.do("POST", "/api/validate", map[string]string{"yaml": text}, false, &val)
	if !val.Valid {
		t.Fatalf("stored base not found: %+v", val)
	}
}

// Progress streams as server-sent events until the run ends; cancel stops
// a run and it never gets a result.
func TestEventsAndCancel(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.Workers = 1; c.MaxSamples = 2_000_000 })
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	sc := h.create("t", example(t, "06-european-tripwire-12000.yaml"))
	var long RunOut
	if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 2_000_000}, true, &long); code != 202 {
		t.Fatalf("%d %s", code, b)
	}
	var queued RunOut
	h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 1000}, true, &queued)
	resp, err := h.ts.Client().Get(h.ts.URL + "/api/runs/" + long.ID + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	sc2 := bufio.NewScanner(resp.Body)
	var events []string
	canceled := false
	for sc2.Scan() {
		line := sc2.Text()
		if !strings.HasPrefix(line, "data: ") {
			continue
		}
		events = append(events, line)
		if strings.Contains(line, `"running"`) && !canceled {
			canceled = true
			if code, b := h.do("POST", "/api/runs/"+long.ID+"/cancel", nil, true, nil); code != 200 {
				t.Fatalf("cancel: %d %s", code, b)
			}
		}
	}
	if len(events) == 0 || !strings.Contains(events[len(events)-1], `"canceled"`) {
		t.Fatalf("events %v", events)
	}
	if code, _ := h.do("GET", "/api/runs/"+long.ID+"/result", nil, false, nil); code != http.StatusConflict {
		t.Fatalf("canceled run result: %d", code)
	}
	// The queued run behind it still runs.
	if r := h.wait(queued.ID); r.Status != "done" {
		t.Fatalf("queued run: %s %s", r.Status, r.Error)
	}
	_ = io.Discard
	_ = time.Second
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{"": "/", "/runs/x": "/runs/x", "//evil.example": "/", `/\evil.example`: "/",
		"https://evil.example": "/", "runs": "/", "/a\r\nSet-Cookie: x": "/"} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
