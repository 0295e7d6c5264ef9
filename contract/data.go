package contract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"unicode"
)

// Data is the document of the `guarantor data` commands (list, show,
// analyze). Result holds the command's own shape: for show, an array of
// rows (columns as in the table, missing cells null); for list and the
// analyses, objects whose keys are snake_case.
type Data struct {
	Header
	Command  string       `json:"command" doc:"the data command, e.g. show cow_nmc, analyze huth"`
	Datasets []DatasetRef `json:"datasets" doc:"embedded datasets the result was computed from"`
	Result   any          `json:"result"`
}

// DatasetRef names an embedded dataset and its version.
type DatasetRef struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// NewData builds a data document; result (unless a json.RawMessage, kept
// as it is) is re-keyed to snake_case
// (Go field names such as LogLikG1 become log_lik_g1; keys that are
// already lower case stay). The input hash covers the command and the
// dataset versions.
func NewData(version, command string, datasets []DatasetRef, result any) (*Data, error) {
	doc := &Data{Header: NewHeader("data", version, ""), Command: command, Datasets: datasets, Result: result}
	var key strings.Builder
	key.WriteString(command)
	for _, ds := range datasets {
		key.WriteString("\n" + ds.Name + "@" + ds.Version)
	}
	sum := sha256.Sum256([]byte(key.String()))
	doc.InputHash = hex.EncodeToString(sum[:])[:16]
	if datasets == nil {
		doc.Datasets = []DatasetRef{}
	}
	if _, ok := result.(json.RawMessage); ok { // already in its final shape (table rows, columns in order)
		return doc, nil
	}
	raw, err := json.Marshal(result)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	doc.Result = snakeKeys(v)
	return doc, nil
}

// snakeKeys re-keys every object in a decoded JSON value to snake_case.
// Object keys come out sorted (encoding/json sorts map keys); a table
// row's column order is kept by passing rows through unchanged.
func snakeKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[Snake(k)] = snakeKeys(e)
		}
		return out
	case []any:
		for i := range x {
			x[i] = snakeKeys(x[i])
		}
	}
	return v
}

// Snake turns a Go identifier into snake_case: BrierLOO -> brier_loo,
// LogLikG1 -> log_lik_g1, SE -> se; lower-case keys are unchanged.
func Snake(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) {
			prevLower := i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]))
			acronymEnd := i > 0 && unicode.IsUpper(r[i-1]) && i+1 < len(r) && unicode.IsLower(r[i+1])
			if prevLower || acronymEnd {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(c))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
