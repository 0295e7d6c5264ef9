package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/contract"
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

// --horizon scores every case at a fixed number of years: the former
// scores use the outcome then (Budapest, failed after 19.2 years, held at
// 5 and failed at 20) and leave out a case without years held; the
// survival scores add the horizon to their grid and keep every case with
// a spell.
func TestBacktestHorizon(t *testing.T) {
	dir := historyWithYears(t, map[string]string{"berlin.yaml": "", "budapest.yaml": "19.2"})
	for years, want := range map[string]string{"5": "held", "20": "failed"} {
		out, errs, code := runData(t, "backtest", dir, "--samples", "200", "--horizon", years, "--tau", "3", "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var d contract.Backtest
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Cases) != 1 || d.Cases[0].Name != "Budapest (test)" || d.Cases[0].Outcome != want || d.UnknownAtHorizon != 1 {
			t.Errorf("--horizon %s: cases %+v, unknown %d", years, d.Cases, d.UnknownAtHorizon)
		}
		y, _ := strconv.ParseFloat(years, 64)
		if s := d.Survival; !slices.Equal(s.Horizons, []float64{1, 2, 3, y}) || s.TauYears != 3 || len(s.Cases) != 2-s.NoSpell {
			t.Errorf("--horizon %s: survival horizons %v, tau %d, %d cases, %d without a spell", years, s.Horizons, s.TauYears, len(s.Cases), s.NoSpell)
		}
		for _, c := range d.Survival.Cases {
			if c.Name == "Budapest (test)" && (c.SpellYears != 19.2 || !c.Failed || len(c.Engine) != 4) {
				t.Errorf("Budapest's spell %+v", c)
			}
		}
	}
	if _, _, code := runData(t, "backtest", historyDir, "--horizon", "5"); code != 2 {
		t.Errorf("no case known at the horizon: exit %d, want 2", code)
	}
	for _, bad := range [][]string{{"--horizon", "-1"}, {"--tau", "0"}, {"--tau", "51"}} {
		if _, _, code := runData(t, append([]string{"backtest", historyDir}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// The survival scores head the table output, before the file-horizon
// scores and their caveat; the html report draws a diagram at 1 and 5
// years.
func TestBacktestSurvivalFirst(t *testing.T) {
	dir := historyWithYears(t, map[string]string{"berlin.yaml": "35.4", "budapest.yaml": "19.2"})
	out, errs, code := runData(t, "backtest", dir, "--samples", "300")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	s, f := strings.Index(out, "== Survival scores"), strings.Index(out, "== File-horizon scores")
	if s < 0 || f < s || !strings.Contains(out[f:], "leak the outcome") {
		t.Errorf("survival block at %d, file-horizon block at %d:\n%s", s, f, out)
	}
	html, errs, code := runData(t, "backtest", dir, "--samples", "300", "--format", "html")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"reliability diagram: all cases at 1 year", "reliability diagram: all cases at 5 years", "Survival scores (the headline)"} {
		if !strings.Contains(html, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}

// historyWithYears copies the test history cases into a temporary
// directory, giving each the years held of years (by file; "" for none).
func historyWithYears(t *testing.T, years map[string]string) string {
	dir := t.TempDir()
	for file, y := range years {
		b, err := os.ReadFile(filepath.Join(historyDir, file))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if y != "" {
			for _, d := range []string{"failed", "held"} {
				text = strings.Replace(text, "  deterrence: "+d+"\n", "  deterrence: "+d+"\n  years_held: "+y+"\n", 1)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A one-case history: the baselines have no data, and the text says so
// under each set's scores (once per baseline, survival and file horizon),
// with no NaN.
func TestBacktestOneCaseSaysBaselinesAreEmpty(t *testing.T) {
	dir := historyWithYears(t, map[string]string{"budapest.yaml": "19.2"})
	out, errs, code := runData(t, "backtest", dir, "--samples", "200", "--refit=false", "--tau", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := strings.Count(out, "no data: every case of the set is of one dyad"); n != 4 {
		t.Errorf("%d no-data notes, want 4:\n%s", n, out)
	}
	if strings.Contains(out, "NaN") {
		t.Errorf("NaN in the text:\n%s", out)
	}
}

// --score scores the named cases only, trained on every loaded one: the
// sets say so in their names, and the case lists hold the scored cases.
// It names loaded cases (a file outside the DIRs, or no DIR, is refused).
func TestBacktestScore(t *testing.T) {
	dir := historyWithYears(t, map[string]string{"berlin.yaml": "3.5", "budapest.yaml": "19.2"})
	out, errs, code := runData(t, "backtest", dir, "--samples", "200", "--tau", "3", "--refit=false", "--format", "json",
		"--score", filepath.Join(dir, "budapest.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d contract.Backtest
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Survival.Cases) != 1 || len(d.Cases) != 1 || d.Survival.Sets[0].Cases != 1 ||
		d.Survival.Sets[0].Name != "all cases: the 1 scored (--score) of 2" {
		t.Errorf("%d survival cases, %d file-horizon cases, set %q of %d", len(d.Survival.Cases), len(d.Cases), d.Survival.Sets[0].Name, d.Survival.Sets[0].Cases)
	}
	if len(d.Cases) == 1 && d.Cases[0].BaseRateForecast != 1 { // Berlin held: the base rate without Budapest's dyad
		t.Errorf("base rate forecast of Budapest %v, want 1 (Berlin's outcome)", d.Cases[0].BaseRateForecast)
	}
	for _, args := range [][]string{
		{"backtest", "--score", dir},
		{"backtest", filepath.Join(dir, "berlin.yaml"), "--score", filepath.Join(dir, "budapest.yaml")},
	} {
		if _, errs, code := runData(t, args...); code == 0 || !strings.Contains(errs, "--score") {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
}
