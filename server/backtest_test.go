package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

const historyDir = "../examples/history"

// backtestCases copies a few history cases (read only) into a temp dir:
// what the backtest tests check (the stored document is the CLI's, reuse,
// events, cancel, a crash) does not depend on the size of the case base,
// and the whole base costs a refit per dyad, so the package outgrew go
// test's default timeout on a loaded two-core machine as the base grew.
// The cases cover every stage and outcome: post-war spells of one dyad
// (one refit for two cases), general guarantees held and failed, a crisis,
// an ongoing case and an organisation.
func backtestCases(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{
		"israel-jordan-1949", "india-pakistan-1966", "india-pakistan-1972", "armenia-azerbaijan-1994",
		"baltics-2004", "budapest-1994", "cyprus-1960", "korea-1950", "kuwait-1990", "unifil-1978",
		"west-germany-1955", "falklands-1982",
	} {
		b, err := os.ReadFile(filepath.Join(historyDir, f+".yaml"))
		if err != nil {
			t.Skipf("examples/history absent: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f+".yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// get sends a GET and returns the status, the headers and the body.
func (h *harness) get(path string) (int, http.Header, []byte) {
	h.t.Helper()
	resp, err := h.ts.Client().Get(h.ts.URL + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, b.Bytes()
}

// getDone sends a backtest GET whose wait may run out on a loaded machine
// (the backtest refits every coefficient per dyad): a 202 means the run is
// queued or running, and the same request joins it, so it is asked again
// until it answers otherwise (at most five minutes: not a timing test).
func (h *harness) getDone(path string) (int, http.Header, []byte) {
	h.t.Helper()
	for deadline := time.Now().Add(5 * time.Minute); ; {
		code, hdr, b := h.get(path)
		if code != http.StatusAccepted || time.Now().After(deadline) {
			return code, hdr, b
		}
	}
}

// A backtest is a stored run: its document is the CLI's (`guarantor
// backtest DIR --format json`, which writes pipeline.BacktestWith through
// report.JSON) byte for byte, an identical request is answered from the
// store by the same run, other parameters make another run, and the run
// is listed as a backtest only.
func TestBacktestJobStoredAndReused(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			st, _ := storetest.Open(t, d)
			cases := backtestCases(t)
			h := newHarness(t, st, func(c *Config) { c.History = cases })
			code, hdr, got := h.getDone("/api/backtest?seed=7&samples=300&bins=4&wait=20")
			if code != 200 {
				t.Fatalf("%d %.300s", code, got)
			}
			doc, err := pipeline.BacktestWith(context.Background(), []string{cases}, pipeline.Options{Seed: 7, Samples: 300, Version: "test"},
				pipeline.BacktestOptions{Bins: 4, Refit: true})
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			report.JSON(&want, doc)
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("API backtest differs from the CLI's document:\n%.400s\n---\n%.400s", got, want.Bytes())
			}
			loc := hdr.Get("Content-Location")
			id := strings.TrimSuffix(strings.TrimPrefix(loc, "/api/runs/"), "/result")
			if !store.ValidID(id) {
				t.Fatalf("Content-Location %q", loc)
			}
			var r RunOut
			h.do("GET", "/api/runs/"+id, nil, false, &r)
			if r.Kind != "backtest" || r.Status != "done" || r.Seed != 7 || r.Samples != 300 || r.ScenarioID != "" {
				t.Fatalf("run %+v", r)
			}
			if _, res := h.do("GET", loc, nil, false, nil); !bytes.Equal(res, got) {
				t.Fatal("the run's result is not the document served")
			}
			// Asked again: the stored document, the same run, nothing queued.
			code, hdr, again := h.get("/api/backtest?seed=7&samples=300&bins=4&wait=0")
			if code != 200 || !bytes.Equal(again, got) || hdr.Get("Content-Location") != loc {
				t.Fatalf("again: %d %s", code, hdr.Get("Content-Location"))
			}
			// Other parameters are another computation.
			if code, hdr, _ := h.getDone("/api/backtest?seed=7&samples=300&bins=5&wait=20"); code != 200 || hdr.Get("Content-Location") == loc {
				t.Fatalf("bins 5: %d %s", code, hdr.Get("Content-Location"))
			}
			var list struct{ Items []RunOut }
			h.do("GET", "/api/runs?kind=backtest", nil, false, &list)
			if len(list.Items) != 2 {
				t.Fatalf("%d backtest runs, want 2", len(list.Items))
			}
			h.do("GET", "/api/runs", nil, false, &list)
			if len(list.Items) != 0 {
				t.Fatalf("backtests listed as assessments: %+v", list.Items)
			}
			for _, p := range []string{"/report/html", "/explain", "/charts/deterrence"} {
				if code, _ := h.do("GET", "/api/runs/"+id+p, nil, false, nil); code != http.StatusConflict {
					t.Fatalf("%s of a backtest: %d", p, code)
				}
			}
			if code, _ := h.do("GET", "/api/compare?runs="+id+","+id, nil, false, nil); code != 422 && code != 409 {
				t.Fatalf("compare of a backtest: %d", code)
			}
			// The reserved scenario backtests point at is no scenario.
			if code, _ := h.do("GET", "/api/scenarios/"+store.BacktestScenario, nil, false, nil); code != 404 {
				t.Fatalf("reserved scenario: %d", code)
			}
			if code, _ := h.do("POST", "/api/runs", map[string]any{"scenario_id": store.BacktestScenario}, true, nil); code != 422 {
				t.Fatalf("run of the reserved scenario: %d", code)
			}
			// The pages: the stored backtest renders, its run page leads to it.
			if code, _, page := h.get("/backtest?seed=7&samples=300&bins=4"); code != 200 || !strings.Contains(string(page), "<circle") || !strings.Contains(string(page), id) ||
				!strings.Contains(string(page), "Stored backtests") || !strings.Contains(string(page), "backtest bins=5 tau=10 horizon=0") {
				t.Fatalf("backtest page: %d", code)
			}
			if code, _, page := h.get("/runs/" + id); code != 200 || !strings.Contains(string(page), "Survival scores") {
				t.Fatalf("run page of a backtest: %d", code)
			}
		})
	}
}

// The samples cap is the server's, as for runs; bad parameters are 422.
func TestBacktestLimits(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.History = backtestCases(t); c.MaxSamples = 30000 })
	for _, q := range []string{"samples=30001&wait=0", "bins=21&wait=0", "tau=51&wait=0", "horizon=201&wait=0", "wait=21", "seed=4294967296&wait=0"} {
		if code, _, b := h.get("/api/backtest?" + q); code != 422 {
			t.Fatalf("%s: %d %s", q, code, b)
		}
	}
	// Go's float parser reads NaN and Inf: NaN passes a range check (it
	// failed the run, a 500) and Inf's range error could not be written as
	// JSON. Both are the client's mistake: 422 naming the parameter, no run.
	for _, q := range []string{"horizon=NaN&wait=0", "horizon=nan&wait=0", "horizon=Inf&wait=0", "horizon=-Inf&wait=0", "horizon=%2BInf&wait=0"} {
		code, _, b := h.get("/api/backtest?" + q)
		if code != 422 || !strings.Contains(string(b), "query.horizon") {
			t.Fatalf("%s: %d %s", q, code, b)
		}
	}
	if code, _, b := h.get("/api/runs?kind=backtest"); code != 200 || strings.Contains(string(b), `"id"`) {
		t.Fatalf("a refused horizon left a run: %d %s", code, b)
	}
	code, hdr, b := h.get("/api/backtest?samples=30000&wait=0")
	if code != http.StatusAccepted || !strings.HasPrefix(hdr.Get("Location"), "/api/runs/") {
		t.Fatalf("samples at the cap: %d %s", code, b)
	}
	// The page clamps a form's samples to the cap: it joins that run.
	resp, err := h.ts.Client().Get(h.ts.URL + "/backtest?samples=99999")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := "run=" + strings.TrimPrefix(hdr.Get("Location"), "/api/runs/"); resp.StatusCode != 200 || !strings.HasSuffix(resp.Request.URL.RawQuery, want) {
		t.Fatalf("page with too many samples: %d %s, want %s", resp.StatusCode, resp.Request.URL, want)
	}
	h.do("POST", hdr.Get("Location")+"/cancel", nil, true, nil)
}

