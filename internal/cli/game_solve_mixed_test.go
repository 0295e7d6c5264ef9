package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/internal/testenv"
)

// Battle of the sexes (3,2 / 0,0 / 0,0 / 2,3), written for this test.
const mixedBoS = `NFG 1 R "bos" { "1" "2" } { 2 2 }
""
3 2 0 0 0 0 2 3
`

func sortedLines(s string) []string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return l
}

func TestSolveMixedMethods(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bos.nfg")
	if err := os.WriteFile(path, []byte(mixedBoS), 0o644); err != nil {
		t.Fatal(err)
	}
	all := []string{"NE,0,1,0,1", "NE,1,0,1,0", "NE,3/5,2/5,2/5,3/5"}
	cases := []struct {
		args []string
		want []string
		code int
	}{
		{[]string{"--method", "lcp"}, all, 0},
		{[]string{"--method", "enummixed"}, all, 0},
		// The logit branch of this symmetric game ends at the mixed
		// equilibrium (see solve/logit TestBranchPointsAreQRE).
		{[]string{"--method", "logit"}, []string{"NE,0.600000,0.400000,0.400000,0.600000"}, 0},
		{[]string{"--method", "lcp", "--max", "1"}, []string{"NE,1,0,1,0"}, 0},
	}
	for _, c := range cases {
		out, errs, code := runCLI(t, append([]string{"game", "solve", path}, c.args...)...)
		if code != c.code {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs)
		}
		if got := sortedLines(out); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%v: got %v, want %v", c.args, got, c.want)
		}
	}
	// lp refuses a game that is not constant-sum.
	if _, errs, code := runCLI(t, "game", "solve", path, "--method", "lp"); code == 0 || !strings.Contains(errs, "constant-sum") {
		t.Errorf("lp on a non-constant-sum game: exit %d, %q", code, errs)
	}
}

// On Gambit's games the sets of equilibria printed must be Gambit's.
func TestSolveMixedMatchesGambit(t *testing.T) {
	dir := testenv.GambitDir(t)
	for _, c := range []struct{ game, method, tool string }{
		{"6x6_game_with_75_eq.nfg", "lcp", "lcp"},
		{"6x6_game_with_75_eq.nfg", "enummixed", "enummixed"},
		{"coord4.nfg", "lcp", "lcp"},
		{"2_player_chance.efg", "lcp", "lcp"},
		{"2_player_non_zero_sum.efg", "lcp", "lcp"},
	} {
		want := oracleOutput(t, filepath.Join(dir, "oracle", c.game+"."+c.tool+".txt"))
		out, errs, code := runCLI(t, "game", "solve", filepath.Join(dir, "games", c.game), "--method", c.method)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c.game, code, errs)
		}
		if strings.Join(sortedLines(out), "\n") != strings.Join(sortedLines(want), "\n") {
			t.Errorf("%s %s: got\n%s\nwant\n%s", c.game, c.method, out, want)
		}
	}
}
