package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/deter"
)

// Every view prints the equation P(deterrence) was computed with at the
// file's stage and form: explain's text (which wrote "P(deterrence holds) =
// L(DI)" for a per-year general-stage figure) and JSON, the exported game's
// comment, and the CSV's stage column (which had none, so a mixed table read
// as one measure). The web chain view: server's TestRunPageShowsTheChain.
func TestEveryViewGivesTheStagesEquation(t *testing.T) {
	immediate := assess.EqIndex
	if deter.Default().Aggregation == deter.AggInformed {
		immediate = assess.EqInformed
	}
	for _, c := range []struct{ file, stage, eq, line string }{
		{"../../testdata/heldout/08-minimal.yaml", "immediate", immediate, "P(deterrence holds) = "},
		{"../../testdata/heldout/06-general-alliance-poland-2010.yaml", "general", assess.EqGeneralFitted, "P(deterrence holds per year) = L(DI) = "},
		{"../../testdata/heldout/23-postwar-commission-dmz-ends-eritrea-2000.yaml", "postwar", assess.EqPostWar, "P(deterrence) = S_C→P(1)·S_P→C(1) = "},
		{"../../testdata/heldout/22-json-udg-engine-taiwan-1958.json", "udg", "", "P(deterrence holds) "},
	} {
		out, errs, code := runData(t, "explain", c.file)
		if code != 0 {
			t.Fatalf("%s: explain exit %d: %s", c.file, code, errs)
		}
		if c.eq != "" && !strings.Contains(out, "Stage "+c.stage+": "+c.eq+"\n") {
			t.Errorf("%s: explain's text lacks the %s equation %q", c.file, c.stage, c.eq)
		}
		if !strings.Contains(out, c.line) || c.stage == "general" && strings.Contains(out, "P(deterrence holds) = L(DI)") {
			t.Errorf("%s: explain's text lacks %q, or calls a per-year figure P(deterrence holds)", c.file, c.line)
		}
		out, errs, code = runData(t, "explain", "--format", "json", c.file)
		if code != 0 {
			t.Fatalf("%s: explain json exit %d: %s", c.file, code, errs)
		}
		var e struct {
			Structural *struct {
				Equation string `json:"equation"`
			} `json:"structural"`
		}
		if err := json.Unmarshal([]byte(out), &e); err != nil {
			t.Fatal(err)
		}
		if c.eq != "" && (e.Structural == nil || e.Structural.Equation != c.eq) {
			t.Errorf("%s: explain's JSON equation %+v, want %q", c.file, e.Structural, c.eq)
		}
		if c.eq != "" {
			out, errs, code = runData(t, "game", "export", c.file)
			if code != 0 {
				t.Fatalf("%s: export exit %d: %s", c.file, code, errs)
			}
			if !strings.Contains(strings.SplitN(out, "\n", 3)[1], c.eq) {
				t.Errorf("%s: the exported game's comment lacks the equation %q", c.file, c.eq)
			}
		}
		out, errs, code = runData(t, "assess", "--samples", "200", "--format", "csv", c.file)
		if code != 0 {
			t.Fatalf("%s: assess exit %d: %s", c.file, code, errs)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) < 2 || rows[0][len(rows[0])-1] != "stage" {
			t.Fatalf("%s: csv %v, %v", c.file, rows, err)
		}
		for _, r := range rows[1:] {
			if r[len(r)-1] != c.stage {
				t.Fatalf("%s: a row's stage %q, want %q: %v", c.file, r[len(r)-1], c.stage, r)
			}
		}
	}
}
