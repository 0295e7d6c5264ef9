package gambit

import (
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
)

// heldoutGames are the held-out games in testdata/heldout-games: files
// written to probe the reader and the solvers where the example games do not
// (Windows line endings, odd whitespace and spellings, escapes, exact
// thirds, huge rationals, unreached information sets, all-tie games). Their
// solver checks live in solve/methods.
func heldoutGames(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "heldout-games", "*.[en]fg"))
	if err != nil || len(files) < 8 {
		t.Fatalf("want at least 8 games in testdata/heldout-games, found %d (%v)", len(files), err)
	}
	return files
}

// TestHeldoutGamesRoundTrip reads each held-out game without warnings, then
// read -> write -> read must give the same game and the same bytes.
func TestHeldoutGamesRoundTrip(t *testing.T) {
	for _, path := range heldoutGames(t) {
		g, ws, err := ReadFileWithWarnings(path)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, w := range ws {
			t.Errorf("%s: unexpected warning %s", path, w)
		}
		if _, _, complaint := roundTrip(g); complaint != "" {
			t.Errorf("%s: %s", path, complaint)
		}
	}
}

// TestHeldoutGameFacts pins what each held-out file's comment says, so the
// reader cannot silently read a different game (a CRLF kept in a label, a
// quote escape decoded wrongly, a rational rounded through float64).
func TestHeldoutGameFacts(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "heldout-games")
	read := func(name string) game.Game {
		t.Helper()
		g, err := ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	rat := game.MustRat

	deg := read("01-degenerate-duplicate-crlf.nfg").(*game.Table)
	if got := deg.Strategies[0][1]; got != "Up again" {
		t.Errorf("CRLF file: strategy label %q, want %q (no carriage return kept)", got, "Up again")
	}
	for c := 0; c < 3; c++ {
		for p := 0; p < 2; p++ {
			a := deg.Payoff(deg.CellIndex([]int{0, c}), p)
			b := deg.Payoff(deg.CellIndex([]int{1, c}), p)
			if a.Cmp(b) != 0 {
				t.Errorf("degenerate: rows Up and Up again differ in column %d for player %d", c+1, p+1)
			}
		}
	}
	if got := deg.Payoff(deg.CellIndex([]int{2, 2}), 1); got.Cmp(rat("2")) != 0 {
		t.Errorf("degenerate: (Down, Centre) pays Column %v, want 2", got)
	}

	zs := read("02-zero-sum-many-equilibria.nfg").(*game.Table)
	rows := [][]string{{"0", "0", "1", "2"}, {"0", "0", "2", "1"}, {"-1", "-2", "3", "-1"}, {"-2", "-1", "-1", "3"}}
	for r, row := range rows {
		for c, v := range row {
			cell := zs.CellIndex([]int{r, c})
			if zs.Payoff(cell, 0).Cmp(rat(v)) != 0 || new(big.Rat).Add(zs.Payoff(cell, 0), zs.Payoff(cell, 1)).Sign() != 0 {
				t.Errorf("zero-sum: cell (%d,%d) = %v, %v; want %s and its negative", r+1, c+1, zs.Payoff(cell, 0), zs.Payoff(cell, 1), v)
			}
		}
	}

	thirds := read("03-chance-thirds.efg").(*game.Tree)
	for a, p := range thirds.Infosets[0].Probs {
		if p.Cmp(rat("1/3")) != 0 {
			t.Errorf("thirds: chance action %d has probability %v, want exactly 1/3", a+1, p)
		}
	}

	lab := read("04-labels-quotes-escapes.efg").(*game.Tree)
	if want := "Labels with \"quotes\", back\\slashes, a tab\tand UTF-8: Zürich–Kyiv ✓"; lab.Title != want {
		t.Errorf("title %q, want %q", lab.Title, want)
	}
	if want := `the "Challenger"`; lab.Players[0] != want {
		t.Errorf("player 1 %q, want %q", lab.Players[0], want)
	}
	if want := `Guarantor (C:\path\)x`; lab.Players[1] != want {
		t.Errorf("player 2 %q, want %q", lab.Players[1], want)
	}
	root := lab.Infosets[0]
	if want := []string{`attack "now"`, `wait\\later`, ""}; len(root.Actions) != 3 || root.Actions[0] != want[0] || root.Actions[1] != want[1] || root.Actions[2] != want[2] {
		t.Errorf("actions %q, want %q (\\\\ is kept as two characters)", root.Actions, want)
	}
	if want := "two lines and quotes \"the treaty\""; !strings.Contains(lab.Comment, "\n"+want) {
		t.Errorf("comment %q lacks the line starting %q", lab.Comment, want)
	}

	ws := read("05-whitespace-spellings.nfg").(*game.Table)
	wantPay := [][2]string{{"1", "1/2"}, {"1/2", "0"}, {"3", "15"}, {"0", "1"}, {"5", "0"}, {"-1", "2"}}
	for i, w := range wantPay {
		// Outcome body cells in Gambit order: player 1 fastest.
		if ws.Payoff(i, 0).Cmp(rat(w[0])) != 0 || ws.Payoff(i, 1).Cmp(rat(w[1])) != 0 {
			t.Errorf("whitespace: cell %d pays %v, %v; want %s, %s", i+1, ws.Payoff(i, 0), ws.Payoff(i, 1), w[0], w[1])
		}
	}

	huge := read("06-huge-rational-payoffs.nfg").(*game.Table)
	if got, want := huge.Payoff(huge.CellIndex([]int{0, 0}), 0), rat("100000000000000000000000000000000000000001/3"); got.Cmp(want) != 0 {
		t.Errorf("huge: (1,1) pays Big %v, want %v", got, want)
	}
	if got := huge.Payoff(huge.CellIndex([]int{0, 2}), 1); got.Cmp(rat("1/1000000000000000000000000000000")) != 0 {
		t.Errorf("huge: (1,3) pays Small %v, want exactly 10^-30", got)
	}
	if got := huge.Payoff(huge.CellIndex([]int{2, 0}), 0); got.Cmp(new(big.Rat).SetInt(new(big.Int).Neg(new(big.Int).Exp(big.NewInt(10), big.NewInt(50), nil)))) != 0 {
		t.Errorf("huge: (3,1) pays Big %v, want exactly -10^50", got)
	}

	unr := read("07-unreached-infoset.efg").(*game.Tree)
	if p := unr.Infosets[0].Probs; p[0].Cmp(rat("1")) != 0 || p[1].Sign() != 0 {
		t.Errorf("unreached: chance probabilities %v, want 1 and 0", p)
	}
	if n := len(unr.PlayerInfosets(1)) + len(unr.PlayerInfosets(2)); n != 4 {
		t.Errorf("unreached: %d personal infosets, want 4", n)
	}

	ties := read("08-three-player-all-ties.efg").(*game.Tree)
	if len(ties.Outcomes) != 1 || len(ties.PlayerInfosets(3)) != 2 || len(ties.Infosets[ties.PlayerInfosets(3)[0]].Members) != 2 {
		t.Errorf("all ties: %d outcomes, player 3 infosets %v; want one shared outcome and two infosets, the first of 2 nodes", len(ties.Outcomes), ties.PlayerInfosets(3))
	}
}
