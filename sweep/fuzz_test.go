package sweep

import (
	"errors"
	"fmt"
	"testing"
)

// ParseParam never panics; what it accepts has a path that parses again
// and a range with LO <= HI, and its levels lie in [LO, HI].
func FuzzParseParam(f *testing.F) {
	for _, s := range []string{"a.b=1:3", "a[0].b=1:3:0.5", "a[id=uk].b=2,4,8", "t=1000:5000:1000i", "a[=1", "a]b=1:2", "x=1e308:1e308:1e-300", "[0]=1:2", "a..b=1:2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseParam(s)
		if err != nil {
			if !errors.Is(err, ErrSpec) {
				t.Fatalf("%q: error %v does not wrap ErrSpec", s, err)
			}
			return
		}
		if _, err := parsePath(p.Path); err != nil && !p.Input {
			t.Fatalf("%q: accepted path %q does not parse again: %v", s, p.Path, err)
		}
		if p.Hi < p.Lo {
			t.Fatalf("%q: HI %g < LO %g", s, p.Hi, p.Lo)
		}
		if p.Step > 0 && (p.Hi-p.Lo)/p.Step > 1e6 {
			return // a huge grid: Points refuses it; do not build it here
		}
		for _, v := range p.Levels(3) {
			if !p.Integer && (v < p.Lo-1e-9*max(1, -p.Lo) || v > p.Hi+1e-9*max(1, p.Hi)) {
				t.Fatalf("%q: level %g outside [%g, %g]", s, v, p.Lo, p.Hi)
			}
		}
	})
}

// set never panics on any path over a small tree, and a successful set
// can be read back at the same path.
func FuzzSetPath(f *testing.F) {
	for _, s := range []string{"a.b", "a.l[1].x", "a.l[k=v].x", "a.l[5]", "z.y.x", "a.b.c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		path, err := parsePath(s)
		if err != nil {
			return
		}
		tree := map[string]any{"a": map[string]any{"b": 1.0, "l": []any{map[string]any{"k": "v", "x": 2.0}, map[string]any{"x": 3.0}}}}
		if set(tree, path, 7, "test") != nil {
			return
		}
		if got := get(tree, path); got != 7.0 {
			t.Fatalf("%q: set 7, read back %v", s, got)
		}
	})
}

// get reads a path set by set (for the fuzz test).
func get(tree any, path []step) any {
	cur := tree
	for _, st := range path {
		switch {
		case st.key != "":
			m, _ := cur.(map[string]any)
			cur = m[st.key]
		default:
			l, _ := cur.([]any)
			j := st.index
			if st.field != "" {
				for k, e := range l {
					if m, ok := e.(map[string]any); ok && fmt.Sprint(m[st.field]) == st.value {
						j = k
						break
					}
				}
			}
			cur = l[j]
		}
	}
	if m, ok := cur.(map[string]any); ok {
		return m["value"]
	}
	return cur
}
