package scenario

import (
	"os"
	"path/filepath"
	"testing"
)

// The input hash depends on what a scenario says, not on how it is
// written: key order, comments, number spelling, quoting, anchors and the
// split into extends: files leave it unchanged; any change of content
// changes it.
func TestCanonicalHashIgnoresSpelling(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := "name: x\nchallenger: RUS\nprotege: UKR\nhorizon: 10\noption:\n  name: o\n  guarantors:\n    - country: USA\n      instruments:\n        - type: defense_pact\n          source: s\n"
	same := []string{
		write("a.yaml", base),
		write("b.yaml", "# a comment\nprotege: \"UKR\"\nchallenger: RUS\nhorizon: 10.0\nname: x\noption:\n  guarantors:\n    - instruments:\n        - source: s\n          type: defense_pact\n      country: USA\n  name: o\n"),
		write("c.yaml", "name: x\nchallenger: RUS\nprotege: UKR\nhorizon: 10.00\noption: {name: o, guarantors: [{country: USA, instruments: [{type: defense_pact, source: s}]}]}\n"),
	}
	write("_base.yaml", "challenger: RUS\nprotege: UKR\nhorizon: 10\nname: base\n")
	same = append(same, write("d.yaml", "extends: _base.yaml\nname: x\noption:\n  name: o\n  guarantors:\n    - country: USA\n      instruments:\n        - type: defense_pact\n          source: s\n"))
	want := ""
	for _, f := range same {
		s, err := LoadFile(f, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(s.InputHash) != 16 {
			t.Fatalf("%s: hash %q", f, s.InputHash)
		}
		if want == "" {
			want = s.InputHash
		} else if s.InputHash != want {
			t.Errorf("%s: hash %s, want %s (same content)", filepath.Base(f), s.InputHash, want)
		}
	}
	other := write("e.yaml", base+"description: changed\n")
	s, err := LoadFile(other, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.InputHash == want {
		t.Error("a changed scenario has the same hash")
	}
}

func TestCanonicalText(t *testing.T) {
	v := map[string]any{"b": []any{1.0, 0.1, -0.0, 1e21, "x\"y"}, "a": map[string]any{"z": true, "y": nil}}
	got := string(Canonical(v))
	want := `{"a":{"y":null,"z":true},"b":[1,0.1,0,1e+21,"x\"y"]}`
	if got != want {
		t.Errorf("canonical %s, want %s", got, want)
	}
}
