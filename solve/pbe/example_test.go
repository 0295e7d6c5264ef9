package pbe_test

import (
	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/pbe"
)

// The Nash equilibrium (Out, Fight) of the entry game rests on a threat the
// Incumbent would not carry out: the verifier finds its regret at the
// unreached node.
func ExampleVerify() {
	b := game.NewBuilder("entry", "Entrant", "Incumbent")
	ch := b.Move(b.Root(), b.AddInfoset(1, 1, "enter?", "Out", "In"))
	b.SetOutcome(ch[0], b.AddOutcome("out", game.Rats(0, 2)))
	ch2 := b.Move(ch[1], b.AddInfoset(2, 1, "respond", "Fight", "Accommodate"))
	b.SetOutcome(ch2[0], b.AddOutcome("war", game.Rats(-1, -1)))
	b.SetOutcome(ch2[1], b.AddOutcome("share", game.Rats(1, 1)))
	tr, _ := b.Build()
	rep, _ := pbe.Verify(tr, [][][]float64{{{1, 0}}, {{1, 0}}}, nil, pbe.Options{})
	fmt.Println(rep.Worst)
	// Output: player 2 infoset 1 (respond): sequential rationality violated by 2
}
