package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tripwireEU = "../../examples/ukraine-2025/06-european-tripwire-12000.yaml"

func TestSweepLocalResumeAndFormats(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "study")
	args := []string{"sweep", tripwireEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=1000:9000:4000i",
		"--vary", "option.guarantors[id=france].instruments[0].troops=2000,8000", "--samples", "200", "--out", dir, "-q"}
	out, errs, code := runData(t, append(args, "--workers", "1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "6 points (grid design)") || !strings.Contains(out, "X1 = option.guarantors[id=uk]") {
		t.Errorf("summary:\n%s", out)
	}
	first, err := os.ReadFile(filepath.Join(dir, "results.csv"))
	if err != nil || strings.Count(string(first), "\n") != 7 {
		t.Fatalf("results.csv: %v\n%s", err, first)
	}
	// Same command again: every shard is already stored; same file.
	csv, _, code := runData(t, append(args, "--format", "csv", "--workers", "3")...)
	if code != 0 || csv != string(first) {
		t.Errorf("rerun: exit %d, csv differs:\n%s\nvs\n%s", code, csv, first)
	}
	js, _, code := runData(t, append(args, "--format", "json")...)
	if code != 0 || !strings.Contains(js, `"output": "sweep"`) || !strings.Contains(js, `"schema_version": "1"`) || strings.Count(js, `"p_deterrence":`) != 6 {
		t.Errorf("json: exit %d\n%s", code, js)
	}
	// Another study in the same directory is refused.
	if _, errs, code := runData(t, append(args, "--samples", "300")...); code != 2 || !strings.Contains(errs, "another study") {
		t.Errorf("other study: exit %d: %s", code, errs)
	}
}

func TestSweepAndWorkerBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"sweep", tripwireEU},
		{"sweep", tripwireEU, "--vary", "x"},
		{"sweep", tripwireEU, "--vary", "option.nope=1:2"},
		{"sweep", tripwireEU, "--vary", "option.guarantors[0].instruments[0].troops=1:2", "--design", "box"},
		{"sweep", tripwireEU, "--vary", "option.guarantors[0].instruments[0].troops=1:2", "--format", "xml"},
		{"worker"},
		{"worker", "--nats", "nats://127.0.0.1:1"},
	} {
		if _, errs, code := runData(t, args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d (%s), want 2 with a message", args, code, errs)
		}
	}
}

// A one-point sweep at a value written alone, summarised as a user would
// write the numbers: "1 point", the value 1000000 in full (it printed
// 1e+06 next to 800000) and the draws with digit groups (it printed 2e+03).
func TestSweepOnePointSummary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "one")
	out, errs, code := runData(t, "sweep", tripwireEU, "--vary", "capabilities.protege.deployable_troops=1000000",
		"--samples", "2000", "--as-of", "2026-01-01", "--out", dir, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{": 1 point (grid design)", "\n1000000 ", "\n2,000 draws in "} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "e+0") {
		t.Errorf("summary prints an exponent:\n%s", out)
	}
}

func TestDigitGroups(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 512000: "512,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := digitGroups(n); got != want {
			t.Errorf("digitGroups(%d) = %q, want %q", n, got, want)
		}
	}
}
