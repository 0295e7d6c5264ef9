package game

// Tree returns an extensive form of the table: player 1 moves, then player
// 2 without seeing that move, and so on, each player in a single
// information set, with the cell's outcome at each leaf. Its reduced
// strategic form is the table again, so it is how a strategic game is
// written as .efg. The size is the number of cells times about 1 + 1/k.
func (t *Table) Tree() (*Tree, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	b := NewBuilder(t.Title, t.Players...)
	b.SetComment(t.Comment)
	outcome := make([]int, len(t.Outcomes))
	for i := range t.Outcomes {
		outcome[i] = b.AddOutcome(t.Outcomes[i].Label, t.Outcomes[i].Payoffs)
		b.SetOutcomeText(outcome[i], t.Outcomes[i].Text)
	}
	level := []int{b.Root()}
	for p := range t.Players {
		s := b.AddInfoset(p+1, 1, "", t.Strategies[p]...)
		var next []int
		for _, n := range level {
			next = append(next, b.Move(n, s)...)
		}
		level = next
	}
	// Leaves come out with the last player's move fastest; cells have
	// player 1's fastest, so translate.
	prof := make([]int, len(t.Players))
	for i, n := range level {
		rest := i
		for p := len(t.Players) - 1; p >= 0; p-- {
			k := len(t.Strategies[p])
			prof[p] = rest % k
			rest /= k
		}
		if o := t.Cells[t.CellIndex(prof)]; o != None {
			b.SetOutcome(n, outcome[o])
		}
	}
	return b.Build()
}
