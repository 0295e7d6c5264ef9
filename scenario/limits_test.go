package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// Hostile or mistaken inputs fail with a positioned error instead of
// hanging or exhausting memory (issue: a 100k-deep flow, an alias bomb,
// /dev/zero and a FIFO all used to hang).
func TestBoundedInputs(t *testing.T) {
	noFiles := Options{ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }}
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'j'; i++ {
		p := string(i - 1)
		bomb += fmt.Sprintf("%c: &%c [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", i, i, p, p, p, p, p, p, p, p, p, p)
	}
	for _, c := range []struct {
		name, text, want string
	}{
		{"deep flow", "name: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n", "nested deeper than 64"},
		{"deep flow unclosed", "name: " + strings.Repeat("{a: ", 100000) + "\n", "nested deeper than 64"},
		{"deep block", deepBlock(200), "deeper than 64"},
		{"alias bomb", bomb, "alias expansion"},
		{"too large", "name: x\n" + strings.Repeat("# padding\n", MaxFileBytes/10+1), "file too large"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("h.yaml", []byte(c.text), noFiles)
			var list ErrorList
			if !errors.As(err, &list) || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "h.yaml") {
				t.Fatalf("error %v, want a positioned error containing %q", err, c.want)
			}
		})
	}
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

// Brackets inside quoted scalars and comments do not count toward the
// flow depth; balanced brackets in plain scalars never accumulate.
func TestFlowDepthScanIgnoresQuotesAndComments(t *testing.T) {
	deep := strings.Repeat("[", 200)
	for _, text := range []string{
		"a: \"" + deep + "\"\n",
		"a: ['" + deep + "']\n",
		"# " + deep + "\na: 1\n",
		"a: x\n" + strings.Repeat("b: f(x[1])\n", 300),
		"a: it's [" + deep[:10] + "\nb: 'it''s " + deep + "'\n",
		"a: |\n  text\nb: \"multi\n  " + deep + " line\"\n",
	} {
		if err := checkBounds("q.yaml", []byte(text)); err != nil {
			t.Errorf("%.40q: %v", text, err)
		}
	}
}

func TestLoadFileRefusesDevicesFIFOsAndLargeFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxFileBytes+1), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{big: "file too large"}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases["/dev/zero"] = "a device"
	}
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "fifo.yaml")
		if err := syscall.Mkfifo(fifo, 0o644); err == nil {
			cases[fifo] = "named pipe"
		}
	}
	for name, want := range cases {
		_, err := LoadFile(name, Options{})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the file and saying %q", name, err, want)
		}
	}
}
