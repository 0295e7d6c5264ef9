package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/scenario"
)

func TestOptionsCheck(t *testing.T) {
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{}, ""},
		{Options{Samples: MinSamples}, ""},
		{Options{Samples: MaxSamples}, ""},
		{Options{Samples: MaxSamples + 1}, "--samples must be at most 2000000"},
		{Options{Samples: 1<<63 - 1}, "--samples must be at most"},
		{Options{Samples: 99}, "--samples must be at least 100"},
		{Options{Samples: -5}, "--samples must be at least 100"},
		{Options{Workers: -1}, "--workers must be between"},
		{Options{Workers: MaxWorkers + 1}, "--workers must be between"},
		{Options{DriverSamples: MaxSamples + 1}, "driver samples must be at most"},
	} {
		err := c.o.Check()
		if c.want == "" {
			if err != nil {
				t.Errorf("%+v: %v", c.o, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrInput) {
			t.Errorf("%+v: error %v, want ErrInput with %q", c.o, err, c.want)
		}
	}
}

// FuzzOptionsCheck: Check accepts exactly the documented ranges and never
// panics; the entry points refuse what Check refuses before any work.
func FuzzOptionsCheck(f *testing.F) {
	f.Add(0, 0, 0, "")
	f.Add(MaxSamples+1, 1, 0, "2025-06-01")
	f.Add(-1<<63, -1, -1, "2025-13-01")
	f.Add(1<<63-1, MaxWorkers, MaxSamples, "June")
	f.Fuzz(func(t *testing.T, samples, workers, drivers int, asOf string) {
		o := Options{Samples: samples, Workers: workers, DriverSamples: drivers, AsOf: asOf}
		_, dateErr := time.Parse(time.DateOnly, asOf)
		ok := (samples == 0 || samples >= MinSamples && samples <= MaxSamples) &&
			workers >= 0 && workers <= MaxWorkers && drivers <= MaxSamples && (asOf == "" || dateErr == nil)
		err := o.Check()
		if (err == nil) != ok {
			t.Fatalf("%+v: error %v, want ok=%v", o, err, ok)
		}
		if ok {
			return
		}
		if !errors.Is(err, ErrInput) {
			t.Fatalf("not ErrInput: %v", err)
		}
		// Refused before loading anything: a missing path is not read.
		if _, err2 := Assess(context.Background(), []string{"/nonexistent"}, o); err2 == nil || err2.Error() != err.Error() {
			t.Fatalf("Assess: %v, want %v", err2, err)
		}
		if _, err2 := Backtest(context.Background(), []string{"/nonexistent"}, o, DefaultBins); err2 == nil || err2.Error() != err.Error() {
			t.Fatalf("Backtest: %v, want %v", err2, err)
		}
		if _, err2 := LoadOpts(o, "/nonexistent"); err2 == nil || err2.Error() != err.Error() {
			t.Fatalf("LoadOpts: %v, want %v", err2, err)
		}
	})
}

func TestBacktestBins(t *testing.T) {
	for _, bins := range []int{0, -1, 101, 1_000_000_000} {
		_, err := Backtest(context.Background(), []string{"../assess/testdata/history"}, Options{Samples: 100}, bins)
		if err == nil || !strings.Contains(err.Error(), "--bins must be between 1 and 100") {
			t.Errorf("bins %d: %v", bins, err)
		}
	}
	b, err := Backtest(context.Background(), []string{"../assess/testdata/history"}, Options{Samples: 200}, 100)
	if err != nil || len(b.Calibration) != 100 || len(b.Cases) != 2 {
		t.Fatalf("100 bins: %v", err)
	}
}

func TestLoadErrorsAreInputErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nchallenger: RUS\n"), 0o644)
	for _, paths := range [][]string{{bad}, {filepath.Join(dir, "missing.yaml")}, {t.TempDir()}, {"/dev/zero"}} {
		_, err := Load(paths...)
		if !errors.Is(err, ErrInput) {
			t.Errorf("%v: %v", paths, err)
		}
	}
	_, err := Load(bad)
	var list scenario.ErrorList
	if !errors.As(err, &list) || list[0].Pos.File != bad || !strings.HasPrefix(err.Error(), bad+":") {
		t.Errorf("scenario error not kept: %T %v", err, err)
	}
}

