package enummixed

import (
	"bufio"
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/internal/testenv"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
	"github.com/guarantor/guarantor/solve/lcp"
)

// A second oracle, written by others: lrsnash from lrslib (Avis, Rosenberg,
// Savani and von Stengel 2010) enumerates the vertices of one best-response
// polytope by reverse search, and for each vertex x the vertices of the face
// of the other polytope that carries x's missing labels, in exact (GMP)
// arithmetic. It prints every extreme equilibrium of a degenerate game too.
// Debian packages it as lrslib; the tests below skip without it.
//
// Input: "m n", then A (m rows of n numbers), then B, integers or fractions
// p/q. Output: blocks separated by blank lines; a block is one or more lines
// "2 y_1 ... y_n v" (a mixed strategy of player 2 and player 1's payoff)
// and one or more lines "1 x_1 ... x_m u" (a mixed strategy of player 1 and
// player 2's payoff); every pair of a "1" line and a "2" line of a block is
// an extreme equilibrium. Lines starting with "*" are comments.

// lrsnashBin returns lrsnash's path or skips t.
func lrsnashBin(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("lrsnash")
	if err != nil {
		t.Skip("lrsnash (Debian package lrslib) is not installed: skipping the lrsnash oracle; apt-get install lrslib to run it")
	}
	return p
}

// lrsnashInput renders the game in lrsnash's input format.
func lrsnashInput(a, b [][]*big.Rat) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d %d\n", len(a), len(a[0]))
	for _, mat := range [][][]*big.Rat{a, b} {
		sb.WriteByte('\n')
		for _, row := range mat {
			for j, v := range row {
				if j > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(v.RatString())
			}
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// parseLrsnash reads lrsnash's output for an m x n game into the
// equilibria it lists.
func parseLrsnash(out string, m, n int) ([]game.MixedProfile, error) {
	var eqs []game.MixedProfile
	var xs, ys [][]*big.Rat
	flush := func() error {
		if len(xs) == 0 && len(ys) == 0 {
			return nil
		}
		if len(xs) == 0 || len(ys) == 0 {
			return fmt.Errorf("a block with %d player-1 and %d player-2 lines", len(xs), len(ys))
		}
		for _, x := range xs {
			for _, y := range ys {
				eqs = append(eqs, game.MixedProfile{x, y})
			}
		}
		xs, ys = nil, nil
		return nil
	}
	count := -1
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(text, "*Number of equilibria found:") {
			c, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(text, "*Number of equilibria found:")))
			if err != nil {
				return nil, fmt.Errorf("line %d: %q: %v", line, text, err)
			}
			count = c
		}
		if text == "" || strings.HasPrefix(text, "*") {
			if err := flush(); err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			continue
		}
		f := strings.Fields(text)
		want := map[string]int{"1": m, "2": n}[f[0]]
		if want == 0 || len(f) != want+2 {
			return nil, fmt.Errorf("line %d: %q is not a player-1 line of %d numbers or a player-2 line of %d", line, text, m+2, n+2)
		}
		v := make([]*big.Rat, want)
		sum := new(big.Rat)
		for k := range v {
			var ok bool
			if v[k], ok = new(big.Rat).SetString(f[k+1]); !ok {
				return nil, fmt.Errorf("line %d: %q is not a number", line, f[k+1])
			}
			sum.Add(sum, v[k])
		}
		if sum.Cmp(big.NewRat(1, 1)) != 0 {
			return nil, fmt.Errorf("line %d: probabilities sum to %s", line, sum.RatString())
		}
		if f[0] == "1" {
			xs = append(xs, v)
		} else {
			ys = append(ys, v)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if count != len(eqs) {
		return nil, fmt.Errorf("lrsnash says %d equilibria, its blocks list %d", count, len(eqs))
	}
	return eqs, nil
}

// lrsnash runs the oracle on the game (a, b) and returns its extreme
// equilibria as sorted profile keys.
func lrsnash(t testing.TB, bin string, a, b [][]*big.Rat) []string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "game")
	if err := os.WriteFile(f, []byte(lrsnashInput(a, b)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, f).CombinedOutput()
	if err != nil {
		t.Fatalf("lrsnash: %v\n%s", err, out)
	}
	eqs, err := parseLrsnash(string(out), len(a), len(a[0]))
	if err != nil {
		t.Fatalf("lrsnash output: %v\n%s", err, out)
	}
	keys := testgames.ProfileKeys(eqs)
	if d := slices.Compact(slices.Clone(keys)); len(d) != len(keys) {
		t.Fatalf("lrsnash printed an equilibrium twice:\n%s", out)
	}
	return keys
}

