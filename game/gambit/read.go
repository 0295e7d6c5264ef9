package gambit

import (
	"bytes"
	"fmt"
	"os"

	"github.com/guarantor/guarantor/game"
)

// ReadFile reads a .efg or .nfg file; the header, not the extension, decides
// which.
func ReadFile(path string) (game.Game, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data, path)
}

// Parse reads a game from memory; name is used in error messages.
func Parse(data []byte, name string) (game.Game, error) {
	g, _, err := ParseWithWarnings(data, name)
	return g, err
}

// ParseWithWarnings is Parse that also returns the non-fatal warnings.
func ParseWithWarnings(data []byte, name string) (game.Game, []Warning, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\f\v")
	switch {
	case bytes.HasPrefix(trimmed, []byte("EFG")):
		t, w, err := ParseEFGWithWarnings(data, name)
		if err != nil {
			return nil, nil, err
		}
		return t, w, nil
	case bytes.HasPrefix(trimmed, []byte("NFG")):
		t, err := ParseNFG(data, name)
		if err != nil {
			return nil, nil, err
		}
		return t, nil, nil
	}
	lx := newLexer(name, data)
	tok, err := lx.peek()
	if err != nil {
		return nil, nil, err
	}
	return nil, nil, &SyntaxError{File: name, Line: tok.line, Col: tok.col, Expected: `"EFG" or "NFG" (a Gambit game file)`, Found: tok.describe()}
}

// errWriter remembers the first write error so writers can stay linear.
type errWriter struct {
	w   interface{ Write([]byte) (int, error) }
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
