package oracle

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/internal/testenv"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/enummixed"
	"github.com/guarantor/guarantor/solve/internal/testgames"
	"github.com/guarantor/guarantor/solve/lcp"
	"github.com/guarantor/guarantor/solve/logit"
	"github.com/guarantor/guarantor/solve/lp"
)

// reporter is what checkAll needs from *testing.T and *rapid.T.
type reporter interface {
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

var mixedSolvers = map[string]solve.Solver{
	"lcp":       lcp.Solver{},
	"enummixed": enummixed.Solver{},
	"lp":        lp.Solver{},
	"logit":     logit.Solver{},
}

// checkAll runs every mixed solver on g and checks every returned profile
// with the solve package's regret function: exactly zero for the exact
// methods, below 10^-3 (relative to the payoff range) for logit.
func checkAll(t reporter, name string, g game.Game, payoffRange float64) {
	for method, s := range mixedSolvers {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		eqs, err := s.Solve(ctx, g, solve.Options{})
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			if l, ok := t.(interface{ Logf(string, ...any) }); ok {
				l.Logf("%s %s: over 5 s, skipped", name, method)
			}
			continue
		}
		if errors.Is(err, solve.ErrUnsupported) || errors.Is(err, solve.ErrImperfectRecall) ||
			errors.Is(err, solve.ErrTooLarge) {
			continue
		}
		if err != nil {
			t.Errorf("%s %s: %v", name, method, err)
			continue
		}
		target := g
		if tr, ok := g.(*game.Tree); ok && method == "enummixed" {
			rf, err := tr.ReducedForm(solve.MaxCells)
			if err != nil {
				t.Fatal(err)
			}
			target = rf.Table
		}
		for _, e := range eqs {
			if e.Exact {
				r, err := solve.Regret(target, e)
				if err != nil || r.Sign() != 0 {
					t.Errorf("%s %s: regret %v, %v", name, method, r, err)
				}
				continue
			}
			r, err := solve.RegretFloat(target, e)
			if err != nil || r > 1e-3*max(1, payoffRange) {
				t.Errorf("%s %s: regret %g, %v", name, method, r, err)
			}
		}
	}
}

// TestSolversOnGambitGames runs the four solvers through the solve.Solver
// interface on every game Gambit ships and checks every profile's regret.
func TestSolversOnGambitGames(t *testing.T) {
	if testing.Short() {
		t.Skip("long: every solver on every shipped game")
	}
	dir := filepath.Join(testenv.GambitDir(t), "games")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		var g game.Game
		var err error
		switch {
		case strings.HasSuffix(e.Name(), ".nfg"):
			g, err = readNFG(filepath.Join(dir, e.Name()))
		case strings.HasSuffix(e.Name(), ".efg"):
			g, err = readEFG(filepath.Join(dir, e.Name()))
		default:
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		checkAll(t, e.Name(), g, 1)
	}
}

func TestSolversOnRandomGames(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		seed := rapid.Uint64().Draw(rt, "seed")
		r := rand.New(rand.NewPCG(seed, 21))
		if rapid.Bool().Draw(rt, "tree") {
			checkAll(rt, "random tree", testgames.RandomTree(r, 2, rapid.IntRange(1, 4).Draw(rt, "depth"), 5), 5)
			return
		}
		g := testgames.Random(r, rapid.IntRange(1, 5).Draw(rt, "m"), rapid.IntRange(1, 5).Draw(rt, "n"), 4)
		checkAll(rt, "random table", g, 4)
	})
}
