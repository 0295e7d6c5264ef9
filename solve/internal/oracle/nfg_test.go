package oracle

// A minimal reader for Gambit's .nfg files (both bodies), used by the oracle
// test only until the project's game/gambit reader is merged into this
// branch; it follows FORMATS.md §1 and §3 and returns an error, never
// panics, on anything it does not understand.

import (
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/guarantor/guarantor/game"
)

func tokens(src string) ([]string, error) {
	var out []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '{' || c == '}' || c == ',':
			out = append(out, string(c))
			i++
		case c == '"':
			j := i + 1
			var sb strings.Builder
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' && j+1 < len(src) && src[j+1] == '"' {
					j++
				}
				sb.WriteByte(src[j])
				j++
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unterminated string")
			}
			out = append(out, "\""+sb.String())
			i = j + 1
		default:
			j := i
			for j < len(src) && !strings.ContainsRune(" \t\n\r{},\"", rune(src[j])) {
				j++
			}
			out = append(out, src[i:j])
			i = j
		}
	}
	return out, nil
}

func readNFG(path string) (*game.Table, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	tk, err := tokens(string(b))
	if err != nil {
		return nil, err
	}
	pos := 0
	next := func() string {
		if pos >= len(tk) {
			return ""
		}
		pos++
		return tk[pos-1]
	}
	if next() != "NFG" || next() != "1" {
		return nil, fmt.Errorf("not an NFG 1 file")
	}
	next() // R or D
	next() // title
	if next() != "{" {
		return nil, fmt.Errorf("expected players")
	}
	var players []string
	for t := next(); t != "}"; t = next() {
		if t == "" {
			return nil, fmt.Errorf("eof in players")
		}
		players = append(players, t[1:])
	}
	if next() != "{" {
		return nil, fmt.Errorf("expected strategies")
	}
	var strats [][]string
	for t := next(); t != "}"; t = next() {
		switch {
		case t == "{":
			var s []string
			for u := next(); u != "}"; u = next() {
				if u == "" {
					return nil, fmt.Errorf("eof in strategies")
				}
				s = append(s, u[1:])
			}
			strats = append(strats, s)
		case t == "":
			return nil, fmt.Errorf("eof in strategies")
		default:
			k, err := strconv.Atoi(t)
			if err != nil {
				return nil, err
			}
			s := make([]string, k)
			for i := range s {
				s[i] = strconv.Itoa(i + 1)
			}
			strats = append(strats, s)
		}
	}
	if pos < len(tk) && strings.HasPrefix(tk[pos], "\"") {
		pos++
	}
	t := game.NewTable("", players, strats)
	n := len(players)
	pure := make([]int, n)
	if pos < len(tk) && tk[pos] == "{" {
		pos++
		var outs [][]*big.Rat
		for u := next(); u != "}"; u = next() {
			if u != "{" {
				return nil, fmt.Errorf("expected outcome")
			}
			next() // label
			var pay []*big.Rat
			for v := next(); v != "}"; v = next() {
				if v == "," {
					continue
				}
				r, ok := new(big.Rat).SetString(v)
				if !ok {
					return nil, fmt.Errorf("bad payoff %q", v)
				}
				pay = append(pay, r)
			}
			outs = append(outs, pay)
		}
		for c := range t.Cells {
			k, err := strconv.Atoi(next())
			if err != nil {
				return nil, err
			}
			if k > 0 {
				t.Profile(c, pure)
				t.SetPayoffs(pure, outs[k-1])
			}
		}
		return t, nil
	}
	for c := range t.Cells {
		pay := make([]*big.Rat, n)
		for p := range pay {
			r, ok := new(big.Rat).SetString(next())
			if !ok {
				return nil, fmt.Errorf("bad payoff")
			}
			pay[p] = r
		}
		t.Profile(c, pure)
		t.SetPayoffs(pure, pay)
	}
	return t, nil
}
