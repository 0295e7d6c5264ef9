package oracle

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/internal/testenv"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/enummixed"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/lcp"
	"github.com/guarantor/guarantor/solve/logit"
)

type oracleCase struct{ game, tool string }

func (c oracleCase) isTree() bool { return strings.HasSuffix(c.game, ".efg") }

// knownMismatches lists every game where our answer differs from Gambit's,
// with the reason. A mismatch not listed fails the test.
var knownMismatches = map[oracleCase]string{
	// Degenerate games: which equilibria Lemke-Howson paths reach depends on
	// how ties in the ratio test are broken. Ours is the lexicographic rule
	// over the slack columns (last to first); every equilibrium we return is
	// exact, has zero regret and is an extreme equilibrium listed by Gambit's
	// enummixed.
	{"deg1.nfg", "lcp"}: "degenerate: tie-breaking reaches (0,0,1),(1,0,0) as Gambit does but also (1/2,1/2,0),(1/2,1/2,0) instead of (0,0,1),(0,0,1)",
	{"deg2.nfg", "lcp"}: "degenerate: our paths reach two further extreme equilibria that Gambit's tie-breaking does not",
	// Logit: where Gambit's printed point is not an equilibrium, or is the
	// same one at a smaller lambda. (Mismatches where both points are
	// approximate equilibria are classified by the test itself, with both
	// regrets, as a different equilibrium selected.)
	{"doc_2x2x2.nfg", "logit-e"}:                                     "Gambit's printed point (player 3 at (0.574, 0.426)) has regret 0.213, so it is not an equilibrium: its branch ended before converging; ours, (1/2,1/2),(1/2,1/2),(1,0), has regret 0 (solve.RegretFloat)",
	{"games_2x2x2.nfg", "logit-e"}:                                   "same game as doc_2x2x2.nfg",
	{"mixed_strategy.nfg", "logit-e"}:                                "same equilibrium (1,0,0),(1/2,1/2) in the limit; Gambit's printed point is 3e-4 away from it, ours 1e-5, so Gambit ends its branch at a smaller lambda than our 10^6",
	{"large_payoff_game.efg", "enummixed"}:                           "Gambit's run succeeded but lists no equilibrium (every finite game has one; the payoffs are of order 10^19); ours are exact with zero regret",
	{"2x2x2.efg", "logit-e"}:                                         "Gambit's printed point (player 3 at (0.574, 0.426)) has regret 0.213, so it is not an equilibrium: Gambit's branch ended before converging; ours has regret 0 (measured with solve.RegretFloat)",
	{"basic_extensive_game.efg", "logit-e"}:                          "same game as 2x2x2.efg",
	{"mixed_behavior_game.efg", "logit-e"}:                           "same game as 2x2x2.efg",
	{"large_payoff_game.efg", "logit-e"}:                             "payoffs of order 10^19: Gambit's point has regret 1.6e11 (2e-8 of the payoff range), ours 0; two different equilibria",
	{"reduction_both_players_payoff_ties_GTE_survey.efg", "logit-e"}: "Gambit's printed point (player 1 at (0.008, 0.61, 0.11, 0.27)) has regret 0.496, so it is not an equilibrium; ours has regret 0 (measured with solve.RegretFloat)",
}

// logitBifurcations explains logit mismatches where both end points are
// equilibria and our branch passes a bifurcation point. Along our branch
// det(dH/dw) changes sign while lambda keeps increasing (traced with
// arclength steps of at most 3e-3, no turning back in lambda anywhere): on a
// regular point of the curve det(dH/dw) = 0 only at a fold, where lambda
// turns back, so these zeros are branch points of a non-generic game, where
// the zero set of H is not a manifold. A symmetry makes the game
// non-generic (the symmetric branch stays invariant and a pitchfork of
// asymmetric branches crosses it); our tracer continues straight through
// (Allgower & Georg: the tangent with positive inner product with the
// previous one), Gambit's takes one of the crossing branches. The cases stay
// counted as "another verified equilibrium selected" (both regrets checked).
var logitBifurcations = map[string]string{
	"sh3.nfg":                               "symmetric game (B = A'): pitchfork on the symmetric branch at lambda 1.72; we continue on it to the symmetric (1/3,2/3,0), Gambit ends at (1/6,1/3,1/2)",
	"fig3.nfg":                              "same game as sh3.nfg",
	"sh3.efg":                               "same game as sh3.nfg",
	"sec3.nfg":                              "battle of the sexes with payoffs (3,2),(2,3) is invariant under swapping players and strategies; pitchfork at lambda 0.81 where the symmetric QRE x* = s(lambda(3-5x*)) has 5 lambda x*(1-x*) = 1; the symmetric branch ends at the mixed equilibrium (ours), Gambit takes the branch to a pure one",
	"non_const_sum_game.nfg":                "the QRE equations are invariant under exchanging P(Bottom) and P(Left); pitchfork at lambda 5.87; the symmetric branch (ours) ends at (T,R), Gambit's at (T,(1/2,1/2))",
	"6x6_game_with_75_eq_small_payoffs.nfg": "branch point at lambda 0.015",
	"2s2x2x2.efg":                           "branch point at lambda 0.60",
	"artist2.efg":                           "branch points at lambda 5.21 and 7.33",
	"fig1c.efg":                             "branch point at lambda 8.52",
	"fig5_10.efg":                           "branch point at lambda 0.69",
	"sww3.efg":                              "branch point at lambda 0.46",
	"w_ex1.efg":                             "branch point at lambda 1.07",
	"w_ex2.efg":                             "branch point at lambda 1.07",
}

