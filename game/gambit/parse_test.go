package gambit

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
)

const entryEFG = `EFG 2 R "entry" { "Entrant" "Incumbent" } ""
p "" 1 1 "E" { "Out" "In" } 0
t "" 1 "out" { 0, 2 }
p "" 2 1 "I" { "Fight" "Accommodate" } 0
t "" 2 "war" { -1, -1 }
t "" 3 "share" { 1, 1 }
`

func TestParseEFGEntry(t *testing.T) {
	tr, err := ParseEFG([]byte(entryEFG), "entry.efg")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Title != "entry" || tr.NumPlayers() != 2 || tr.NumNodes() != 5 || len(tr.Infosets) != 2 || len(tr.Outcomes) != 3 {
		t.Fatalf("got %q, %d players, %d nodes, %d infosets, %d outcomes", tr.Title, tr.NumPlayers(), tr.NumNodes(), len(tr.Infosets), len(tr.Outcomes))
	}
	pay := tr.PathPayoffs()
	// Pre-order: root, out, incumbent, war, share.
	want := map[int][2]int64{1: {0, 2}, 3: {-1, -1}, 4: {1, 1}}
	for n, w := range want {
		if pay[n][0].Cmp(big.NewRat(w[0], 1)) != 0 || pay[n][1].Cmp(big.NewRat(w[1], 1)) != 0 {
			t.Errorf("node %d pays %v, want %v", n, pay[n], w)
		}
	}
	if got := tr.Infosets[1].Actions; got[0] != "Fight" || got[1] != "Accommodate" {
		t.Errorf("incumbent's actions %q", got)
	}
}

// TestStagePayoffsAndExactNumbers checks that outcomes on inner nodes add
// up along the path and that decimals are exact (0.1 + 0.2 = 3/10).
func TestStagePayoffsAndExactNumbers(t *testing.T) {
	src := `EFG 2 R "stage" { "A" } "c"
c "root" 1 "nature" { "x" 0.25 "y" 3/4 } 1 "entry fee" { 0.1 }
t "" 2 "a" { 0.2 }
t "" 3 "b" { 1e-1 }
`
	tr, err := ParseEFG([]byte(src), "stage.efg")
	if err != nil {
		t.Fatal(err)
	}
	pay := tr.PathPayoffs()
	if pay[1][0].Cmp(big.NewRat(3, 10)) != 0 || pay[2][0].Cmp(big.NewRat(1, 5)) != 0 {
		t.Errorf("path payoffs %v %v, want 3/10 and 1/5", pay[1][0], pay[2][0])
	}
	s := &tr.Infosets[0]
	if !s.IsChance() || s.Probs[0].Cmp(big.NewRat(1, 4)) != 0 || s.ProbString(0) != "0.25" || s.ProbString(1) != "3/4" {
		t.Errorf("chance infoset %+v", s)
	}
	if tr.Outcomes[2].PayoffText(0) != "1e-1" {
		t.Errorf("spelling lost: %q", tr.Outcomes[2].PayoffText(0))
	}
}

func TestRepeatedDescriptions(t *testing.T) {
	src := `EFG 2 R "" { "1" "2" } ""
p "" 1 1 "" { "L" "R" } 0
p "" 2 1 "h" { "l" "r" } 1 "o" { 1 2 }
t "" 1
t "" 0
p "" 2 1 "h" { "l" "r" } 1 "o" { 1, 2 }
t "" 1 "o" { 1 2 }
t "" 0
`
	tr, err := ParseEFG([]byte(src), "rep.efg")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Infosets[1].Members; len(got) != 2 {
		t.Errorf("player 2's infoset has members %v, want 2", got)
	}
	if len(tr.Outcomes) != 1 {
		t.Errorf("%d outcomes, want the one shared outcome", len(tr.Outcomes))
	}
}

