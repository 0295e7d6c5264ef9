package scenario

import "strings"

// pruned returns a deep copy of root without the values at the schema
// errors' locations: a key is deleted, a list item becomes nil. What is
// left has the types the semantic pass expects, or is absent.
func pruned(root map[string]any, errs ErrorList) map[string]any {
	out := deepCopy(root).(map[string]any)
	for _, e := range errs {
		if len(e.loc) == 0 {
			continue
		}
		var cur any = out
		for _, t := range e.loc[:len(e.loc)-1] {
			cur = child(cur, t)
		}
		last := e.loc[len(e.loc)-1]
		switch c := cur.(type) {
		case map[string]any:
			delete(c, last)
		case []any:
			if i, ok := index(c, last); ok {
				c[i] = nil
			}
		}
	}
	return out
}

func deepCopy(v any) any {
	switch c := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(c))
		for k, x := range c {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		l := make([]any, len(c))
		for i, x := range c {
			l[i] = deepCopy(x)
		}
		return l
	}
	return v
}

func child(v any, t string) any {
	switch c := v.(type) {
	case map[string]any:
		return c[t]
	case []any:
		if i, ok := index(c, t); ok {
			return c[i]
		}
	}
	return nil
}

func index(l []any, t string) (int, bool) {
	i := 0
	for _, r := range t {
		if r < '0' || r > '9' {
			return 0, false
		}
		i = i*10 + int(r-'0')
		if i >= len(l) {
			return 0, false
		}
	}
	return i, t != ""
}

// independent returns the semantic errors that do not follow from a
// schema error: not at a faulted field or under it, nor at an object above
// it (below the file itself), whose checks may read the removed value. A
// faulted discriminator (an instrument's type, a distribution's dist, the
// challenge's kind or stage, the engine, a capability's dataset from)
// faults its whole object, since
// its siblings are checked against it.
func independent(sem, schema ErrorList) ErrorList {
	var out ErrorList
	for _, e := range sem {
		keep := true
		for _, s := range schema {
			t := taint(s.Field)
			if under(e.Field, t) || e.Field != "" && under(t, e.Field) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, e)
		}
	}
	return out
}

// discriminators are the keys whose value decides what their siblings may
// be.
var discriminators = map[string]bool{"type": true, "dist": true, "kind": true, "stage": true, "engine": true, "from": true}

// taint is what a schema error at field faults: the field, or its object
// when the field is a discriminator below the top level.
func taint(field string) string {
	obj := parentField(field)
	if obj != "" && discriminators[field[len(obj)+1:]] {
		return obj
	}
	return field
}

// parentField is the object that holds field ("a.b[0].c" -> "a.b[0]";
// "a.b[0]" -> "a.b"; "a" -> "").
func parentField(field string) string {
	i := strings.LastIndexAny(field, ".[")
	if i < 0 {
		return ""
	}
	return field[:i]
}

// under reports whether field is obj or inside it ("" holds everything).
func under(field, obj string) bool {
	if obj == "" || field == obj {
		return true
	}
	return strings.HasPrefix(field, obj) && (field[len(obj)] == '.' || field[len(obj)] == '[')
}
