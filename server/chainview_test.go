package server

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/deter"
)

// escaped is s as html/template writes it in text.
func escaped(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "+", "&#43;")
}

// The run page of a default-engine run shows how the engine got there:
// the responding sets, and after a war the post-war stage (why there is no
// crisis game, x, the hazard ratios, η with its inputs, S at 1, 5 and 10
// years) instead of "no game to play", which was false for every
// structural run. A UDG run still draws its game tree.
func TestRunPageShowsTheChain(t *testing.T) {
	h := newSQLite(t, nil)
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	postwar := h.create("tripwire", example(t, "06-european-tripwire-12000.yaml"))
	immediate := h.create("immediate", `name: immediate
challenger: RUS
protege: EST
horizon: 10
period: {start: 2026-01-01}
option:
  name: pact and tripwire
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: defense_pact}
        - {type: tripwire, troops: 5000}
`)
	general := h.create("general", `name: general
challenger: RUS
protege: POL
challenge: {stage: general, source: test}
horizon: 10
period: {start: 2010-01-01}
option:
  name: pact in peacetime
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: defense_pact}
`)
	udg := h.create("udg", strings.Replace(`name: udg
challenger: RUS
protege: EST
horizon: 10
period: {start: 2026-01-01}
option:
  name: pact under udg
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: defense_pact}
model: {engine: udg}
`, "\t", "  ", -1))
	page := func(sc savedResp) string {
		t.Helper()
		var run RunOut
		if code, b := h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 1000, "seed": 1}, true, &run); code != http.StatusAccepted {
			t.Fatalf("run: %d %s", code, b)
		}
		if run = h.wait(run.ID); run.Status != "done" {
			t.Fatalf("run %+v", run)
		}
		code, _, b := h.get("/runs/" + run.ID)
		if code != 200 {
			t.Fatalf("page: %d", code)
		}
		return string(b)
	}
	p := page(postwar)
	for _, want := range []string{"There is no crisis game after a war", "index x = ln C̄ − ln Π", "dyad covariates η",
		"<code>challenge.rivalry</code> = 1", "<code>challenge.earlier_wars</code> = 0", "P(deterrence) = S<sub>C→P</sub>(1)·S<sub>P→C</sub>(1) =", "The other direction: the protégé renews the war (P→C)", "the protégé renews (P→C)",
		"P(no war by 1y)", "P(no war by 5y)", "P(no war by 10y)", "{uk,france}"} {
		if !strings.Contains(p, want) {
			t.Errorf("post-war page lacks %q", want)
		}
	}
	if strings.Contains(p, "no game to play") {
		t.Error("post-war page says there is no game to play")
	}
	// Each stage's page gives its own equation (assess.Eq*), and the
	// post-war slope is the fitted post-war slope, not A1.
	if !strings.Contains(p, escaped(assess.EqPostWar)) || !strings.Contains(p, "z = slope·(x − x<sub>ref</sub>)") || strings.Contains(p, "A1 = ") {
		t.Error("post-war page: no post-war equation, or the index slope called A1")
	}
	p = page(immediate)
	index := "deterrence index DI ="
	if deter.Default().Aggregation == deter.AggInformed {
		// The informed challenger: each set's P(SQ | S) and their average.
		index = "P(deterrence) = Σ<sub>S</sub> P(S)·P(SQ | S) ="
		if !strings.Contains(p, "<th scope=\"col\">P(SQ | S)</th>") {
			t.Error("immediate-stage page under the informed form: no P(SQ | S) column")
		}
	}
	if !strings.Contains(p, index) || !strings.Contains(p, "{us}") || strings.Contains(p, "no game to play") ||
		strings.Contains(p, "There is no crisis game") {
		t.Error("immediate-stage page: no chain, or a post-war or no-game sentence")
	}
	eq := assess.EqIndex
	if deter.Default().Aggregation == deter.AggInformed {
		eq = assess.EqInformed
	}
	if !strings.Contains(p, escaped(eq)) {
		t.Errorf("immediate-stage page lacks its equation %q", eq)
	}
	p = page(general)
	if !strings.Contains(p, escaped(assess.EqGeneralFitted)) || !strings.Contains(p, "P(deterrence per year) = L(DI) =") {
		t.Error("general-stage page: no per-year equation")
	}
	p = page(udg)
	if !strings.Contains(p, "The deterrence game at the medians") || strings.Contains(p, "How the engine got there") {
		t.Error("UDG page: no game tree, or the structural chain")
	}
}
