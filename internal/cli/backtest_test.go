package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --format html writes a self-contained page with a reliability diagram;
// --svg writes the all-cases diagram alone.
func TestBacktestHTMLAndSVG(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "reliability.svg")
	out, errs, code := runData(t, "backtest", historyDir, "--samples", "300", "--format", "html", "--svg", svg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<svg", "reliability diagram: all cases", "engine − base rate (leave-dyad-out)", "Berlin (test)"} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	b, err := os.ReadFile(svg)
	if err != nil || !strings.HasPrefix(string(b), "<svg") || strings.Contains(string(b), "script") {
		t.Errorf("svg file: %v %.80s", err, b)
	}
}

// Bad requests are refused with usage errors, and --huth says what it
// needs when this build cannot run it.
func TestBacktestRefuses(t *testing.T) {
	for _, args := range [][]string{
		{"backtest"},
		{"backtest", historyDir, "--format", "csv"},
		{"backtest", historyDir, "--bins", "0"},
		{"backtest", historyDir, "--resamples", "-1"},
	} {
		if _, _, code := runData(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// --horizon scores every case at a fixed number of years: the outcome is
// the one then (Budapest, failed after 19.2 years, held at 5 and failed at
// 20), and a case without years held is left out.
func TestBacktestHorizon(t *testing.T) {
	dir := t.TempDir()
	for file, years := range map[string]string{"berlin.yaml": "", "budapest.yaml": "19.2"} {
		b, err := os.ReadFile(filepath.Join(historyDir, file))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if years != "" {
			text = strings.Replace(text, "  deterrence: failed\n", "  deterrence: failed\n  years_held: "+years+"\n", 1)
		}
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for years, want := range map[string]string{"5": `"outcome": "held"`, "20": `"outcome": "failed"`} {
		out, errs, code := runData(t, "backtest", dir, "--samples", "200", "--horizon", years, "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if !strings.Contains(out, want) || strings.Count(out, `"name": "Budapest (test)"`) != 1 || strings.Contains(out, "Berlin") ||
			!strings.Contains(out, `"unknown_at_horizon": 1`) {
			t.Errorf("--horizon %s:\n%s", years, out)
		}
	}
	if _, _, code := runData(t, "backtest", historyDir, "--horizon", "5"); code != 2 {
		t.Errorf("no case known at the horizon: exit %d, want 2", code)
	}
	if _, _, code := runData(t, "backtest", historyDir, "--horizon", "-1"); code != 2 {
		t.Errorf("negative horizon: exit %d, want 2", code)
	}
}
