package oracle

// A minimal reader for Gambit's .efg files (FORMATS.md §2), used by the
// oracle test only until the project's game/gambit reader is merged into
// this branch. It returns an error, never panics, on input it does not
// understand, and builds the tree with game.Builder.

import (
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/guarantor/guarantor/game"
)

type efgParser struct {
	tk  []string
	pos int
}

func (p *efgParser) next() (string, error) {
	if p.pos >= len(p.tk) {
		return "", fmt.Errorf("unexpected end of file")
	}
	p.pos++
	return p.tk[p.pos-1], nil
}

func (p *efgParser) peek() string {
	if p.pos >= len(p.tk) {
		return ""
	}
	return p.tk[p.pos]
}

func (p *efgParser) int() (int, error) {
	t, err := p.next()
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(t)
}

func readEFG(path string) (*game.Tree, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	tk, err := tokens(string(src))
	if err != nil {
		return nil, err
	}
	p := &efgParser{tk: tk}
	if a, _ := p.next(); a != "EFG" {
		return nil, fmt.Errorf("not an EFG file")
	}
	p.next() // version
	p.next() // R/D
	title, _ := p.next()
	if t, _ := p.next(); t != "{" {
		return nil, fmt.Errorf("expected players")
	}
	var players []string
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		if t == "}" {
			break
		}
		players = append(players, strings.TrimPrefix(t, "\""))
	}
	if strings.HasPrefix(p.peek(), "\"") {
		p.pos++
	}
	b := game.NewBuilder(strings.TrimPrefix(title, "\""), players...)
	infosets := map[[2]int]int{}
	outcomes := map[int]int{}
	stack := []int{b.Root()}
	for len(stack) > 0 {
		node := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		kind, err := p.next()
		if err != nil {
			return nil, err
		}
		p.next() // node label
		var children []int
		switch kind {
		case "c", "p":
			player := 0
			if kind == "p" {
				if player, err = p.int(); err != nil {
					return nil, err
				}
			}
			num, err := p.int()
			if err != nil {
				return nil, err
			}
			key := [2]int{player, num}
			if strings.HasPrefix(p.peek(), "\"") {
				label, _ := p.next()
				if t, _ := p.next(); t != "{" {
					return nil, fmt.Errorf("expected actions")
				}
				var acts []string
				var probs []*big.Rat
				for {
					t, err := p.next()
					if err != nil {
						return nil, err
					}
					if t == "}" {
						break
					}
					acts = append(acts, strings.TrimPrefix(t, "\""))
					if kind == "c" {
						pr, _ := p.next()
						r, ok := new(big.Rat).SetString(pr)
						if !ok {
							return nil, fmt.Errorf("bad probability %q", pr)
						}
						probs = append(probs, r)
					}
				}
				if _, ok := infosets[key]; !ok {
					if kind == "c" {
						infosets[key] = b.AddChanceInfoset(num, strings.TrimPrefix(label, "\""), acts, probs)
					} else {
						infosets[key] = b.AddInfoset(player, num, strings.TrimPrefix(label, "\""), acts...)
					}
				}
			}
			s, ok := infosets[key]
			if !ok {
				return nil, fmt.Errorf("undefined infoset %v", key)
			}
			children = b.Move(node, s)
		case "t":
		default:
			return nil, fmt.Errorf("unknown node kind %q", kind)
		}
		id, err := p.int()
		if err != nil {
			return nil, err
		}
		if id > 0 && strings.HasPrefix(p.peek(), "\"") {
			label, _ := p.next()
			if t, _ := p.next(); t != "{" {
				return nil, fmt.Errorf("expected payoffs")
			}
			var pay []*big.Rat
			for {
				t, err := p.next()
				if err != nil {
					return nil, err
				}
				if t == "}" {
					break
				}
				if t == "," {
					continue
				}
				r, ok := new(big.Rat).SetString(t)
				if !ok {
					return nil, fmt.Errorf("bad payoff %q", t)
				}
				pay = append(pay, r)
			}
			if _, ok := outcomes[id]; !ok {
				outcomes[id] = b.AddOutcome(strings.TrimPrefix(label, "\""), pay)
			}
		}
		if id > 0 {
			o, ok := outcomes[id]
			if !ok {
				return nil, fmt.Errorf("undefined outcome %d", id)
			}
			b.SetOutcome(node, o)
		}
		for i := len(children) - 1; i >= 0; i-- {
			stack = append(stack, children[i])
		}
	}
	return b.Build()
}
