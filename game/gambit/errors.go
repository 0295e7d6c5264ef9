package gambit

import "fmt"

// SyntaxError reports input that does not follow the format, or that refers
// to something it may not (an undefined outcome, a player out of range), at
// the position of the offending token.
type SyntaxError struct {
	File      string
	Line, Col int
	// Expected says what the format allows at this point; Found describes
	// the token that was there instead.
	Expected, Found string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: expected %s, found %s", e.File, e.Line, e.Col, e.Expected, e.Found)
}

// Warning is a questionable but readable construct, reported with its
// position. Gambit 17 refuses some files that earlier versions read (for
// example duplicated non-empty node labels); such files are read with a
// warning rather than refused.
type Warning struct {
	File      string
	Line, Col int
	Msg       string
}

func (w Warning) String() string {
	return fmt.Sprintf("%s:%d:%d: warning: %s", w.File, w.Line, w.Col, w.Msg)
}
