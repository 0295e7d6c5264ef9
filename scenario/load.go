package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/guarantor/guarantor/inputfile"
)

// Options configure loading. The zero value uses the built-in country
// table and reads files from the operating system.
type Options struct {
	Countries CountryResolver
	// ReadFile reads the scenario file and its extends: bases; nil means
	// inputfile.Read with the MaxFileBytes cap (regular files only).
	ReadFile func(name string) ([]byte, error)
	// AsOf is the date (YYYY-MM-DD) a file without a period is assessed
	// at, for the checks that need a date (a state that had left the
	// system by then); empty: those checks run for files with a period
	// only.
	AsOf string
}

// maxExtends bounds the length of an extends chain.
const maxExtends = 16

// MaxFileBytes caps a scenario file's size (inputfile.MaxScenarioBytes):
// larger files, devices and FIFOs are refused before parsing.
const MaxFileBytes = inputfile.MaxScenarioBytes

// LoadFile reads, validates and decodes the scenario in file, following
// extends: chains. On error it returns nil and an ErrorList (never a
// partial scenario).
func LoadFile(file string, opts Options) (*Scenario, error) {
	read := opts.readFile()
	data, err := read(file)
	if err != nil {
		return nil, ErrorList{{Pos: Pos{File: file}, Msg: "cannot read file: " + errText(err)}}
	}
	return Parse(file, data, opts)
}

// Parse validates and decodes a scenario whose text is data; name is used
// in error positions and to resolve extends: relative to its directory.
func Parse(name string, data []byte, opts Options) (*Scenario, error) {
	res := opts.Countries
	if res == nil {
		res = BuiltinCountries
	}
	doc, files, err := loadChain(name, data, opts.readFile(), nil)
	if err != nil {
		return nil, err
	}
	hash := canonicalHash(doc.value)
	pos := doc.lookup()
	// Both passes run, so that a file with a schema mistake and a semantic
	// one reports both at once: the semantic pass reads the document with
	// the values the schema rejected removed, and its errors inside an
	// object the schema pass already faulted are left out (they would be
	// consequences of the removal, or a second report of the same field).
	errs := validateSchema(doc.value, pos)
	root := doc.value.(map[string]any)
	if len(errs) > 0 {
		root = pruned(root, errs)
	}
	d := &decoder{pos: pos, res: res, asOf: opts.AsOf}
	s := d.decode(root)
	if len(errs) > 0 || len(d.errs) > 0 {
		return nil, append(errs, independent(d.errs, errs)...).sortAndDedup()
	}
	s.File, s.Files, s.InputHash = name, files, hash
	return s, nil
}

func (o Options) readFile() func(string) ([]byte, error) {
	if o.ReadFile != nil {
		return o.ReadFile
	}
	return func(name string) ([]byte, error) { return inputfile.Read(name, MaxFileBytes) }
}

func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// loadChain parses name and, recursively, the file it extends, returning
// the merged document (the derived file's fields override the base's) and
// the files involved, most derived first. stack detects cycles.
func loadChain(name string, data []byte, read func(string) ([]byte, error), stack []string) (*document, []string, error) {
	if err := checkBounds(name, data); err != nil {
		return nil, nil, err
	}
	doc, err := parseYAML(name, data)
	if err != nil {
		return nil, nil, err
	}
	root, ok := doc.value.(map[string]any)
	if !ok {
		return nil, nil, ErrorList{{Pos: doc.pos["/"], Msg: "expected a mapping of scenario fields at the top level"}}
	}
	ext, has := root["extends"]
	if !has {
		return doc, []string{name}, nil
	}
	extPos := doc.pos["/extends"]
	base, ok := ext.(string)
	if !ok || base == "" {
		return nil, nil, ErrorList{{Pos: extPos, Field: "extends", Msg: "expected the path of a base scenario file (a string)"}}
	}
	if !filepath.IsAbs(base) {
		base = filepath.Join(filepath.Dir(name), base)
	}
	stack = append(stack, filepath.Clean(name))
	for _, s := range stack {
		if s == filepath.Clean(base) {
			return nil, nil, ErrorList{{Pos: extPos, Field: "extends", Msg: "extends cycle: " + strings.Join(append(stack, base), " -> ")}}
		}
	}
	if len(stack) > maxExtends {
		return nil, nil, ErrorList{{Pos: extPos, Field: "extends", Msg: "extends chain longer than 16 files"}}
	}
	bdata, err := read(base)
	if err != nil {
		return nil, nil, ErrorList{{Pos: extPos, Field: "extends", Msg: "cannot read base file " + base + ": " + errText(err)}}
	}
	bdoc, files, err := loadChain(base, bdata, read, stack)
	if err != nil {
		return nil, nil, err
	}
	delete(root, "extends")
	merged := &document{pos: bdoc.pos, keys: bdoc.keys}
	merged.value = merge(bdoc.value.(map[string]any), root, nil, merged, doc)
	return merged, append([]string{name}, files...), nil
}

