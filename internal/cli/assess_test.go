package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
)

const (
	optionsDir = "../../assess/testdata/options"
	historyDir = "../../assess/testdata/history"
)

func TestAssessTableAndFormats(t *testing.T) {
	out, errs, code := runData(t, "assess", optionsDir, "--samples", "2000", "--history", historyDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"assurance only", "pact and tripwire", "P(DETERRENCE) [90%]", "COMMITTED?", "drivers:",
		"analogues: ", "seed 1, 2000 draws per option; input hashes"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	js, _, code := runData(t, "assess", optionsDir, "--samples", "2000", "--format", "json", "--workers", "1")
	if code != 0 {
		t.Fatal("json run failed")
	}
	var doc contract.Assessment
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Options) != 2 || doc.Options[0].InputHash == "" ||
		doc.EngineVersion == "" || doc.SchemaVersion != contract.SchemaVersion || doc.Seed != 1 || doc.Samples != 2000 {
		t.Fatalf("json: %v %+v", err, doc)
	}
	// more goroutines, same numbers
	js2, _, _ := runData(t, "assess", optionsDir, "--samples", "2000", "--format", "json", "--workers", "3")
	if js != js2 {
		t.Error("json output differs between 1 and 3 workers")
	}
	for _, f := range []string{"csv", "markdown"} {
		if out, errs, code := runData(t, "assess", optionsDir, "--samples", "500", "--format", f); code != 0 || !strings.Contains(out, "pact and tripwire") {
			t.Errorf("%s: exit %d %s\n%s", f, code, errs, out)
		}
	}
}

func TestAssessReportIsSelfContained(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.html")
	if _, errs, code := runData(t, "assess", optionsDir, "--samples", "500", "--report", path, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, "<svg") || !strings.Contains(s, "judgment") || strings.Contains(s, "src=") {
		t.Error("report is not a self-contained page with charts and the assumptions table")
	}
}

func TestAssessBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nchallenger: RUS\nprotege: UKR\nhorizon: 10\noption:\n  name: o\n  guarantors:\n    - country: Atlantis\n"), 0o644)
	_, errs, code := runData(t, "assess", bad)
	if code != 2 || !strings.Contains(errs, "bad.yaml:8:") {
		t.Errorf("exit %d, stderr %q: want exit 2 and a file:line:col error", code, errs)
	}
	for _, args := range [][]string{{"assess", optionsDir, "--format", "xml"}, {"assess", optionsDir, "--samples", "3"}, {"assess", filepath.Join(dir, "none")}} {
		if _, _, code := runData(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestExplainChain(t *testing.T) {
	out, errs, code := runData(t, "explain", filepath.Join(optionsDir, "b-pact.yaml"), "--engine", "udg")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"1. Commitment", "Effective credibility", "Unilateral Deterrence Game", "D1 equilibrium", "6. Inputs and sources", "model.udg.base_rates.defense_pact"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q", want)
		}
	}
}

func TestBacktestScores(t *testing.T) {
	out, errs, code := runData(t, "backtest", historyDir, "--samples", "1000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Berlin (test)", "Budapest (test)", "2 cases", "base rate (leave-dyad-out)", "ex-ante logit (leave-dyad-out)", "always deterred", "95% BOOTSTRAP INTERVAL", "closed cases", "Calibration"} {
		if !strings.Contains(out, want) {
			t.Errorf("backtest lacks %q:\n%s", want, out)
		}
	}
}

// The exported game parses back as a two-player tree with the UDG's 16
// outcomes (4 type profiles × SQ, DC, CD, DD).
func TestGameExportRoundTrip(t *testing.T) {
	out, errs, code := runData(t, "game", "export", filepath.Join(optionsDir, "a-assurance.yaml"), "--format", "efg", "--engine", "udg")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	tr, err := gambit.ParseEFG([]byte(out), "export.efg")
	if err != nil {
		t.Fatalf("export does not parse: %v\n%s", err, out)
	}
	terminals := 0
	for n := range tr.NumNodes() {
		if tr.IsTerminal(game.NodeID(n)) {
			terminals++
		}
	}
	if tr.NumPlayers() != 2 || terminals != 16 {
		t.Fatalf("%d players, %d terminal nodes", tr.NumPlayers(), terminals)
	}
	if _, _, code := runData(t, "game", "export", filepath.Join(optionsDir, "a-assurance.yaml"), "--format", "nfg"); code != 2 {
		t.Error("--format nfg accepted")
	}
}

// The bad inputs of issue 9 fail at once with exit code 2 and a message
// naming the flag or the file.
func TestBoundedWork(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "deep.yaml")
	os.WriteFile(deep, []byte("name: "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"\n"), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"assess", optionsDir, "--samples", "1000000000000"}, "--samples must be at most 2000000"},
		{[]string{"assess", optionsDir, "--samples", "9223372036854775807"}, "--samples must be at most"},
		{[]string{"assess", optionsDir, "--samples", "0"}, "--samples must be at least 100"},
		{[]string{"assess", optionsDir, "--workers", "-2"}, "--workers must be between"},
		{[]string{"backtest", historyDir, "--bins", "1000000000"}, "--bins must be between 1 and 100"},
		{[]string{"backtest", historyDir, "--samples", "1000000000000"}, "--samples must be at most"},
		{[]string{"assess", deep}, "deep.yaml:1:71: flow collections"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases, struct {
			args []string
			want string
		}{[]string{"assess", "/dev/zero"}, "/dev/zero: cannot read file: not a regular file: a device"})
		for _, cmd := range [][]string{{"game", "solve"}, {"game", "info"}, {"game", "convert", "--to", "efg"}, {"game", "check", "--profile", "p.json"}} {
			cases = append(cases, struct {
				args []string
				want string
			}{append(cmd, "/dev/zero"), "/dev/zero: not a regular file: a device"})
		}
	}
	for _, c := range cases {
		_, errs, code := runData(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}
