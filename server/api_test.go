package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

// The whole API flow on both databases: save, validate, version, run,
// result, reuse of an identical run, compare.
func TestAPIFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store, _ string) {
		h := newHarness(t, st, nil)
		base := h.create("ukraine", example(t, "_base/ukraine.yaml"))
		if base.ScenarioValidation.Valid {
			t.Log("the base is valid on its own")
		}
		text := example(t, "06-european-tripwire-12000.yaml")
		broken := strings.Replace(text, "type: tripwire", "type: tripwirez", 1)
		sc := h.create("tripwire", broken)
		if sc.ScenarioValidation.Valid || len(sc.ScenarioValidation.Errors) == 0 {
			t.Fatalf("broken text validated: %+v", sc.ScenarioValidation)
		}
		// The error points at the line holding the typo.
		wantLine := 1 + strings.Count(broken[:strings.Index(broken, "tripwirez")], "\n")
		if e := sc.ScenarioValidation.Errors[0]; e.Line != wantLine || !strings.Contains(e.Field, "type") {
			t.Fatalf("error at %d:%d %s, want line %d on a type field", e.Line, e.Col, e.Field, wantLine)
		}
		// Running an invalid version is refused with the place of the error.
		code, body := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID}, true, nil)
		if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "type") {
			t.Fatalf("run of invalid version: %d %s", code, body)
		}
		var v2 savedResp
		if code, b := h.do("POST", "/api/scenarios/"+sc.Scenario.ID+"/versions", map[string]string{"yaml": text}, true, &v2); code != 201 {
			t.Fatalf("save: %d %s", code, b)
		}
		if !v2.ScenarioValidation.Valid || v2.Version.Version != 2 {
			t.Fatalf("version 2: %+v", v2)
		}
		// Version 1 is still there, verbatim.
		var v1 VersionOut
		h.do("GET", "/api/scenarios/"+sc.Scenario.ID+"/versions/1", nil, false, &v1)
		if v1.YAML != broken {
			t.Fatal("version 1 changed")
		}
		var run RunOut
		if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 1000, "seed": 7}, true, &run); code != http.StatusAccepted {
			t.Fatalf("start run: %d %s", code, b)
		}
		if run = h.wait(run.ID); run.Status != "done" || run.Version != 2 {
			t.Fatalf("run ended %s (%s)", run.Status, run.Error)
		}
		code, res := h.do("GET", "/api/runs/"+run.ID+"/result", nil, false, nil)
		var doc struct {
			SchemaVersion string `json:"schema_version"`
			Output        string `json:"output"`
			InputHash     string `json:"input_hash"`
			Seed          uint64 `json:"seed"`
			Samples       int    `json:"samples"`
			Options       []struct {
				PDeterrence struct{ Mean, P05, P95 float64 } `json:"p_deterrence"`
			} `json:"options"`
		}
		if code != 200 || json.Unmarshal(res, &doc) != nil || len(doc.Options) != 1 {
			t.Fatalf("result: %d %s", code, res)
		}
		r := doc.Options[0].PDeterrence
		if doc.SchemaVersion != "1" || doc.Output != "assess" || doc.Seed != 7 || doc.Samples != 1000 || doc.InputHash != run.InputsHash ||
			!(r.P05 <= r.Mean && r.Mean <= r.P95) {
			t.Fatalf("result %s for run %+v", res, run)
		}
		// The same request again is answered from the store.
		var again RunOut
		code, _ = h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 1000, "seed": 7}, true, &again)
		if code != http.StatusOK || !again.Reused || again.ID != run.ID {
			t.Fatalf("identical request: %d %+v", code, again)
		}
		// A different seed is a new run.
		var other RunOut
		if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 1000, "seed": 8}, true, &other); code != http.StatusAccepted || other.ID == run.ID {
			t.Fatalf("new seed: %d %s", code, b)
		}
		h.wait(other.ID)
		var cmp struct {
			Options []OptionView `json:"options"`
		}
		if code, b := h.do("GET", "/api/compare?runs="+run.ID+","+other.ID, nil, false, &cmp); code != 200 || len(cmp.Options) != 2 {
			t.Fatalf("compare: %d %s", code, b)
		}
		if cmp.Options[0].PDeter.Mean != r.Mean {
			t.Fatalf("compare shows %v, result says %v", cmp.Options[0].PDeter.Mean, r.Mean)
		}
		// The HTML report carries the option.
		if code, b := h.do("GET", "/api/runs/"+run.ID+"/report/html", nil, false, nil); code != 200 || !strings.Contains(string(b), "European tripwire") {
			t.Fatalf("report: %d", code)
		}
	})
}

