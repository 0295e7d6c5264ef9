package cli

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/solve"
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
	// Five valuation bins, split at the decision thresholds inside them;
	// two guarantors, four responding sets, each war won or lost. Index
	// forms: the type decides, then the set is drawn; informed: the set is
	// drawn, then the type decides seeing it.
	types := 0
	for _, is := range tr.Infosets {
		if is.Label == "challenger's valuation" {
			types = len(is.Actions)
		}
	}
	want := types * (1 + 4*2)
	if deter.Default().Aggregation == deter.AggInformed {
		want = types * 4 * (1 + 2)
	}
	if types < 5 {
		t.Errorf("%d valuation types, want at least 5", types)
	}
	if tr.NumPlayers() != 1 || terminals != want {
		t.Errorf("%d players, %d terminals; want 1, %d", tr.NumPlayers(), terminals, want)
	}
	if _, _, code := runData(t, "assess", optionsDir, "--engine", "bogus"); code != 2 {
		t.Error("--engine bogus accepted")
	}
}

// The exported game, read back from its .efg, has an equilibrium whose
// P(status quo) is explain's p_deterrence at the medians: post-war files
// (held-out 23, a Ukraine option) and an immediate one. Post-war exports
// listed valuations from 1e-36 to 1e49 and a crisis's equilibrium.
func TestGameExportEquilibriumIsExplains(t *testing.T) {
	for _, f := range []string{"../../testdata/heldout/23-postwar-commission-dmz-ends-eritrea-2000.yaml",
		"../../examples/ukraine-2025/08-us-tripwire-7000.yaml", filepath.Join(optionsDir, "b-pact.yaml")} {
		out, errs, code := runData(t, "explain", "--format", "json", f)
		if code != 0 {
			t.Fatalf("%s: explain exit %d: %s", f, code, errs)
		}
		var e struct {
			PDeterrence float64 `json:"p_deterrence"`
		}
		if err := json.Unmarshal([]byte(out), &e); err != nil {
			t.Fatal(err)
		}
		out, errs, code = runData(t, "game", "export", f)
		if code != 0 {
			t.Fatalf("%s: export exit %d: %s", f, code, errs)
		}
		tr, err := gambit.ParseEFG([]byte(out), "export.efg")
		if err != nil {
			t.Fatalf("%s: export does not parse: %v", f, err)
		}
		eqs, err := solve.SPE{}.Solve(context.Background(), tr, solve.Options{})
		if err != nil || len(eqs) == 0 {
			t.Fatalf("%s: %d equilibria, %v", f, len(eqs), err)
		}
		got := 0.0
		for _, kv := range models.OutcomeDist(tr, eqs[0].Behavior.Float()) {
			if kv.Key == "status quo" {
				got += kv.Value
			}
		}
		if math.Abs(got-e.PDeterrence) > 1e-9 {
			t.Errorf("%s: the exported game's equilibrium P(status quo) %.12f, explain's p_deterrence %.12f", f, got, e.PDeterrence)
		}
	}
}
