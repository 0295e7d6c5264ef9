package server

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/guarantor/guarantor/server/pdf"
)

// TestBrowser drives Debian's chromium (headless) through the web UI:
// sign in, create a scenario, see a live validation error at the right
// line, fix it, save, run it and watch the progress, see the charts,
// compare two options and download the PDF report.
func TestBrowser(t *testing.T) {
	bin, err := pdf.Browser()
	if err != nil {
		t.Skip(err.Error() + "; .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	h := newSQLite(t, func(c *Config) {
		c.PDF, c.PNG = pdf.Render, pdf.PNG
		c.MaxSamples = 2_000_000
		c.Workers = 1
		c.History = historyDir
	})
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	other := h.create("no-guarantee", example(t, "01-no-guarantee.yaml"))
	var otherRun RunOut
	h.do("POST", "/api/runs", map[string]any{"scenario_id": other.Scenario.ID, "samples": 2000}, true, &otherRun)
	h.wait(otherRun.ID)

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, append(pdf.Options(bin), chromedp.WindowSize(1280, 900))...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		step("text of "+sel, err)
		return s
	}
	// until polls a predicate across page loads (a poll inside the page
	// dies with the page).
	// Not a timing test: a backtest refits every coefficient per dyad and
	// takes minutes on a loaded CI machine, so the wait is generous.
	until := func(name, expr string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Minute)
		for {
			ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](expr))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s still false (%v)", name, expr, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// Sign in with the one-time link, then create a scenario from the form.
	good := example(t, "06-european-tripwire-12000.yaml")
	step("sign in and open scenarios", chromedp.Do(bctx,
		chromedp.Navigate(h.ts.URL+"/login?token="+h.secret),
		chromedp.Navigate(h.ts.URL+"/scenarios"),
		chromedp.WaitVisible(chromedp.ID("name")),
	))
	// The common-fields form writes a valid text for each instrument.
	for _, inst := range []string{"tripwire", "defense_pact", "advisers"} {
		step("quick form "+inst, chromedp.Do(bctx, chromedp.SetValue(chromedp.ID("q-instrument"), inst),
			chromedp.SetValue(chromedp.ID("q-option"), `Option "quoted": <b>`+inst+`</b>`),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("validation").innerHTML = ""`),
			chromedp.Click(chromedp.ID("q-fill"))))
		until("quick form "+inst, `!!document.querySelector("#validation .ok, #validation .errs")`)
		if got := text("#validation"); !strings.Contains(got, "Valid") {
			t.Fatalf("quick form with %s: %q", inst, got)
		}
	}
	step("create", chromedp.Do(bctx,
		chromedp.SetValue(chromedp.ID("name"), "tripwire"),
		chromedp.SetValue(chromedp.ID("yaml"), good),
		chromedp.Submit(chromedp.ID("name")),
		chromedp.WaitVisible(chromedp.ID("validation")),
	))
	if got := text("#validation"); !strings.Contains(got, "Valid") {
		t.Fatalf("new scenario: %q", got)
	}
	// Break a field: the error appears as you type, at the right line.
	broken := strings.Replace(good, "type: tripwire", "type: tripwirez", 1)
	line := 1 + strings.Count(broken[:strings.Index(broken, "tripwirez")], "\n")
	typeIn := func(v string) error {
		return chromedp.Do(bctx, chromedp.SetValue(chromedp.ID("yaml"), v),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("yaml").dispatchEvent(new Event("input", {bubbles: true}))`))
	}
	step("type an error", typeIn(broken))
	step("see the error", chromedp.Do(bctx, chromedp.WaitVisible(chromedp.CSS("#validation .errs"))))
	if got := text("#validation"); !strings.Contains(got, "line "+itoa(line)+":") {
		t.Fatalf("validation %q, want line %d", got, line)
	}
	step("fix it", typeIn(good))
	step("see it valid", chromedp.Do(bctx, chromedp.WaitVisible(chromedp.CSS("#validation .ok"))))
	// Save (version 2), then run with enough draws to watch progress.
	step("save", chromedp.Do(bctx, chromedp.Click(chromedp.CSS("#editor button[type=submit]"))))
	until("save", `document.querySelector("h1").textContent.includes("version 2 of 2")`)
	step("run", chromedp.Do(bctx,
		chromedp.SetValue(chromedp.ID("samples"), "1000000"),
		chromedp.Click(chromedp.CSS(`button[form=runform]`)),
	))
	until("run page", `location.pathname.startsWith("/runs/")`)
	// Progress shows while it runs (the page may already be done on a fast machine).
	st, err := chromedp.Run(bctx, chromedp.Evaluate[string](`(document.getElementById("status") || {textContent: "done"}).textContent`))
	step("status", err)
	t.Logf("run page first showed status %q", st)
	// The progress page turns into the run page when the run ends.
	until("results", `!!document.querySelector("table.options")`)
	step("chart drawn", chromedp.Do(bctx, chromedp.WaitVisible(chromedp.CSS(".uplot canvas"))))
	if got := text("table.options tbody"); !strings.Contains(got, "European tripwire") || !strings.Contains(got, "%") {
		t.Fatalf("run page: %q", got)
	}
	runURL, err := chromedp.Run(bctx, chromedp.Location())
	step("location", err)
	runID := runURL[strings.LastIndex(runURL, "/")+1:]
	// Download the PDF report through the browser.
	head, err := chromedp.Run(bctx, chromedp.Evaluate[string](
		`fetch(document.getElementById("pdf").href).then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b).slice(0, 5)))`,
		chromedp.EvalAwaitPromise))
	step("pdf", err)
	if head != "%PDF-" {
		t.Fatalf("PDF starts %q", head)
	}
	// And a chart as PNG.
	head, err = chromedp.Run(bctx, chromedp.Evaluate[string](
		`fetch(location.pathname.replace("/runs/", "/api/runs/") + "/charts/durability").then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b).slice(1, 4)))`,
		chromedp.EvalAwaitPromise))
	step("png", err)
	if head != "PNG" {
		t.Fatalf("PNG chart starts %q", head)
	}
	// Compare the two options side by side.
	step("compare", chromedp.Do(bctx, chromedp.Navigate(h.ts.URL+"/compare?run="+runID+"&run="+otherRun.ID),
		chromedp.WaitVisible(chromedp.CSS(".uplot canvas"))))
	rows, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("table.options tbody tr").length`))
	step("rows", err)
	if rows != 2 {
		t.Fatalf("compare shows %d options", rows)
	}
	// The backtest page queues the backtest, shows its progress, then its
	// result when the run ends.
	step("backtest", chromedp.Do(bctx, chromedp.Navigate(h.ts.URL+"/backtest?samples=3000&bins=4")))
	until("backtest run page", `location.search.includes("run=")`)
	st, err = chromedp.Run(bctx, chromedp.Evaluate[string](`(document.getElementById("status") || {textContent: "done"}).textContent`))
	step("backtest status", err)
	t.Logf("backtest page first showed status %q", st)
	until("backtest result", `!!document.querySelector(".chart circle")`)
	if got := text("main"); !strings.Contains(got, "Survival scores") {
		t.Fatalf("backtest page: %.300q", got)
	}
	if out := os.Getenv("GUARANTOR_SCREENSHOT"); out != "" {
		step("dashboard", chromedp.Do(bctx, chromedp.Navigate(h.ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".uplot canvas"))))
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		step("screenshot", err)
		os.WriteFile(out, png, 0o644)
	}
}
