package contract

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// documents maps each document name to its Go type and a one-line title.
var documents = map[string]struct {
	v     any
	title string
}{
	"assess":      {Assessment{}, "guarantor assess: P(deterrence holds) and its parts, per option"},
	"explain":     {Explanation{}, "guarantor explain: the chain from inputs to probabilities at the medians"},
	"backtest":    {Backtest{}, "guarantor backtest: forecasts of history cases scored against outcomes"},
	"game_solve":  {GameSolve{}, "guarantor game solve: equilibria of a Gambit game"},
	"game_info":   {GameInfo{}, "guarantor game info: the structure of a Gambit game"},
	"model_solve": {ModelSolve{}, "guarantor model solve: equilibria of a canonical deterrence model"},
	"data":        {Data{}, "guarantor data list/show/analyze: embedded data and analyses"},
	"sensitivity": {Sensitivity{}, "guarantor sensitivity: Sobol indices of an option's uncertain inputs"},
	"sweep":       {Sweep{}, "guarantor sweep: the answers at every point of a grid or design of experiments"},
	"design":      {Design{}, "guarantor design: the cheapest package that reaches a target, and the cost frontier"},
}

// Names lists the documents that have a schema, in order.
func Names() []string {
	var out []string
	for k := range documents {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Schema returns the JSON Schema (draft 2020-12) of a document, generated
// from its Go type: every field without omitempty is required, and no
// other keys are allowed, so the schema describes exactly what this
// version prints. name may use - for _ ("game-solve").
func Schema(name string) ([]byte, error) {
	name = strings.ReplaceAll(name, "-", "_")
	d, ok := documents[name]
	if !ok {
		return nil, fmt.Errorf("unknown output %q: expected one of %s", name, strings.Join(Names(), ", "))
	}
	g := &schemaGen{defs: map[string]any{}}
	root := g.object(reflect.TypeOf(d.v))
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = "https://guarantor.dev/schema/output/v" + SchemaVersion + "/" + name + ".json"
	root["title"] = d.title
	props := root["properties"].(map[string]any)
	props["schema_version"].(map[string]any)["const"] = SchemaVersion
	props["output"].(map[string]any)["const"] = name
	if len(g.defs) > 0 {
		root["$defs"] = g.defs
	}
	b, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

type schemaGen struct{ defs map[string]any }

var marshaler = reflect.TypeOf((*json.Marshaler)(nil)).Elem()

// of returns the schema of a field's type.
func (g *schemaGen) of(t reflect.Type) map[string]any {
	if t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler) {
		return map[string]any{"description": "free-form JSON (its own documentation gives the shape)"}
	}
	switch t.Kind() {
	case reflect.Pointer: // encoding/json writes a nil pointer as null
		return map[string]any{"anyOf": []any{g.of(t.Elem()), map[string]any{"type": "null"}}}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := t.Name()
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // reserve: no recursion in these types, but be safe
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	}
	panic(fmt.Sprintf("contract: no schema for %v", t))
}

// object builds a struct's schema, flattening embedded structs as
// encoding/json does.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if f.Anonymous && tag == "" {
				walk(f.Type)
				continue
			}
			if !f.IsExported() || tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "" {
				name = f.Name
			}
			s := g.of(f.Type)
			if doc := f.Tag.Get("doc"); doc != "" {
				if _, isRef := s["$ref"]; isRef {
					s = map[string]any{"allOf": []any{s}, "description": doc}
				} else {
					s["description"] = doc
				}
			}
			if enum := f.Tag.Get("enum"); enum != "" {
				var vs []any
				for _, v := range strings.Split(enum, ",") {
					vs = append(vs, v)
				}
				s["enum"] = vs
			}
			props[name] = s
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
	}
	walk(t)
	slices.Sort(required)
	return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}
