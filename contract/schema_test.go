package contract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The schemas are golden files: a change to a contract type shows up in
// review as a change to testdata/schema/*.json (refresh with -update).
func TestSchemasGolden(t *testing.T) {
	for _, name := range Names() {
		got, err := Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "schema", name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./contract -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: schema differs from %s (run go test ./contract -update and review the diff)", name, path)
		}
	}
	if _, err := Schema("nosuch"); err == nil {
		t.Error("unknown output accepted")
	}
}

// A schema rejects what the contract does not allow: a missing required
// key, a key of the wrong type, an unknown key, another document's name.
func TestSchemaRejects(t *testing.T) {
	good, _ := json.Marshal(NewAssessment("v", 1, 100))
	if err := Validate("assess", good); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"schema_version":"1","output":"assess","engine_version":"v","input_hash":"","seed":1,"options":[]}`,
		`{"schema_version":"1","output":"assess","engine_version":"v","input_hash":"","seed":-1,"samples":1,"options":[]}`,
		`{"schema_version":"1","output":"assess","engine_version":"v","input_hash":"","seed":1,"samples":1,"options":[],"Seed":1}`,
		`{"schema_version":"1","output":"backtest","engine_version":"v","input_hash":"","seed":1,"samples":1,"options":[]}`,
		`{"schema_version":"2","output":"assess","engine_version":"v","input_hash":"","seed":1,"samples":1,"options":[]}`,
	} {
		if Validate("assess", []byte(bad)) == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
}
