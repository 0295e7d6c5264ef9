package deter

import (
	"strings"
	"testing"
)

func TestDefaultValid(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, n := range c.All() {
		if n.E.Prior == "" && (n.E.Data == "" || n.E.Method == "") {
			t.Errorf("%s: a fitted estimate must name its data and method", n.Name)
		}
	}
	if c.Provenance.Command == "" || c.Provenance.Date == "" {
		t.Errorf("provenance incomplete: %+v", c.Provenance)
	}
}

func TestRoundTrip(t *testing.T) {
	c := Default().Clone()
	b, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if d.A1 != c.A1 || d.Base[BaseNone] != c.Base[BaseNone] || d.Provenance != c.Provenance {
		t.Errorf("round trip changed the coefficients")
	}
	// Clone is deep.
	c.Base[BaseNone] = Estimate{Value: 99}
	if Default().Base[BaseNone].Value == 99 {
		t.Error("Clone shares its Base map with Default")
	}
}

func TestParseErrors(t *testing.T) {
	good, _ := Default().Marshal()
	cases := []struct{ name, from, to, want string }{
		{"a1 <= 0", `"a1": {
    "value": `, `"a1": {
    "value": -`, "a1"},
		{"syntax", `{`, `[`, "coefficients"},
	}
	for _, tc := range cases {
		bad := strings.Replace(string(good), tc.from, tc.to, 1)
		if bad == string(good) {
			t.Fatalf("%s: replacement did not apply", tc.name)
		}
		if _, err := Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %q", tc.name, err, tc.want)
		}
	}
}
