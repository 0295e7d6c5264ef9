package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
)

// canonicalHash is the first 16 hex digits of the SHA-256 of the canonical
// text of a merged document: JSON-like, mapping keys sorted, strings
// Go-quoted (strconv.Quote), numbers in
// their shortest round-trip form ('g', so 1, 1.0 and 1e0 hash alike), no
// whitespace. It depends on what the scenario says, not on how it is
// written: key order, comments, anchors, quoting, number spelling and the
// split into extends: files do not change it.
func canonicalHash(v any) string {
	h := sha256.New()
	h.Write(Canonical(v))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Canonical returns the canonical text of a decoded document value
// (map[string]any, []any, float64, string, bool, nil).
func Canonical(v any) []byte { return appendCanonical(nil, v) }

func appendCanonical(b []byte, v any) []byte {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, k)
			b = append(b, ':')
			b = appendCanonical(b, x[k])
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCanonical(b, e)
		}
		return append(b, ']')
	case float64:
		if x == 0 {
			x = 0 // -0 and 0 are the same number
		}
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case string:
		return strconv.AppendQuote(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case nil:
		return append(b, "null"...)
	}
	return strconv.AppendQuote(b, "?unsupported")
}
