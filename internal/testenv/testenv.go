// Package testenv locates the project's shared reference material (Gambit's
// test games and answers, the raw datasets, the model oracles) for tests.
// That material sits in ../shared beside a clone in CI but is not part of the
// repository, so every lookup skips the test with a clear message when it is
// absent.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDir returns the shared reference folder: $GUARANTOR_SHARED if set,
// else ../shared beside the module root. It skips t when neither exists.
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("GUARANTOR_SHARED"); d != "" {
		if isDir(d) {
			return d
		}
		t.Skipf("GUARANTOR_SHARED=%s is not a directory; skipping a test that needs the shared reference material", d)
	}
	root, err := moduleRoot()
	if err == nil {
		d := filepath.Join(root, "..", "shared")
		if isDir(d) {
			return d
		}
	}
	t.Skip("../shared (beside the clone) is absent: skipping a test that needs the shared reference material; set GUARANTOR_SHARED to run it")
	return ""
}

// GambitDir returns the folder holding Gambit's games/ and oracle/:
// $GUARANTOR_GAMBIT_DIR if set, else SharedDir/gambit. It skips t when absent.
func GambitDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("GUARANTOR_GAMBIT_DIR"); d != "" {
		if isDir(d) {
			return d
		}
		t.Skipf("GUARANTOR_GAMBIT_DIR=%s is not a directory; skipping a test that needs Gambit's games", d)
	}
	d := filepath.Join(SharedDir(t), "gambit")
	if !isDir(d) {
		t.Skipf("%s is absent: skipping a test that needs Gambit's games", d)
	}
	return d
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// moduleRoot walks up from the working directory (a package directory under
// go test) to the folder holding go.mod.
func moduleRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", os.ErrNotExist
		}
		d = parent
	}
}
