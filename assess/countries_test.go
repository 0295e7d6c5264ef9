package assess

import (
	"github.com/guarantor/guarantor/scenario"
	"math"
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
	opts, err := LoadOptionsWith([]string{f}, scenario.EngineUDG)
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

// Engine parameters set in a file's model: section replace the engine's
// defaults, under their YAML names; deploy shares apply to every party of
// the kind.
func TestEngineParamsFromScenario(t *testing.T) {
	f := filepath.Join(t.TempDir(), "eng.yaml")
	yaml := `name: engine parameters
challenger: RUS
protege: UKR
horizon: 10
capabilities:
  challenger: {from: cow_nmc, year: 2014}
  protege: {from: cow_nmc, year: 2014}
model:
  engine: udg
  udg:
    challenger:
      cost_max: {dist: uniform, min: 0.2, max: 1, source: "judgment: test"}
    defender: {u_dd_soft: -3}
    capability: {threshold: 0.6}
    durability: {redecision_rate: 0.05}
  capability: {guarantor_deploy: 0.1}
option:
  name: two guarantors
  guarantors:
    - country: USA
      id: us
      instruments: [{type: security_assurance}]
    - country: UKG
      id: uk
      instruments: [{type: security_assurance}]
`
	if err := os.WriteFile(f, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	opts, err := LoadOptionsWith([]string{f}, scenario.EngineUDG)
	if err != nil {
		t.Fatal(err)
	}
	m := compile(t, opts[0])
	for name, want := range map[string]float64{ChCostMax: 0.6, DefDDSoft: -3, CoefCapable: 0.6, DurRate: 0.05,
		"guarantors.us.deploy": 0.1, "guarantors.uk.deploy": 0.1} {
		i, ok := m.Index(name)
		if !ok {
			t.Fatalf("no input %s", name)
		}
		if got := m.Inputs[i].Dist.Mean(); math.Abs(got-want) > 1e-12 {
			t.Errorf("%s: mean %v, want %v", name, got, want)
		}
	}
	if i, _ := m.Index(ChCostMax); m.Inputs[i].Source != "judgment: test" {
		t.Errorf("source %q", m.Inputs[i].Source)
	}
	if i, _ := m.Index(ChBackDown); m.Inputs[i].Source == "" || m.Inputs[i].Name != "model.udg.challenger.backdown_cost" {
		t.Errorf("unset engine parameter: %+v", m.Inputs[i])
	}
}