// A backtest streams its progress as server-sent events; cancel stops it,
// it never gets a result, and the next identical request runs it afresh.
func TestBacktestEventsAndCancel(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.History = backtestCases(t); c.Workers = 1; c.MaxSamples = 2_000_000 })
	const q = "/api/backtest?samples=200000&wait=0"
	var job RunOut
	code, hdr, b := h.get(q)
	if code != http.StatusAccepted {
		t.Fatalf("%d %s", code, b)
	}
	loc := hdr.Get("Location")
	if err := json.Unmarshal(b, &job); err != nil || loc != "/api/runs/"+job.ID || job.Kind != "backtest" {
		t.Fatalf("202 %s %s %v", loc, b, err)
	}
	// A second identical request joins it.
	if _, hdr2, _ := h.get(q); hdr2.Get("Location") != loc {
		t.Fatalf("joined %s, want %s", hdr2.Get("Location"), loc)
	}
	resp, err := h.ts.Client().Get(h.ts.URL + loc + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var events []string
	canceled := false
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "data: ") {
			continue
		}
		events = append(events, line)
		// Cancel once the run has reported some progress.
		if strings.Contains(line, `"running"`) && !strings.Contains(line, `"progress":0}`) && !canceled {
			canceled = true
			if code, b := h.do("POST", loc+"/cancel", nil, true, nil); code != 200 {
				t.Fatalf("cancel: %d %s", code, b)
			}
		}
	}
	if !canceled || !strings.Contains(events[len(events)-1], `"canceled"`) {
		t.Fatalf("events %v", events)
	}
	if code, _ := h.do("GET", loc+"/result", nil, false, nil); code != http.StatusConflict {
		t.Fatalf("canceled backtest result: %d", code)
	}
	code, hdr, _ = h.get(q)
	if code != http.StatusAccepted || hdr.Get("Location") == loc {
		t.Fatalf("after cancel: %d %s, want a new run", code, hdr.Get("Location"))
	}
	h.do("POST", hdr.Get("Location")+"/cancel", nil, true, nil)
	// The page of a canceled backtest says so and offers to run it again.
	if code, _, page := h.get("/backtest?run=" + job.ID); code != 200 || !strings.Contains(string(page), "canceled") || !strings.Contains(string(page), "Run it again") {
		t.Fatalf("canceled backtest page: %d", code)
	}
}