func TestCancelledRunReturnsContextError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Assess(ctx, []string{"../assess/testdata/options"}, Options{Samples: 100_000})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}

// The assessment, explanation and backtest documents hold to their
// schemas, and the renderers accept them.
func TestDocumentsValidate(t *testing.T) {
	ctx := context.Background()
	a, err := Assess(ctx, []string{"../assess/testdata/options"}, Options{Samples: 300, History: "../assess/testdata/history", Version: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Options[0].Analogues) != 2 || a.InputHash == a.Options[0].InputHash {
		t.Errorf("analogues %d, hash %s", len(a.Options[0].Analogues), a.InputHash)
	}
	es, err := Explain("t", "../assess/testdata/options")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Backtest(ctx, []string{"../assess/testdata/history"}, Options{Samples: 300}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]any{"assess": a, "explain": es[0], "backtest": b} {
		var buf strings.Builder
		if err := report.JSON(&buf, doc); err != nil {
			t.Fatal(err)
		}
		if err := contract.Validate(name, []byte(buf.String())); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if tr, err := Game("../assess/testdata/options/a-assurance.yaml"); err != nil || tr.NumPlayers() < 1 {
		t.Errorf("game: %v", err)
	}
}

func TestParseRefusesExtends(t *testing.T) {
	text, err := os.ReadFile("../assess/testdata/options/b-pact.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("sent.yaml", text)
	if err != nil || s.Option.Name != "pact and tripwire" {
		t.Fatalf("parse: %v", err)
	}
	disk, _ := LoadFile("../assess/testdata/options/b-pact.yaml")
	if s.InputHash != disk.InputHash {
		t.Errorf("hash of the text %s, of the file %s", s.InputHash, disk.InputHash)
	}
	_, err = Parse("sent.yaml", []byte("extends: /etc/passwd\nname: x\n"))
	if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "extends: is not available") {
		t.Errorf("extends: %v", err)
	}
}

// An --engine override that changes the file's engine changes the input
// hash (the result differs); one that repeats the file's choice does not.
func TestEngineOverrideEntersHash(t *testing.T) {
	const f = "../assess/testdata/options/b-pact.yaml"
	plain, err := LoadWith("", f)
	if err != nil {
		t.Fatal(err)
	}
	same, _ := LoadWith(plain[0].Model.Opt.Engine, f)
	other := "udg"
	if plain[0].Model.Opt.Engine == "udg" {
		other = "structural"
	}
	diff, err := LoadWith(other, f)
	if err != nil {
		t.Fatal(err)
	}
	if same[0].InputHash != plain[0].InputHash || diff[0].InputHash == plain[0].InputHash {
		t.Errorf("hashes: file %s, same engine %s, other engine %s", plain[0].InputHash, same[0].InputHash, diff[0].InputHash)
	}
}

// The date an option without a period is assessed at is an input: it is
// recorded, enters the hash, and a bad date is refused; a case with a
// period keeps its own date and hash.
func TestAsOfIsAnInput(t *testing.T) {
	const opt = "../assess/testdata/options/b-pact.yaml"
	a, err := LoadOpts(Options{AsOf: "2025-06-01"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := LoadOpts(Options{AsOf: "2030-01-01"}, opt)
	if a[0].AsOf != "2025-06-01" || b[0].AsOf != "2030-01-01" || a[0].InputHash == b[0].InputHash {
		t.Errorf("as of %s %s, hashes %s %s", a[0].AsOf, b[0].AsOf, a[0].InputHash, b[0].InputHash)
	}
	c1, _ := LoadOpts(Options{AsOf: "2025-06-01"}, "../assess/testdata/history/berlin.yaml")
	c2, _ := LoadOpts(Options{AsOf: "2030-01-01"}, "../assess/testdata/history/berlin.yaml")
	if c1[0].InputHash != c2[0].InputHash || c1[0].AsOf != c2[0].AsOf || c1[0].AsOf == "2025-06-01" {
		t.Errorf("a case with a period: %s %s, %s %s", c1[0].AsOf, c2[0].AsOf, c1[0].InputHash, c2[0].InputHash)
	}
	if _, err := LoadOpts(Options{AsOf: "June 2025"}, opt); !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "--as-of") {
		t.Errorf("bad date: %v", err)
	}
}
