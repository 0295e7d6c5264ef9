package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// document is one parsed YAML file: its value as JSON-like Go data
// (map[string]any, []any, float64, string, bool, nil) and the position of
// every value and key, keyed by JSON pointer ("/option/guarantors/0").
type document struct {
	value any
	pos   map[string]Pos // position of the value at a pointer
	keys  map[string]Pos // position of the key that names a pointer
}

// maxNodes bounds the values an alias expansion may produce, so a
// "billion laughs" file fails with an error instead of exhausting memory.
const maxNodes = 100000

type converter struct {
	file    string
	doc     *document
	anchors map[string]ast.Node
	nodes   int
	depth   int
}

// parseYAML parses data into a document, or returns positioned errors.
func parseYAML(file string, data []byte) (*document, error) {
	// A UTF-8 byte-order mark (Windows editors write one) is not part of
	// the text: the YAML parser would read it into the first key, or fail
	// on it before a comment. Lines and columns still count as an editor
	// shows them, since editors do not display the mark.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// CRLF line ends (Windows editors; every textarea a browser submits):
	// YAML reads a line break as LF, and the parser counts a comment's
	// CRLF as two lines, which put every later error's line off by the
	// number of comment lines above it.
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, ErrorList{yamlError(file, err)}
	}
	c := &converter{file: file, doc: &document{pos: map[string]Pos{}, keys: map[string]Pos{}}, anchors: map[string]ast.Node{}}
	docs := 0
	var body ast.Node
	for _, d := range f.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		docs++
		if docs > 1 {
			return nil, ErrorList{{Pos: c.at(d.Body), Msg: "expected one YAML document, found more than one"}}
		}
		body = d.Body
	}
	if body == nil {
		return nil, ErrorList{{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: "empty file: expected a scenario mapping"}}
	}
	v, err := c.convert(body, nil)
	if err != nil {
		return nil, err
	}
	c.doc.value = v
	return c.doc, nil
}

// yamlError turns a goccy syntax error into a positioned Error.
func yamlError(file string, err error) *Error {
	type tokenError interface {
		GetToken() *token.Token
		GetMessage() string
	}
	var te tokenError
	if errors.As(err, &te) {
		if tk := te.GetToken(); tk != nil && tk.Position != nil {
			return &Error{Pos: Pos{File: file, Line: tk.Position.Line, Col: tk.Position.Column}, Msg: "YAML syntax: " + te.GetMessage()}
		}
		return &Error{Pos: Pos{File: file}, Msg: "YAML syntax: " + te.GetMessage()}
	}
	return &Error{Pos: Pos{File: file}, Msg: "YAML syntax: " + err.Error()}
}

func (c *converter) at(n ast.Node) Pos {
	if n == nil {
		return Pos{File: c.file}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return Pos{File: c.file}
	}
	return Pos{File: c.file, Line: tk.Position.Line, Col: tk.Position.Column}
}

