package enummixed

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// nfgText writes an integer bimatrix game as a Gambit payoff-list .nfg whose
// payoffs are a[i][j]/den (and b), spelt as decimals when den is a power of
// ten and as fractions otherwise, so that the reader and the scaling in
// bimat are on the path the cross-check exercises.
func nfgText(a, b [][]*big.Int, den int64) string {
	m, n := len(a), len(a[0])
	var sb strings.Builder
	fmt.Fprintf(&sb, "NFG 1 R \"hunt\" { \"1\" \"2\" } { %d %d }\n\n", m, n)
	spell := func(v *big.Int) string {
		if den == 1 {
			return v.String()
		}
		r := new(big.Rat).SetFrac(v, big.NewInt(den))
		if s := strconv.FormatInt(den, 10); strings.Trim(s[1:], "0") == "" && s[0] == '1' {
			return r.FloatString(len(s) - 1)
		}
		return r.RatString()
	}
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			fmt.Fprintf(&sb, "%s %s ", spell(a[i][j]), spell(b[i][j]))
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func bigTable(a, b [][]*big.Int) *game.Table {
	ra := make([][]*big.Rat, len(a))
	rb := make([][]*big.Rat, len(a))
	for i := range a {
		ra[i] = make([]*big.Rat, len(a[i]))
		rb[i] = make([]*big.Rat, len(a[i]))
		for j := range a[i] {
			ra[i][j] = new(big.Rat).SetInt(a[i][j])
			rb[i][j] = new(big.Rat).SetInt(b[i][j])
		}
	}
	return game.NewBimatrix("", ra, rb)
}

// huntGame draws an m x n game of the given kind as integer matrices.
func huntGame(r *rand.Rand, kind string, m, n int) (a, b [][]*big.Int) {
	draw := func() *big.Int {
		switch kind {
		case "small3":
			return big.NewInt(r.Int64N(4))
		case "small9":
			return big.NewInt(r.Int64N(10))
		case "e15":
			return big.NewInt(r.Int64N(1_000_000_000_000_000))
		case "e30":
			x := new(big.Int).Mul(big.NewInt(r.Int64N(1_000_000_000_000_000)), big.NewInt(1_000_000_000_000_000))
			return x.Add(x, big.NewInt(r.Int64N(1_000_000_000_000_000)))
		}
		return big.NewInt(r.Int64N(1000))
	}
	a = make([][]*big.Int, m)
	b = make([][]*big.Int, m)
	for i := range a {
		a[i] = make([]*big.Int, n)
		b[i] = make([]*big.Int, n)
		for j := range a[i] {
			a[i][j], b[i][j] = draw(), draw()
		}
	}
	switch r.IntN(4) {
	case 0: // duplicated column
		s, d := r.IntN(n), r.IntN(n)
		for i := range a {
			a[i][d], b[i][d] = new(big.Int).Set(a[i][s]), new(big.Int).Set(b[i][s])
		}
	case 1: // duplicated row
		s, d := r.IntN(m), r.IntN(m)
		for j := range a[d] {
			a[d][j], b[d][j] = new(big.Int).Set(a[s][j]), new(big.Int).Set(b[s][j])
		}
	case 2: // a weakly dominated row: one below another in one column
		s, d := r.IntN(m), r.IntN(m)
		for j := range a[d] {
			a[d][j], b[d][j] = new(big.Int).Set(a[s][j]), new(big.Int).Set(b[s][j])
		}
		if a[d][0].Sign() > 0 {
			a[d][0].Sub(a[d][0], big.NewInt(1))
		}
	}
	return a, b
}

// crossCheckNFG writes the integer game (a, b) scaled by 1/den as .nfg
// text, reads it back, solves it through solve.Solver with the default
// memory limit and compares the equilibria with the independent enumeration
// of crosscheck_test.go on the integer game (scaling leaves the equilibria
// unchanged). It returns the number of extreme equilibria.
func crossCheckNFG(t *testing.T, name string, a, b [][]*big.Int, den int64) int {
	t.Helper()
	text := nfgText(a, b, den)
	tab, err := gambit.ParseNFG([]byte(text), "hunt.nfg")
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	eqs, err := Solver{}.Solve(context.Background(), tab, solve.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var mixed []game.MixedProfile
	for _, e := range eqs {
		mixed = append(mixed, e.Mixed)
	}
	got := testgames.ProfileKeys(mixed)
	want := extremeBySupports(t, bigTable(a, b), 64)
	if !slices.Equal(got, want) {
		t.Errorf("%s: enummixed %d, independent %d\nmissing: %v\nextra: %v\ngame:\n%s",
			name, len(got), len(want), minus(want, got), minus(got, want), text)
	}
	return len(want)
}

// TestCrossCheckNFG is the cheap, always-on (not -short) version of
// TestHunt12: one 9x9 game of each small payoff kind (7x7 and 6x6 for the large ones), through .nfg text and
// solve.Solver, against the independent enumeration.
func TestCrossCheckNFG(t *testing.T) {
	if testing.Short() {
		t.Skip("independent enumeration at 9x9 skipped in -short")
	}
	r := rand.New(rand.NewPCG(10, 10))
	for i, kind := range []string{"small3", "small9", "generic"} {
		a, b := huntGame(r, kind, 9, 9)
		den := []int64{1, 100, 7}[i]
		crossCheckNFG(t, fmt.Sprintf("%s (9x9, /%d)", kind, den), a, b, den)
	}
	// Large payoffs put the independent enumeration on its math/big path;
	// smaller games keep that cheap.
	a, b := huntGame(r, "e15", 7, 7)
	crossCheckNFG(t, "e15 (7x7, /1000)", a, b, 1000)
	a, b = huntGame(r, "e30", 6, 6)
	crossCheckNFG(t, "e30 (6x6)", a, b, 1)
}

// TestHunt12 runs the same comparison at 9x9..12x12 (12x12 with
// GUARANTOR_HUNT12_FULL set). GUARANTOR_HUNT12=N runs N games per kind
// (each 12x12 game takes tens of seconds); GUARANTOR_HUNT12_KINDS picks the
// kinds, GUARANTOR_HUNT12_SEED the seed, and GUARANTOR_HUNT12_DIR keeps
// each game's .nfg and its number of extreme equilibria for the CLI check.
func TestHunt12(t *testing.T) {
	games, _ := strconv.Atoi(os.Getenv("GUARANTOR_HUNT12"))
	if games == 0 {
		t.Skip("set GUARANTOR_HUNT12=N to run")
	}
	seed, _ := strconv.ParseUint(os.Getenv("GUARANTOR_HUNT12_SEED"), 10, 64)
	kinds := strings.Split(os.Getenv("GUARANTOR_HUNT12_KINDS"), ",")
	if kinds[0] == "" {
		kinds = []string{"small3", "small9", "generic", "e15", "e30"}
	}
	dens := []int64{1, 100, 7}
	r := rand.New(rand.NewPCG(seed, 12))
	for g := 0; g < games; g++ {
		for _, kind := range kinds {
			m, n := 9+r.IntN(4), 9+r.IntN(4)
			if os.Getenv("GUARANTOR_HUNT12_FULL") != "" {
				m, n = 12, 12
			}
			a, b := huntGame(r, kind, m, n)
			den := dens[r.IntN(len(dens))]
			name := fmt.Sprintf("%s %d (%dx%d, /%d)", kind, g, m, n, den)
			k := crossCheckNFG(t, name, a, b, den)
			t.Logf("%s: %d extreme equilibria", name, k)
			if dir := os.Getenv("GUARANTOR_HUNT12_DIR"); dir != "" {
				base := fmt.Sprintf("%s/%s-%d-%d", dir, kind, seed, g)
				os.WriteFile(base+".nfg", []byte(nfgText(a, b, den)), 0o644)
				os.WriteFile(base+".want", []byte(strconv.Itoa(k)+"\n"), 0o644)
			}
		}
	}
}
