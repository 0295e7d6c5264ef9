package assess

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/capability"
)

// The resolver knows the whole COW system, not only the built-in table:
// Thailand (800) and Bhutan (760) are not in scenario's table.
func TestCountriesFromEvidence(t *testing.T) {
	for _, c := range []struct {
		q    string
		code int
	}{{"RUS", 365}, {"Russia", 365}, {"365", 365}, {"THI", 800}, {"Bhutan", 760}, {"UKG", 200}} {
		got, ok := Countries.Resolve(c.q)
		if !ok || got.Code != c.code {
			t.Errorf("%q: %+v %v, want code %d", c.q, got, ok, c.code)
		}
	}
	if _, ok := Countries.Resolve("Atlantis"); ok {
		t.Error("Atlantis resolved")
	}
}

// {from: cow_nmc, year: Y} is read from the embedded NMC table, for any
// state the resolver knows (Thailand is not in scenario's built-in table).
func TestCowNMCReference(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "thai.yaml")
	yaml := `name: NMC reference
challenger: RUS
protege: UKR
horizon: 10
capabilities:
  challenger: {from: cow_nmc, year: 2014}
  protege: {from: cow_nmc, year: 2014}
option:
  name: a distant guarantor
  guarantors:
    - country: THI
      id: th
      capability: {from: cow_nmc, year: 2010}
      instruments:
        - type: security_assurance
`
	if err := os.WriteFile(f, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	opts, err := LoadOptions([]string{f})
	if err != nil {
		t.Fatal(err)
	}
	x, err := capability.Default()
	if err != nil {
		t.Skip("no capability index:", err)
	}
	o := opts[0]
	for _, c := range []struct {
		p    Party
		code int
		year int
	}{{o.Challenger.Party, 365, 2014}, {o.Protege, 369, 2014}, {o.Guarantors[0].Party, 800, 2010}} {
		want, err := x.CINC(c.code, c.year)
		if err != nil {
			t.Fatal(err)
		}
		if c.p.CCode != c.code || c.p.Capability.Dist.Mean() != want {
			t.Errorf("%s: code %d CINC %v, want %d %v", c.p.Name, c.p.CCode, c.p.Capability.Dist.Mean(), c.code, want)
		}
	}
}
