package gambit

import (
	"os"

	"github.com/guarantor/guarantor/game"
)

// ReadFile reads a .efg or .nfg file. The format is decided by the file's
// first word (EFG or NFG), not by its extension. The result is a
// *game.Tree or a *game.Table.
func ReadFile(path string) (game.Game, error) {
	g, _, err := ReadFileWithWarnings(path)
	return g, err
}

// ReadFileWithWarnings is ReadFile that also returns the warnings.
func ReadFileWithWarnings(path string) (game.Game, []Warning, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return ParseWithWarnings(data, path)
}

// Parse reads a game from data, choosing the format by its first word;
// name is used in error messages.
func Parse(data []byte, name string) (game.Game, error) {
	g, _, err := ParseWithWarnings(data, name)
	return g, err
}

// ParseWithWarnings is Parse that also returns the warnings about
// questionable but readable input (see Warning).
func ParseWithWarnings(data []byte, name string) (game.Game, []Warning, error) {
	lx := newLexer(data)
	t := lx.tok
	if t.kind == tSymbol {
		switch string(lx.raw(t)) {
		case "EFG":
			tree, ws, err := ParseEFGWithWarnings(data, name)
			if err != nil {
				return nil, ws, err
			}
			return tree, ws, nil
		case "NFG":
			table, ws, err := ParseNFGWithWarnings(data, name)
			if err != nil {
				return nil, ws, err
			}
			return table, ws, nil
		}
	}
	return nil, nil, &SyntaxError{File: name, Line: t.line, Col: t.col,
		Expected: `"EFG" or "NFG" (a Gambit game file starts with its format)`, Found: lx.describe(t)}
}