func (c *converter) fail(n ast.Node, path []string, format string, a ...any) error {
	return ErrorList{{Pos: c.at(n), Field: fieldPath(path), Msg: fmt.Sprintf(format, a...)}}
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 64

func (c *converter) convert(n ast.Node, path []string) (any, error) {
	c.nodes++
	if c.nodes > maxNodes {
		return nil, c.fail(n, path, "file expands to more than %d values (alias expansion?)", maxNodes)
	}
	if c.depth > maxDepth {
		return nil, c.fail(n, path, "nesting deeper than %d levels", maxDepth)
	}
	c.depth++
	defer func() { c.depth-- }()
	p := ptr(path)
	if _, ok := c.doc.pos[p]; !ok {
		c.doc.pos[p] = c.at(n)
		// A block mapping's own token is its first ':'; its first key is
		// where a reader sees it start.
		if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0].Key != nil {
			c.doc.pos[p] = c.at(m.Values[0].Key)
		}
		if m, ok := n.(*ast.MappingValueNode); ok && m.Key != nil {
			c.doc.pos[p] = c.at(m.Key)
		}
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		return c.mapping(n.Values, path)
	case *ast.MappingValueNode:
		return c.mapping([]*ast.MappingValueNode{n}, path)
	case *ast.SequenceNode:
		out := make([]any, 0, len(n.Values))
		for i, item := range n.Values {
			v, err := c.convert(item, append(path[:len(path):len(path)], strconv.Itoa(i)))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case *ast.AnchorNode:
		if n.Name != nil {
			c.anchors[n.Name.GetToken().Value] = n.Value
		}
		return c.convert(n.Value, path)
	case *ast.AliasNode:
		name := ""
		if n.Value != nil {
			name = n.Value.GetToken().Value
		}
		target, ok := c.anchors[name]
		if !ok {
			return nil, c.fail(n, path, "alias *%s refers to no anchor defined before it", name)
		}
		return c.convert(target, path)
	case *ast.TagNode:
		return c.convert(n.Value, path)
	case *ast.NullNode:
		return nil, nil
	case *ast.BoolNode:
		return n.Value, nil
	case *ast.IntegerNode:
		switch v := n.Value.(type) {
		case int64:
			return float64(v), nil
		case uint64:
			return float64(v), nil
		}
		return nil, c.fail(n, path, "expected a number, got %q", n.GetToken().Value)
	case *ast.FloatNode:
		return n.Value, nil
	case *ast.InfinityNode, *ast.NanNode:
		return nil, c.fail(n, path, "expected a finite number, got %s", n.GetToken().Value)
	case *ast.StringNode:
		return n.Value, nil
	case *ast.LiteralNode:
		return n.Value.Value, nil
	}
	return nil, c.fail(n, path, "unsupported YAML construct %s", n.Type())
}

func (c *converter) mapping(values []*ast.MappingValueNode, path []string) (any, error) {
	out := map[string]any{}
	// merged holds the keys that came from a merge key (<<): the mapping's
	// own keys override them wherever the << stands (yaml.org/type/merge),
	// so only a key written twice in the mapping itself is a duplicate.
	merged := map[string]bool{}
	for _, mv := range values {
		if mv.Key != nil && mv.Key.IsMergeKey() {
			v, err := c.convert(mv.Value, path)
			if err != nil {
				return nil, err
			}
			// One mapping, or a list of them in which the earlier wins.
			ms, ok := []any{v}, true
			if l, isList := v.([]any); isList {
				ms = l
			}
			for _, x := range ms {
				m, isMap := x.(map[string]any)
				if !isMap {
					ok = false
					break
				}
				for k, y := range m {
					if _, dup := out[k]; !dup {
						out[k] = y
						merged[k] = true
					}
				}
			}
			if !ok {
				return nil, c.fail(mv.Value, path, "merge key << expects a mapping or a list of mappings")
			}
			continue
		}
		key, err := c.key(mv.Key, path)
		if err != nil {
			return nil, err
		}
		if _, dup := out[key]; dup && !merged[key] {
			return nil, c.fail(mv.Key, append(path[:len(path):len(path)], key), "duplicate key %q", key)
		}
		delete(merged, key)
		sub := append(path[:len(path):len(path)], key)
		c.doc.keys[ptr(sub)] = c.at(mv.Key)
		v, err := c.convert(mv.Value, sub)
		if err != nil {
			return nil, err
		}
		if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			return nil, c.fail(mv.Value, sub, "expected a finite number")
		}
		out[key] = v
	}
	return out, nil
}

func (c *converter) key(k ast.MapKeyNode, path []string) (string, error) {
	switch k := k.(type) {
	case *ast.StringNode:
		return k.Value, nil
	case nil:
		return "", c.fail(nil, path, "mapping key missing")
	}
	if s, ok := k.(ast.ScalarNode); ok {
		if v := s.GetValue(); v != nil {
			return fmt.Sprint(v), nil
		}
	}
	return "", c.fail(k, path, "expected a plain scalar as mapping key")
}
