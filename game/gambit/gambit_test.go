package gambit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/internal/testenv"
)

func roundTrip(t testing.TB, g game.Game, name string) game.Game {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch x := g.(type) {
	case *game.Tree:
		err = WriteEFG(&buf, x)
	case *game.Table:
		err = WriteNFG(&buf, x)
	}
	if err != nil {
		t.Fatalf("%s: write: %v", name, err)
	}
	g2, err := Parse(buf.Bytes(), name+" (rewritten)")
	if err != nil {
		t.Fatalf("%s: re-read: %v\n%s", name, err, buf.String())
	}
	return g2
}

// gambitNotes collects, per file, the errors Gambit (17 and 16.4.1) gave on
// it, and under "size:"+file the size Gambit reports, from the oracle summary.
func gambitNotes(t *testing.T, dir string) map[string]string {
	f, err := os.Open(filepath.Join(dir, "oracle", "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	sizes := map[string]string{}
	for _, r := range rows[1:] {
		if strings.HasPrefix(r[8], "Error:") && !strings.Contains(notes[r[0]], r[8]) {
			notes[r[0]] += r[8] + " "
		}
		sizes[r[0]] = r[7]
	}
	for k, v := range sizes {
		notes["size:"+k] = v
	}
	return notes
}

// TestGambitGames reads every game Gambit ships, checks its size against
// Gambit's own count, the perfect-recall verdict against Gambit's refusals,
// and that writing and reading again gives the identical game.
func TestGambitGames(t *testing.T) {
	dir := testenv.GambitDir(t)
	notes := gambitNotes(t, dir)
	files, _ := filepath.Glob(filepath.Join(dir, "games", "*.[en]fg"))
	if len(files) < 200 {
		t.Fatalf("only %d games found in %s", len(files), dir)
	}
	read, warned := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		g, warns, err := ParseWithWarnings(data, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		read++
		note := notes[name]
		if len(warns) > 0 {
			warned++
			if !strings.Contains(note, "must be unique") {
				t.Errorf("%s: warnings %v but Gambit 17 reads it", name, warns)
			}
		} else if strings.Contains(note, "must be unique") {
			t.Errorf("%s: Gambit 17 refuses it (%s) but we gave no warning", name, note)
		}
		if tr, ok := g.(*game.Tree); ok {
			size := fmt.Sprintf("nodes=%d;infosets=%d", tr.NumNodes(), countInfosets(tr))
			if want := notes["size:"+name]; want != size {
				t.Errorf("%s: size %s, Gambit counts %s", name, size, want)
			}
			imperfect := tr.PerfectRecall() != nil
			if imperfect != strings.Contains(note, "imperfect recall") {
				t.Errorf("%s: PerfectRecall() = %v, Gambit note %q", name, tr.PerfectRecall(), note)
			}
		} else {
			tb := g.(*game.Table)
			shape := strings.Trim(strings.ReplaceAll(fmt.Sprint(tb.Shape()), " ", "x"), "[]")
			if want := notes["size:"+name]; want != shape {
				t.Errorf("%s: shape %s, Gambit says %s", name, shape, want)
			}
		}
		if d := sameGame(g, roundTrip(t, g, name)); d != "" {
			t.Errorf("%s: round trip changed the game: %s", name, d)
		}
	}
	t.Logf("read %d/%d Gambit games (%d with Gambit-17 label warnings, which Gambit 16 reads)", read, len(files), warned)
}

// countInfosets counts personal information sets, as Gambit's size column does.
func countInfosets(t *game.Tree) int {
	n := 0
	for p := 1; p <= t.NumPlayers(); p++ {
		n += len(t.PlayerInfosets(p))
	}
	return n
}

func TestOwnGamesRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "games", "*.[en]fg"))
	if len(files) == 0 {
		t.Fatal("no games under testdata/games")
	}
	for _, path := range files {
		g, err := ReadFile(path)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if d := sameGame(g, roundTrip(t, g, path)); d != "" {
			t.Errorf("%s: %s", path, d)
		}
	}
}

