package testgames

import (
	"math/big"
	"math/rand/v2"
	"strconv"

	"github.com/guarantor/guarantor/game"
)

// HiddenDeal is a tree whose agent form is a bimatrix game: chance deals
// card 0 or 1 with probability 1/2, then player 1 and player 2 each choose
// one of two actions without seeing the card or each other's move. pay[c]
// holds the payoffs (p1, p2) for card c in the order AX, AY, BX, BY. Its
// expected-payoff table is HiddenDealTable.
func HiddenDeal(pay [2][4][2]int64) *game.Tree {
	b := game.NewBuilder("hidden deal", "1", "2")
	c := b.AddChanceInfoset(1, "", []string{"H", "T"}, []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 2)})
	p1 := b.AddInfoset(1, 1, "", "A", "B")
	p2 := b.AddInfoset(2, 1, "", "X", "Y")
	for k, d := range b.Move(b.Root(), c) {
		for a, n := range b.Move(d, p1) {
			for x, l := range b.Move(n, p2) {
				v := pay[k][2*a+x]
				b.SetOutcome(l, b.AddOutcome("", game.Rats(v[0], v[1])))
			}
		}
	}
	t, err := b.Build()
	if err != nil {
		panic(err)
	}
	return t
}

// HiddenDealTable is the strategic form of HiddenDeal.
func HiddenDealTable(pay [2][4][2]int64) *game.Table {
	a := make([][]*big.Rat, 2)
	bm := make([][]*big.Rat, 2)
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			x := big.NewRat(pay[0][2*i+j][0]+pay[1][2*i+j][0], 2)
			y := big.NewRat(pay[0][2*i+j][1]+pay[1][2*i+j][1], 2)
			a[i] = append(a[i], x)
			bm[i] = append(bm[i], y)
		}
	}
	return game.NewBimatrix("hidden deal", a, bm)
}

// RandomTree builds a random two- or three-player tree with perfect recall:
// depth levels of moves, each node's player drawn at random (or chance), and
// information sets that merge same-player nodes whose histories of that
// player's own moves agree (so recall stays perfect). Payoffs are integers
// in [0, k).
func RandomTree(r *rand.Rand, players, depth int, k int64) *game.Tree {
	b := game.NewBuilder("random", names(players)...)
	type item struct {
		node int
		hist []string // per player: own-move history key
	}
	level := []item{{node: b.Root(), hist: make([]string, players+1)}}
	for d := 0; d < depth; d++ {
		var next []item
		sets := map[string]int{}
		for _, it := range level {
			pl := r.IntN(players + 1)
			var s int
			if pl == 0 {
				s = b.AddChanceInfoset(0, "", []string{"a", "b"}, []*big.Rat{big.NewRat(1, 3), big.NewRat(2, 3)})
			} else {
				key := string(rune('0'+pl)) + "|" + it.hist[pl] + "|" + string(rune('0'+d))
				if r.IntN(3) == 0 {
					key += string(rune('a' + r.IntN(4)))
				}
				var ok bool
				if s, ok = sets[key]; !ok {
					s = b.AddInfoset(pl, 0, "", "L", "R")
					sets[key] = s
				}
			}
			for a, c := range b.Move(it.node, s) {
				h := append([]string(nil), it.hist...)
				if pl > 0 {
					h[pl] += strconv.Itoa(s) + string(rune('a'+a)) + ","
				}
				next = append(next, item{node: c, hist: h})
			}
		}
		level = next
	}
	for _, it := range level {
		pay := make([]*big.Rat, players)
		for p := range pay {
			pay[p] = big.NewRat(r.Int64N(k), 1)
		}
		b.SetOutcome(it.node, b.AddOutcome("", pay))
	}
	t, err := b.Build()
	if err != nil {
		panic(err)
	}
	return t
}

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = string(rune('1' + i))
	}
	return out
}
