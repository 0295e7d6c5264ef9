package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
)

// The default engine's explain prints its chain, and its exported game is a
// one-player tree: GameTypes valuation types × (status quo + 2^n responding
// sets × 2 war outcomes).
func TestStructuralExplainAndGame(t *testing.T) {
	out, errs, code := runData(t, "explain", filepath.Join(optionsDir, "b-pact.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"structural engine", "2. Responses", "3. Responding sets", "{us,uk}", "Challenger's best response", "model.challenger.weight"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	out, errs, code = runData(t, "game", "export", filepath.Join(optionsDir, "b-pact.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	tr, err := gambit.ParseEFG([]byte(out), "export.efg")
	if err != nil {
		t.Fatalf("export does not parse: %v", err)
	}
	terminals := 0
	for n := range tr.NumNodes() {
		if tr.IsTerminal(game.NodeID(n)) {
			terminals++
		}
	}
	// Five valuation types; two guarantors, four responding sets, each war
	// won or lost. Index forms: the type decides, then the set is drawn;
	// informed: the set is drawn, then the type decides seeing it.
	want := 5 * (1 + 4*2)
	if deter.Default().Aggregation == deter.AggInformed {
		want = 5 * 4 * (1 + 2)
	}
	if tr.NumPlayers() != 1 || terminals != want {
		t.Errorf("%d players, %d terminals; want 1, %d", tr.NumPlayers(), terminals, want)
	}
	if _, _, code := runData(t, "assess", optionsDir, "--engine", "bogus"); code != 2 {
		t.Error("--engine bogus accepted")
	}
}