// TestBacktestCrash kills the server with SIGKILL in the middle of a
// backtest: after a restart the finished backtest is still answered from
// the store (no recomputation), the interrupted one is marked failed, and
// the same request queues it again.
func TestBacktestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	storetest.Each(t, func(t *testing.T, st *store.Store, dsn string) {
		abs, err := filepath.Abs(backtestCases(t))
		if err != nil {
			t.Fatal(err)
		}
		env := "GUARANTOR_CHILD_HISTORY=" + abs
		p := startChild(t, dsn, "5s", env)
		h := remote(t, st, p)
		const small = "/api/backtest?samples=200&wait=20"
		code, hdr, doc := h.getDone(small)
		if code != 200 {
			t.Fatalf("small backtest: %d %.300s", code, doc)
		}
		done := hdr.Get("Content-Location")
		const long = "/api/backtest?samples=2000000&wait=0"
		code, hdr, b := h.get(long)
		if code != http.StatusAccepted {
			t.Fatalf("long backtest: %d %s", code, b)
		}
		loc := hdr.Get("Location")
		for {
			var r RunOut
			h.do("GET", loc, nil, false, &r)
			if r.Status == "running" {
				break
			}
			if store.Status(r.Status).Final() {
				t.Fatalf("long backtest ended before the kill: %s %s", r.Status, r.Error)
			}
			time.Sleep(10 * time.Millisecond)
		}
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.cmd.Wait()
		p2 := startChild(t, dsn, "5s", env)
		h2 := remote(t, st, p2)
		code, hdr, again := h2.get(strings.Replace(small, "wait=20", "wait=0", 1))
		if code != 200 || hdr.Get("Content-Location") != done || !bytes.Equal(again, doc) {
			t.Fatalf("stored backtest after restart: %d %s, want 200 %s", code, hdr.Get("Content-Location"), done)
		}
		// The killed server's heartbeat may still have been fresh when the
		// new one started; its sweep fails the run once the beat is stale.
		r := h2.wait(strings.TrimPrefix(loc, "/api/runs/"))
		if r.Status != string(store.Failed) || r.Error != store.InterruptedMsg {
			t.Fatalf("interrupted backtest: %s %q", r.Status, r.Error)
		}
		code, hdr, _ = h2.get(long)
		if code != http.StatusAccepted || hdr.Get("Location") == loc {
			t.Fatalf("rerun: %d %s, want a new run", code, hdr.Get("Location"))
		}
		h2.do("POST", hdr.Get("Location")+"/cancel", nil, true, nil)
	})
}

