package scenario

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed schema.json
var schemaSource []byte

// schemaJSON is schema.json with its model section generated from the
// parameter catalogue, so the schema and the catalogue cannot disagree.
var schemaJSON = withModel(schemaSource)

func withModel(src []byte) []byte {
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		return src // loadSchema reports the error
	}
	model := map[string]any{"type": "object", "additionalProperties": false,
		"description": "model parameters (docs/assess.md has the catalogue: default, source, unit, range, equation); absent ones take their defaults",
		"properties":  map[string]any{"engine": map[string]any{"enum": []any{EngineDefault, EngineUDG}, "description": "the engine: structural (default) or udg (the Unilateral Deterrence Game, with its caveat)"}}}
	for _, e := range Catalogue() {
		node := model
		toks := strings.Split(e.Key(), ".")
		for _, t := range toks[:len(toks)-1] {
			props := node["properties"].(map[string]any)
			next, ok := props[t].(map[string]any)
			if !ok {
				next = map[string]any{"type": "object", "additionalProperties": false, "properties": map[string]any{}}
				props[t] = next
			}
			node = next
		}
		node["properties"].(map[string]any)[toks[len(toks)-1]] = map[string]any{"$ref": "#/$defs/quantity",
			"description": fmt.Sprintf("%s, %s, in %s; default %s (%s)", e.Equation, e.Unit, e.Range(), e.Default.String(), e.Source)}
	}
	doc["$defs"].(map[string]any)["model"] = model
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return src
	}
	return append(out, '\n')
}

// SchemaID is the schema's absolute $id.
const SchemaID = "https://guarantor.dev/schema/scenario/v1.json"

// Schema returns the JSON Schema (draft 2020-12) that scenario files are
// validated against, as printed by `guarantor schema`.
func Schema() []byte { return append([]byte(nil), schemaJSON...) }

var (
	schemaOnce     sync.Once
	compiledSchema *jsonschema.Schema
	schemaDoc      any // the schema as data, to list allowed property names
	schemaErr      error
)

func loadSchema() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(schemaJSON)))
		if err != nil {
			schemaErr = fmt.Errorf("scenario: embedded schema: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource(SchemaID, doc); err != nil {
			schemaErr = fmt.Errorf("scenario: embedded schema: %w", err)
			return
		}
		compiledSchema, schemaErr = c.Compile(SchemaID)
		_ = json.Unmarshal(schemaJSON, &schemaDoc)
	})
	return compiledSchema, schemaErr
}

var printer = message.NewPrinter(language.English)

// validateSchema checks v against the schema and maps each failure to the
// YAML position of the offending value (or key).
func validateSchema(v any, pos func(tokens []string, key bool) Pos) ErrorList {
	instance := func(loc []string) any {
		cur := v
		for _, t := range loc {
			switch c := cur.(type) {
			case map[string]any:
				cur = c[t]
			case []any:
				i, err := strconv.Atoi(t)
				if err != nil || i < 0 || i >= len(c) {
					return nil
				}
				cur = c[i]
			default:
				return nil
			}
		}
		return cur
	}
	sch, err := loadSchema()
	if err != nil {
		return ErrorList{{Msg: err.Error()}}
	}
	err = sch.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return ErrorList{{Msg: err.Error()}}
	}
	var out ErrorList
	for _, leaf := range leaves(ve) {
		out = append(out, describe(leaf, pos, instance)...)
	}
	return out.sortAndDedup()
}

