package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var udgBluff = []string{"cDC=1", "cSQ=0.5", "cDD+=0.3", "cCD=0", "cDD-=-0.5", "dSQ=1", "dCD=0.8", "dDC=0.2", "dDD+=0.4", "dDD-=-0.4", "pCh=0.2", "pDef=0.3"}

// TestExportSolveCheck: the exported .efg, read back by the Gambit reader,
// accepts the model's own equilibria (primary and alternative) and rejects a
// perturbed one.
func TestExportSolveCheck(t *testing.T) {
	dir := t.TempDir()
	efg := filepath.Join(dir, "udg.efg")
	if code, _, errs := run(append(append([]string{"model", "export", "udg"}, udgBluff...), "-o", efg)...); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	for _, eq := range []string{"1", "2"} {
		prof := filepath.Join(dir, "p"+eq+".json")
		if code, _, errs := run(append(append([]string{"model", "solve", "udg"}, udgBluff...), "--profile-out", prof, "--eq", eq)...); code != 0 {
			t.Fatalf("solve: %d %s", code, errs)
		}
		code, out, errs := run("game", "check", efg, "--profile", prof)
		if code != 0 || !strings.Contains(out, "PBE: yes") {
			t.Fatalf("equilibrium %s rejected: %d %s %s", eq, code, out, errs)
		}
	}
	// The Soft Defender resisting for sure breaks the Soft Challenger's
	// indifference in the Bluff equilibrium.
	data, _ := os.ReadFile(filepath.Join(dir, "p1.json"))
	bad := strings.Replace(string(data), "[0.7142857142857142,0.28571428571428575]", "[0,1]", 1)
	if bad == string(data) {
		t.Fatalf("profile layout changed: %s", data)
	}
	badPath := filepath.Join(dir, "bad.json")
	os.WriteFile(badPath, []byte(bad), 0o644)
	code, out, errs := run("game", "check", efg, "--profile", badPath, "--format", "json")
	if code != 1 || !strings.Contains(out, `"passed": false`) || !strings.Contains(out, `"label": "Ch(Soft)",
      "kind": "sequential rationality"`) || !strings.Contains(errs, "not a PBE") {
		t.Fatalf("perturbed profile: %d %s %s", code, out, errs)
	}
}

func TestCheckExactAndErrors(t *testing.T) {
	dir := t.TempDir()
	efg := filepath.Join(dir, "radg.efg")
	args := []string{"model", "export", "radg", "aDD=0", "aSQ=0.5", "aDC=1", "bDD-=0", "bDC=0.3", "bDD+=0.6", "bSQ=1", "pB=0.3", "-o", efg}
	if code, _, errs := run(args...); code != 0 {
		t.Fatal(errs)
	}
	// Infosets: A; B(Hard); B(Soft). A's belief is fixed by Bayes' rule.
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"behavior": [[["0", "1"]], [["0", "1"], ["1", "0"]]]}`), 0o644)
	if code, out, errs := run("game", "check", efg, "--profile", good, "--exact"); code != 0 || !strings.Contains(out, "PBE: yes") {
		t.Fatalf("%d %s %s", code, out, errs)
	}
	wrongBelief := filepath.Join(dir, "wb.json")
	os.WriteFile(wrongBelief, []byte(`{"behavior": [[["0", "1"]], [["0", "1"], ["1", "0"]]], "beliefs": {"1:1": ["1/2", "1/2"]}}`), 0o644)
	code, out, _ := run("game", "check", efg, "--profile", wrongBelief, "--exact")
	if code != 1 || !strings.Contains(out, "Bayes consistency") || !strings.Contains(out, "exactly 1/5") {
		t.Fatalf("want an exact Bayes violation of 1/5: %d %s", code, out)
	}
	for _, tc := range []struct{ body, want string }{
		{`{"behavior": [[[0, 1]]]}`, "behavior: 1 players"},
		{`{"behavior": `, "profile"},
	} {
		p := filepath.Join(dir, "bad.json")
		os.WriteFile(p, []byte(tc.body), 0o644)
		if code, _, errs := run("game", "check", efg, "--profile", p); code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: %d %s", tc.body, code, errs)
		}
	}
	if code, _, errs := run("game", "check", efg); code != 2 || !strings.Contains(errs, "--profile") {
		t.Errorf("missing --profile: %d %s", code, errs)
	}
	if code, _, _ := run("game", "check", filepath.Join(dir, "nope.efg"), "--profile", good); code != 2 {
		t.Errorf("missing file: %d", code)
	}
}

// TestCheckSeltenHorse: in Selten's horse (Selten 1975) (C, c, R) with
// player 3 believing at least 2/3 in the left node is a sequential
// equilibrium; the Nash equilibrium (D, c, L) is not, because player 2
// would deviate to d (regret 3).
func TestCheckSeltenHorse(t *testing.T) {
	dir := t.TempDir()
	efg := filepath.Join(dir, "horse.efg")
	os.WriteFile(efg, []byte(`EFG 2 R "Selten's horse" { "1" "2" "3" }
""
p "" 1 1 "1" { "C" "D" } 0
p "" 2 1 "2" { "c" "d" } 0
t "" 1 "C c" { 1, 1, 1 }
p "" 3 1 "3" { "L" "R" } 0
t "" 2 "C d L" { 4, 4, 0 }
t "" 3 "C d R" { 0, 0, 1 }
p "" 3 1 "3" { "L" "R" } 0
t "" 4 "D L" { 3, 3, 2 }
t "" 5 "D R" { 0, 0, 0 }
`), 0o644)
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"behavior": [[[1, 0]], [[1, 0]], [[0, 1]]], "beliefs": {"3:1": ["2/3", "1/3"]}}`), 0o644)
	if code, out, errs := run("game", "check", efg, "--profile", good, "--exact"); code != 0 {
		t.Fatalf("(C, c, R) rejected: %s %s", out, errs)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"behavior": [[[0, 1]], [[1, 0]], [[1, 0]]]}`), 0o644)
	code, out, _ := run("game", "check", efg, "--profile", bad, "--exact")
	if code != 1 || !strings.Contains(out, "player 2 infoset 1") || !strings.Contains(out, "exactly 3") {
		t.Fatalf("(D, c, L) accepted or wrong verdict: %d %s", code, out)
	}
}