func readSummary(t *testing.T, dir string) []oracleCase {
	f, err := os.Open(filepath.Join(dir, "oracle", "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []oracleCase
	for _, r := range rows[1:] {
		// game,players,form,tool,exit_code,...
		if r[4] != "0" {
			continue
		}
		switch r[3] {
		case "lcp", "enummixed", "logit-e", "lp":
			out = append(out, oracleCase{r[0], r[3]})
		}
	}
	return out
}

// answers parses the NE lines of an oracle file.
func answers(t *testing.T, path string) [][]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		switch line = strings.TrimSpace(line); {
		case line == "NE": // a game where nobody moves: the empty profile
			out = append(out, nil)
		case strings.HasPrefix(line, "NE,"):
			out = append(out, strings.Split(line[3:], ","))
		}
	}
	return out
}

func flatExact(p game.MixedProfile) string {
	var parts []string
	for _, row := range p {
		for _, v := range row {
			parts = append(parts, v.RatString())
		}
	}
	return strings.Join(parts, ",")
}

func exactSet(rows [][]string) []string {
	set := map[string]bool{}
	for _, r := range rows {
		var parts []string
		for _, s := range r {
			v, ok := new(big.Rat).SetString(s)
			if !ok {
				return nil
			}
			parts = append(parts, v.RatString())
		}
		set[strings.Join(parts, ",")] = true
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func ourSet(ps []game.MixedProfile) []string {
	set := map[string]bool{}
	for _, p := range ps {
		set[flatExact(p)] = true
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestGambitOracle runs lcp, enummixed and logit on every strategic-form
// game where Gambit's run succeeded and compares the sets of equilibria.
// Games are read with game/gambit.
func TestGambitOracle(t *testing.T) {
	dir := testenv.GambitDir(t)
	matched := map[string]int{}
	selected := map[string]int{} // different equilibrium, both verified
	total := map[string]int{}
	for _, c := range readSummary(t, dir) {
		if c.isTree() {
			tree, err := readEFG(filepath.Join(dir, "games", c.game))
			if err != nil {
				t.Errorf("%s: %v", c.game, err)
				continue
			}
			if c.tool == "enummixed" {
				// Gambit prints mixed profiles of the reduced strategic
				// form, whose strategies game.ReducedForm lists in
				// Gambit's order.
				key := "efg enummixed"
				rf, err := tree.ReducedForm(1 << 20)
				if err != nil {
					t.Errorf("%s: %v", c.game, err)
					continue
				}
				total[key]++
				want := answers(t, filepath.Join(dir, "oracle", c.game+"."+c.tool+".txt"))
				if ok, detail := compare(t, rf.Table, c.tool, want); ok {
					matched[key]++
				} else if r := knownMismatches[c]; r != "" {
					t.Logf("%s %s: known mismatch: %s", c.game, c.tool, r)
				} else {
					t.Errorf("%s %s: %s", c.game, c.tool, detail)
				}
				continue
			}
			key := "efg " + c.tool
			total[key]++
			want := answers(t, filepath.Join(dir, "oracle", c.game+"."+c.tool+".txt"))
			ok, detail := compareTree(tree, c.tool, want)
			switch {
			case ok:
				matched[key]++
			case knownMismatches[c] != "":
				t.Logf("%s %s: known mismatch: %s", c.game, c.tool, knownMismatches[c])
			case strings.HasPrefix(detail, selectionPrefix):
				selected[key]++
				t.Logf("%s %s: %s%s", c.game, c.tool, detail, bifurcation(c))
			default:
				t.Errorf("%s %s: %s", c.game, c.tool, detail)
			}
			continue
		}
		g, err := readNFG(filepath.Join(dir, "games", c.game))
		if err != nil {
			t.Errorf("%s: %v", c.game, err)
			continue
		}
		if c.tool != "logit-e" && g.NumPlayers() != 2 {
			continue
		}
		total[c.tool]++
		want := answers(t, filepath.Join(dir, "oracle", c.game+"."+c.tool+".txt"))
		ok, detail := compare(t, g, c.tool, want)
		switch {
		case ok:
			matched[c.tool]++
			if knownMismatches[c] != "" {
				t.Errorf("%s %s: listed as a known mismatch but matches now; drop it from knownMismatches", c.game, c.tool)
			}
		case knownMismatches[c] != "":
			t.Logf("%s %s: known mismatch: %s", c.game, c.tool, knownMismatches[c])
		case strings.HasPrefix(detail, selectionPrefix):
			selected[c.tool]++
			t.Logf("%s %s: %s%s", c.game, c.tool, detail, bifurcation(c))
		default:
			t.Errorf("%s %s: %s", c.game, c.tool, detail)
		}
	}
	for _, tool := range []string{"lcp", "enummixed", "logit-e", "efg lcp", "efg enummixed", "efg logit-e"} {
		t.Logf("%-12s matched %d/%d (another verified equilibrium selected: %d)", tool, matched[tool], total[tool], selected[tool])
	}
}

func compare(t *testing.T, g *game.Table, tool string, want [][]string) (bool, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	switch tool {
	case "lcp", "enummixed":
		var eqs []game.MixedProfile
		var err error
		if tool == "lcp" {
			eqs, err = lcp.SolveTable(ctx, g, lcp.Options{})
		} else {
			eqs, err = enummixed.SolveTable(ctx, g, enummixed.Options{})
		}
		if err != nil {
			return false, err.Error()
		}
		for _, e := range eqs {
			if r := check.TableRegret(g, e); r.Sign() != 0 {
				return false, "regret " + r.RatString()
			}
		}
		got, exp := ourSet(eqs), exactSet(want)
		if fmt.Sprint(got) != fmt.Sprint(exp) {
			return false, fmt.Sprintf("got %d equilibria %v, Gambit %d %v", len(got), got, len(exp), exp)
		}
		return true, ""
	case "logit-e":
		p, err := logit.SolveTable(ctx, g, logit.Options{})
		if err != nil {
			return false, err.Error()
		}
		f := p.Float()
		var flat []float64
		for _, row := range f {
			flat = append(flat, row...)
		}
		if len(want) != 1 || len(want[0]) != len(flat) {
			return false, "shape"
		}
		for i, s := range want[0] {
			var v float64
			fmt.Sscan(s, &v)
			if math.Abs(v-flat[i]) > 1e-4 {
				return false, tableSelection(g, p, want[0], fmt.Sprintf("got %v, Gambit %v", flat, want[0]))
			}
		}
		return true, ""
	}
	return false, "unknown tool"
}

// tableSelection classifies a logit mismatch on a table like selection does
// for trees: if both points pass the regret check (10^-3 of the payoff
// range, Gambit printing 6 digits), they are two approximate equilibria.
func tableSelection(g *game.Table, ours game.MixedProfile, flat []string, detail string) string {
	theirs := make(game.MixedProfile, g.NumPlayers())
	i := 0
	for p := range theirs {
		sum := new(big.Rat)
		for s := 0; s < g.NumStrategies(p); s++ {
			v, ok := new(big.Rat).SetString(flat[i])
			if !ok {
				return detail
			}
			i++
			theirs[p] = append(theirs[p], v)
			sum.Add(sum, v)
		}
		for _, v := range theirs[p] {
			v.Quo(v, sum) // Gambit's 6-digit rows need not sum to one exactly
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range g.FloatPayoffs() {
		for _, v := range row {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	limit := 1e-3 * math.Max(1, hi-lo)
	r1, err1 := solve.RegretFloat(g, solve.Equilibrium{Mixed: ours})
	r2, err2 := solve.RegretFloat(g, solve.Equilibrium{Mixed: theirs})
	if err1 != nil || err2 != nil || r1 > limit || r2 > limit {
		return detail
	}
	return fmt.Sprintf("%s: our regret %.3g, Gambit's %.3g (%s)", selectionPrefix, r1, r2, detail)
}

// bifurcation returns the logitBifurcations reason for a logit case, if any.
func bifurcation(c oracleCase) string {
	if r := logitBifurcations[c.game]; r != "" && c.tool == "logit-e" {
		return "; branch point: " + r
	}
	return ""
}
