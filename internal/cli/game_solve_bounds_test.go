package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --memory and --prior (issue 13, issue 9 item 4): a memory limit below
// what the sequence form needs is refused with exit 1 and the estimate; a
// prior is accepted by lcp, refused by other methods and when unknown.
func TestSolveMemoryAndPrior(t *testing.T) {
	cases := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"testdata/solve/entry.efg", "--method", "lcp", "--memory", "0"}, 0, ""},
		{[]string{"testdata/solve/entry.efg", "--method", "lcp", "--prior", "centroid"}, 0, ""},
		{[]string{"testdata/solve/entry.efg", "--method", "lcp", "--prior", "best"}, 2, "unknown --prior"},
		{[]string{"testdata/solve/entry.efg", "--method", "spe", "--prior", "last"}, 2, "--prior applies"},
	}
	for _, c := range cases {
		_, errs, code := runCLI(t, append([]string{"game", "solve"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.contains) {
			t.Errorf("%v: exit %d (want %d), stderr %q (want it to contain %q)", c.args, code, c.code, errs, c.contains)
		}
	}
	// A centipede of 301 nodes: about 2 MiB of sequence form, refused
	// under --memory 1 with the estimate, before any of it is built.
	var b strings.Builder
	b.WriteString("EFG 2 R \"chain\" { \"1\" \"2\" }\n\"\"\n")
	for k := 0; k < 150; k++ {
		fmt.Fprintf(&b, "p \"\" %d %d \"\" { \"take\" \"pass\" } 0\nt \"\" %d \"\" { %d %d }\n", 1+k%2, k+1, k+1, k+2*(1-k%2), k+2*(k%2))
	}
	b.WriteString("t \"\" 151 \"\" { 150 150 }\n")
	chain := filepath.Join(t.TempDir(), "chain.efg")
	if err := os.WriteFile(chain, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "game", "solve", chain, "--method", "lcp", "--memory", "1"); code != 1 || !strings.Contains(errs, "over the limit of 1.0 MiB") {
		t.Errorf("--memory 1: exit %d, stderr %q", code, errs)
	}
	if memoryBytes(0) != 0 || memoryBytes(-1) != -1 || memoryBytes(2) != 2<<20 {
		t.Errorf("memoryBytes: %d %d %d", memoryBytes(0), memoryBytes(-1), memoryBytes(2))
	}
}
