package server

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/catalog"
)

func TestGameSolve(t *testing.T) {
	h := newSQLite(t, nil)
	pd, err := os.ReadFile("../testdata/games/prisoners_dilemma.nfg")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Output     string `json:"output"`
		Complete   bool   `json:"complete"`
		Equilibria []struct {
			Gambit string `json:"gambit"`
		} `json:"equilibria"`
	}
	code, b := h.do("POST", "/api/game/solve", map[string]any{"name": "pd.nfg", "content": string(pd), "method": "enumpure"}, true, &doc)
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	// The prisoner's dilemma has one equilibrium: both defect.
	if doc.Output != "game_solve" || !doc.Complete || len(doc.Equilibria) != 1 {
		t.Fatalf("%s", b)
	}
	for _, c := range []struct {
		body map[string]any
		loc  string
	}{
		{map[string]any{"content": "EFG 2 R \"broken", "method": "enumpure"}, "body.content"},
		{map[string]any{"content": string(pd), "method": "nosuch"}, "body.method"},
	} {
		code, b := h.do("POST", "/api/game/solve", c.body, true, nil)
		if code != 422 || !strings.Contains(string(b), `"location":"`+c.loc+`"`) {
			t.Errorf("%v: %d %s", c.body["method"], code, b)
		}
	}
	if code, _ := h.do("POST", "/api/game/solve", map[string]any{"content": string(pd)}, false, nil); code != 401 {
		t.Fatalf("game solve without a token: %d", code)
	}
}

// The API's model solve gives the same document as solving the model in
// the library directly.
func TestModelSolve(t *testing.T) {
	h := newSQLite(t, nil)
	e, err := catalog.Lookup("udg")
	if err != nil {
		t.Fatal(err)
	}
	vals, err := models.ParseAssignments(strings.Fields(e.Spec.Example))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Output string          `json:"output"`
		Result json.RawMessage `json:"result"`
	}
	code, b := h.do("POST", "/api/models/udg/solve", map[string]any{"params": vals}, false, &doc)
	if code != 200 || doc.Output != "model_solve" {
		t.Fatalf("%d %s", code, b)
	}
	inst, _ := e.Build(vals)
	sol, err := catalog.SolveChecked(inst)
	if err != nil {
		t.Fatal(err)
	}
	if len(sol.Equilibria) == 0 || !strings.Contains(string(b), sol.Equilibria[0].Region) {
		t.Fatalf("primary region %q missing from %s", sol.Equilibria[0].Region, b)
	}
	if code, b := h.do("POST", "/api/models/udg/solve", map[string]any{"params": map[string]float64{"pCh": 2}}, false, nil); code != 422 {
		t.Fatalf("bad params: %d %s", code, b)
	}
	if code, _ := h.do("POST", "/api/models/nosuch/solve", map[string]any{"params": map[string]float64{}}, false, nil); code != 404 {
		t.Fatalf("unknown model: %d", code)
	}
}

func TestBacktest(t *testing.T) {
	h := newSQLite(t, func(c *Config) { c.History = "../examples/history" })
	var doc struct {
		Output string `json:"output"`
		Cases  []struct {
			Forecast float64 `json:"forecast"`
		} `json:"cases"`
		Calibration []struct {
			Cases int `json:"cases"`
		} `json:"calibration"`
	}
	code, _, b := h.getDone("/api/backtest?samples=200&bins=4")
	if code == 200 {
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%v in %.300s", err, b)
		}
	}
	if code != 200 || doc.Output != "backtest" || len(doc.Cases) < 5 || len(doc.Calibration) != 4 {
		t.Fatalf("%d %.300s", code, b)
	}
	n := 0
	for _, c := range doc.Calibration {
		n += c.Cases
	}
	if n != len(doc.Cases) {
		t.Fatalf("calibration bins hold %d cases of %d", n, len(doc.Cases))
	}
	if code, page := h.do("GET", "/backtest?samples=200&bins=4", nil, false, nil); code != 200 || !strings.Contains(string(page), "<circle") ||
		!strings.Contains(string(page), "Survival scores") || !strings.Contains(string(page), "Kaplan-Meier (leave-dyad-out)") {
		t.Fatalf("backtest page: %d", code)
	}
	none := newSQLite(t, nil)
	if code, _ := none.do("GET", "/api/backtest", nil, false, nil); code != 501 {
		t.Fatalf("no history: %d", code)
	}
}

func TestDataShow(t *testing.T) {
	h := newSQLite(t, nil)
	var doc struct {
		Output string `json:"output"`
		Total  int    `json:"total"`
		Result []map[string]any
	}
	code, b := h.do("GET", "/api/data/cow_nmc?where=ccode=365&years=2014", nil, false, &doc)
	if code != 200 || doc.Output != "data" || doc.Total != 1 || len(doc.Result) != 1 {
		t.Fatalf("%d %.400s", code, b)
	}
	if r := doc.Result[0]; r["ccode"] != 365.0 || r["year"] != 2014.0 {
		t.Fatalf("row %v", r)
	}
	for _, c := range []struct{ path, loc string }{
		{"/api/data/cow_nmc?where=nosuchcol=1", "query.where"},
		{"/api/data/cow_nmc?years=abc", "query.years"},
		{"/api/data/..%2fetc", "path.table"},
	} {
		code, b := h.do("GET", c.path, nil, false, nil)
		if code < 400 || code >= 500 || !strings.Contains(string(b), c.loc) {
			t.Errorf("%s: %d %s", c.path, code, b)
		}
	}
	if code, page := h.do("GET", "/data/cow_nmc?where=ccode%3D365&years=2014", nil, false, nil); code != 200 || !strings.Contains(string(page), "<td>2014</td>") {
		t.Fatalf("data page: %d", code)
	}
}
