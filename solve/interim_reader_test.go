package solve

// An interim, test-only reader of Gambit files, used by the oracle test
// until game/gambit (written in parallel) is merged; it trusts its input
// (the shipped games) and does no error reporting. Delete it then.

import (
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/guarantor/guarantor/game"
)

func scratchTokens(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
		case c == '{' || c == '}' || c == ',':
			out = append(out, string(c))
			i++
		case c == '"':
			j := i + 1
			var b strings.Builder
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' && j+1 < len(s) && s[j+1] == '"' {
					b.WriteByte('"')
					j += 2
					continue
				}
				b.WriteByte(s[j])
				j++
			}
			out = append(out, "\""+b.String())
			i = j + 1
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \n\t\r{},\"", rune(s[j])) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		}
	}
	return out
}

func scratchRead(path string) (game.Game, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	tk := scratchTokens(string(data))
	pos := 0
	next := func() string { pos++; return tk[pos-1] }
	if tk[0] == "EFG" {
		pos = 3
		title := next()[1:]
		next()
		var players []string
		for tk[pos] != "}" {
			players = append(players, next()[1:])
		}
		next()
		if strings.HasPrefix(tk[pos], "\"") {
			next()
		}
		b := game.NewBuilder(title, players...)
		isets := map[string]int{}
		outs := map[string]int{}
		stack := []int{b.Root()}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			kind := next()
			next() // label
			var key string
			pl := 0
			if kind == "p" {
				pl, _ = strconv.Atoi(next())
			}
			if kind != "t" {
				num := next()
				key = fmt.Sprint(pl, ":", num)
				if strings.HasPrefix(tk[pos], "\"") {
					lab := next()[1:]
					next()
					var acts []string
					var probs []*big.Rat
					for tk[pos] != "}" {
						acts = append(acts, next()[1:])
						if kind == "c" {
							probs = append(probs, game.MustRat(next()))
						}
					}
					next()
					if _, ok := isets[key]; !ok {
						n, _ := strconv.Atoi(num)
						if kind == "c" {
							isets[key] = b.AddChanceInfoset(n, lab, acts, probs)
						} else {
							isets[key] = b.AddInfoset(pl, n, lab, acts...)
						}
					}
				}
			}
			o := next()
			if o != "0" {
				if strings.HasPrefix(tk[pos], "\"") {
					next()
					next()
					var pay []*big.Rat
					for tk[pos] != "}" {
						if tk[pos] == "," {
							next()
							continue
						}
						pay = append(pay, game.MustRat(next()))
					}
					next()
					if _, ok := outs[o]; !ok {
						outs[o] = b.AddOutcome("", pay)
					}
				}
				b.SetOutcome(n, outs[o])
			}
			if kind != "t" {
				ch := b.Move(n, isets[key])
				for a := len(ch) - 1; a >= 0; a-- {
					stack = append(stack, ch[a])
				}
			}
		}
		return b.Build()
	}
	pos = 3
	title := next()[1:]
	next()
	var players []string
	for tk[pos] != "}" {
		players = append(players, next()[1:])
	}
	next()
	next() // {
	var strats [][]string
	if tk[pos] == "{" {
		for tk[pos] == "{" {
			next()
			var s []string
			for tk[pos] != "}" {
				s = append(s, next()[1:])
			}
			next()
			strats = append(strats, s)
		}
		next()
	} else {
		for tk[pos] != "}" {
			k, _ := strconv.Atoi(next())
			var s []string
			for i := 0; i < k; i++ {
				s = append(s, strconv.Itoa(i+1))
			}
			strats = append(strats, s)
		}
		next()
	}
	if strings.HasPrefix(tk[pos], "\"") {
		next()
	}
	t := game.NewTable(title, players, strats)
	np := len(players)
	if tk[pos] == "{" {
		next()
		for tk[pos] == "{" {
			next()
			next()
			var pay []*big.Rat
			for tk[pos] != "}" {
				if tk[pos] == "," {
					next()
					continue
				}
				pay = append(pay, game.MustRat(next()))
			}
			next()
			t.Outcomes = append(t.Outcomes, game.Outcome{Payoffs: pay})
		}
		next()
		for c := range t.Cells {
			o, _ := strconv.Atoi(next())
			t.Cells[c] = int32(o - 1)
		}
	} else {
		for c := range t.Cells {
			pay := make([]*big.Rat, np)
			for p := range pay {
				pay[p] = game.MustRat(next())
			}
			t.Outcomes = append(t.Outcomes, game.Outcome{Payoffs: pay})
			t.Cells[c] = int32(c)
		}
	}
	return t, nil
}
