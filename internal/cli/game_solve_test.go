package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/internal/testenv"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// --format gambit must reproduce Gambit's -q output byte for byte
// (including the order of the equilibria).
func TestSolveGambitOutputMatchesGambit(t *testing.T) {
	dir := testenv.GambitDir(t)
	cases := []struct {
		game, tool string
		args       []string
	}{
		{"2x2.nfg", "enumpure", nil},
		{"coordination_4x4_outcome.nfg", "enumpure", nil},
		{"6x6_game_with_75_eq.nfg", "enumpure", nil},
		{"2x2x2x2.nfg", "enumpure", nil},
		{"fig6.efg", "enumpure", nil},
		{"nature_rooted_nongeneric.efg", "enumpure", nil},
		{"cent2.efg", "enumpure", nil},
		{"nature_rooted_nongeneric.efg", "enumpure-A", []string{"--agent"}},
		{"2_player_PI_2_dev_off_eq_path_const_sum.efg", "enumpure-A", []string{"-A"}},
		{"perfect_info_with_chance.efg", "enumpure-P_v16.4.1", []string{"--method", "spe"}},
		{"nim7.efg", "enumpure-P_v16.4.1", []string{"--method", "spe"}},
		{"chance_root_5_moves_no_nonterm_player_nodes.efg", "enumpure", nil},
	}
	for _, c := range cases {
		t.Run(c.game+" "+c.tool, func(t *testing.T) {
			want := oracleOutput(t, filepath.Join(dir, "oracle", c.game+"."+c.tool+".txt"))
			args := append([]string{"game", "solve", filepath.Join(dir, "games", c.game)}, c.args...)
			out, errs, code := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if out != want {
				t.Fatalf("output differs from Gambit's\ngot:\n%s\nwant:\n%s", out, want)
			}
		})
	}
}

func oracleOutput(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no oracle file: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); !strings.HasPrefix(l, "#") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestSolveOwnGames(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"testdata/solve/bos.nfg"}, "NE,1,0,1,0\nNE,0,1,0,1\n"},
		{[]string{"testdata/solve/entry.efg"}, "NE,1,0,1,0\nNE,0,1,0,1\n"},
		{[]string{"testdata/solve/entry.efg", "--method", "spe"}, "NE,0,1,0,1\n"},
		{[]string{"testdata/solve/entry.efg", "--method", "spe", "--max", "1"}, "NE,0,1,0,1\n"},
		{[]string{"testdata/solve/forgetful.efg", "--agent"}, "NE,0,1\n"},
	}
	for _, c := range cases {
		out, errs, code := runCLI(t, append([]string{"game", "solve"}, c.args...)...)
		if code != 0 || out != c.want {
			t.Errorf("%v: exit %d, stdout %q (want %q), stderr %q", c.args, code, out, c.want, errs)
		}
	}
}

func TestSolveJSON(t *testing.T) {
	out, errs, code := runCLI(t, "game", "solve", "testdata/solve/entry.efg", "--method", "spe", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc contract.GameSolve
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Form != "extensive" || !doc.Complete || len(doc.Equilibria) != 1 {
		t.Fatalf("unexpected document %+v", doc)
	}
	eq := doc.Equilibria[0]
	if eq.Gambit != "NE,0,1,0,1" || strings.Join(eq.Payoffs, " ") != "1 1" {
		t.Fatalf("equilibrium %+v", eq)
	}
	acc := eq.Players[1].Infosets[0].Actions[1]
	if acc.Label != "Accommodate" || acc.Probability != "1" {
		t.Fatalf("incumbent's action %+v", acc)
	}
	// Unspecified rows: in the Nash equilibria of the entry game none; the
	// reduced form leaves nothing out, so check the table form instead.
	out, _, code = runCLI(t, "game", "solve", "testdata/solve/bos.nfg", "--format", "json")
	if code != 0 || !strings.Contains(out, `"strategies"`) || !strings.Contains(out, `"form": "strategic"`) {
		t.Fatalf("strategic JSON: exit %d\n%s", code, out)
	}
}

func TestSolveErrors(t *testing.T) {
	cases := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"testdata/solve/broken.efg"}, 2, "broken.efg:"},
		{[]string{"testdata/solve/missing.efg"}, 2, "missing.efg"},
		{[]string{"testdata/solve/forgetful.efg"}, 1, "Computing equilibria of games with imperfect recall is not supported."},
		{[]string{"testdata/solve/forgetful.efg", "--method", "spe"}, 1, "Computing equilibria of games with imperfect recall is not supported."},
		{[]string{"testdata/solve/bos.nfg", "--method", "spe"}, 2, "extensive-form"},
		{[]string{"testdata/solve/bos.nfg", "--agent"}, 2, "--agent"},
		{[]string{"testdata/solve/entry.efg", "--method", "nosuch"}, 2, "unknown --method"},
		{[]string{"testdata/solve/entry.efg", "--format", "xml"}, 2, "unknown --format"},
		{[]string{"testdata/solve/entry.efg", "--timeout", "1ns"}, 1, "timed out"},
	}
	for _, c := range cases {
		_, errs, code := runCLI(t, append([]string{"game", "solve"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.contains) {
			t.Errorf("%v: exit %d (want %d), stderr %q (want it to contain %q)", c.args, code, c.code, errs, c.contains)
		}
	}
}

func TestConvert(t *testing.T) {
	tmp := t.TempDir()
	nfg := filepath.Join(tmp, "entry.nfg")
	if _, errs, code := runCLI(t, "game", "convert", "testdata/solve/entry.efg", "--to", "nfg", "-o", nfg); code != 0 {
		t.Fatalf("efg -> nfg: exit %d: %s", code, errs)
	}
	// The reduced strategic form has the same pure equilibria, in the
	// strategic layout.
	out, errs, code := runCLI(t, "game", "solve", nfg)
	if code != 0 || out != "NE,1,0,1,0\nNE,0,1,0,1\n" {
		t.Fatalf("solving the converted game: exit %d, %q, %s", code, out, errs)
	}
	efg := filepath.Join(tmp, "bos.efg")
	if _, errs, code := runCLI(t, "game", "convert", "testdata/solve/bos.nfg", "--to", "efg", "-o", efg); code != 0 {
		t.Fatalf("nfg -> efg: exit %d: %s", code, errs)
	}
	out, errs, code = runCLI(t, "game", "solve", efg)
	if code != 0 || out != "NE,1,0,1,0\nNE,0,1,0,1\n" {
		t.Fatalf("solving the converted table: exit %d, %q, %s", code, out, errs)
	}
	if _, _, code := runCLI(t, "game", "convert", "testdata/solve/entry.efg", "--to", "pdf"); code != 2 {
		t.Fatalf("--to pdf: exit %d, want 2", code)
	}
}
