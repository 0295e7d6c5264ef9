package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/contract"
)

// scoreCases copies history cases (read only) into a temp dir: failed,
// held and open spells, two dyads with two cases each, two cases with a
// crisis in the fitting data (so every set is there).
func scoreCases(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"israel-jordan-1949", "jordan-israel-1967", "india-pakistan-1966", "india-pakistan-1999",
		"baltics-2004", "kuwait-1961", "kuwait-1990", "georgia-2008", "chad-1983"} {
		b, err := os.ReadFile(filepath.Join("../examples/history", f+".yaml"))
		if err != nil {
			t.Skipf("examples/history absent: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f+".yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func scoreOptions() (Options, BacktestOptions) {
	return Options{Samples: 150, Seed: 3, Version: "t"}, BacktestOptions{Bins: 4, Resamples: 50, Tau: 4, Horizon: 2.5, Refit: true}
}

// A --score that names every loaded case, as a directory or file by
// file, is the run without --score, byte for byte.
func TestBacktestScoreEveryCaseIsTheFullRun(t *testing.T) {
	dir := scoreCases(t)
	ctx := context.Background()
	o, bo := scoreOptions()
	full, err := BacktestWith(ctx, []string{dir}, o, bo)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(full)
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	variants := [][]string{{dir + string(filepath.Separator) + "."}, files}
	if testing.Short() { // one more full run each
		variants = variants[:1]
	}
	for _, score := range variants {
		bo.Score = score
		d, err := BacktestWith(ctx, []string{dir}, o, bo)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(d); !bytes.Equal(got, want) {
			t.Errorf("--score %v: the document differs from the run without --score", score)
		}
	}
}

// The scores of a subset are computed independently here from the full
// run's per-case forecasts: each scored case keeps its weight and its
// baselines' forecasts from the full run (G from every loaded case), so
// the subset's IBS is the mean of the full run's per-case losses over the
// subset, for the committed and the refitted engine alike; the
// file-horizon Brier scores are the mean squared errors of the full run's
// forecasts. Every set (all, closed, outside the fitting data) is
// additive: the two halves' scores, weighted by their cases, give the
// full run's.
func TestBacktestScoreSubsetIsTheFullRunsMean(t *testing.T) {
	dir := scoreCases(t)
	ctx := context.Background()
	o, bo := scoreOptions()
	full, err := BacktestWith(ctx, []string{dir}, o, bo)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	sort.Strings(files)
	var a, b []string // one case of a shared dyad on each side
	for i, f := range files {
		if i%2 == 0 {
			a = append(a, f)
		} else {
			b = append(b, f)
		}
	}
	halves := map[string]*contract.Backtest{}
	for name, score := range map[string][]string{"a": a, "b": b} {
		bo.Score = score
		d, err := BacktestWith(ctx, []string{dir}, o, bo)
		if err != nil {
			t.Fatal(err)
		}
		halves[name] = d
		in := map[string]bool{}
		for _, f := range score {
			in[f] = true
		}
		checkSubset(t, name, full, d, in, bo.Tau)
	}
	// Additivity, set by set, survival and file horizons.
	for k := range full.Survival.Sets {
		fs := full.Survival.Sets[k]
		var parts []*contract.SurvivalSet
		n := 0
		for _, h := range halves {
			if s := findSurvivalSet(h, fs.Name); s != nil {
				parts = append(parts, s)
				n += s.Cases
			}
		}
		if n != fs.Cases {
			t.Errorf("%s: halves score %d cases, the full run %d", fs.Name, n, fs.Cases)
		}
		for f := range fs.IntegratedBrier {
			sum := 0.0
			for _, s := range parts {
				sum += float64(s.Cases) * s.IntegratedBrier[f].Brier
			}
			if got := sum / float64(fs.Cases); math.Abs(got-fs.IntegratedBrier[f].Brier) > 1e-12 {
				t.Errorf("%s, %s: halves give IBS %v, the full run %v", fs.Name, fs.IntegratedBrier[f].Forecaster, got, fs.IntegratedBrier[f].Brier)
			}
		}
	}
	for _, fs := range full.Validation.Sets {
		sum, n := make([]float64, len(fs.Scores)), 0
		for _, h := range halves {
			for _, s := range h.Validation.Sets {
				if strings.HasPrefix(s.Name, fs.Name+":") {
					n += s.Cases
					for f := range s.Scores {
						sum[f] += float64(s.Cases) * s.Scores[f].Brier
					}
				}
			}
		}
		if n != fs.Cases {
			t.Errorf("%s: halves score %d cases at the file horizon, the full run %d", fs.Name, n, fs.Cases)
		}
		for f := range sum {
			if got := sum[f] / float64(n); math.Abs(got-fs.Scores[f].Brier) > 1e-12 {
				t.Errorf("%s, %s: halves give Brier %v, the full run %v", fs.Name, fs.Scores[f].Forecaster, got, fs.Scores[f].Brier)
			}
		}
	}
}

func findSurvivalSet(d *contract.Backtest, full string) *contract.SurvivalSet {
	for i, s := range d.Survival.Sets {
		if strings.HasPrefix(s.Name, full+":") {
			return &d.Survival.Sets[i]
		}
	}
	return nil
}

// checkSubset recomputes the subset document sub's all-cases scores from
// the full run's per-case forecasts and spells.
func checkSubset(t *testing.T, name string, full, sub *contract.Backtest, in map[string]bool, tau int) {
	t.Helper()
	fs := full.Survival
	// The censoring curve of every loaded case (a reverse Kaplan-Meier,
	// written out again here): failures come before censorings at a tie,
	// so a spell failing at s is not at risk of censoring at s.
	type spell struct {
		years  float64
		failed bool
	}
	var sp []spell
	for _, c := range fs.Cases {
		sp = append(sp, spell{c.SpellYears, c.Failed})
	}
	G := func(t float64, before bool) float64 {
		g := 1.0
		times := []float64{}
		for _, s := range sp {
			if !s.failed && !slices.Contains(times, s.years) {
				times = append(times, s.years)
			}
		}
		sort.Float64s(times)
		for _, u := range times {
			if u > t || (before && u == t) {
				break
			}
			risk, cens := 0, 0
			for _, s := range sp {
				if s.years > u || (s.years == u && !s.failed) {
					risk++
				}
				if s.years == u && !s.failed {
					cens++
				}
			}
			g *= 1 - float64(cens)/float64(risk)
		}
		return g
	}
	refit := map[string][]float64{}
	for _, c := range full.Refit.Cases {
		refit[c.File] = c.Survival
	}
	loss := map[string]float64{}
	scored := 0
	for _, c := range fs.Cases {
		if !in[c.File] {
			continue
		}
		scored++
		for k := range tau {
			t := fs.Horizons[k]
			var w, y float64
			switch {
			case c.SpellYears > t:
				w, y = 1/G(t, false), 1
			case c.Failed:
				w = 1 / G(c.SpellYears, true)
			}
			for f, p := range map[string]float64{"engine": c.Engine[k], "km": c.KaplanMeier[k], "logit": c.Logit[k], "always": 1, "refit": refit[c.File][k]} {
				loss[f] += w * (p - y) * (p - y) / float64(tau)
			}
		}
	}
	if len(sub.Survival.Cases) != scored {
		t.Fatalf("%s: %d cases listed, %d scored", name, len(sub.Survival.Cases), scored)
	}
	all := sub.Survival.Sets[0]
	if all.Cases != scored || !strings.HasPrefix(all.Name, "all cases: the ") {
		t.Fatalf("%s: set %q of %d cases, want the %d scored", name, all.Name, all.Cases, scored)
	}
	for i, f := range []string{"engine", "km", "logit", "always"} {
		want := loss[f] / float64(scored)
		if got := all.IntegratedBrier[i].Brier; math.Abs(got-want) > 1e-12 {
			t.Errorf("%s: IBS %s %v, from the full run's forecasts %v", name, all.IntegratedBrier[i].Forecaster, got, want)
		}
	}
	if got, want := sub.Refit.Survival.Sets[0].IntegratedBrier[0].Brier, loss["refit"]/float64(scored); math.Abs(got-want) > 1e-12 {
		t.Errorf("%s: refitted engine's IBS %v, from the full run's forecasts %v", name, got, want)
	}
	// The file-horizon (here --horizon) scores of the subset.
	var se [4]float64
	n := 0
	for _, c := range full.Cases {
		if !in[c.File] {
			continue
		}
		n++
		y := 0.0
		if c.Outcome != "failed" {
			y = 1
		}
		for i, p := range []float64{c.Forecast, c.BaseRateForecast, c.LogitForecast, 1} {
			se[i] += (p - y) * (p - y)
		}
	}
	if len(sub.Cases) != n {
		t.Fatalf("%s: %d file-horizon cases, want %d", name, len(sub.Cases), n)
	}
	for i, s := range sub.Validation.Sets[0].Scores {
		if math.Abs(s.Brier-se[i]/float64(n)) > 1e-12 {
			t.Errorf("%s: file-horizon Brier %s %v, from the full run's forecasts %v", name, s.Forecaster, s.Brier, se[i]/float64(n))
		}
	}
}

// A --score path must name loaded cases; a case may be loaded once.
func TestBacktestScoreErrors(t *testing.T) {
	dir := scoreCases(t)
	other := t.TempDir()
	b, _ := os.ReadFile(filepath.Join(dir, "georgia-2008.yaml"))
	stray := filepath.Join(other, "georgia-copy.yaml")
	if err := os.WriteFile(stray, b, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	o, bo := scoreOptions()
	bo.Refit = false
	for _, c := range []struct {
		name  string
		paths []string
		score []string
		want  string
	}{
		{"a file not loaded", []string{dir}, []string{stray}, stray + ": not among the loaded cases"},
		{"no such file", []string{dir}, []string{filepath.Join(dir, "nope.yaml")}, "nope.yaml"},
		{"a directory without cases", []string{dir}, []string{empty}, "--score " + empty + ": no scenario files"},
		{"a case loaded twice", []string{dir, filepath.Join(dir, "georgia-2008.yaml")}, nil, "loaded twice"},
	} {
		bo.Score = c.score
		_, err := BacktestWith(context.Background(), c.paths, o, bo)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to say %q", c.name, err, c.want)
		}
	}
}
