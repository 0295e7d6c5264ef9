package game_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/internal/testenv"
)

// TestPerfectRecallAgreesWithGambit checks PerfectRecall's verdict on every
// tree Gambit ships against the games Gambit (17 or 16.4.1) refuses with
// "Computing equilibria of games with imperfect recall is not supported".
func TestPerfectRecallAgreesWithGambit(t *testing.T) {
	dir := testenv.GambitDir(t)
	f, err := os.Open(filepath.Join(dir, "oracle", "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	imperfect := map[string]bool{}
	for _, r := range rows[1:] {
		if strings.Contains(r[8], "imperfect recall") {
			imperfect[r[0]] = true
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "games", "*.efg"))
	checked := 0
	for _, path := range files {
		g, err := gambit.ReadFile(path)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		tr := g.(*game.Tree)
		name := filepath.Base(path)
		if got := tr.PerfectRecall() != nil; got != imperfect[name] {
			t.Errorf("%s: imperfect recall = %v, Gambit says %v (%v)", name, got, imperfect[name], tr.PerfectRecall())
		}
		if roots := tr.SubgameRoots(); len(roots) == 0 || roots[0] != tr.Root() {
			t.Errorf("%s: subgame roots %v do not start at the root", name, roots)
		}
		checked++
	}
	t.Logf("perfect-recall verdict agrees with Gambit on %d trees (%d without perfect recall)", checked, len(imperfect))
}