func TestParseLrsnash(t *testing.T) {
	// The example of lrsnash's manual page, and a degenerate block.
	out := `*lrsnash:lrslib v.7.1
2  1/3  2/3  4
1  2/3  1/3  0  2/3

2  2/3  1/3  3
1  0  1/3  2/3  8/3

2  1  0  3
2  0  1  3
1  0  0  1  4

*Number of equilibria found: 4
`
	eqs, err := parseLrsnash(out, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	got := testgames.ProfileKeys(eqs)
	want := []string{"0,0,1,0,1", "0,0,1,1,0", "0,1/3,2/3,2/3,1/3", "2/3,1/3,0,1/3,2/3"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, bad := range []string{
		"2 1/2 1/2 1\n*Number of equilibria found: 0\n",            // block without a player-1 line
		"2 1/2 1/3 1\n1 1 0 0 1\n*Number of equilibria found: 1\n", // not a distribution
		"2 1 0 1\n1 1 0 0 1\n*Number of equilibria found: 2\n",     // count disagrees
		"3 1 0 1\n",
	} {
		if _, err := parseLrsnash(bad, 3, 2); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

// nfgPayoffText writes (a, b) as a payoff-body .nfg: one payoff pair per
// cell, player 1's strategy changing fastest (Gambit's order).
func nfgPayoffText(a, b [][]*big.Rat) string {
	m, n := len(a), len(a[0])
	var sb strings.Builder
	fmt.Fprintf(&sb, "NFG 1 R \"lrs\" { \"1\" \"2\" } { %d %d }\n\n", m, n)
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			fmt.Fprintf(&sb, "%s %s ", decimal(a[i][j]), decimal(b[i][j]))
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// nfgOutcomeText writes (a, b) as an outcome-body .nfg with strategy
// labels: one outcome per distinct payoff pair (listed in a shuffled order),
// the null outcome 0 for cells paying (0, 0), then one outcome index per
// cell, player 1's strategy changing fastest.
func nfgOutcomeText(r *rand.Rand, a, b [][]*big.Rat) string {
	m, n := len(a), len(a[0])
	var sb strings.Builder
	sb.WriteString("NFG 1 R \"lrs\" { \"Row\" \"Col\" }\n{ {")
	for i := 0; i < m; i++ {
		fmt.Fprintf(&sb, " \"r%d\"", i+1)
	}
	sb.WriteString(" } {")
	for j := 0; j < n; j++ {
		fmt.Fprintf(&sb, " \"c%d\"", j+1)
	}
	sb.WriteString(" } }\n\"\"\n\n{\n")
	index := map[string]int{}
	var pairs []string
	for i := range a {
		for j := range a[i] {
			if a[i][j].Sign() == 0 && b[i][j].Sign() == 0 {
				continue
			}
			k := decimal(a[i][j]) + ", " + decimal(b[i][j])
			if _, ok := index[k]; !ok {
				index[k] = 0
				pairs = append(pairs, k)
			}
		}
	}
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	for k, p := range pairs {
		index[p] = k + 1
		fmt.Fprintf(&sb, "{ \"o%d\" %s }\n", k+1, p)
	}
	sb.WriteString("}\n")
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			k := 0
			if a[i][j].Sign() != 0 || b[i][j].Sign() != 0 {
				k = index[decimal(a[i][j])+", "+decimal(b[i][j])]
			}
			fmt.Fprintf(&sb, "%d ", k)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// decimal spells a rational as Gambit's .nfg does: an integer, a decimal
// when the denominator divides a power of ten, a fraction otherwise.
func decimal(v *big.Rat) string {
	if v.IsInt() {
		return v.Num().String()
	}
	ten := big.NewInt(10)
	pow := big.NewInt(10)
	for digits := 1; digits <= 64; digits++ {
		if new(big.Int).Rem(pow, v.Denom()).Sign() == 0 {
			return v.FloatString(digits)
		}
		pow.Mul(pow, ten)
	}
	return v.RatString()
}

// lrsClass draws an m x n game of a named class: payoffs 0..k with
// modifiers (duplicated rows or columns, dominated rows or columns, rows
// or columns where a player is indifferent, negative or decimal payoffs).
func lrsClass(r *rand.Rand, class string, m, n int) (a, b [][]*big.Rat) {
	parts := strings.Split(class, "+")
	k, _ := strconv.Atoi(strings.TrimPrefix(parts[0], "k"))
	ia := make([][]int64, m)
	ib := make([][]int64, m)
	for i := range ia {
		ia[i] = make([]int64, n)
		ib[i] = make([]int64, n)
		for j := range ia[i] {
			ia[i][j] = r.Int64N(int64(k) + 1)
			ib[i][j] = r.Int64N(int64(k) + 1)
		}
	}
	den := int64(1)
	for _, mod := range parts[1:] {
		switch mod {
		case "duprow":
			s, d := r.IntN(m), r.IntN(m)
			ia[d], ib[d] = slices.Clone(ia[s]), slices.Clone(ib[s])
		case "dupcol":
			s, d := r.IntN(n), r.IntN(n)
			for i := range ia {
				ia[i][d], ib[i][d] = ia[i][s], ib[i][s]
			}
		case "weakrow": // row d weakly below row s for player 1
			s, d := r.IntN(m), r.IntN(m)
			for j := range ia[d] {
				ia[d][j] = ia[s][j] - r.Int64N(2)
			}
		case "weakcol":
			s, d := r.IntN(n), r.IntN(n)
			for i := range ib {
				ib[i][d] = ib[i][s] - r.Int64N(2)
			}
		case "strictrow":
			s, d := r.IntN(m), r.IntN(m)
			if s != d {
				for j := range ia[d] {
					ia[d][j] = ia[s][j] - 1 - r.Int64N(2)
				}
			}
		case "strictcol":
			s, d := r.IntN(n), r.IntN(n)
			if s != d {
				for i := range ib {
					ib[i][d] = ib[i][s] - 1 - r.Int64N(2)
				}
			}
		case "constrow": // player 2 indifferent in a row
			i := r.IntN(m)
			for j := range ib[i] {
				ib[i][j] = ib[i][0]
			}
		case "constcol": // player 1 indifferent in a column
			j := r.IntN(n)
			for i := range ia {
				ia[i][j] = ia[0][j]
			}
		case "neg":
			for i := range ia {
				for j := range ia[i] {
					ia[i][j] -= int64(k+1) / 2
					ib[i][j] -= int64(k) / 2
				}
			}
		case "flatb": // player 2 indifferent everywhere
			for i := range ib {
				for j := range ib[i] {
					ib[i][j] = 1
				}
			}
		case "flata": // player 1 indifferent everywhere
			for i := range ia {
				for j := range ia[i] {
					ia[i][j] = 0
				}
			}
		case "common": // both players get the same payoff
			for i := range ia {
				copy(ib[i], ia[i])
			}
		case "zerosum":
			for i := range ia {
				for j := range ia[i] {
					ib[i][j] = -ia[i][j]
				}
			}
		case "symmetric": // B = A' (square games only)
			if m == n {
				for i := range ia {
					for j := range ia[i] {
						ib[i][j] = ia[j][i]
					}
				}
			}
		case "twovals": // player 1's payoffs take two values
			for i := range ia {
				for j := range ia[i] {
					ia[i][j] = ia[i][j] % 2
				}
			}
		case "dec":
			den = []int64{10, 4, 100}[r.IntN(3)]
		}
	}
	conv := func(x [][]int64) [][]*big.Rat {
		out := make([][]*big.Rat, m)
		for i := range out {
			out[i] = make([]*big.Rat, n)
			for j := range out[i] {
				out[i][j] = big.NewRat(x[i][j], den)
			}
		}
		return out
	}
	return conv(ia), conv(ib)
}

// lrsCheck solves the game read back from .nfg text through solve.Solver
// (the command line's path), checks every profile's regret and compares
// the set with lrsnash's. It returns lrsnash's count, and the message of a
// disagreement ("" when they agree).
//
// With withLCP set it also checks that every profile lcp prints (the end of
// a Lemke-Howson path, so a completely labelled vertex pair) is one of
// lrsnash's extreme equilibria.
func lrsCheck(t testing.TB, bin, text string, a, b [][]*big.Rat, withLCP bool) (int, string) {
	t.Helper()
	tab, err := gambit.ParseNFG([]byte(text), "lrs.nfg")
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	for i := range a {
		for j := range a[i] {
			c := tab.CellIndex([]int{i, j})
			if tab.Payoff(c, 0).Cmp(a[i][j]) != 0 || tab.Payoff(c, 1).Cmp(b[i][j]) != 0 {
				t.Fatalf("cell (%d,%d) read as (%s,%s), written (%s,%s)\n%s", i+1, j+1,
					tab.Payoff(c, 0).RatString(), tab.Payoff(c, 1).RatString(), a[i][j].RatString(), b[i][j].RatString(), text)
			}
		}
	}
	start := time.Now()
	eqs, err := Solver{}.Solve(context.Background(), tab, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ours := time.Since(start)
	var mixed []game.MixedProfile
	for _, e := range eqs {
		if r := check.TableRegret(tab, e.Mixed); r.Sign() != 0 {
			t.Fatalf("regret %s at %v\n%s", r.RatString(), e.Mixed, text)
		}
		mixed = append(mixed, e.Mixed)
	}
	got := testgames.ProfileKeys(mixed)
	start = time.Now()
	want := lrsnash(t, bin, a, b)
	if os.Getenv("GUARANTOR_LRSHUNT_TIMES") != "" {
		t.Logf("%dx%d: %d equilibria; enummixed %v, lrsnash %v", len(a), len(a[0]), len(want), ours.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	}
	if withLCP {
		lh, err := lcp.SolveTable(context.Background(), tab, lcp.Options{Workers: 1})
		if err != nil {
			t.Fatalf("lcp: %v\n%s", err, text)
		}
		if extra := minus(testgames.ProfileKeys(lh), want); len(extra) > 0 {
			return len(want), fmt.Sprintf("lcp printed profiles that are not extreme equilibria: %v\ngame:\n%s", extra, text)
		}
	}
	if slices.Equal(got, want) {
		return len(want), ""
	}
	return len(want), fmt.Sprintf("enummixed %d, lrsnash %d\nmissing: %v\nextra: %v\ngame:\n%s",
		len(got), len(want), minus(want, got), minus(got, want), text)
}

// integerTable is the game (a, b) with both players' payoffs multiplied by
// the least common denominator (a positive scaling: same equilibria).
func integerTable(a, b [][]*big.Rat) *game.Table {
	l := big.NewInt(1)
	for _, mat := range [][][]*big.Rat{a, b} {
		for _, row := range mat {
			for _, v := range row {
				g := new(big.Int).GCD(nil, nil, l, v.Denom())
				l.Mul(l, new(big.Int).Quo(v.Denom(), g))
			}
		}
	}
	scale := func(mat [][]*big.Rat) [][]*big.Rat {
		out := make([][]*big.Rat, len(mat))
		for i, row := range mat {
			out[i] = make([]*big.Rat, len(row))
			for j, v := range row {
				out[i][j] = new(big.Rat).Mul(v, new(big.Rat).SetInt(l))
			}
		}
		return out
	}
	return game.NewBimatrix("", scale(a), scale(b))
}

// lrsClasses are the families the oracle test and the hunt draw from.
var lrsClasses = []string{
	"k2", "k3", "k5", "k9",
	"k2+dupcol", "k3+dupcol", "k3+duprow", "k9+dupcol+duprow",
	"k3+weakrow+weakcol", "k5+strictrow+strictcol", "k2+strictrow+dupcol",
	"k3+constrow", "k3+constcol", "k2+constrow+constcol+dupcol",
	"k5+neg", "k3+neg+dupcol", "k9+dec", "k3+dec+neg+duprow",
	"k2+zerosum", "k3+common+dupcol", "k3+symmetric", "k9+flata+duprow",
}

// TestLrsnashOracle compares enummixed with lrsnash on games of every
// class in lrsClasses, written as .nfg (payoff and outcome bodies) and read
// back: up to 9x9 (and non-square) in a normal run, 5x5 with -short. Up to
// 7x7 lrsnash is also compared with the support enumeration of
// crosscheck_test.go, so that each of the three is checked by two others.
func TestLrsnashOracle(t *testing.T) {
	bin := lrsnashBin(t)
	perClass, maxDim := 6, 9
	if testing.Short() {
		perClass, maxDim = 2, 5
	}
	r := rand.New(rand.NewPCG(3, 13))
	for _, class := range lrsClasses {
		for g := 0; g < perClass; g++ {
			m, n := 2+r.IntN(maxDim-1), 2+r.IntN(maxDim-1)
			a, b := lrsClass(r, class, m, n)
			text := nfgPayoffText(a, b)
			if g%2 == 1 {
				text = nfgOutcomeText(r, a, b)
			}
			if _, msg := lrsCheck(t, bin, text, a, b, true); msg != "" {
				t.Errorf("%s %d (%dx%d): %s", class, g, m, n, msg)
			}
			if m <= 7 && n <= 7 {
				// The third opinion: crosscheck_test.go's support
				// enumeration, on the game scaled to integers.
				if got, want := extremeBySupports(t, integerTable(a, b), 64), lrsnash(t, bin, a, b); !slices.Equal(got, want) {
					t.Errorf("%s %d (%dx%d): support enumeration %d, lrsnash %d\nmissing: %v\nextra: %v",
						class, g, m, n, len(got), len(want), minus(want, got), minus(got, want))
				}
			}
		}
	}
}

// TestLrsnashHunt runs the lrsnash comparison on many larger games:
// GUARANTOR_LRSHUNT=N games per class, sizes GUARANTOR_LRSHUNT_MIN..MAX
// (default 9..12) for each player independently, seed
// GUARANTOR_LRSHUNT_SEED, classes GUARANTOR_LRSHUNT_CLASSES (comma
// separated, default lrsClasses). A disagreeing game's .nfg is written to
// GUARANTOR_LRSHUNT_DIR when set; GUARANTOR_LRSHUNT_LCP adds the lcp check,
// GUARANTOR_LRSHUNT_TIMES logs each game's times, GUARANTOR_LRSHUNT_SHAPE=MxN
// fixes the size.
func TestLrsnashHunt(t *testing.T) {
	games, _ := strconv.Atoi(os.Getenv("GUARANTOR_LRSHUNT"))
	if games == 0 {
		t.Skip("set GUARANTOR_LRSHUNT=N to run")
	}
	bin := lrsnashBin(t)
	lo, hi := 9, 12
	if v, err := strconv.Atoi(os.Getenv("GUARANTOR_LRSHUNT_MIN")); err == nil {
		lo = v
	}
	if v, err := strconv.Atoi(os.Getenv("GUARANTOR_LRSHUNT_MAX")); err == nil {
		hi = v
	}
	seed, _ := strconv.ParseUint(os.Getenv("GUARANTOR_LRSHUNT_SEED"), 10, 64)
	classes := lrsClasses
	if c := os.Getenv("GUARANTOR_LRSHUNT_CLASSES"); c != "" {
		classes = strings.Split(c, ",")
	}
	shape := os.Getenv("GUARANTOR_LRSHUNT_SHAPE")
	r := rand.New(rand.NewPCG(seed, 14))
	total, eqs := 0, 0
	for g := 0; g < games; g++ {
		for _, class := range classes {
			m, n := lo+r.IntN(hi-lo+1), lo+r.IntN(hi-lo+1)
			if shape != "" {
				fmt.Sscanf(shape, "%dx%d", &m, &n)
			}
			a, b := lrsClass(r, class, m, n)
			text := nfgPayoffText(a, b)
			if g%2 == 1 {
				text = nfgOutcomeText(r, a, b)
			}
			k, msg := lrsCheck(t, bin, text, a, b, os.Getenv("GUARANTOR_LRSHUNT_LCP") != "")
			total++
			eqs += k
			if msg != "" {
				t.Errorf("%s seed %d game %d (%dx%d): %s", class, seed, g, m, n, msg)
				if dir := os.Getenv("GUARANTOR_LRSHUNT_DIR"); dir != "" {
					os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d-%d.nfg", class, seed, g)), []byte(text), 0o644)
				}
			}
		}
	}
	t.Logf("%d games, %d extreme equilibria in all", total, eqs)
}

// TestLrsnashGambitTables runs lrsnash on every two-player table for which
// ../shared holds gambit-enummixed's output and checks that the three agree
// as sets: lrsnash, gambit-enummixed and enummixed. gambit-enummixed prints
// some equilibria of degenerate games more than once (csg2 and csg4: 9 lines,
// 4 distinct equilibria), so its number of lines is not the number of
// extreme equilibria; the test logs where the two differ. It also checks
// that every profile gambit-lcp printed is an extreme equilibrium.
func TestLrsnashGambitTables(t *testing.T) {
	bin := lrsnashBin(t)
	dir := testenv.GambitDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "oracle", "*.nfg.enummixed.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no gambit-enummixed answers under %s/oracle", dir)
	}
	tables := 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".enummixed.txt")
		g, err := gambit.ReadFile(filepath.Join(dir, "games", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		tab, ok := g.(*game.Table)
		if !ok || tab.NumPlayers() != 2 {
			continue
		}
		tables++
		m, n := tab.NumStrategies(0), tab.NumStrategies(1)
		a := make([][]*big.Rat, m)
		b := make([][]*big.Rat, m)
		for i := range a {
			a[i] = make([]*big.Rat, n)
			b[i] = make([]*big.Rat, n)
			for j := range a[i] {
				c := tab.CellIndex([]int{i, j})
				a[i][j], b[i][j] = tab.Payoff(c, 0), tab.Payoff(c, 1)
			}
		}
		want := lrsnash(t, bin, a, b)
		lines, gambitSet := gambitLines(t, f)
		if !slices.Equal(gambitSet, want) {
			t.Errorf("%s: gambit-enummixed's %d distinct equilibria differ from lrsnash's %d\nmissing from Gambit: %v\nextra in Gambit: %v",
				name, len(gambitSet), len(want), minus(want, gambitSet), minus(gambitSet, want))
		}
		if lines != len(gambitSet) {
			t.Logf("%s: gambit-enummixed printed %d lines for %d distinct extreme equilibria", name, lines, len(gambitSet))
		}
		eqs, err := SolveTable(context.Background(), tab, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := testgames.ProfileKeys(eqs); !slices.Equal(got, want) {
			t.Errorf("%s: enummixed %d, lrsnash %d\nmissing: %v\nextra: %v", name, len(got), len(want), minus(want, got), minus(got, want))
		}
		lcpFile := filepath.Join(dir, "oracle", name+".lcp.txt")
		if _, err := os.Stat(lcpFile); err == nil {
			_, lcpSet := gambitLines(t, lcpFile)
			if extra := minus(lcpSet, want); len(extra) > 0 {
				t.Errorf("%s: gambit-lcp printed profiles that lrsnash does not list: %v", name, extra)
			}
		}
	}
	if tables == 0 {
		t.Skip("no two-player tables among Gambit's answers")
	}
}

// gambitLines reads a Gambit tool's output: the number of "NE," lines and
// the distinct profiles, as sorted keys.
func gambitLines(t *testing.T, path string) (int, []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	lines := 0
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "NE,") {
			continue
		}
		lines++
		var parts []string
		for _, s := range strings.Split(l[3:], ",") {
			v, ok := new(big.Rat).SetString(s)
			if !ok {
				t.Fatalf("%s: %q is not a rational", path, s)
			}
			parts = append(parts, v.RatString())
		}
		set[strings.Join(parts, ",")] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return lines, out
}
