package cli

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/guarantor/guarantor/scenario"
)

func TestSchemaCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"schema"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc["$id"] != scenario.SchemaID || doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$id %v $schema %v", doc["$id"], doc["$schema"])
	}
	if code := Main([]string{"schema", "extra"}, nil, &out, &errb); code == 0 {
		t.Error("extra argument accepted")
	}
}
