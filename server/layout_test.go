package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/guarantor/guarantor/server/pdf"
)

// longNames is option 07 with the names a reviewer would try: an option
// name of two hundred characters and guarantor ids of forty and more,
// which appear unbroken in the flags, the assumptions and the chain.
func longNames(t *testing.T) string {
	s := example(t, "07-european-tripwire-us-backstop.yaml")
	for _, r := range [][2]string{
		{"name: European tripwire (12,000) + US backstop (air, intelligence)", "name: Coalition of the willing — European multinational tripwire brigade (12,000 troops, rotational) backed by a United States air, intelligence and logistics backstop with an extra-long descriptive suffix"},
		{"id: uk", "id: united_kingdom_expeditionary_force_contingent"},
		{"id: france", "id: french_republic_forward_presence_battlegroup"},
		{"id: us", "id: united_states_air_and_intelligence_backstop"},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("option 07 no longer has %q", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	return s
}

// TestNarrowLayout opens the pages of a run with long names in chromium at
// a phone's width (390 px) and a laptop's (1280 px): the page itself never
// scrolls sideways (wide tables scroll inside their own box), the
// durability chart fits its box, and every SVG chart scales (it has a
// viewBox; the drivers chart had none and was cut to its labels on a
// phone).
func TestNarrowLayout(t *testing.T) {
	bin, err := pdf.Browser()
	if err != nil {
		t.Skip(err.Error() + "; .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	h.create("06-european-tripwire-12000", example(t, "06-european-tripwire-12000.yaml"))
	sc := h.create("long-names", longNames(t))
	other := h.create("us-tripwire", example(t, "08-us-tripwire-7000.yaml"))
	var a, b RunOut
	for _, r := range []struct {
		id  string
		out *RunOut
	}{{sc.Scenario.ID, &a}, {other.Scenario.ID, &b}} {
		if code, body := h.do("POST", "/api/runs", map[string]any{"scenario_id": r.id, "samples": 500}, true, r.out); code >= 300 {
			t.Fatalf("run: %d %s", code, body)
		}
	}
	h.wait(a.ID)
	h.wait(b.ID)
	pages := []string{"/", "/runs/" + a.ID, "/compare?run=" + a.ID + "&run=" + b.ID, "/scenarios/" + sc.Scenario.ID, "/runs", "/scenarios", "/data", "/data/cow_nmc", "/docs", "/backtest"}
	for _, width := range []int{390, 1280} {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		actx, acancel := chromedp.NewExecAllocator(ctx, append(pdf.Options(bin), chromedp.WindowSize(width, 900))...)
		bctx, bcancel := chromedp.NewContext(actx)
		for _, p := range pages {
			err := chromedp.Do(bctx,
				chromedp.EmulateViewport(int64(width), 900),
				chromedp.Navigate(h.ts.URL+p),
				chromedp.WaitReady("footer"),
				chromedp.Sleep(200*time.Millisecond), // uPlot draws after load
			)
			if err != nil {
				t.Fatalf("%d px %s: %v", width, p, err)
			}
			overflow, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
			if err != nil {
				t.Fatalf("%d px %s: %v", width, p, err)
			}
			charts, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".uplot-host")).filter(h => h.querySelector(".uplot") && h.querySelector(".uplot").getBoundingClientRect().width > h.clientWidth + 1).map(h => "durability chart " + h.querySelector(".uplot").getBoundingClientRect().width + " px in a box of " + h.clientWidth)
					.concat(Array.from(document.querySelectorAll(".chart svg")).filter(s => !s.getAttribute("viewBox")).map(s => "an SVG chart without viewBox: " + s.getAttribute("aria-label")))`))
			if err != nil {
				t.Fatalf("%d px %s: %v", width, p, err)
			}
			if overflow > 0 {
				t.Errorf("%d px %s: the page scrolls sideways by %d px", width, p, overflow)
			}
			for _, c := range charts {
				t.Errorf("%d px %s: %s", width, p, c)
			}
		}
		if width == 390 {
			// The chart follows its box when the window narrows (a phone
			// turned): drawn at 1280 px, then the window is 390 px wide.
			err := chromedp.Do(bctx,
				chromedp.EmulateViewport(1280, 900),
				chromedp.Navigate(h.ts.URL+"/runs/"+a.ID),
				chromedp.WaitReady("footer"),
				chromedp.Sleep(200*time.Millisecond),
				chromedp.EmulateViewport(390, 900),
				chromedp.Sleep(300*time.Millisecond),
			)
			if err != nil {
				t.Fatal(err)
			}
			fits, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`Array.from(document.querySelectorAll(".uplot-host")).every(h => h.querySelector(".uplot") && h.querySelector("canvas").getBoundingClientRect().width <= h.clientWidth + 1)`))
			if err != nil || !fits {
				t.Errorf("after narrowing the window the durability chart is wider than its box (%v)", err)
			}
		}
		bcancel()
		acancel()
		cancel()
	}
}
