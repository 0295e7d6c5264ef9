package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestModelSolveUDGAcceptance is the acceptance command.
func TestModelSolveUDGAcceptance(t *testing.T) {
	code, out, errs := run("model", "solve", "udg", "cDC=1", "cSQ=0.5", "cDD+=0.3", "cCD=0", "cDD-=-0.5",
		"dSQ=1", "dCD=0.8", "dDC=0.2", "dDD+=0.4", "dDD-=-0.4", "pCh=0.5", "pDef=0.6", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		SchemaVersion string `json:"schema_version"`
		Solution      struct {
			Model      string `json:"model"`
			Equilibria []struct {
				Region           string                `json:"region"`
				Refinement       string                `json:"refinement"`
				PassesRefinement bool                  `json:"passes_refinement"`
				Outcomes         map[string]float64    `json:"outcomes"`
				PWar             float64               `json:"p_war"`
				Check            struct{ Passed bool } `json:"check"`
			} `json:"equilibria"`
		} `json:"solution"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.SchemaVersion != "1" {
		t.Fatalf("%v\n%s", err, out)
	}
	sol := doc.Solution
	e := sol.Equilibria[0]
	if sol.Model != "udg" || e.Region != "Separating" || !e.PassesRefinement || !e.Check.Passed ||
		e.Outcomes["SQ"] != 0.5 || e.Outcomes["DC"] != 0.2 || e.Outcomes["DD"] != 0.3 || e.Outcomes["CD"] != 0 {
		t.Fatalf("unexpected: %+v", sol)
	}
}

func TestModelSolveErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"model", "solve", "udg", "cDC=1"}, "missing parameter cSQ"},
		{[]string{"model", "solve", "nope"}, "unknown model"},
		{[]string{"model", "solve", "radg", "aDD=0", "aSQ=0.5", "aDC=1", "bDD-=0", "bDC=0.3", "bDD+=0.6", "bSQ=1", "pB=0.3", "zz=1"}, "unknown parameter zz"},
		{[]string{"model", "solve", "radg", "aDD=0", "aSQ=1.5", "aDC=1", "bDD-=0", "bDC=0.3", "bDD+=0.6", "bSQ=1", "pB=0.3"}, "ordering aSQ < aDC violated"},
		{[]string{"model", "solve", "radg", "aDD=x"}, "not a finite number"},
		{[]string{"model", "solve", "brink", "p=0.5", "--format", "yaml"}, "--format"},
	}
	for _, tc := range cases {
		code, _, errs := run(tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

func TestModelListAndText(t *testing.T) {
	code, out, _ := run("model", "list")
	for _, name := range []string{"radg", "udg", "aeg", "rtcg", "tsg", "brink", "cDD+", "kappa", "orderings:"} {
		if code != 0 || !strings.Contains(out, name) {
			t.Fatalf("list lacks %q:\n%s", name, out)
		}
	}
	code, out, _ = run("model", "list", "--format", "json")
	var list []struct {
		Name   string `json:"name"`
		Params []struct {
			Name string `json:"name"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) != 6 || list[1].Name != "udg" || list[1].Params[2].Name != "cDD+" {
		t.Fatalf("list json: %v %s", err, out)
	}
	code, out, errs := run("model", "solve", "brink", "p=0.5", "G=1", "L_s=4", "W=1", "Y=1", "L=11")
	if code != 0 || !strings.Contains(out, "q_e=0.2 q_a=0.2 feasible=true") {
		t.Fatalf("exit %d %s\n%s", code, errs, out)
	}
}
