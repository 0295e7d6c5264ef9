package gambit

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/guarantor/guarantor/game"
)

// quote writes s as a Gambit string. The format escapes only the double
// quote and keeps every other backslash pair verbatim, so a few labels (a
// backslash right before a quote, or an odd one at the end) cannot be
// written faithfully; quote re-reads what it wrote and refuses those.
func quote(s string) (string, error) {
	if s == "" {
		return `""`, nil
	}
	q := `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	if strings.IndexByte(s, '\\') >= 0 {
		lx := newLexer("", []byte(q))
		if t, err := lx.take(); err != nil || t.kind != tokText || t.text != s || lx.pos != len(q) {
			return "", fmt.Errorf("label %q cannot be written in Gambit's format (a backslash before a quote or at the end)", s)
		}
	}
	return q, nil
}

type efgWriter struct {
	errWriter
	bw *bufio.Writer
}

func (w *efgWriter) str(s string) {
	q, err := quote(s)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.printf("%s", q)
}

// WriteEFG writes a tree in Gambit's .efg format. Every node repeats its
// information set's full description and its outcome's definition, as
// Gambit itself writes, which keeps each line self-explanatory.
func WriteEFG(out io.Writer, t *game.Tree) error {
	bw := bufio.NewWriterSize(out, 1<<16)
	w := &efgWriter{errWriter: errWriter{w: bw}, bw: bw}
	w.printf("EFG 2 R ")
	w.str(t.Title)
	w.printf(" {")
	for _, p := range t.Players {
		w.printf(" ")
		w.str(p)
	}
	w.printf(" }\n")
	w.str(t.Comment)
	w.printf("\n\n")
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		if nd.Infoset == game.None {
			w.printf("t ")
			w.str(nd.Label)
		} else {
			s := &t.Infosets[nd.Infoset]
			if s.IsChance() {
				w.printf("c ")
				w.str(nd.Label)
				w.printf(" %d ", s.Number)
			} else {
				w.printf("p ")
				w.str(nd.Label)
				w.printf(" %d %d ", s.Player, s.Number)
			}
			w.str(s.Label)
			w.printf(" {")
			for a, name := range s.Actions {
				w.printf(" ")
				w.str(name)
				if s.IsChance() {
					w.printf(" %s", s.ProbString(a))
				}
			}
			w.printf(" }")
		}
		if nd.Outcome == game.None {
			w.printf(" 0\n")
			continue
		}
		o := &t.Outcomes[nd.Outcome]
		w.printf(" %d ", nd.Outcome+1)
		w.str(o.Label)
		w.printf(" {")
		for p := range o.Payoffs {
			if p > 0 {
				w.printf(",")
			}
			w.printf(" %s", o.PayoffText(p))
		}
		w.printf(" }\n")
	}
	if w.err != nil {
		return w.err
	}
	return bw.Flush()
}

// WriteNFG writes a table in Gambit's .nfg format with explicit strategy
// labels. It uses the payoff body when every cell has its own unlabelled
// outcome (how payoff-body files read) and the outcome body otherwise, so
// that either variant reads back as the same game.
func WriteNFG(out io.Writer, t *game.Table) error {
	if err := t.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	w := &efgWriter{errWriter: errWriter{w: bw}, bw: bw}
	w.printf("NFG 1 R ")
	w.str(t.Title)
	w.printf(" {")
	for _, p := range t.Players {
		w.printf(" ")
		w.str(p)
	}
	w.printf(" }\n\n{")
	for _, ss := range t.Strategies {
		w.printf(" {")
		for _, s := range ss {
			w.printf(" ")
			w.str(s)
		}
		w.printf(" }\n")
	}
	w.printf("}\n")
	w.str(t.Comment)
	w.printf("\n\n")
	if payoffBodyFits(t) {
		for c, o := range t.Cells {
			oc := &t.Outcomes[o]
			for p := range t.Players {
				if p > 0 {
					w.printf(" ")
				}
				w.printf("%s", oc.PayoffText(p))
			}
			if c+1 < len(t.Cells) {
				w.printf(" ")
			}
		}
		w.printf("\n")
	} else {
		w.printf("{\n")
		for i := range t.Outcomes {
			o := &t.Outcomes[i]
			w.printf("{ ")
			w.str(o.Label)
			for p := range o.Payoffs {
				if p > 0 {
					w.printf(",")
				}
				w.printf(" %s", o.PayoffText(p))
			}
			w.printf(" }\n")
		}
		w.printf("}\n")
		for c, o := range t.Cells {
			if c > 0 {
				w.printf(" ")
			}
			w.printf("%d", o+1)
		}
		w.printf("\n")
	}
	if w.err != nil {
		return w.err
	}
	return bw.Flush()
}

func payoffBodyFits(t *game.Table) bool {
	if len(t.Outcomes) != len(t.Cells) {
		return false
	}
	for c, o := range t.Cells {
		if int(o) != c || t.Outcomes[o].Label != "" {
			return false
		}
	}
	return true
}