// merge overlays over onto base: mappings merge key by key, anything else
// (numbers, strings, sequences) replaces. Positions of replaced subtrees are
// dropped from dst and the overlay's positions copied in, so every error in
// the merged document points at the file that supplied the value.
func merge(base, over map[string]any, path []string, dst, src *document) map[string]any {
	out := make(map[string]any, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		p := append(path[:len(path):len(path)], k)
		bm, bok := out[k].(map[string]any)
		om, ook := v.(map[string]any)
		if bok && ook {
			copyPos(dst, src, ptr(p), false)
			out[k] = merge(bm, om, p, dst, src)
			continue
		}
		copyPos(dst, src, ptr(p), true)
		out[k] = v
	}
	return out
}

// copyPos moves the positions of the pointer prefix p from src to dst; with
// subtree, every descendant is replaced too.
func copyPos(dst, src *document, p string, subtree bool) {
	for _, m := range []struct{ d, s map[string]Pos }{{dst.pos, src.pos}, {dst.keys, src.keys}} {
		if subtree {
			for k := range m.d {
				if k == p || strings.HasPrefix(k, p+"/") {
					delete(m.d, k)
				}
			}
			for k, v := range m.s {
				if k == p || strings.HasPrefix(k, p+"/") {
					m.d[k] = v
				}
			}
		} else if v, ok := m.s[p]; ok {
			m.d[p] = v
		}
	}
}

// lookup returns a function giving the position of a value (or its key),
// falling back to the nearest enclosing value that has one.
func (doc *document) lookup() func(tokens []string, key bool) Pos {
	return func(tokens []string, key bool) Pos {
		if key {
			if p, ok := doc.keys[ptr(tokens)]; ok {
				return p
			}
		}
		for n := len(tokens); n >= 0; n-- {
			if p, ok := doc.pos[ptr(tokens[:n])]; ok {
				return p
			}
		}
		return Pos{}
	}
}

// OptionFiles lists the scenario files named by paths: a file is taken as
// it is; a directory contributes its *.yaml and *.yml files in name order,
// except those whose name starts with "_" or "." (base files for extends:,
// kept in the same folder or a _base/ subfolder).
func OptionFiles(paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, ErrorList{{Pos: Pos{File: p}, Msg: "cannot read: " + errText(err)}}
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, ErrorList{{Pos: Pos{File: p}, Msg: "cannot read directory: " + errText(err)}}
		}
		for _, e := range entries {
			if !candidateEntry(e) {
				continue
			}
			if n := e.Name(); filepath.Ext(n) == ".yaml" || filepath.Ext(n) == ".yml" {
				out = append(out, filepath.Join(p, n))
			}
		}
	}
	return out, nil
}

// candidateEntry reports whether a directory entry may be an option file:
// a file whose name does not start with "_" or "." (base files for
// extends:, kept in the same folder or a _base/ subfolder).
func candidateEntry(e os.DirEntry) bool {
	n := e.Name()
	return !e.IsDir() && !strings.HasPrefix(n, "_") && !strings.HasPrefix(n, ".")
}