// The page shows what the run computed and asks for what the API takes:
// the refitted engine (on by default, the fully cross-validated score) has
// its section, the form carries refit, and "Run it again" keeps it, so a
// canceled refit=false run is not rerun as another computation.
func TestBacktestPageRefit(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.History = backtestCases(t); c.Workers = 1; c.MaxSamples = 2_000_000 })
	for _, c := range []struct {
		refit    string
		section  bool
		selected string
	}{
		{"true", true, `<option value="true" selected>`},
		{"false", false, `<option value="false" selected>`},
	} {
		q := "seed=7&samples=300&bins=4&refit=" + c.refit
		if code, _, b := h.getDone("/api/backtest?wait=20&" + q); code != 200 {
			t.Fatalf("refit=%s: %d %.300s", c.refit, code, b)
		}
		code, _, page := h.get("/backtest?" + q)
		if code != 200 || strings.Contains(string(page), "Engine refitted leave-dyad-out") != c.section || !strings.Contains(string(page), c.selected) {
			t.Errorf("refit=%s page: %d, refit section %v, want %v; form option %q", c.refit, code, !c.section, c.section, c.selected)
		}
	}
	code, hdr, b := h.get("/api/backtest?samples=2000000&refit=false&wait=0")
	if code != http.StatusAccepted {
		t.Fatalf("%d %s", code, b)
	}
	h.do("POST", hdr.Get("Location")+"/cancel", nil, true, nil)
	id := strings.TrimPrefix(hdr.Get("Location"), "/api/runs/")
	if code, _, page := h.get("/backtest?run=" + id); code != 200 || !strings.Contains(string(page), "refit=false\">Run it again") {
		t.Errorf("canceled refit=false page: %d, its rerun link drops refit", code)
	}
}

// The reliability diagram holds its axis labels: "100%" (4 characters of
// 10 px type, about 6 px each) centred at its x fits inside the width.
func TestCalibrationSVGLabelsFit(t *testing.T) {
	svg := CalibrationSVG([]contract.Bin{{Lo: 0.8, Hi: 1, Cases: 5, MeanForecast: 0.9, ObservedHeld: 0.8}})
	var width float64
	if _, err := fmt.Sscanf(svg[strings.Index(svg, `width="`):], `width="%g"`, &width); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(svg, ">100%</text>")
	if i < 0 {
		t.Fatal("no 100% label")
	}
	j := strings.LastIndex(svg[:i], `<text x="`)
	var x float64
	if _, err := fmt.Sscanf(svg[j:], `<text x="%g"`, &x); err != nil {
		t.Fatal(err)
	}
	if x+2*6 > width {
		t.Errorf("label 100%% centred at x=%g runs past the width %g", x, width)
	}
}

// A one-case history (the baselines are fitted on nothing): the API
// answers 200 with a document that has no NaN and names each empty
// baseline with its reason, and the page shows the notes.
func TestBacktestOneCaseNotes(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(historyDir, "armenia-azerbaijan-1994.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "one.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	h := newSQLite(t, func(c *Config) { c.History = dir; c.Workers = 1 })
	code, _, body := h.getDone("/api/backtest?seed=1&samples=300&refit=false&wait=20")
	if code != 200 {
		t.Fatalf("%d %.300s", code, body)
	}
	if bytes.Contains(body, []byte("NaN")) {
		t.Error("NaN in the document")
	}
	var d contract.Backtest
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Survival.Sets) == 0 || len(d.Validation.Sets) == 0 {
		t.Fatalf("sets: %d survival, %d file-horizon", len(d.Survival.Sets), len(d.Validation.Sets))
	}
	for _, ns := range [][]contract.BaselineNote{d.Survival.Sets[0].Notes, d.Validation.Sets[0].Notes} {
		if len(ns) != 2 || !strings.HasPrefix(ns[0].Note, "no data: every case of the set is of one dyad") {
			t.Errorf("notes %+v, want one per baseline saying it has no data", ns)
		}
	}
	code, _, page := h.get("/backtest?seed=1&samples=300&refit=false")
	if code != 200 || strings.Count(string(page), `class="note"`) != 4 {
		t.Errorf("page: %d, %d notes, want 4", code, strings.Count(string(page), `class="note"`))
	}
}
