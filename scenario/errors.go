package scenario

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ErrInvalid is wrapped by every error that reports bad scenario input.
var ErrInvalid = errors.New("invalid scenario")

// Pos is a place in a scenario file (line and column from 1).
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem in a scenario file: where it is, which field, and
// what was expected, like go/scanner.Error.
type Error struct {
	Pos   Pos
	Field string // dotted field path, e.g. option.guarantors[0].instruments[1].troops; "" for the whole file
	Msg   string
	// loc is the schema error's location as JSON-pointer tokens (nil for
	// the decoder's errors): Parse prunes it before the semantic pass.
	loc []string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.Pos, e.Field, e.Msg)
}

// Unwrap lets errors.Is(err, ErrInvalid) recognise scenario errors.
func (e *Error) Unwrap() error { return ErrInvalid }

// ErrorList is every problem found in one load, sorted by position.
type ErrorList []*Error

func (l ErrorList) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	var sb strings.Builder
	for i, e := range l {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(e.Error())
	}
	return sb.String()
}

// Unwrap exposes the individual errors to errors.Is / errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// sortAndDedup orders errors by file, line, column and message, dropping
// exact duplicates (several schema branches can report the same fault).
func (l ErrorList) sortAndDedup() ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && e.Error() == l[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	return out
}

// fieldPath renders JSON-pointer tokens as a dotted path with [i] indices.
func fieldPath(tokens []string) string {
	var sb strings.Builder
	for _, t := range tokens {
		if _, err := strconv.Atoi(t); err == nil {
			sb.WriteString("[" + t + "]")
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(t)
	}
	return sb.String()
}

// ptr joins tokens into the key used by position maps.
func ptr(tokens []string) string { return "/" + strings.Join(tokens, "/") }