// NoOptionFiles is the message for paths that hold no scenario file: a
// directory contributes only *.yaml and *.yml, so a scenario written as
// JSON (which is YAML) there is named, with the two ways to load it,
// rather than passed over in silence.
func NoOptionFiles(paths ...string) string {
	msg := strings.Join(paths, ", ") + ": no scenario files (*.yaml, *.yml)"
	var skipped []string
	for _, p := range paths {
		entries, err := os.ReadDir(p)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if n := e.Name(); candidateEntry(e) && filepath.Ext(n) == ".json" {
				skipped = append(skipped, n)
			}
		}
	}
	if len(skipped) > 0 {
		msg += fmt.Sprintf("; a directory does not read *.json (%s): a JSON scenario loads when its file is named, or rename it .yaml", strings.Join(skipped, ", "))
	}
	return msg
}

// maxFlowDepth bounds the nesting of flow collections ([ and {) in the raw
// text. The YAML parser recurses on them before the converter's own depth
// bound (maxDepth) can act, and a 100k-deep "[[[[..." would otherwise take
// minutes; the converter's bound applies to block nesting.
const maxFlowDepth = maxDepth

// maxEntries bounds the lines with content plus the items of flow
// collections. The YAML parser's time grows faster than linearly with
// them (200,000 keys in one mapping ran for over a minute; 100,000
// "---" documents likewise; a 1.9-million-item flow list used over 1 GB),
// and the largest shipped scenario has about 100 lines.
const maxEntries = 10_000

// checkBounds refuses, before parsing, text over the size cap and flow
// collections nested deeper than maxFlowDepth. The scan is conservative:
// brackets inside quoted scalars (a quote that starts a scalar: after
// ": ", "- ", "[", "{", "," or at the start of a line) and inside comments
// are skipped; other brackets count, so a file is refused only if its
// plain scalars hold more than 64 unclosed brackets.
func checkBounds(name string, data []byte) error {
	if len(data) > MaxFileBytes {
		return ErrorList{{Pos: Pos{File: name}, Msg: fmt.Sprintf("file too large: %d bytes, over the limit of %d", len(data), MaxFileBytes)}}
	}
	depth, line, col := 0, 1, 0
	var quote byte
	prev := byte('\n') // last non-blank byte on the line
	comment := false
	entries := 0 // lines with content and items of flow collections
	for i := 0; i < len(data); i++ {
		c := data[i]
		col++
		if c == '\n' && quote == 0 {
			if prev != '\n' {
				if entries++; entries > maxEntries {
					return ErrorList{{Pos: Pos{File: name, Line: line, Col: 1}, Msg: fmt.Sprintf("more than %d entries (lines and list items); a scenario has a few hundred", maxEntries)}}
				}
			}
			line, col, comment, prev = line+1, 0, false, '\n'
			continue
		}
		switch {
		case comment:
			continue
		case quote != 0:
			if c == '\n' {
				line, col = line+1, 0
			} else if c == '\\' && quote == '"' {
				i++
				col++
			} else if c == quote {
				if quote == '\'' && i+1 < len(data) && data[i+1] == '\'' { // '' escapes ' in single quotes
					i++
					col++
				} else {
					quote = 0
				}
			}
			continue
		case c == '#' && (prev == '\n' || data[i-1] == ' ' || data[i-1] == '\t'):
			comment = true
			continue
		case (c == '"' || c == '\'') && strings.IndexByte("\n:-[{,", prev) >= 0:
			quote = c
		case c == '[' || c == '{':
			if depth++; depth > maxFlowDepth {
				return ErrorList{{Pos: Pos{File: name, Line: line, Col: col}, Msg: fmt.Sprintf("flow collections ([ or {) nested deeper than %d levels", maxFlowDepth)}}
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		case c == ',' && depth > 0:
			if entries++; entries > maxEntries {
				return ErrorList{{Pos: Pos{File: name, Line: line, Col: col}, Msg: fmt.Sprintf("more than %d entries (lines and list items); a scenario has a few hundred", maxEntries)}}
			}
		}
		if c != ' ' && c != '\t' && c != '\r' {
			prev = c
		}
	}
	return nil
}
