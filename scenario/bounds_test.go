package scenario

import (
	"strings"
	"testing"
)

// The entry cap counts lines with content and items of flow collections,
// not blank or comment lines nor commas inside quoted scalars, and refuses
// one past maxEntries with the position where the count ran over.
func TestCheckTextEntries(t *testing.T) {
	lines := func(n int) string { return strings.Repeat("k: 1\n", n) }
	cases := []struct {
		name, text string
		refused    bool
		at         string
	}{
		{"at the cap", lines(maxEntries), false, ""},
		{"one over", lines(maxEntries + 1), true, "n.yaml:10001:1:"},
		{"blank and comment lines free", lines(maxEntries) + strings.Repeat("\n# note, with, commas\n", 5000), false, ""},
		{"flow items", "l: [" + strings.Repeat("1,", maxEntries) + "1]\n", true, "n.yaml:1:"},
		{"flow items under the cap", "l: [" + strings.Repeat("1,", maxEntries-2) + "1]\n", false, ""},
		{"commas in quotes free", "s: \"" + strings.Repeat(",", 3*maxEntries) + "\"\n", false, ""},
		{"commas in plain block scalars free", "s: " + strings.Repeat("a,", 3*maxEntries) + "\n", false, ""},
	}
	for _, c := range cases {
		err := CheckText("n.yaml", []byte(c.text))
		if (err != nil) != c.refused {
			t.Errorf("%s: error %v, want refused %v", c.name, err, c.refused)
			continue
		}
		if err != nil && (!strings.Contains(err.Error(), c.at) || !strings.Contains(err.Error(), "more than 10000 entries")) {
			t.Errorf("%s: %v, want it at %s", c.name, err, c.at)
		}
	}
}
