package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/internal/testenv"
)

// The embedded files must be exactly what the documented reduction makes
// from the raw data (skipped without ../shared).
func TestReductionReproducesEmbeddedFiles(t *testing.T) {
	shared := filepath.Join(testenv.SharedDir(t), "data")
	out := t.TempDir()
	for _, s := range specs {
		if _, err := reduce(filepath.Join(shared, s.src), filepath.Join(out, s.dst), s); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, s.dst))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "data", s.dst))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: rebuilt bytes differ from the embedded file; rerun the reduce command", s.dst)
		}
	}
}
