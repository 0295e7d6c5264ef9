package gambit

import (
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/game"
)

// ownGames are the project's own example games in testdata/games at the
// repository root (used by the README and by other packages' tests).
func ownGames(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "games", "*.[en]fg"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no games in testdata/games: %v", err)
	}
	return files
}

// TestOwnGames reads every example game without warnings and round-trips it.
func TestOwnGames(t *testing.T) {
	for _, path := range ownGames(t) {
		g, ws, err := ReadFileWithWarnings(path)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, w := range ws {
			t.Errorf("%s", w)
		}
		if _, _, complaint := roundTrip(g); complaint != "" {
			t.Errorf("%s: %s", path, complaint)
		}
	}
}

// TestOwnGameFacts pins facts stated in the example games' comments, so a
// typo in a fixture (or a reader bug) cannot go unnoticed.
func TestOwnGameFacts(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "games")
	read := func(name string) game.Game {
		g, err := ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	rat := func(s string) *big.Rat { return game.MustRat(s) }

	bq := read("beer_quiche.efg").(*game.Tree)
	if s := bq.Infosets[0]; !s.IsChance() || s.Probs[0].Cmp(rat("9/10")) != 0 {
		t.Errorf("beer-quiche: root %+v, want chance with strong = 9/10", s)
	}
	if n := len(bq.PlayerInfosets(2)); n != 2 || len(bq.Infosets[bq.PlayerInfosets(2)[0]].Members) != 2 {
		t.Errorf("beer-quiche: receiver has %d infosets; want 2 of 2 nodes each", n)
	}
	if bq.PerfectRecall() != nil {
		t.Error("beer-quiche has perfect recall")
	}

	if read("absent_minded_driver.efg").(*game.Tree).PerfectRecall() == nil {
		t.Error("the absent-minded driver lacks perfect recall")
	}
	if got := len(read("outside_option.efg").(*game.Tree).SubgameRoots()); got != 2 {
		t.Errorf("outside option: %d subgames, want 2", got)
	}
	if got := len(read("centipede6.efg").(*game.Tree).SubgameRoots()); got != 6 {
		t.Errorf("centipede: %d subgames, want one per move (6)", got)
	}

	// Stage payoffs add along the path: -0.1 - 0.25 + (-2.5) for Red in war.
	esc := read("escalation_decimals.efg").(*game.Tree)
	var warNode game.NodeID = game.None
	for i := range esc.Nodes {
		if o := esc.Nodes[i].Outcome; o != game.None && esc.Outcomes[o].Label == "war" {
			warNode = game.NodeID(i)
		}
	}
	if warNode == game.None || esc.PathPayoffs()[warNode][0].Cmp(rat("-2.85")) != 0 {
		t.Errorf("escalation: Red's payoff in war is not exactly -2.85")
	}

	pd := read("prisoners_dilemma.nfg").(*game.Table)
	if got := pd.Payoff(pd.CellIndex([]int{1, 0}), 0); got.Cmp(rat("5")) != 0 {
		t.Errorf("PD: row's payoff for (Defect, Cooperate) = %v, want 5", got)
	}
	vd := read("volunteers_dilemma3.nfg").(*game.Table)
	if got := vd.Payoff(vd.CellIndex([]int{1, 1, 1}), 2); got.Sign() != 0 {
		t.Errorf("volunteer's dilemma: nobody volunteers pays %v, want 0", got)
	}
	if got := vd.Payoff(vd.CellIndex([]int{1, 1, 0}), 0); got.Cmp(rat("2")) != 0 {
		t.Errorf("volunteer's dilemma: Ann ignoring while Cat volunteers pays %v, want 2", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		t.Errorf("testdata/games has no README.md describing the games")
	}
}
