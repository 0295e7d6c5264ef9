package gambit

import (
	"strconv"
	"unicode/utf8"
)

// tokKind classifies tokens of Gambit's shared lexical layer.
type tokKind uint8

const (
	tEOF    tokKind = iota
	tLBrace         // {
	tRBrace         // }
	tComma          // ,
	tNumber         // starts with a digit, '+', '-' or '.'
	tText           // double-quoted string
	tSymbol         // any other run of non-space characters
	tBad            // an unterminated string
)

// token is a span of the input; values are decoded on demand so that tokens
// the parser only checks (braces, repeated descriptions) cost nothing.
type token struct {
	kind       tokKind
	esc        bool // a text token containing a backslash
	start, end int  // byte range, quotes included for text
	line, col  int
}

// internMax bounds the intern table: it pays for repeated labels (actions,
// outcomes) but must not grow with millions of distinct node labels.
const internMax = 1 << 14

// lexer scans the input one token ahead. It never allocates for braces,
// numbers or symbols; text tokens are decoded through an intern table.
type lexer struct {
	data      []byte
	pos       int
	line      int
	lineStart int
	tok       token
	intern    map[string]string
	buf       []byte
}

func newLexer(data []byte) *lexer {
	lx := &lexer{data: data, line: 1, intern: make(map[string]string)}
	// A UTF-8 byte order mark is not a token.
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		lx.pos, lx.lineStart = 3, 3
	}
	lx.next()
	return lx
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// isDelim reports whether c ends a number or symbol token.
func isDelim(c byte) bool {
	return isSpace(c) || c == '{' || c == '}' || c == ',' || c == '"'
}

// next advances to the following token.
func (lx *lexer) next() {
	d := lx.data
	i := lx.pos
	for i < len(d) && isSpace(d[i]) {
		if d[i] == '\n' {
			lx.line++
			lx.lineStart = i + 1
		}
		i++
	}
	t := token{start: i, line: lx.line, col: i - lx.lineStart + 1}
	switch {
	case i >= len(d):
		t.kind, t.end = tEOF, i
	case d[i] == '{':
		t.kind, t.end = tLBrace, i+1
	case d[i] == '}':
		t.kind, t.end = tRBrace, i+1
	case d[i] == ',':
		t.kind, t.end = tComma, i+1
	case d[i] == '"':
		t.kind = tText
		j := i + 1
		for j < len(d) && d[j] != '"' {
			switch d[j] {
			case '\\':
				// A backslash pairs with the next byte: \" is a quote,
				// anything else is kept verbatim (both bytes).
				t.esc = true
				if j+1 < len(d) && d[j+1] == '\n' {
					lx.line++
					lx.lineStart = j + 2
				}
				j++
			case '\n':
				lx.line++
				lx.lineStart = j + 1
			}
			j++
		}
		if j >= len(d) {
			t.kind, t.end = tBad, len(d)
		} else {
			t.end = j + 1
		}
	default:
		j := i + 1
		for j < len(d) && !isDelim(d[j]) {
			j++
		}
		t.end = j
		if c := d[i]; c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' {
			t.kind = tNumber
		} else {
			t.kind = tSymbol
		}
	}
	lx.tok = t
	lx.pos = t.end
}

// raw returns a token's bytes.
func (lx *lexer) raw(t token) []byte { return lx.data[t.start:t.end] }

// text decodes a text token: \" becomes ", any other backslash pair is kept.
func (lx *lexer) text(t token) string {
	b := lx.data[t.start+1 : t.end-1]
	if t.esc {
		lx.buf = lx.buf[:0]
		for i := 0; i < len(b); i++ {
			if b[i] == '\\' && i+1 < len(b) {
				if b[i+1] == '"' {
					lx.buf = append(lx.buf, '"')
				} else {
					lx.buf = append(lx.buf, b[i], b[i+1])
				}
				i++
				continue
			}
			lx.buf = append(lx.buf, b[i])
		}
		b = lx.buf
	}
	if len(b) == 0 {
		return ""
	}
	if s, ok := lx.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(lx.intern) < internMax {
		lx.intern[s] = s
	}
	return s
}

// describe renders a token for an error message.
func (lx *lexer) describe(t token) string {
	const max = 40
	switch t.kind {
	case tEOF:
		return "end of file"
	case tBad:
		return "a text with no closing quote"
	}
	b := lx.raw(t)
	if len(b) > max {
		n := max
		for n > 0 && !utf8.RuneStart(b[n]) {
			n--
		}
		b = append(append([]byte(nil), b[:n]...), "..."...)
	}
	if t.kind == tText {
		return "text " + string(b)
	}
	return strconv.Quote(string(b))
}
