package contract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
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

// The studies' schemas hold them to the same rules: lists never null, no
// unknown keys, the header's output names the document.
func TestStudySchemasReject(t *testing.T) {
	head := func(output string) string {
		return `"schema_version":"1","output":"` + output + `","engine_version":"v","input_hash":"h","seed":1,"samples":100`
	}
	good := `{` + head("sweep") + `,"file":"f.yaml","design":"grid","params":[],"points":[]}`
	if err := Validate("sweep", []byte(good)); err != nil {
		t.Fatal(err)
	}
	sens := `{` + head("sensitivity") + `,"option":"o","file":"f","groups":"none","quasi_random":true,"engine_runs":1,"bootstrap":0,"level":0.95,"outputs":[{"output":"P","mean":0,"variance":0,"factors":[{"factor":"x","inputs":["x"],"first_order":FIRST,"total":{"value":0,"lo":0,"hi":0}}]}],"inputs":[]}`
	okSens := strings.Replace(sens, "FIRST", `{"value":0,"lo":0,"hi":0}`, 1)
	if err := Validate("sensitivity", []byte(okSens)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, doc string }{
		{"sweep", `{` + head("sweep") + `,"file":"f.yaml","design":"grid","params":[],"points":null}`},
		{"sweep", `{` + head("sweep") + `,"file":"f.yaml","design":"box","params":[],"points":[]}`},
		{"sweep", `{` + head("design") + `,"file":"f.yaml","design":"grid","params":[],"points":[]}`},
		{"sweep", `{` + head("sweep") + `,"file":"f.yaml","design":"grid","params":[],"points":[],"extra":1}`},
		{"sensitivity", strings.Replace(sens, "FIRST", `{"value":0,"lo":0}`, 1)},
		{"sensitivity", strings.Replace(okSens, `"inputs":["x"]`, `"inputs":null`, 1)},
		{"sensitivity", strings.Replace(okSens, `"output":"sensitivity"`, `"output":"sweep"`, 1)},
	} {
		if Validate(c.name, []byte(c.doc)) == nil {
			t.Errorf("%s schema accepts %s", c.name, c.doc)
		}
	}
}