func TestProblemsCarryFieldPaths(t *testing.T) {
	h := newSQLite(t, nil)
	sc := h.create("s", example(t, "01-no-guarantee.yaml"))
	cases := []struct {
		method, path string
		body         any
		status       int
		location     string
	}{
		{"POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 10_000_000}, 422, "body.samples"},
		{"POST", "/api/runs", map[string]any{"scenario_id": "nope"}, 422, "body.scenario_id"},
		{"POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "version": 9}, 422, "body.version"},
		{"POST", "/api/scenarios", map[string]any{"name": "../../etc/passwd", "yaml": "x"}, 422, "body.name"},
		{"POST", "/api/scenarios", map[string]any{"name": "ok", "yaml": 5}, 422, "body.yaml"},
		{"GET", "/api/scenarios?after=zz", nil, 422, "query.after"},
		{"GET", "/api/runs/..%2f..%2fetc", nil, 404, "path.id"},
	}
	for _, c := range cases {
		code, b := h.do(c.method, c.path, c.body, true, nil)
		var p struct {
			Status int `json:"status"`
			Errors []struct {
				Location string `json:"location"`
			} `json:"errors"`
		}
		json.Unmarshal(b, &p)
		if code != c.status || len(p.Errors) == 0 || p.Errors[0].Location != c.location {
			t.Errorf("%s %s: %d %s, want %d at %s", c.method, c.path, code, b, c.status, c.location)
		}
	}
}

func TestAuth(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.Public = false })
	cases := []struct {
		method, path string
		auth         bool
		want         int
	}{
		{"GET", "/api/scenarios", false, 401},
		{"GET", "/api/scenarios", true, 200},
		// API documentation holds no data: readable without a token.
		{"GET", "/openapi.json", false, 200},
		{"GET", "/openapi.yaml", false, 200},
		{"GET", "/docs", false, 200},
		{"POST", "/openapi.json", false, 401},
		{"POST", "/api/scenarios", false, 401},
		{"GET", "/healthz", false, 200},
		{"GET", "/static/htmx.min.js", false, 200},
	}
	for _, c := range cases {
		var body any
		if c.method == "POST" {
			body = map[string]string{"name": "a", "yaml": "x"}
		}
		if code, b := h.do(c.method, c.path, body, c.auth, nil); code != c.want {
			t.Errorf("%s %s auth=%v: %d %s, want %d", c.method, c.path, c.auth, code, b, c.want)
		}
	}
	// A wrong token is refused even on reads.
	req, _ := http.NewRequest("GET", h.ts.URL+"/api/scenarios", nil)
	req.Header.Set("Authorization", "Bearer gt_wrong")
	if resp, err := h.ts.Client().Do(req); err != nil || resp.StatusCode != 401 {
		t.Fatalf("wrong token: %v %v", resp.StatusCode, err)
	}
	// UI pages send a browser to the sign-in page.
	client := *h.ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(h.ts.URL + "/scenarios")
	if err != nil || resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("UI without token: %v %v", resp.StatusCode, err)
	}
}

// Browser writes ride on the cookie and need the CSRF token, which a page
// from another origin cannot know.
func TestCSRF(t *testing.T) {
	h := newSQLite(t, nil)
	client := *h.ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	post := func(form string) int {
		req, _ := http.NewRequest("POST", h.ts.URL+"/scenarios", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: cookieName, Value: h.secret})
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("name=a&yaml=x"); code != http.StatusForbidden {
		t.Fatalf("no CSRF token: %d", code)
	}
	if code := post("name=a&yaml=x&csrf=forged"); code != http.StatusForbidden {
		t.Fatalf("forged CSRF token: %d", code)
	}
	tok, err := h.st.CheckToken(t.Context(), h.secret)
	if err != nil {
		t.Fatal(err)
	}
	if code := post("name=a&yaml=x&csrf=" + h.srv.csrfFor(&tok)); code != http.StatusSeeOther {
		t.Fatalf("right CSRF token: %d", code)
	}
}