// leaves returns the innermost errors: the wrappers (the schema, $ref, allOf,
// if/then groups) carry no information of their own.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func describe(e *jsonschema.ValidationError, pos func([]string, bool) Pos, instance func([]string) any) ErrorList {
	loc := e.InstanceLocation
	mk := func(tokens []string, key bool, msg string) *Error {
		return &Error{Pos: pos(tokens, key), Field: fieldPath(tokens), Msg: msg, loc: tokens}
	}
	with := func(p string) []string { return append(loc[:len(loc):len(loc)], p) }
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		allowed := allowedProperties(e.SchemaURL)
		if strings.HasSuffix(e.SchemaURL, "/$defs/instrument/additionalProperties") {
			// List only what this instrument type accepts.
			if m, ok := instance(loc).(map[string]any); ok {
				if t, ok := m["type"].(string); ok {
					if ps, ok := instrumentParams[InstrumentType(t)]; ok {
						allowed = append(append([]string(nil), ps...), commonInstrumentParams...)
					}
				}
			}
		}
		var out ErrorList
		for _, p := range k.Properties {
			msg := fmt.Sprintf("unknown field %q", p)
			if digitsOnly(p) {
				// {personnel: 1,200} reads as personnel: 1 and a key 200.
				msg += " (a thousands separator inside {...} splits the number there: write 1200, not 1,200)"
			}
			if len(allowed) > 0 {
				msg += "; expected one of: " + strings.Join(allowed, ", ")
			}
			if len(loc) == 0 && p == "options" {
				// An analyst comparing packages writes them in one file.
				msg += " (a file holds one option, under option:; to compare options put each in its own file of a directory, the shared part in a base file named by extends:, and assess the directory)"
			}
			out = append(out, mk(with(p), true, msg))
		}
		return out
	case *kind.Required:
		var out ErrorList
		for _, p := range k.Missing {
			out = append(out, mk(with(p), false, fmt.Sprintf("missing required field %q", p)))
		}
		for _, e := range out {
			// The field does not exist: point at the object that lacks it.
			e.Pos = pos(loc, false)
		}
		return out
	case *kind.Type:
		msg := fmt.Sprintf("expected %s, got %s", typeHint(k.Want), gotValue(k.Got, instance(loc)))
		if v, ok := instance(loc).(string); ok && len(loc) == 1 && loc[0] == "model" && (v == EngineUDG || v == EngineDefault) {
			msg += fmt.Sprintf(" (the engine is a field of model: write model: {engine: %s})", v)
		}
		if m, ok := instance(loc).(map[string]any); ok && !slices.Contains(k.Want, "object") {
			if _, dist := m["dist"]; dist || m["value"] != nil {
				msg += " (this field takes one value, not a distribution or a {value: ...} object)"
			}
		}
		return ErrorList{mk(loc, false, msg)}
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		return ErrorList{mk(loc, false, fmt.Sprintf("expected one of %s, got %s", strings.Join(want, ", "), show(k.Got)))}
	case *kind.Const:
		return ErrorList{mk(loc, false, fmt.Sprintf("expected %s, got %s", show(k.Want), show(k.Got)))}
	case *kind.Pattern:
		return ErrorList{mk(loc, false, fmt.Sprintf("%q does not have the expected form (%s)", k.Got, patternHint(k.Want)))}
	case *kind.MinLength:
		if k.Want == 1 {
			return ErrorList{mk(loc, false, "expected a non-empty string")}
		}
		return ErrorList{mk(loc, false, fmt.Sprintf("expected at least %d characters, got %d", k.Want, k.Got))}
	case *kind.MinItems:
		return ErrorList{mk(loc, false, fmt.Sprintf("expected at least %d items, got %d", k.Want, k.Got))}
	case *kind.Minimum:
		return ErrorList{mk(loc, false, fmt.Sprintf("expected a value >= %s, got %s", k.Want.FloatString(0), ratString(k.Got)))}
	case *kind.Maximum:
		return ErrorList{mk(loc, false, fmt.Sprintf("expected a value <= %s, got %s", k.Want.FloatString(0), ratString(k.Got)))}
	}
	return ErrorList{mk(loc, false, e.ErrorKind.LocalizedString(printer))}
}

// typeHint phrases the schema's recurring type unions in domain terms.
func typeHint(want []string) string {
	w := append([]string(nil), want...)
	sort.Strings(w)
	switch strings.Join(w, ",") {
	case "number,object":
		return "a number or a distribution such as {dist: uniform, min: 1, max: 2, source: ...}"
	case "integer,string":
		return "a COW country code (integer) or a COW abbreviation or name (string)"
	case "integer,object,string":
		return "a country (COW code, abbreviation or name) or a territory such as {territory: Falkland Islands, sovereign: UKG}"
	}
	return orList(w)
}

// thousands matches a number written with thousands separators (7,000).
var thousands = regexp.MustCompile(`^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// gotValue shows the offending scalar next to its type.
func gotValue(typ string, v any) string {
	switch v := v.(type) {
	case string:
		if _, err := strconv.ParseFloat(v, 64); err == nil && strings.ContainsAny(v, "eE") {
			// YAML 1.1 reads an exponent without a dot (1e9) as text.
			return fmt.Sprintf("%s %q (YAML reads an exponent without a decimal point as text: write 1.0e9 or 1000000000)", typ, v)
		}
		if thousands.MatchString(v) {
			return fmt.Sprintf("%s %q (YAML reads a thousands separator as text: write %s)", typ, v, strings.ReplaceAll(v, ",", ""))
		}
		if n, ok := strings.CutSuffix(v, "%"); ok {
			if f, err := strconv.ParseFloat(n, 64); err == nil {
				return fmt.Sprintf("%s %q (a percentage is text: write the fraction, %g)", typ, v, f/100)
			}
		}
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return fmt.Sprintf("%s %q", typ, v)
	case float64, bool:
		return fmt.Sprintf("%s %v", typ, v)
	}
	return typ
}

func orList(w []string) string {
	w = append([]string(nil), w...)
	sort.Strings(w)
	switch len(w) {
	case 0:
		return "nothing"
	case 1:
		return article(w[0])
	}
	return strings.Join(w[:len(w)-1], ", ") + " or " + w[len(w)-1]
}

func article(t string) string {
	switch t {
	case "object", "array", "integer":
		return "an " + t
	}
	return "a " + t
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func ratString(r interface{ FloatString(int) string }) string {
	s := r.FloatString(6)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func patternHint(p string) string {
	switch p {
	case `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`:
		return "a date YYYY, YYYY-MM or YYYY-MM-DD"
	case `^[a-z][a-z0-9_]*$`:
		return "lower-case letters, digits and _, starting with a letter"
	}
	return "pattern " + p
}

// allowedProperties lists the property names of the schema object whose
// additionalProperties keyword failed, found from the keyword's URL.
func allowedProperties(schemaURL string) []string {
	_, frag, ok := strings.Cut(schemaURL, "#")
	if !ok {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	if n := len(toks); n > 0 && toks[n-1] == "additionalProperties" {
		toks = toks[:n-1]
	}
	node := schemaDoc
	for _, t := range toks {
		if t == "" {
			continue
		}
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")]
	}
	m, _ := node.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for p := range props {
		names = append(names, p)
	}
	sort.Strings(names)
	return names
}
