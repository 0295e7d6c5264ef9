package scenario

import (
	"path/filepath"
	"strings"
	"testing"
)

// The example scenarios in examples/ all load, and every number in them
// carries a source or says it is a judgment.
func TestExamplesLoadAndAreSourced(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/*.yaml")
	if len(files) < 29 {
		t.Fatalf("found %d example files, want the 9 Ukraine options and at least 20 historical cases", len(files))
	}
	for _, f := range files {
		s, err := LoadFile(f, Options{})
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		c := Compile(s)
		for _, p := range c.Params {
			if p.Source == Unsourced {
				t.Errorf("%s: %s (%v) has no source", p.Pos, p.Name, p.Dist.String())
			}
		}
		if strings.Contains(f, "/history/") {
			if s.Outcome == nil || s.Period == nil || len(s.Sources) == 0 {
				t.Errorf("%s: a historical case needs period, outcome and sources", f)
			}
		}
	}
}

func TestOptionFiles(t *testing.T) {
	files, err := OptionFiles("../examples/ukraine-2025")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 9 {
		t.Fatalf("%d option files: %v", len(files), files)
	}
	for _, f := range files {
		if strings.Contains(f, "_base") {
			t.Errorf("base file listed as an option: %s", f)
		}
	}
	if _, err := OptionFiles("../examples/no-such-dir"); err == nil {
		t.Error("missing directory accepted")
	}
}
