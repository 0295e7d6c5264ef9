package solve_test

import (
	"context"
	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve"
)

// The entry game: the entrant stays out (0, 2) or enters; the incumbent
// then fights (-1, -1) or accommodates (1, 1).
func entryGame() *game.Tree {
	b := game.NewBuilder("entry", "Entrant", "Incumbent")
	e := b.Move(b.Root(), b.AddInfoset(1, 1, "E", "Out", "In"))
	b.SetOutcome(e[0], b.AddOutcome("out", game.Rats(0, 2)))
	i := b.Move(e[1], b.AddInfoset(2, 1, "I", "Fight", "Accommodate"))
	b.SetOutcome(i[0], b.AddOutcome("war", game.Rats(-1, -1)))
	b.SetOutcome(i[1], b.AddOutcome("share", game.Rats(1, 1)))
	t, _ := b.Build()
	return t
}

// Two Nash equilibria, one of them held up by an incredible threat.
func ExampleEnumPure() {
	g := entryGame()
	eqs, _ := solve.EnumPure{}.Solve(context.Background(), g, solve.Options{})
	for _, eq := range eqs {
		r, _ := solve.Regret(g, eq)
		fmt.Println(eq.Behavior.Float(), "regret", r.RatString())
	}
	// Output:
	// [[[1 0]] [[1 0]]] regret 0
	// [[[0 1]] [[0 1]]] regret 0
}

// Backward induction keeps only the credible one.
func ExampleSPE() {
	g := entryGame()
	eqs, _ := solve.SPE{}.Solve(context.Background(), g, solve.Options{})
	for _, eq := range eqs {
		r, _ := solve.SubgameRegret(g, eq.Behavior)
		pay, _ := solve.Payoffs(g, eq)
		fmt.Println(eq.Behavior.Float(), "payoffs", pay[0].RatString(), pay[1].RatString(), "subgame regret", r.RatString())
	}
	// Output:
	// [[[0 1]] [[0 1]]] payoffs 1 1 subgame regret 0
}
