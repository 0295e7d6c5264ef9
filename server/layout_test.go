package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
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

// TestKeyboardOnly reaches a validation error and its place in the text
// with the keyboard alone: Tab first lands on "Skip to content", Tab
// presses reach the error's "line L:C" link, and Enter puts the caret on
// that line of the editor.
func TestKeyboardOnly(t *testing.T) {
	bin, err := pdf.Browser()
	if err != nil {
		t.Skip(err.Error() + "; .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	bad := strings.Replace(example(t, "08-us-tripwire-7000.yaml"), "type: tripwire", "type: tripwires", 1)
	sc := h.create("typo", bad)
	if sc.ScenarioValidation.Valid || sc.ScenarioValidation.Errors[0].Line == 0 {
		t.Fatalf("the typo is not an error at a line: %+v", sc.ScenarioValidation)
	}
	line := sc.ScenarioValidation.Errors[0].Line
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, append(pdf.Options(bin), chromedp.WindowSize(1280, 900))...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate(h.ts.URL+"/scenarios/"+sc.Scenario.ID), chromedp.WaitReady("a.goto"), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focused := func() string {
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](`(document.activeElement.className || "") + "|" + document.activeElement.textContent.trim().slice(0, 40)`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := focused(); !strings.HasPrefix(got, "skip|Skip to content") {
		t.Errorf("first Tab focuses %q, want the skip link", got)
	}
	reached := false
	for i := 0; i < 80 && !reached; i++ {
		if err := chromedp.Do(bctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		reached = strings.HasPrefix(focused(), "goto|line ")
	}
	if !reached {
		t.Fatal("80 Tab presses never reached the error's line link")
	}
	// One Enter as a keyboard sends it: keyDown carrying the text "\r"
	// (the browser makes the keypress and the text input from it), then
	// keyUp. (chromedp.KeyEvent adds a separate "char" event, which no
	// physical key press sends: it typed a newline into the editor that the
	// link had just focused, a fault of the simulation, not of the page.)
	enter := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			ev := input.DispatchKeyEventParams{Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
			if typ == input.DispatchKeyEventTypeKeyDown {
				ev.Text, ev.UnmodifiedText = "\r", "\r"
			}
			if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err := chromedp.Do(bctx, enter); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.activeElement.id === "yaml" ? document.activeElement.value.slice(0, document.activeElement.selectionStart).split("\n").length : -1`))
	if err != nil || got != line {
		t.Errorf("after Enter on the link the caret is on line %d (-1: the editor lost focus), want %d (%v)", got, line, err)
	}
	// The key did not type into the scenario.
	text, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.getElementById("yaml").value`))
	if err != nil || text != bad {
		i := 0
		for i < len(text) && i < len(bad) && text[i] == bad[i] {
			i++
		}
		t.Errorf("Enter on the link changed the editor's text at byte %d of %d (%d before): %q (%v)", i, len(text), len(bad), text[max(0, i-20):min(len(text), i+20)], err)
	}
}

// breakable escapes everything and adds break points after dots and
// underscores only (the ids in a path come from the user's scenario).
func TestBreakable(t *testing.T) {
	if got, want := string(breakable(`guarantors.<b>"x"_y.z`)), `guarantors.<wbr>&lt;b&gt;&#34;x&#34;_<wbr>y.<wbr>z`; got != want {
		t.Errorf("breakable: %s, want %s", got, want)
	}
	if got := scalable(`<svg xmlns="http://www.w3.org/2000/svg" width="740" height="232" role="img">`); !strings.HasPrefix(got, `<svg viewBox="0 0 740 232" xmlns=`) {
		t.Errorf("scalable: %s", got)
	}
	if in := `<svg width="10" height="5" viewBox="0 0 20 10">`; scalable(in) != in {
		t.Errorf("scalable changed an SVG that has a viewBox")
	}
}
