package game

import (
	"math/big"
)

// Table is an n-player strategic-form game. Cells are stored in Gambit's
// order: player 1's strategy changes fastest, then player 2's, and so on;
// CellIndex does the arithmetic.
type Table struct {
	Title   string
	Comment string
	Players []string
	// Strategies holds each player's strategy labels.
	Strategies [][]string
	Outcomes   []Outcome
	// Cells holds, per cell, an index into Outcomes or None (all payoffs 0).
	Cells []int32
}

// NewTable makes a table with the given strategy labels and no outcomes (every
// cell pays 0).
func NewTable(title string, players []string, strategies [][]string) *Table {
	t := &Table{Title: title, Players: append([]string(nil), players...)}
	size := 1
	for _, s := range strategies {
		t.Strategies = append(t.Strategies, append([]string(nil), s...))
		size *= len(s)
	}
	t.Cells = make([]int32, size)
	for i := range t.Cells {
		t.Cells[i] = None
	}
	return t
}

// NewBimatrix builds a 2-player table from row player payoffs a[i][j] and
// column player payoffs b[i][j], a convenience for tests and examples.
func NewBimatrix(title string, a, b [][]*big.Rat) *Table {
	rows, cols := len(a), len(a[0])
	rs := make([]string, rows)
	cs := make([]string, cols)
	for i := range rs {
		rs[i] = itoa(i + 1)
	}
	for j := range cs {
		cs[j] = itoa(j + 1)
	}
	t := NewTable(title, []string{"1", "2"}, [][]string{rs, cs})
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			t.SetPayoffs([]int{i, j}, []*big.Rat{a[i][j], b[i][j]})
		}
	}
	return t
}

func itoa(i int) string { return big.NewInt(int64(i)).String() }

// NumPlayers is the number of players.
func (t *Table) NumPlayers() int { return len(t.Players) }

// PlayerNames returns the players' labels.
func (t *Table) PlayerNames() []string { return t.Players }

// NumStrategies returns player p's (0-based) number of strategies.
func (t *Table) NumStrategies(p int) int { return len(t.Strategies[p]) }

// Shape returns every player's number of strategies.
func (t *Table) Shape() []int {
	s := make([]int, len(t.Strategies))
	for i := range s {
		s[i] = len(t.Strategies[i])
	}
	return s
}

// CellIndex maps a pure profile (0-based strategy per player) to its cell.
func (t *Table) CellIndex(profile []int) int {
	idx := 0
	for p := len(profile) - 1; p >= 0; p-- {
		idx = idx*len(t.Strategies[p]) + profile[p]
	}
	return idx
}

// Profile is the inverse of CellIndex; it fills dst (len NumPlayers).
func (t *Table) Profile(cell int, dst []int) {
	for p := range t.Strategies {
		k := len(t.Strategies[p])
		dst[p] = cell % k
		cell /= k
	}
}

var zeroRat = new(big.Rat)

// Payoff returns player p's (0-based) payoff in a cell. The result aliases the
// table: do not modify it.
func (t *Table) Payoff(cell, p int) *big.Rat {
	o := t.Cells[cell]
	if o == None {
		return zeroRat
	}
	return t.Outcomes[o].Payoffs[p]
}

// SetPayoffs gives the cell of a pure profile its own unlabelled outcome.
func (t *Table) SetPayoffs(profile []int, payoffs []*big.Rat) {
	ps := make([]*big.Rat, len(payoffs))
	for i, p := range payoffs {
		ps[i] = new(big.Rat).Set(p)
	}
	t.Outcomes = append(t.Outcomes, Outcome{Payoffs: ps})
	t.Cells[t.CellIndex(profile)] = int32(len(t.Outcomes) - 1)
}

// FloatPayoffs returns, per player, the payoffs of every cell as float64.
func (t *Table) FloatPayoffs() [][]float64 {
	out := make([][]float64, len(t.Players))
	for p := range out {
		out[p] = make([]float64, len(t.Cells))
		for c := range t.Cells {
			out[p][c] = ratFloat(t.Payoff(c, p))
		}
	}
	return out
}

// Validate checks that the table is consistent: at least one strategy per
// player, one cell per pure profile, outcome indices in range and payoff
// vectors of the right length.
func (t *Table) Validate() error {
	if len(t.Strategies) != len(t.Players) {
		return invalid("%d players but %d strategy lists", len(t.Players), len(t.Strategies))
	}
	size := 1
	for p, s := range t.Strategies {
		if len(s) == 0 {
			return invalid("player %d has no strategies", p+1)
		}
		size *= len(s)
	}
	if len(t.Cells) != size {
		return invalid("%d cells for %d pure profiles", len(t.Cells), size)
	}
	for c, o := range t.Cells {
		if o != None && (o < 0 || int(o) >= len(t.Outcomes)) {
			return invalid("cell %d refers to outcome %d, which does not exist", c+1, o+1)
		}
	}
	for i := range t.Outcomes {
		if len(t.Outcomes[i].Payoffs) != len(t.Players) {
			return invalid("outcome %d has %d payoffs for %d players", i+1, len(t.Outcomes[i].Payoffs), len(t.Players))
		}
	}
	return nil
}

// Game is either a *Tree or a *Table: what file readers return and solvers
// accept.
type Game interface {
	NumPlayers() int
	PlayerNames() []string
}

var (
	_ Game = (*Tree)(nil)
	_ Game = (*Table)(nil)
)
