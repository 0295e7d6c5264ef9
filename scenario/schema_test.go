package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// collectProps gathers every property name the schema defines.
func collectProps(node any, out map[string]bool) {
	switch n := node.(type) {
	case map[string]any:
		if props, ok := n["properties"].(map[string]any); ok {
			for k := range props {
				out[k] = true
			}
		}
		for _, v := range n {
			collectProps(v, out)
		}
	case []any:
		for _, v := range n {
			collectProps(v, out)
		}
	}
}

// Every field of the schema is documented in docs/scenario.md.
func TestSchemaFieldsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/scenario.md")
	if err != nil {
		t.Skip("docs/scenario.md not found")
	}
	var schema any
	if err := json.Unmarshal(Schema(), &schema); err != nil {
		t.Fatal(err)
	}
	props := map[string]bool{}
	collectProps(schema, props)
	for p := range props {
		if !strings.Contains(string(doc), "`"+p+"`") && !strings.Contains(string(doc), "."+p) && !strings.Contains(string(doc), p+"`") {
			t.Errorf("field %q is not documented in docs/scenario.md", p)
		}
	}
}

// The decoder's per-type parameter lists and the schema's instrument
// properties agree, and every instrument type has a default base rate.
func TestInstrumentTablesAgree(t *testing.T) {
	var schema map[string]any
	_ = json.Unmarshal(Schema(), &schema)
	inst := schema["$defs"].(map[string]any)["instrument"].(map[string]any)["properties"].(map[string]any)
	seen := map[string]bool{}
	for _, t2 := range InstrumentTypes {
		for _, p := range instrumentParams[t2] {
			seen[p] = true
		}
	}
	for _, p := range commonInstrumentParams {
		seen[p] = true
	}
	var schemaNames []string
	for p := range inst {
		schemaNames = append(schemaNames, p)
		if !seen[p] {
			t.Errorf("schema instrument property %q accepted by no instrument type", p)
		}
	}
	for p := range seen {
		if _, ok := inst[p]; !ok {
			t.Errorf("decoder parameter %q missing from the schema", p)
		}
	}
	types := inst["type"].(map[string]any)["enum"].([]any)
	if len(types) != len(InstrumentTypes) {
		t.Errorf("schema has %d instrument types, code %d", len(types), len(InstrumentTypes))
	}
	for _, it := range InstrumentTypes {
		for _, name := range []string{"model.response.base." + string(it), "model.udg.base_rates." + string(it)} {
			if _, ok := LookupEntry(name); !ok && !(it == Advisers && strings.HasPrefix(name, "model.udg.")) {
				t.Errorf("no catalogue entry %s", name)
			}
		}
	}
	sort.Strings(schemaNames)
}

// Randomly generated valid scenarios load, and every number comes back as
// written at the parameter name the docs promise.
func TestRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 4).Draw(t, "guarantors")
		codes := []string{"USA", "UKG", "FRN", "GMY", "POL", "CAN"}
		var sb strings.Builder
		horizon := rapid.Float64Range(0.5, 50).Draw(t, "horizon")
		fmt.Fprintf(&sb, "name: generated\nchallenger: 365\nprotege: Ukraine\nhorizon: {value: %v, source: judgment}\noption:\n", horizon)
		if n == 0 {
			sb.WriteString("  guarantors: []\n")
		} else {
			sb.WriteString("  guarantors:\n")
		}
		type want struct {
			name string
			v    float64
		}
		var wants []want
		for i := range n {
			id := fmt.Sprintf("g%d", i)
			fmt.Fprintf(&sb, "    - country: %s\n      id: %s\n      instruments:\n", codes[i], id)
			troops := float64(rapid.IntRange(0, 100000).Draw(t, "troops"))
			lo := rapid.Float64Range(0, 1000).Draw(t, "lo")
			w := rapid.Float64Range(0.001, 1000).Draw(t, "w")
			fmt.Fprintf(&sb, "        - type: tripwire\n          troops: %v\n          posture: %s\n", troops, rapid.SampledFrom([]string{"frontline", "depth", "rear"}).Draw(t, "posture"))
			fmt.Fprintf(&sb, "        - type: economic_stake\n          value_usd_bn: {dist: uniform, min: %v, max: %v, source: x}\n", lo, lo+w)
			wants = append(wants, want{"guarantors." + id + ".tripwire.troops", troops}, want{"guarantors." + id + ".economic_stake.value_usd_bn", lo + w/2})
		}
		s, err := Parse("gen.yaml", []byte(sb.String()), Options{})
		if err != nil {
			t.Fatalf("%v\n%s", err, sb.String())
		}
		c := Compile(s)
		x := make([]float64, len(c.Params))
		c.Central(x)
		if x[c.Horizon] != horizon {
			t.Fatalf("horizon %v, want %v", x[c.Horizon], horizon)
		}
		for _, w := range wants {
			i, ok := c.Index(w.name)
			if !ok {
				t.Fatalf("no parameter %s", w.name)
			}
			if d := x[i] - w.v; d > 1e-9*(1+w.v) || d < -1e-9*(1+w.v) {
				t.Fatalf("%s = %v, want %v", w.name, x[i], w.v)
			}
		}
		if len(c.Guarantors) != n {
			t.Fatalf("%d guarantors compiled, want %d", len(c.Guarantors), n)
		}
	})
}

// schema.json must not repeat a key: encoding/json keeps the last copy
// silently, which once hid a whole "$defs" block edited in vain.
func TestSchemaSourceHasNoDuplicateKeys(t *testing.T) {
	dec := json.NewDecoder(bytes.NewReader(schemaSource))
	var walk func(path string) error
	walk = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k := kt.(string)
				if seen[k] {
					t.Errorf("schema.json: %s: key %q repeated", path, k)
				}
				seen[k] = true
				if err := walk(path + "/" + k); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := walk(fmt.Sprintf("%s/%d", path, i)); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	if err := walk(""); err != nil {
		t.Fatal(err)
	}
}
