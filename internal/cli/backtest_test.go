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