func TestLimits(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.MaxBodyBytes = 64 << 10; c.WritesPerMinute = 5 })
	big := `{"name":"big","yaml":"` + strings.Repeat("x", 100<<10) + `"}`
	if code, _ := h.do("POST", "/api/scenarios", big, true, nil); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized body: %d", code)
	}
	// The write budget (5 a minute; one spent above) runs out; validation
	// has its own budget.
	got429 := false
	for range 6 {
		code, _ := h.do("POST", "/api/scenarios", map[string]string{"name": "n", "yaml": "x"}, true, nil)
		if code == http.StatusTooManyRequests {
			got429 = true
		}
	}
	if !got429 {
		t.Fatal("no 429 after the write budget")
	}
	if code, _ := h.do("POST", "/api/validate", map[string]string{"yaml": "name: x"}, true, nil); code != 200 {
		t.Fatalf("validation after the write budget: %d", code)
	}
}

// Reads have a per-client budget of their own: spending it refuses that
// client's reads only, not its writes, not another client's reads, not
// health checks.
func TestReadLimit(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.ReadsPerSecond = 1 }) // burst 10
	got429 := false
	for range 30 {
		code, b := h.do("GET", "/api/scenarios", nil, true, nil)
		if code == http.StatusTooManyRequests {
			got429 = true
			if !strings.Contains(string(b), "read requests") {
				t.Errorf("429 body: %s", b)
			}
			break
		}
		if code != 200 {
			t.Fatalf("read: %d %s", code, b)
		}
	}
	if !got429 {
		t.Fatal("no 429 after 30 reads on a budget of 10")
	}
	if code, b := h.do("POST", "/api/scenarios", map[string]string{"name": "w", "yaml": "name: w"}, true, nil); code != http.StatusCreated {
		t.Fatalf("write after the read budget: %d %s", code, b)
	}
	if code, _ := h.do("GET", "/healthz", nil, true, nil); code != 200 {
		t.Fatalf("healthz after the read budget: %d", code)
	}
	// Without the token the client is its address: another budget.
	if code, b := h.do("GET", "/api/scenarios", nil, false, nil); code != 200 {
		t.Fatalf("other client: %d %s", code, b)
	}
}

// The token bucket, on a clock the test controls.
func TestLimiter(t *testing.T) {
	l := newLimiter(2, 3)
	t0 := time.Unix(1000, 0)
	for i, c := range []struct {
		key  string
		dt   time.Duration
		want bool
	}{
		{"a", 0, true}, {"a", 0, true}, {"a", 0, true}, {"a", 0, false}, // burst 3 spent
		{"b", 0, true},                       // keys are independent
		{"a", 500 * time.Millisecond, true},  // 2/s: one token back after 0.5 s
		{"a", 500 * time.Millisecond, false}, // and spent
		{"a", 10 * time.Second, true},        // refills to the burst, not beyond
		{"a", 10 * time.Second, true}, {"a", 10 * time.Second, true}, {"a", 10 * time.Second, false},
	} {
		if got := l.allow(c.key, t0.Add(c.dt)); got != c.want {
			t.Fatalf("step %d (%s at +%s): %v, want %v", i, c.key, c.dt, got, c.want)
		}
	}
}

func TestPaginationOverAPI(t *testing.T) {
	h := newSQLite(t, nil)
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		h.create(n, "name: "+n)
	}
	seen := map[string]bool{}
	after := ""
	for range 10 {
		var page struct {
			Items []ScenarioOut `json:"items"`
			Next  string        `json:"next"`
		}
		h.do("GET", "/api/scenarios?limit=2&after="+after, nil, false, &page)
		for _, s := range page.Items {
			seen[s.Name] = true
		}
		if page.Next == "" {
			break
		}
		after = page.Next
	}
	if len(seen) != 5 {
		t.Fatalf("saw %d scenarios over the pages, want 5", len(seen))
	}
}
