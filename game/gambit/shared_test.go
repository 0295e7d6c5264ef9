package gambit

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/internal/testenv"
)

// sharedGames lists Gambit's shipped test games (.efg and .nfg), skipping
// the test when the shared folder is absent.
func sharedGames(t testing.TB) []string {
	dir := filepath.Join(testenv.GambitDir(t), "games")
	var out []string
	for _, pat := range []string{"*.efg", "*.nfg"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	sort.Strings(out)
	if len(out) == 0 {
		t.Skipf("no games in %s", dir)
	}
	return out
}

// gambitOracle is what oracle/summary.csv says about one game: its size as
// Gambit counts it, and why Gambit 17 refused to read it (if it did).
type gambitOracle struct {
	size    string
	refusal string
}

// readSummary collects per-game sizes and reader refusals from Gambit's
// enumpure runs (the one tool run on every game).
func readSummary(t *testing.T) map[string]gambitOracle {
	f, err := os.Open(filepath.Join(testenv.GambitDir(t), "oracle", "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string]gambitOracle{}
	for _, r := range rows[1:] {
		if r[col["tool"]] != "enumpure" {
			continue
		}
		o := gambitOracle{size: r[col["size"]]}
		// Only reader refusals matter here; solver refusals (imperfect
		// recall, timeouts) are about files Gambit did read.
		if note := r[col["note"]]; strings.Contains(note, "must be unique") {
			o.refusal = strings.TrimPrefix(note, "Error: ")
		}
		out[r[col["game"]]] = o
	}
	return out
}

// gambitSize renders a game's size the way summary.csv does: for trees
// "nodes=N;infosets=M" counting personal (not chance) information sets,
// for tables the strategy counts joined by "x".
func gambitSize(g game.Game) string {
	switch x := g.(type) {
	case *game.Tree:
		personal := 0
		for p := 1; p <= x.NumPlayers(); p++ {
			personal += len(x.PlayerInfosets(p))
		}
		return fmt.Sprintf("nodes=%d;infosets=%d", x.NumNodes(), personal)
	case *game.Table:
		parts := make([]string, len(x.Strategies))
		for i, s := range x.Strategies {
			parts[i] = fmt.Sprint(len(s))
		}
		return strings.Join(parts, "x")
	}
	return ""
}

// TestSharedGames reads every game Gambit ships, checks its size against
// Gambit's own count, checks that exactly the files Gambit 17 refuses draw a
// warning with Gambit's reason, and that read -> write -> read is identity.
func TestSharedGames(t *testing.T) {
	files := sharedGames(t)
	oracle := readSummary(t)
	read, warned, identical := 0, 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		g, ws, err := ReadFileWithWarnings(path)
		if err != nil {
			t.Errorf("%s: refused: %v", name, err)
			continue
		}
		read++
		o, ok := oracle[name]
		if !ok {
			t.Errorf("%s: not in summary.csv", name)
		} else if got := gambitSize(g); got != o.size {
			t.Errorf("%s: size %s, Gambit counts %s", name, got, o.size)
		}
		if (len(ws) > 0) != (o.refusal != "") {
			t.Errorf("%s: %d warnings %v, but Gambit 17's verdict is %q", name, len(ws), ws, o.refusal)
		}
		if o.refusal != "" {
			warned++
			t.Logf("%s: read with a warning; Gambit 17 refuses it: %q; first warning: %s", name, o.refusal, ws[0])
			if !strings.Contains(ws[0].Msg, o.refusal) {
				t.Errorf("%s: warning %q does not carry Gambit's reason %q", name, ws[0].Msg, o.refusal)
			}
		}
		out, _, complaint := roundTrip(g)
		if complaint != "" {
			t.Errorf("%s: %s", name, complaint)
		}
		if orig, err := os.ReadFile(path); err == nil && sameIgnoringBlankLines(orig, out) {
			identical++
		}
	}
	t.Logf("read %d of %d games (%d with warnings: Gambit 17 refuses them, 16.4.1 reads them)", read, len(files), warned)
	// Not asserted: only files that Gambit's current writer produced can
	// come out identical. Reported so that a change of layout shows.
	t.Logf("%d of %d files are written back byte for byte (blank lines aside)", identical, len(files))
}

func sameIgnoringBlankLines(a, b []byte) bool {
	strip := func(x []byte) string {
		var keep []string
		for _, l := range strings.Split(string(x), "\n") {
			if strings.TrimSpace(l) != "" {
				keep = append(keep, strings.TrimRight(l, " \r"))
			}
		}
		return strings.Join(keep, "\n")
	}
	return strip(a) == strip(b)
}
