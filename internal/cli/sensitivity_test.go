package cli

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tripwireUS = "../../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml"

func TestSensitivityFormatsAndCharts(t *testing.T) {
	small := []string{"sensitivity", tripwireUS, "--samples", "128", "--bootstrap", "40", "--swing-rows", "32", "-q"}
	js1, errs, code := runData(t, append(small, "--format", "json", "--workers", "1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	js2, _, _ := runData(t, append(small, "--format", "json", "--workers", "3")...)
	if js1 != js2 {
		t.Error("json differs between 1 and 3 workers")
	}
	var doc struct {
		Output    string `json:"output"`
		InputHash string `json:"input_hash"`
		Samples   int    `json:"samples"`
		Outputs   []struct {
			Output  string
			Factors []struct {
				Factor string
				First  struct{ Value, Lo, Hi float64 } `json:"first_order"`
				Total  struct{ Value, Lo, Hi float64 }
				AtP05  *float64 `json:"at_p05"`
			}
		}
	}
	if err := json.Unmarshal([]byte(js1), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Output != "sensitivity" || doc.InputHash == "" || doc.Samples != 128 || len(doc.Outputs) != 4 || len(doc.Outputs[0].Factors) < 10 || doc.Outputs[0].Factors[0].AtP05 == nil {
		t.Fatalf("json: %s", js1[:min(len(js1), 600)])
	}
	nf := len(doc.Outputs[0].Factors)
	csv, _, code := runData(t, append(small, "--format", "csv")...)
	if lines := strings.Count(csv, "\n"); code != 0 || lines != 1+4*nf {
		t.Errorf("csv: exit %d, %d lines", code, lines)
	}
	dir := t.TempDir()
	report := filepath.Join(dir, "s.html")
	text, _, code := runData(t, append(small, "--groups", "guarantor", "--svg", dir, "--png", dir, "--report", report)...)
	if code != 0 || !strings.Contains(text, "  guarantors.") || !strings.Contains(text, "P(no war by ") {
		t.Fatalf("text: exit %d\n%s", code, text)
	}
	svgs, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if len(svgs) != 8 || len(pngs) != 8 {
		t.Fatalf("%d SVG and %d PNG files, want 8 each (2 charts x 4 outputs)", len(svgs), len(pngs))
	}
	for _, p := range svgs {
		b, _ := os.ReadFile(p)
		if err := wellFormed(string(b)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	f, err := os.Open(pngs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("%s: %v", pngs[0], err)
	}
	html, _ := os.ReadFile(report)
	if n := strings.Count(string(html), "<svg"); n != 8 || strings.Contains(string(html), "<script") {
		t.Errorf("report: %d inline charts, want 8, and no script", n)
	}
}

func TestSensitivityBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "xml"}, {"--samples", "10"}, {"--groups", "g=["}, {"--level", "2"},
	} {
		if _, _, code := runData(t, append([]string{"sensitivity", tripwireUS, "-q"}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, errs, code := runData(t, "sensitivity", "no-such.yaml"); code != 2 || !strings.Contains(errs, "no-such.yaml") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
}

// wellFormed reports whether s parses as XML.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err != nil {
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("not well-formed XML: %w", err)
		}
	}
}