func TestExactNumbers(t *testing.T) {
	src := `EFG 2 R "exact" { "A" "B" } ""
c "" 1 "nature" { "x" 0.1 "y" 9/10 } 0
t "" 1 "o" { 1.5e-3, -2/6 }
t "" 2 "p" { .5 3. }
`
	tr, err := ParseEFG([]byte(src), "exact.efg")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Infosets[0].Probs[0].String(); got != "1/10" {
		t.Errorf("0.1 read as %s", got)
	}
	if got := tr.Outcomes[0].Payoffs[1].String(); got != "-1/3" {
		t.Errorf("-2/6 read as %s", got)
	}
	var buf bytes.Buffer
	if err := WriteEFG(&buf, tr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"x" 0.1`, `1.5e-3, -2/6`, `.5, 3.`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("written file lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestNFGBodies(t *testing.T) {
	payoff := `NFG 1 R "pd" { "1" "2" } { 2 2 }
-1 -1 -10 0 0 -10 -5 -5`
	outcome := `NFG 1 R "pd" { "1" "2" } { { "1" "2" } { "1" "2" } } ""
{ { "cc" -1, -1 } { "dc" 0 -10 } { "cd" -10 0 } { "dd" -5 -5 } }
1 3 2 4`
	a, err := ParseNFG([]byte(payoff), "a.nfg")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseNFG([]byte(outcome), "b.nfg")
	if err != nil {
		t.Fatal(err)
	}
	for c := range a.Cells {
		for p := 0; p < 2; p++ {
			if a.Payoff(c, p).Cmp(b.Payoff(c, p)) != 0 {
				t.Errorf("cell %d player %d: %v vs %v", c, p, a.Payoff(c, p), b.Payoff(c, p))
			}
		}
	}
	// Cell order: player 1 fastest, so cell 1 is profile (2,1), paying (-10, 0).
	if a.Payoff(1, 0).Cmp(game.MustRat("-10")) != 0 || a.Payoff(1, 1).Sign() != 0 {
		t.Errorf("cell (2,1) = %v,%v", a.Payoff(1, 0), a.Payoff(1, 1))
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"empty", "", `bad.efg:1:1: expected "EFG" or "NFG"`},
		{"version", `EFG 3 R "" { }`, `bad.efg:1:5: expected version 2, found "3"`},
		{"player range", "EFG 2 R \"\" { \"A\" } \"\"\np \"\" 2 1 \"\" { \"x\" } 0\nt \"\" 0\n", "bad.efg:2:6: player 2 does not exist"},
		{"undefined infoset", "EFG 2 R \"\" { \"A\" }\np \"\" 1 1 0\n", "bad.efg:2:8: information set 1 of player 1 is used before it is described"},
		{"undefined outcome", "EFG 2 R \"\" { \"A\" }\nt \"\" 4\n", "bad.efg:2:6: outcome 4 is used before it is defined"},
		{"short payoffs", "EFG 2 R \"\" { \"A\" \"B\" }\nt \"\" 1 \"o\" { 1 }\n", "bad.efg:2:12: expected 2 payoffs"},
		{"bad number", "EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { 1/0 }\n", `bad.efg:2:14: expected a payoff (an exact number), found "1/0"`},
		{"huge exponent", "EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { 1e999999999 }\n", "bad.efg:2:14: expected a payoff"},
		{"truncated tree", "EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"\" { \"x\" \"y\" } 0\nt \"\" 0\n", "bad.efg:4:1: expected a node"},
		{"unterminated", "EFG 2 R \"abc", "bad.efg:1:9: unterminated string"},
		{"mismatched infoset", "EFG 2 R \"\" { \"A\" }\nc \"\" 1 \"\" { \"x\" 1/2 \"y\" 1/2 } 0\np \"\" 1 1 \"i\" { \"a\" } 0\nt \"\" 0\np \"\" 1 1 \"i\" { \"b\" } 0\nt \"\" 0\n", "bad.efg:5:10: information set 1 of player 1 is described differently"},
		{"nfg trailing", `NFG 1 R "" { "A" } { 1 } 3 4`, "bad.efg:1:28: expected end of file"},
		{"nfg cells", `NFG 1 R "" { "A" "B" } { 2 1 } 1 2 3`, "bad.efg:1:37: expected player 2's payoff in cell 2 of 2"},
		{"nfg outcome index", `NFG 1 R "" { "A" } { 1 } { { "o" 1 } } 2`, "bad.efg:1:40: cell 1 refers to outcome 2"},
		{"nfg huge", `NFG 1 R "" { "A" "B" "C" } { 100000 100000 100000 } 0`, "too many cells"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.src), "bad.efg")
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: error %T %v is not a *SyntaxError", c.name, err, err)
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n got  %v\n want %s", c.name, err, c.want)
		}
	}
}
