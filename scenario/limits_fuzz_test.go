package scenario

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// FuzzNesting builds documents nested depth levels deep in one of four
// styles (flow sequence, flow mapping, block mapping, block sequence),
// optionally under an alias bomb of fan levels, and checks that Parse
// returns (never panics), that anything deeper than the bound is refused,
// and that an alias expansion past maxNodes is refused.
func FuzzNesting(f *testing.F) {
	f.Add(uint16(10), uint8(0), uint8(0), "x")
	f.Add(uint16(70), uint8(1), uint8(0), "y")
	f.Add(uint16(63), uint8(2), uint8(6), "z")
	f.Add(uint16(3000), uint8(3), uint8(11), "")
	noFiles := Options{ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }}
	f.Fuzz(func(t *testing.T, depth uint16, style, fan uint8, leaf string) {
		d := int(depth % 5000)
		// The leaf is a plain word: the target is nesting and aliases, not
		// scalar syntax (FuzzParse covers that).
		if len(leaf) > 20 || strings.IndexFunc(leaf, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_')
		}) >= 0 {
			leaf = "x"
		}
		var b strings.Builder
		levels := int(fan % 12)
		if levels > 0 {
			b.WriteString("l0: &l0 [" + strings.Repeat("v, ", 9) + "v]\n")
			for i := 1; i < levels; i++ {
				fmt.Fprintf(&b, "l%d: &l%d [%s*l%d]\n", i, i, strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), i-1)
			}
		}
		b.WriteString("name: ")
		switch style % 4 {
		case 0:
			b.WriteString(strings.Repeat("[", d) + `"` + leaf + `"` + strings.Repeat("]", d))
		case 1:
			b.WriteString(strings.Repeat("{k: ", d) + `"` + leaf + `"` + strings.Repeat("}", d))
		case 2:
			b.WriteString("\n")
			for i := range d {
				b.WriteString(strings.Repeat(" ", i+1) + "k:\n")
			}
			b.WriteString(strings.Repeat(" ", d+1) + `"` + leaf + `"`)
		case 3:
			b.WriteString("\n")
			for i := range d {
				b.WriteString(strings.Repeat(" ", 2*i+1) + "-\n")
			}
			b.WriteString(strings.Repeat(" ", 2*d+1) + `"` + leaf + `"`)
		}
		b.WriteString("\n")
		s, err := Parse("n.yaml", []byte(b.String()), noFiles)
		if (s == nil) == (err == nil) {
			t.Fatalf("scenario %v and error %v", s, err)
		}
		if len(b.String()) > MaxFileBytes {
			if err == nil || !strings.Contains(err.Error(), "file too large") {
				t.Fatalf("%d bytes: error %v", len(b.String()), err)
			}
			return
		}
		if d > maxDepth+1 && err == nil {
			t.Fatalf("depth %d style %d accepted", d, style%4)
		}
		// 10^levels values: past maxNodes the expansion must be refused.
		nodes := 1
		for range levels {
			nodes *= 10
		}
		if nodes > maxNodes && (err == nil || !strings.Contains(err.Error(), "alias expansion") && !strings.Contains(err.Error(), "deeper")) {
			t.Fatalf("%d levels of aliases (%d values): error %v", levels, nodes, err)
		}
	})
}