func TestParseNFGBodies(t *testing.T) {
	payoff := `NFG 1 R "pd" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1`
	outcome := `NFG 1 R "pd" { "Row" "Col" } { { "1" "2" } { "1" "2" } } ""
{ { "cc" 3, 3 } { "dc" 5 0 } { "cd" 0, 5 } { "dd" 1 1 } } 1 2 3 4`
	for _, src := range []string{payoff, outcome} {
		tb, err := ParseNFG([]byte(src), "pd.nfg")
		if err != nil {
			t.Fatal(err)
		}
		// Player 1 changes fastest: cell 1 is (Row 2, Col 1).
		if got := tb.Payoff(tb.CellIndex([]int{1, 0}), 0); got.Cmp(big.NewRat(5, 1)) != 0 {
			t.Errorf("row payoff at (2,1) = %v, want 5", got)
		}
		if got := tb.Payoff(tb.CellIndex([]int{0, 1}), 1); got.Cmp(big.NewRat(5, 1)) != 0 {
			t.Errorf("column payoff at (1,2) = %v, want 5", got)
		}
	}
}

// TestErrors checks that bad input is refused with its position and what
// was expected there.
func TestErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"magic", `EFX 2 R "" { "1" } "" t "" 0`, `x:1:1: expected "EFG" or "NFG"`},
		{"version", `EFG 3 R "" { "1" } "" t "" 0`, `x:1:5: expected format version 2`},
		{"no players", `EFG 2 R "" { } "" t "" 0`, `x:1:14: expected at least one quoted player name`},
		{"node kind", "EFG 2 R \"\" { \"1\" } \"\"\nq \"\" 0", `x:2:1: expected a node: "c" (chance), "p" (personal) or "t" (terminal), found "q"`},
		{"player range", "EFG 2 R \"\" { \"1\" } \"\"\np \"\" 2 1 \"\" { \"a\" } 0 t \"\" 0", `x:2:6: expected a player number from 1 to 1, found "2"`},
		{"undefined infoset", "EFG 2 R \"\" { \"1\" } \"\"\np \"\" 1 1 0", `x:2:10: expected the label and actions of player 1's infoset 1 (its first node must describe it), found "0"`},
		{"undefined outcome", "EFG 2 R \"\" { \"1\" } \"\"\nt \"\" 4", `x:2:7: expected the label and payoffs of outcome 4 (its first use must define it), found end of file`},
		{"payoff count", "EFG 2 R \"\" { \"1\" \"2\" } \"\"\nt \"\" 1 \"o\" { 1 }", `x:2:16: expected outcome 1: the payoff of player 2 of 2, found "}"`},
		{"bad number", "EFG 2 R \"\" { \"1\" } \"\"\nt \"\" 1 \"o\" { 0x10 }", `x:2:14: expected outcome 1: the payoff of player 1 of 1 (not a number), found "0x10"`},
		{"octal fraction", "EFG 2 R \"\" { \"1\" } \"\"\nt \"\" 1 \"o\" { 1/0 }", `(zero denominator)`},
		{"huge exponent", "EFG 2 R \"\" { \"1\" } \"\"\nt \"\" 1 \"o\" { 1e999999999 }", `(exponent out of range)`},
		{"long number", "EFG 2 R \"\" { \"1\" } \"\"\nt \"\" 1 \"o\" { 1" + strings.Repeat("0", 5000) + " }", `(longer than 4096 characters)`},
		{"truncated tree", "EFG 2 R \"\" { \"1\" } \"\"\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0", `x:3:7: expected a node`},
		{"no actions", "EFG 2 R \"\" { \"1\" } \"\"\np \"\" 1 1 \"\" { } 0", `x:2:15: expected at least one action, found "}"`},
		{"changed infoset", "EFG 2 R \"\" { \"1\" \"2\" } \"\"\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\np \"\" 2 1 \"\" { \"x\" } 0\nt \"\" 0\np \"\" 2 1 \"\" { \"y\" } 0\nt \"\" 0",
			`x:5:15: expected action "x" as at 3:8 (a repeated description must be identical), found text "y"`},
		{"changed outcome", "EFG 2 R \"\" { \"1\" } \"\"\nc \"\" 1 \"\" { \"a\" 1/2 \"b\" 1/2 } 0\nt \"\" 1 \"o\" { 1 }\nt \"\" 1 \"o\" { 2 }",
			`x:4:8: expected the payoffs that outcome 1 has at 3:8`},
		{"outcome 0 with payoffs", "EFG 2 R \"\" { \"1\" } \"\"\nt \"\" 0 \"o\" { 1 }", `x:2:8: expected the next node (outcome 0 is no outcome`},
		{"unterminated text", "EFG 2 R \"abc", `x:1:9: expected the game's title as a quoted text, found a text with no closing quote`},
		{"nfg trailing", `NFG 1 R "" { "1" "2" } { 1 1 } 1 2 3`, `x:1:36: expected end of file after the 1 cells of the body, found "3"`},
		{"nfg short", `NFG 1 R "" { "1" "2" } { 2 1 } 1 2 3`, `x:1:37: expected player 2's payoff for strategy profile (2,1) (cell 2 of 2; no commas in a payoff body), found end of file`},
		{"nfg comma", `NFG 1 R "" { "1" "2" } { 1 1 } 1, 2`, `x:1:33: expected player 2's payoff`},
		{"nfg outcome range", `NFG 1 R "" { "1" } { 2 } { { "a" 1 } } 1 2`, `x:1:42: expected an outcome number from 0 to 1 for strategy profile (2) (cell 2 of 2), found "2"`},
		{"nfg huge table", `NFG 1 R "" { "1" "2" } { 100000 100000 } 1`, `x:1:26: expected strategy counts whose product`},
		{"nfg many players", `NFG 1 R "" {` + strings.Repeat(` ""`, 1000) + ` } {` + strings.Repeat(" 1", 999) + ` 9 } 1 2 3`, `expected a payoff body of 1000 players x 9 cells, more numbers than the rest of the file (5 bytes) can hold, found "1"`},
		{"nfg no strategies", `NFG 1 R "" { "1" } { { } } 1`, `x:1:24: expected at least one strategy label for player 1, found "}"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.src), "x")
			if err == nil {
				t.Fatalf("accepted %q", c.src)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is a %T, want *SyntaxError", err, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n  %v\nwant it to contain\n  %s", err, c.want)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	src := `EFG 2 R "" { "1" } ""
c "n" 1 "" { "a" 1/2 "b" 1/3 } 0
t "n" 0
t "" 0
trailing`
	_, ws, err := ParseWithWarnings([]byte(src), "w.efg")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, w := range ws {
		msgs = append(msgs, w.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`w.efg:2:9: warning: chance probabilities sum to 5/6, not 1`,
		`w.efg:3:3: warning: node label "n" is also used at 2:3`,
		`w.efg:5:1: warning: content after the end of the tree is ignored`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings\n%s\nlack %s", all, want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in, want  string
		canonical bool
	}{
		{"12", "12", true}, {"-12", "-12", true}, {"+12", "12", false}, {"007", "7", false},
		{"0.25", "1/4", false}, {".5", "1/2", false}, {"3.", "3", false}, {"1.5e-3", "3/2000", false},
		{"2e5", "200000", false}, {"3/4", "3/4", true}, {"-1/3", "-1/3", true}, {"2/4", "1/2", false},
		{"010/3", "10/3", false}, {"-0", "0", false}, {"123456789012345678901234567890", "123456789012345678901234567890", false},
	}
	for _, c := range cases {
		r, canon, err := parseNumber([]byte(c.in))
		if err != nil || game.RatString(r) != c.want || canon != c.canonical {
			t.Errorf("parseNumber(%q) = %v, %v, %v; want %s, %v", c.in, r, canon, err, c.want, c.canonical)
		}
	}
	for _, bad := range []string{"", "-", ".", "1.2.3", "0x10", "1_0", "1p3", "1/-3", "1/", "/2", "e5", "1e", "1e+", "--1", "1/2/3", "1.5/2"} {
		if r, _, err := parseNumber([]byte(bad)); err == nil {
			t.Errorf("parseNumber(%q) = %v, want an error", bad, r)
		}
	}
}
