package gambit

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"

	"github.com/guarantor/guarantor/game"
)

// ErrUnwritable is wrapped by writer errors for labels that Gambit's text
// syntax cannot express (see quote).
var ErrUnwritable = errors.New("label cannot be written in Gambit's format")

// writer wraps a bufio.Writer and remembers the first label error, so the
// write loops stay flat.
type writer struct {
	w   *bufio.Writer
	err error
	num []byte // scratch for number formatting
}

func (w *writer) str(s string) { w.w.WriteString(s) }

// rat writes a number: its original spelling when known, else the
// canonical one. Integers that fit in an int64 (nearly every payoff) skip
// big.Rat's string conversion and its allocation.
func (w *writer) rat(r *big.Rat, text string) {
	if text != "" {
		w.str(text)
		return
	}
	if r.IsInt() && r.Num().IsInt64() {
		w.num = strconv.AppendInt(w.num[:0], r.Num().Int64(), 10)
		w.w.Write(w.num)
		return
	}
	w.str(game.RatString(r))
}

// spelling returns entry i of texts, or "" when there is none.
func spelling(texts []string, i int) string {
	if i < len(texts) {
		return texts[i]
	}
	return ""
}

// quote writes s as a Gambit text. The reader pairs every backslash with
// the byte after it: \" is a quote and any other pair is kept verbatim. So
// a quote is written as \", a backslash pair is copied as it is, and a lone
// backslash before a quote or at the very end has no spelling at all (no
// label read from a file can contain one).
func (w *writer) quote(s string) {
	w.w.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			w.str(`\"`)
		case c == '\\' && i+1 < len(s) && s[i+1] != '"':
			w.w.WriteByte(c)
			w.w.WriteByte(s[i+1])
			i++
		case c == '\\':
			if w.err == nil {
				w.err = fmt.Errorf("%w: %q ends a backslash pair with a quote or the end of the text", ErrUnwritable, s)
			}
			w.w.WriteByte(c)
		default:
			w.w.WriteByte(c)
		}
	}
	w.w.WriteByte('"')
}

func (w *writer) names(ss []string) {
	w.str("{")
	for _, s := range ss {
		w.str(" ")
		w.quote(s)
	}
	w.str(" }")
}

func (w *writer) finish() error {
	if err := w.w.Flush(); err != nil {
		return err
	}
	return w.err
}

// WriteEFG writes t as a version-2 .efg file the way Gambit does: every
// node repeats its infoset's full description and its outcome's label and
// payoffs, numbers keep their original spelling where known, and outcomes
// are numbered 1.. in the order of t.Outcomes. Nodes are already stored in
// pre-order, so this is one forward loop.
func WriteEFG(w io.Writer, t *game.Tree) error {
	out := &writer{w: bufio.NewWriterSize(w, 64<<10)}
	out.str("EFG 2 R ")
	out.quote(t.Title)
	out.str(" ")
	out.names(t.Players)
	out.str("\n")
	out.quote(t.Comment)
	out.str("\n\n")
	numbers := infosetNumbers(t)
	var num []byte
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		if nd.Infoset == game.None {
			out.str("t ")
			out.quote(nd.Label)
		} else {
			s := &t.Infosets[nd.Infoset]
			if s.IsChance() {
				out.str("c ")
				out.quote(nd.Label)
			} else {
				out.str("p ")
				out.quote(nd.Label)
				num = strconv.AppendInt(append(num[:0], ' '), int64(s.Player), 10)
				out.w.Write(num)
			}
			num = strconv.AppendInt(append(num[:0], ' '), int64(numbers[nd.Infoset]), 10)
			out.w.Write(append(num, ' '))
			out.quote(s.Label)
			out.str(" {")
			for a, act := range s.Actions {
				out.str(" ")
				out.quote(act)
				if s.IsChance() {
					out.str(" ")
					out.rat(s.Probs[a], spelling(s.ProbText, a))
				}
			}
			out.str(" }")
		}
		out.outcome(nd.Outcome, t.Outcomes, &num)
	}
	return out.finish()
}

// infosetNumbers returns the number to write for every infoset: its own
// Number, unless two infosets of one player share a number or one is not
// positive (possible for trees built in code), in which case that player's
// infosets are numbered 1, 2, ... in order of first appearance.
func infosetNumbers(t *game.Tree) []int {
	out := make([]int, len(t.Infosets))
	var dense []bool // numbers are usually 1..k: check them without a map
	for p := 0; p <= t.NumPlayers(); p++ {
		sets := t.PlayerInfosets(p)
		limit := 2*len(sets) + 1024
		dense = append(dense[:0], make([]bool, limit+1)...)
		var sparse map[int]bool
		clash := false
		for _, s := range sets {
			n := t.Infosets[s].Number
			out[s] = n
			switch {
			case n <= 0:
				clash = true
			case n <= limit:
				clash = clash || dense[n]
				dense[n] = true
			default:
				if sparse == nil {
					sparse = map[int]bool{}
				}
				clash = clash || sparse[n]
				sparse[n] = true
			}
		}
		if clash {
			for i, s := range sets {
				out[s] = i + 1
			}
		}
	}
	return out
}

// outcome writes a node's outcome reference with its full definition.
func (w *writer) outcome(o int32, outcomes []game.Outcome, num *[]byte) {
	if o == game.None {
		w.str(" 0\n")
		return
	}
	*num = strconv.AppendInt(append((*num)[:0], ' '), int64(o)+1, 10)
	w.w.Write(append(*num, ' '))
	oc := &outcomes[o]
	w.quote(oc.Label)
	w.str(" {")
	for p := range oc.Payoffs {
		if p > 0 {
			w.str(",")
		}
		w.str(" ")
		w.rat(oc.Payoffs[p], spelling(oc.Text, p))
	}
	w.str(" }\n")
}

// WriteNFG writes t as a version-1 .nfg file the way Gambit writes a table:
// explicit strategy labels and an outcome body (the outcomes in the order of
// t.Outcomes, then one outcome number per cell, 0 for none). The outcome
// body carries everything a table holds (labelled, shared and missing
// outcomes), and a table read from a payoff body comes back identical:
// one unlabelled outcome per cell, in cell order.
func WriteNFG(w io.Writer, t *game.Table) error {
	if err := t.Validate(); err != nil {
		return err
	}
	out := &writer{w: bufio.NewWriterSize(w, 64<<10)}
	out.str("NFG 1 R ")
	out.quote(t.Title)
	out.str(" ")
	out.names(t.Players)
	out.str("\n\n{")
	for i, s := range t.Strategies {
		if i == 0 {
			out.str(" ")
		} else {
			out.str("\n")
		}
		out.names(s)
	}
	out.str("\n}\n")
	out.quote(t.Comment)
	out.str("\n\n")
	out.str("{\n")
	for i := range t.Outcomes {
		oc := &t.Outcomes[i]
		out.str("{ ")
		out.quote(oc.Label)
		for p := range oc.Payoffs {
			if p > 0 {
				out.str(",")
			}
			out.str(" ")
			out.rat(oc.Payoffs[p], spelling(oc.Text, p))
		}
		out.str(" }\n")
	}
	out.str("}\n")
	var num []byte
	for c, o := range t.Cells {
		if c > 0 {
			out.str(" ")
		}
		num = strconv.AppendInt(num[:0], int64(o)+1, 10)
		out.w.Write(num)
	}
	out.str("\n")
	return out.finish()
}
