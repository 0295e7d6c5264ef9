package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/fit"
)

func runFit(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := Main(append([]string{"fit"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestFitCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("a full fit takes several seconds")
	}
	path := filepath.Join(t.TempDir(), "c.json")
	out, errs, code := runFit("--format", "json", "--sensitivity=false", "--bootstrap", "200", "--date", "2026-01-02", "--write", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		SchemaVersion string `json:"schema_version"`
		Output        string `json:"output"`
		Result        struct {
			Validation struct {
				Scores []struct {
					Model string  `json:"model"`
					LOO   float64 `json:"loo"`
				} `json:"scores"`
			} `json:"validation"`
		} `json:"result"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.SchemaVersion != "1" || res.Output != "data" ||
		len(res.Result.Validation.Scores) != 4 || !(res.Result.Validation.Scores[0].LOO > 0) {
		t.Fatalf("json output: %v\n%.400s", err, out)
	}
	if strings.Contains(out, "null") {
		t.Errorf("json output has a null (lists are never null, docs/output.md)")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := deter.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	want := "guarantor fit --bootstrap 200 --date 2026-01-02 --format json --sensitivity false --write " + path
	if c.Provenance.Command != want || c.Provenance.Date != "2026-01-02" {
		t.Errorf("provenance %+v, want command %q", c.Provenance, want)
	}
	// The x⁺ table beside the coefficients: decodable, tied to the
	// coefficients.json written with it, and (the bootstrap and the
	// sensitivity runs do not move a coefficient) the committed table's
	// values bit for bit.
	table, err := os.ReadFile(filepath.Join(filepath.Dir(path), fit.IndexPlusFile))
	if err != nil {
		t.Fatal(err)
	}
	prov, err := os.ReadFile(filepath.Join(filepath.Dir(path), fit.IndexPlusProvenanceFile))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := fit.DecodeIndexPlus(table, prov)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	if p := tab.Provenance; p.CoefficientsJSONSHA256 != hex.EncodeToString(sum[:]) || p.Command != want || p.Date != "2026-01-02" {
		t.Errorf("x+ provenance %+v: want the coefficients' SHA-256, command and date", p)
	}
	committed, err := fit.CommittedIndexPlus()
	if err != nil {
		t.Fatal(err)
	}
	if err := committed.SameValues(tab); err != nil {
		t.Errorf("written x+ table against the committed one: %v", err)
	}
}

func TestFitBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "yaml"}, {"--folds", "1"}, {"--folds", "59"}, {"--bootstrap", "5"},
		{"--protege-share", "1.5"}, {"--date", "yesterday"}, {"--aggregation", "risk-averse"},
	} {
		_, errs, code := runFit(args...)
		if code != 2 || !strings.Contains(errs, args[0]) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming the flag", args, code, errs)
		}
	}
}
