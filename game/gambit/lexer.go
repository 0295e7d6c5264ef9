package gambit

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokLBrace
	tokRBrace
	tokComma
	tokNumber
	tokText
	tokSymbol
)

func (k tokKind) String() string {
	switch k {
	case tokEOF:
		return "end of file"
	case tokLBrace:
		return `"{"`
	case tokRBrace:
		return `"}"`
	case tokComma:
		return `","`
	case tokNumber:
		return "a number"
	case tokText:
		return "a quoted string"
	default:
		return "a symbol"
	}
}

type token struct {
	kind tokKind
	// text is the string's contents for tokText. Numbers and symbols keep
	// their spelling in raw, a slice of the input, so the hot path of a
	// million-node file allocates no string per token.
	text      string
	raw       []byte
	line, col int
}

// spelling returns the token's source text.
func (t token) spelling() string {
	if t.kind == tokText {
		return t.text
	}
	return string(t.raw)
}

func (t token) describe() string {
	switch t.kind {
	case tokText:
		s := t.text
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return strconv.Quote(s)
	case tokNumber, tokSymbol:
		s := string(t.raw)
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return fmt.Sprintf("%q", s)
	default:
		return t.kind.String()
	}
}

// SyntaxError is a positioned error in a game file.
type SyntaxError struct {
	File      string
	Line, Col int
	Expected  string
	Found     string
	// Msg, when set, replaces the expected/found wording.
	Msg string
}

func (e *SyntaxError) Error() string {
	if e.Msg != "" {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: expected %s, found %s", e.File, e.Line, e.Col, e.Expected, e.Found)
}

// maxNumberLen bounds a number's spelling: big.Rat would otherwise happily
// build 10^(10^9) from "1e1000000000" and exhaust memory on hostile input.
const maxNumberLen = 400

// maxExponent bounds decimal exponents for the same reason.
const maxExponent = 400

type lexer struct {
	file      string
	src       []byte
	pos       int
	line, col int
	peeked    bool
	next      token
	scratch   [][]byte
}

func newLexer(file string, src []byte) *lexer {
	return &lexer{file: file, src: src, line: 1, col: 1}
}

func (l *lexer) errAt(t token, expected string) error {
	return &SyntaxError{File: l.file, Line: t.line, Col: t.col, Expected: expected, Found: t.describe()}
}

func (l *lexer) msgAt(t token, format string, args ...any) error {
	return &SyntaxError{File: l.file, Line: t.line, Col: t.col, Msg: fmt.Sprintf(format, args...)}
}

func (l *lexer) advance() {
	if l.src[l.pos] == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
	l.pos++
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDelim(c byte) bool { return isSpace(c) || c == '{' || c == '}' || c == ',' || c == '"' }

// peek returns the next token without consuming it.
func (l *lexer) peek() (token, error) {
	if l.peeked {
		return l.next, nil
	}
	t, err := l.scan()
	if err != nil {
		return t, err
	}
	l.next, l.peeked = t, true
	return t, nil
}

// take consumes and returns the next token.
func (l *lexer) take() (token, error) {
	t, err := l.peek()
	l.peeked = false
	return t, err
}

func (l *lexer) scan() (token, error) {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.advance()
	}
	t := token{line: l.line, col: l.col}
	if l.pos >= len(l.src) {
		t.kind = tokEOF
		return t, nil
	}
	switch c := l.src[l.pos]; {
	case c == '{':
		t.kind = tokLBrace
		l.advance()
	case c == '}':
		t.kind = tokRBrace
		l.advance()
	case c == ',':
		t.kind = tokComma
		l.advance()
	case c == '"':
		l.advance()
		var sb strings.Builder
		start := l.pos
		escaped := false
		for {
			if l.pos >= len(l.src) {
				return t, &SyntaxError{File: l.file, Line: t.line, Col: t.col, Msg: "unterminated string (missing closing \")"}
			}
			ch := l.src[l.pos]
			if ch == '"' {
				break
			}
			if ch == '\\' && l.pos+1 < len(l.src) {
				if l.src[l.pos+1] == '"' {
					escaped = true
					sb.Write(l.src[start:l.pos])
					sb.WriteByte('"')
					l.advance()
					l.advance()
					start = l.pos
					continue
				}
				// Any other escaped character is kept verbatim, both bytes.
				l.advance()
			}
			l.advance()
		}
		if escaped {
			sb.Write(l.src[start:l.pos])
			t.text = sb.String()
		} else if l.pos > start {
			t.text = string(l.src[start:l.pos])
		}
		l.advance()
		t.kind = tokText
	default:
		start := l.pos
		for l.pos < len(l.src) && !isDelim(l.src[l.pos]) {
			l.advance()
		}
		t.raw = l.src[start:l.pos]
		if c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
			t.kind = tokNumber
		} else {
			t.kind = tokSymbol
		}
	}
	return t, nil
}

// expect consumes a token of the given kind.
func (l *lexer) expect(kind tokKind, what string) (token, error) {
	t, err := l.take()
	if err != nil {
		return t, err
	}
	if t.kind != kind {
		return t, l.errAt(t, what)
	}
	return t, nil
}

// number consumes an exact number.
func (l *lexer) number(what string) (*big.Rat, token, error) {
	t, err := l.expect(tokNumber, what)
	if err != nil {
		return nil, t, err
	}
	r, ok := parseNumber(t.raw)
	if !ok {
		return nil, t, l.errAt(t, what)
	}
	return r, t, nil
}

// integer consumes a decimal integer that fits an int.
func (l *lexer) integer(what string) (int, token, error) {
	t, err := l.expect(tokNumber, what)
	if err != nil {
		return 0, t, err
	}
	v, ok := atoi(t.raw)
	if !ok {
		return 0, t, l.errAt(t, what)
	}
	return v, t, nil
}

// parseNumber accepts Gambit's exact number forms: integers, decimals with
// optional exponent, and rationals a/b; nothing else (no hex, no "Inf").
func parseNumber(b []byte) (*big.Rat, bool) {
	if len(b) == 0 || len(b) > maxNumberLen {
		return nil, false
	}
	if v, ok := atoi(b); ok {
		return new(big.Rat).SetInt64(int64(v)), true
	}
	s := string(b)
	if !validNumber(s) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// atoi parses an optionally signed decimal integer of at most 18 digits
// without allocating.
func atoi(b []byte) (int, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	if i == len(b) || len(b)-i > 18 {
		return 0, false
	}
	v := 0
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// canonicalInt reports whether b is how RatString prints the integer it
// spells (no sign on positives, no leading zeros, no "-0").
func canonicalInt(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	d := b
	if b[0] == '-' {
		d = b[1:]
	}
	if len(d) == 0 || (d[0] == '0' && (len(d) > 1 || len(b) > 1)) {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func validNumber(s string) bool {
	i := 0
	if s[i] == '+' || s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	intPart := digits()
	if i < len(s) && s[i] == '/' {
		if intPart == 0 {
			return false
		}
		i++
		den := i
		if digits() == 0 || i != len(s) {
			return false
		}
		// A zero denominator is not a number.
		return strings.TrimLeft(s[den:], "0") != ""
	}
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		frac = digits()
	}
	if intPart+frac == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		if digits() == 0 {
			return false
		}
		e, err := strconv.Atoi(s[j:i])
		if err != nil || e > maxExponent {
			return false
		}
	}
	return i == len(s)
}
