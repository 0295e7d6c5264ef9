package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/contract"
)

// The studies' goldens read frozen copies of the examples, so that an
// edit to examples/ does not move them.
const (
	studyEU     = "testdata/study/06-european-tripwire-12000.yaml"
	studyUS     = "testdata/study/07-european-tripwire-us-backstop.yaml"
	studyDesign = "testdata/study/design/tripwire-size.yaml"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Every JSON output of the contract, from a real run, validates against
// its schema and matches its golden file byte for byte (refresh with
// go test ./internal/cli -run Golden -update, and review the diff: a
// change here is a change users see).
func TestOutputsGolden(t *testing.T) {
	for _, c := range []struct {
		name, output string
		args         []string
	}{
		{"assess", "assess", []string{"assess", optionsDir, "--samples", "400", "--history", historyDir, "--format", "json", "--as-of", "2025-06-01"}},
		{"explain", "explain", []string{"explain", filepath.Join(optionsDir, "b-pact.yaml"), "--format", "json", "--as-of", "2025-06-01"}},
		{"backtest", "backtest", []string{"backtest", historyDir, "--samples", "300", "--format", "json"}},
		{"backtest_huth", "backtest", []string{"backtest", "--huth", "--resamples", "200", "--format", "json"}},
		{"game_solve", "game_solve", []string{"game", "solve", "testdata/solve/bos.nfg", "--method", "lcp", "--format", "json"}},
		{"game_solve_tree", "game_solve", []string{"game", "solve", "testdata/solve/entry.efg", "--method", "spe", "--format", "json"}},
		{"game_info", "game_info", []string{"game", "info", "testdata/solve/entry.efg", "--format", "json"}},
		{"model_solve", "model_solve", []string{"model", "solve", "udg", "cDC=1", "cSQ=0.5", "cDD+=0.3", "cCD=0", "cDD-=-0.5",
			"dSQ=1", "dCD=0.8", "dDC=0.2", "dDD+=0.4", "dDD-=-0.4", "pCh=0.5", "pDef=0.6", "--format", "json"}},
		{"data_show", "data", []string{"data", "show", "cow_nmc", "--where", "ccode=365", "--years", "2014", "--format", "json"}},
		{"data_huth", "data", []string{"data", "analyze", "huth", "--format", "json"}},
		{"sensitivity", "sensitivity", []string{"sensitivity", studyUS, "--samples", "64", "--bootstrap", "20", "--swing-rows", "8",
			"--as-of", "2025-06-01", "--format", "json", "-q"}},
		{"sensitivity_groups", "sensitivity", []string{"sensitivity", studyUS, "--samples", "64", "--bootstrap", "0", "--swing-rows", "0",
			"--groups", "guarantor", "--as-of", "2025-06-01", "--format", "json", "-q"}},
		{"sweep", "sweep", []string{"sweep", studyEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=1000:9000:4000i",
			"--samples", "100", "--out", "$TMP", "--as-of", "2025-06-01", "--format", "json", "-q"}},
		{"design", "design", []string{"design", studyDesign, "--samples", "200", "--target", "0.5", "--as-of", "2025-06-01", "--format", "json", "-q"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := slices.Clone(c.args)
			for i, a := range args {
				if a == "$TMP" {
					args[i] = t.TempDir()
				}
			}
			var out, errb bytes.Buffer
			if code := Main(args, nil, &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if err := contract.Validate(c.output, out.Bytes()); err != nil {
				t.Fatalf("output fails the %s schema: %v", c.output, err)
			}
			path := filepath.Join("testdata", "golden", c.name+".json")
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s (run go test ./internal/cli -run Golden -update and review the diff)", path)
			}
		})
	}
}

func TestSchemaOutputs(t *testing.T) {
	for _, name := range append(contract.Names(), "game-solve") {
		var out, errb bytes.Buffer
		if code := Main([]string{"schema", "--output", name}, nil, &out, &errb); code != 0 || !bytes.Contains(out.Bytes(), []byte(`"schema_version"`)) {
			t.Errorf("%s: exit %d %s", name, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := Main([]string{"schema", "--output", "nosuch"}, nil, &out, &errb); code != 2 {
		t.Errorf("unknown output: exit %d", code)
	}
}

// The study commands' CSV is tidy: one header, then rows of the same
// width with no unit text, even when a run covers several options.
func TestStudyCSVTidy(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"sensitivity", []string{"sensitivity", tripwireEU, tripwireUS, "--samples", "64", "--bootstrap", "10", "--swing-rows", "8", "--as-of", "2025-06-01", "--format", "csv", "-q"}},
		{"sweep", []string{"sweep", tripwireEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=1000:9000:4000i",
			"--samples", "100", "--out", "$TMP", "--format", "csv", "-q"}},
		{"design", []string{"design", designExample, "--samples", "200", "--target", "0.5", "--format", "csv", "-q"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for i, a := range c.args {
				if a == "$TMP" {
					c.args[i] = t.TempDir()
				}
			}
			var out, errb bytes.Buffer
			if code := Main(c.args, nil, &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			rows, err := csv.NewReader(&out).ReadAll() // also checks a constant width
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < 3 {
				t.Fatalf("%d rows", len(rows))
			}
			for i, r := range rows[1:] {
				if slices.Equal(r, rows[0]) {
					t.Errorf("row %d repeats the header", i+2)
				}
				for _, cell := range r {
					if strings.HasSuffix(cell, "%") || strings.Contains(cell, "±") {
						t.Errorf("row %d: unit text in %q", i+2, cell)
					}
				}
			}
		})
	}
}

// --as-of is an input of the studies: it enters the input hash (the sweep's
// study id) and a malformed date is a usage error.
func TestStudyAsOf(t *testing.T) {
	hash := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Main(args, nil, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		var h struct {
			InputHash string `json:"input_hash"`
		}
		if err := json.Unmarshal(out.Bytes(), &h); err != nil {
			t.Fatal(err)
		}
		return h.InputHash
	}
	sw := func(asOf string) []string {
		return []string{"sweep", studyEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=1000,9000",
			"--samples", "50", "--out", t.TempDir(), "--as-of", asOf, "--format", "json", "-q"}
	}
	if a, b := hash(sw("2025-06-01")...), hash(sw("2030-06-01")...); a == b {
		t.Errorf("sweep: --as-of does not enter the input hash (%s)", a)
	}
	// and reaches the engine: before 1945 the structural engine's response
	// equation drops its post-1945 era term, so the figures move.
	points := func(args ...string) string {
		var out, errb bytes.Buffer
		if code := Main(args, nil, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		var d struct {
			Points json.RawMessage `json:"points"`
		}
		if err := json.Unmarshal(out.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		return string(d.Points)
	}
	if a, b := points(sw("1930-06-01")...), points(sw("2025-06-01")...); a == b {
		t.Error("sweep: --as-of does not reach the engine")
	}
	de := func(asOf string) []string {
		return []string{"design", studyEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=0:10000:10000i",
			"--target", "0.5", "--samples", "100", "--as-of", asOf, "--format", "json", "-q"}
	}
	if a, b := hash(de("2025-06-01")...), hash(de("2030-06-01")...); a == b {
		t.Errorf("design: --as-of does not enter the input hash (%s)", a)
	}
	for _, args := range [][]string{
		{"sweep", studyEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=1000,9000", "--out", t.TempDir(), "--as-of", "June 2025"},
		{"design", studyEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=0:10000:10000i", "--as-of", "2025-13-01"},
		{"sensitivity", studyEU, "--as-of", "2025/06/01"},
	} {
		var out, errb bytes.Buffer
		if code := Main(append(args, "-q"), nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "as-of") {
			t.Errorf("%v: exit %d (%s), want 2 naming --as-of", args, code, errb.String())
		}
	}
}
