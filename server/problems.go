package server

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"
)

// maxEchoBytes bounds the offending value an error echoes back: huma puts
// the whole value in errors[].value, so a 1 MiB scenario text over the
// limit came back as a 1.5 MB error. The location and message say what is
// wrong; the start of the value is enough to recognise it.
const maxEchoBytes = 256

func init() {
	base := huma.NewError
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		se := base(status, msg, errs...)
		if em, ok := se.(*huma.ErrorModel); ok {
			for _, d := range em.Errors {
				if d != nil {
					d.Value = clipValue(d.Value)
				}
			}
		}
		return se
	}
}

// clipValue shortens a long string to its first maxEchoBytes bytes (whole
// runes) and replaces any other value whose JSON is longer by a note of its
// size.
func clipValue(v any) any {
	if s, ok := v.(string); ok {
		if len(s) <= maxEchoBytes {
			return s
		}
		cut := maxEchoBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%s… (%d bytes in all)", s[:cut], len(s))
	}
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil || len(b) > maxEchoBytes {
		return fmt.Sprintf("(a value of %d bytes, not repeated here)", len(b))
	}
	return v
}
