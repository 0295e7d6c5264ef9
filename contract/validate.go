package contract

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var compiled sync.Map // name -> *jsonschema.Schema

// Validate checks a JSON document against the schema of the named output
// (see Names), for tests and for clients that want to hold a server to
// the contract.
func Validate(name string, doc []byte) error {
	name = strings.ReplaceAll(name, "-", "_")
	sch, ok := compiled.Load(name)
	if !ok {
		s, err := Schema(name)
		if err != nil {
			return err
		}
		sv, err := jsonschema.UnmarshalJSON(bytes.NewReader(s))
		if err != nil {
			return err
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource(name+".json", sv); err != nil {
			return err
		}
		if sch, err = c.Compile(name + ".json"); err != nil {
			return fmt.Errorf("contract: schema %s does not compile: %w", name, err)
		}
		compiled.Store(name, sch)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.(*jsonschema.Schema).Validate(inst)
}
