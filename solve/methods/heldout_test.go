package methods

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
)

// The held-out games in testdata/heldout-games are solved by every method
// the CLI offers, and every profile a method returns is checked here by an
// independent evaluator: exact rationals, the tree walked directly (not
// through the solver's sequence form, regret code or the reduced strategic
// form's cells), every pure deviation of every player tried. Counts derived
// by hand (comments of the files) pin the complete-set methods.

// heldoutCounts are equilibrium counts worked out by hand for methods that
// promise a complete set (enumpure, spe: all pure; enummixed: all extreme).
var heldoutCounts = map[string]int{
	// (U,L) (U,R) (Ua,L) (Ua,R) (D,C); the extreme mixed ones mix {Up or Up again, Down} x {Left or Right, Centre}.
	"01-degenerate-duplicate-crlf.nfg/enumpure":  5,
	"01-degenerate-duplicate-crlf.nfg/enummixed": 9,
	// The optimal faces are {r1, r2} x {c1, c2}: four vertices, all pure.
	"02-zero-sum-many-equilibria.nfg/enumpure":  4,
	"02-zero-sum-many-equilibria.nfg/enummixed": 4,
	// Small plays c3; Big mixes r1, r2 with P(r1) in [1/2, p*]: two vertices. No pure one.
	"06-huge-rational-payoffs.nfg/enumpure":  0,
	"06-huge-rational-payoffs.nfg/enummixed": 2,
	// Backward induction, the probability-0 branch included: in/out, share/fight.
	"07-unreached-infoset.efg/spe": 1,
	// All ties: 2 x 2 x (2 x 3) pure profiles, every one an equilibrium and subgame perfect.
	"08-three-player-all-ties.efg/enumpure": 24,
	"08-three-player-all-ties.efg/spe":      24,
}

func TestHeldoutGamesEverySolver(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "heldout-games", "*.[en]fg"))
	if err != nil || len(files) < 8 {
		t.Fatalf("want at least 8 held-out games, found %d (%v)", len(files), err)
	}
	for _, path := range files {
		g, err := gambit.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		for _, m := range All() {
			t.Run(name+"/"+m.Name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				solved, eqs, err := m.Solve(ctx, g, Params{}, solve.Options{})
				if err != nil {
					if applies(m, g) {
						t.Fatalf("refused a game it applies to: %v", err)
					}
					if !errors.Is(err, ErrUsage) && !errors.Is(err, solve.ErrUnsupported) {
						t.Fatalf("refusal is not a usage error: %v", err)
					}
					return
				}
				if !applies(m, g) {
					t.Fatalf("solved a game it does not apply to")
				}
				want, pinned := heldoutCounts[name+"/"+m.Name]
				if pinned && len(eqs) != want {
					t.Errorf("%d equilibria, want %d", len(eqs), want)
				}
				if !pinned && len(eqs) == 0 && m.Name != "enumpure" && m.Name != "spe" {
					t.Errorf("no equilibrium (every finite game has one)")
				}
				tol := new(big.Rat)
				if m.Name == "logit" {
					// Six decimals at lambda 10^6: an epsilon-equilibrium, with
					// epsilon relative to the game's payoff range.
					tol.Mul(payoffRange(g), big.NewRat(1, 10000))
				}
				for i, eq := range eqs {
					var complaint string
					switch x := g.(type) {
					case *game.Table:
						complaint = checkTable(x, eq.Mixed, tol)
					case *game.Tree:
						if m.ViaReducedForm {
							complaint = checkPlans(t, x, solved.(*game.Table), eq.Mixed)
						} else {
							complaint = checkBehavior(x, eq.Behavior, tol, m.Name == "spe")
						}
					}
					if complaint != "" {
						t.Errorf("equilibrium %d: %s", i+1, complaint)
					}
				}
				if m.Name == "lp" {
					checkValue(t, g.(*game.Table), eqs)
				}
			})
		}
	}
}

// applies says, from the method's documented scope, whether it must solve g.
func applies(m Method, g game.Game) bool {
	twoPlayer := len(g.PlayerNames()) == 2
	switch x := g.(type) {
	case *game.Table:
		if !m.Tables {
			return false
		}
		if m.Name == "lp" {
			return twoPlayer && constantSum(x)
		}
	case *game.Tree:
		if !m.Trees && !m.ViaReducedForm {
			return false
		}
		if m.Name == "lp" {
			return false // none of the held-out trees is constant-sum
		}
	}
	switch m.Name {
	case "enummixed", "lcp", "lp":
		return twoPlayer
	}
	return true
}

func constantSum(t *game.Table) bool {
	var sum *big.Rat
	for c := range t.Cells {
		s := new(big.Rat).Add(t.Payoff(c, 0), t.Payoff(c, 1))
		if sum == nil {
			sum = s
		} else if s.Cmp(sum) != 0 {
			return false
		}
	}
	return true
}

func payoffRange(g game.Game) *big.Rat {
	var lo, hi *big.Rat
	see := func(v *big.Rat) {
		if lo == nil || v.Cmp(lo) < 0 {
			lo = v
		}
		if hi == nil || v.Cmp(hi) > 0 {
			hi = v
		}
	}
	switch x := g.(type) {
	case *game.Table:
		for c := range x.Cells {
			for p := range x.Players {
				see(x.Payoff(c, p))
			}
		}
	case *game.Tree:
		for _, o := range x.Outcomes {
			for _, v := range o.Payoffs {
				see(v)
			}
		}
	}
	return new(big.Rat).Sub(hi, lo)
}

// checkDistribution: non-negative, summing to 1 (within tol for logit).
func checkDistribution(row []*big.Rat, tol *big.Rat) string {
	sum := new(big.Rat)
	for _, v := range row {
		if v.Sign() < 0 {
			return fmt.Sprintf("negative probability %v", v)
		}
		sum.Add(sum, v)
	}
	if d := new(big.Rat).Sub(sum, big.NewRat(1, 1)); new(big.Rat).Abs(d).Cmp(tol) > 0 && tol.Sign() > 0 || tol.Sign() == 0 && d.Sign() != 0 {
		return fmt.Sprintf("probabilities sum to %v", sum.FloatString(9))
	}
	return ""
}

// checkTable verifies a mixed profile of a table: each player's payoff is the
// best any pure strategy earns against the others (within tol).
func checkTable(t *game.Table, mix game.MixedProfile, tol *big.Rat) string {
	np := len(t.Players)
	if len(mix) != np {
		return fmt.Sprintf("%d rows for %d players", len(mix), np)
	}
	for p := range mix {
		if len(mix[p]) != t.NumStrategies(p) {
			return fmt.Sprintf("player %d: %d probabilities for %d strategies", p+1, len(mix[p]), t.NumStrategies(p))
		}
		if c := checkDistribution(mix[p], tol); c != "" {
			return fmt.Sprintf("player %d: %s", p+1, c)
		}
	}
	profile := make([]int, np)
	for p := 0; p < np; p++ {
		// pure[s] = payoff to p of strategy s against the others' mix.
		pure := make([]*big.Rat, t.NumStrategies(p))
		for s := range pure {
			pure[s] = new(big.Rat)
		}
		for c := range t.Cells {
			t.Profile(c, profile)
			w := big.NewRat(1, 1)
			for q := 0; q < np; q++ {
				if q != p {
					w.Mul(w, mix[q][profile[q]])
				}
			}
			pure[profile[p]].Add(pure[profile[p]], new(big.Rat).Mul(w, t.Payoff(c, p)))
		}
		got, best := new(big.Rat), new(big.Rat).Set(pure[0])
		for s, v := range pure {
			got.Add(got, new(big.Rat).Mul(mix[p][s], v))
			if v.Cmp(best) > 0 {
				best.Set(v)
			}
		}
		if gain := new(big.Rat).Sub(best, got); gain.Cmp(tol) > 0 {
			return fmt.Sprintf("player %d gains %v by deviating", p+1, gain.FloatString(12))
		}
	}
	return ""
}

// walker evaluates a tree directly: choice(n) gives the probabilities of the
// actions at personal node n; payoffs accumulate along the path.
type walker struct {
	t      *game.Tree
	choice func(n game.NodeID) ([]*big.Rat, error)
}

func (w walker) value(n game.NodeID) ([]*big.Rat, error) {
	np := len(w.t.Players)
	out := make([]*big.Rat, np)
	for p := range out {
		out[p] = new(big.Rat)
	}
	if o := w.t.Nodes[n].Outcome; o != game.None {
		for p := range out {
			out[p].Add(out[p], w.t.Outcomes[o].Payoffs[p])
		}
	}
	kids := w.t.Children(n)
	if len(kids) == 0 {
		return out, nil
	}
	s := &w.t.Infosets[w.t.Nodes[n].Infoset]
	probs := s.Probs
	if !s.IsChance() {
		var err error
		if probs, err = w.choice(n); err != nil {
			return nil, err
		}
	}
	for a, k := range kids {
		if probs[a].Sign() == 0 {
			continue // not reached: its rows may be unspecified
		}
		v, err := w.value(k)
		if err != nil {
			return nil, err
		}
		for p := range out {
			out[p].Add(out[p], new(big.Rat).Mul(probs[a], v[p]))
		}
	}
	return out, nil
}

// pureStrategies lists every full pure strategy of player p (0-based): one
// action per infoset, in PlayerInfosets order.
func pureStrategies(t *game.Tree, p int) [][]int {
	sets := t.PlayerInfosets(p + 1)
	out := [][]int{{}}
	for _, s := range sets {
		var next [][]int
		for _, prefix := range out {
			for a := range t.Infosets[s].Actions {
				next = append(next, append(append([]int{}, prefix...), a))
			}
		}
		out = next
	}
	return out
}

func onehot(n, a int) []*big.Rat {
	row := make([]*big.Rat, n)
	for i := range row {
		row[i] = new(big.Rat)
	}
	row[a].SetInt64(1)
	return row
}

// checkBehavior verifies a behaviour profile by walking the tree: no player
// gains with any full pure strategy (from the root, and from every subgame
// root when spe).
func checkBehavior(t *game.Tree, b game.BehaviorProfile, tol *big.Rat, spe bool) string {
	np := len(t.Players)
	if len(b) != np {
		return fmt.Sprintf("%d rows for %d players", len(b), np)
	}
	for p := range b {
		if len(b[p]) != len(t.PlayerInfosets(p+1)) {
			return fmt.Sprintf("player %d: %d rows for %d infosets", p+1, len(b[p]), len(t.PlayerInfosets(p+1)))
		}
		for i, row := range b[p] {
			if unspecified(row) {
				continue
			}
			if len(row) != len(t.Infosets[t.PlayerInfosets(p + 1)[i]].Actions) {
				return fmt.Sprintf("player %d infoset %d: %d probabilities", p+1, i+1, len(row))
			}
			if c := checkDistribution(row, tol); c != "" {
				return fmt.Sprintf("player %d infoset %d: %s", p+1, i+1, c)
			}
		}
	}
	rowAt := func(dev int, pure []int) func(game.NodeID) ([]*big.Rat, error) {
		return func(n game.NodeID) ([]*big.Rat, error) {
			s := t.Nodes[n].Infoset
			p := t.Infosets[s].Player - 1
			ord := t.InfosetOrdinal(s)
			if p == dev {
				return onehot(len(t.Infosets[s].Actions), pure[ord]), nil
			}
			if row := b[p][ord]; !unspecified(row) {
				return row, nil
			}
			return nil, fmt.Errorf("player %d's unspecified infoset %d is reached", p+1, ord+1)
		}
	}
	roots := []game.NodeID{0}
	if spe {
		roots = subgameRoots(t)
	}
	for _, r := range roots {
		eq, err := walker{t, rowAt(-1, nil)}.value(r)
		if err != nil {
			return fmt.Sprintf("from node %d: %v", r, err)
		}
		for p := 0; p < np; p++ {
			for _, pure := range pureStrategies(t, p) {
				v, err := walker{t, rowAt(p, pure)}.value(r)
				if err != nil {
					return fmt.Sprintf("from node %d, player %d deviating to %v: %v", r, p+1, pure, err)
				}
				if gain := new(big.Rat).Sub(v[p], eq[p]); gain.Cmp(tol) > 0 {
					return fmt.Sprintf("from node %d, player %d gains %v with actions %v", r, p+1, gain.FloatString(12), pure)
				}
			}
		}
	}
	return ""
}

func unspecified(row []*big.Rat) bool {
	for _, v := range row {
		if v.Sign() != 0 {
			return false
		}
	}
	return true
}

// subgameRoots finds, by brute force, every node whose subtree contains
// every node of every infoset met in it.
func subgameRoots(t *game.Tree) []game.NodeID {
	var roots []game.NodeID
	for n := range t.Nodes {
		inside := map[game.NodeID]bool{}
		var mark func(game.NodeID)
		mark = func(m game.NodeID) {
			inside[m] = true
			for _, k := range t.Children(m) {
				mark(k)
			}
		}
		mark(game.NodeID(n))
		ok := true
		for m := range inside {
			if s := t.Nodes[m].Infoset; s != game.None {
				for _, x := range t.Infosets[s].Members {
					ok = ok && inside[x]
				}
			}
		}
		if ok && len(t.Children(game.NodeID(n))) > 0 {
			roots = append(roots, game.NodeID(n))
		}
	}
	return roots
}

// checkPlans verifies a mixed profile over the reduced form's plans (what
// enummixed returns for a tree) on the tree itself: each combination of
// plans is played out on the tree, and every full pure strategy of each
// player is tried against the others' mixtures.
func checkPlans(t *testing.T, tr *game.Tree, table *game.Table, mix game.MixedProfile) string {
	rf, err := tr.ReducedForm(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rf.Table.Cells) != len(table.Cells) {
		return "the solved table is not the tree's reduced form"
	}
	np := len(tr.Players)
	if c := checkTable(table, mix, new(big.Rat)); c != "" {
		return "on the table: " + c
	}
	// value of one profile of pure plans (or, for player dev, a full strategy).
	play := func(plans [][]int32) ([]*big.Rat, error) {
		return walker{tr, func(n game.NodeID) ([]*big.Rat, error) {
			s := tr.Nodes[n].Infoset
			p := tr.Infosets[s].Player - 1
			a := plans[p][tr.InfosetOrdinal(s)]
			if a == game.None {
				return nil, fmt.Errorf("player %d's left-out infoset is reached", p+1)
			}
			return onehot(len(tr.Infosets[s].Actions), int(a)), nil
		}}.value(0)
	}
	// expected payoff when player dev (or nobody, -1) plays fixed.
	expect := func(dev int, fixed []int32) ([]*big.Rat, error) {
		out := make([]*big.Rat, np)
		for p := range out {
			out[p] = new(big.Rat)
		}
		idx := make([]int, np)
		for {
			w := big.NewRat(1, 1)
			plans := make([][]int32, np)
			for p := 0; p < np; p++ {
				if p == dev {
					plans[p] = fixed
					continue
				}
				w.Mul(w, mix[p][idx[p]])
				plans[p] = rf.Plans[p][idx[p]]
			}
			if w.Sign() != 0 {
				v, err := play(plans)
				if err != nil {
					return nil, err
				}
				for p := range out {
					out[p].Add(out[p], new(big.Rat).Mul(w, v[p]))
				}
			}
			p := 0
			for ; p < np; p++ {
				if p == dev {
					continue
				}
				idx[p]++
				if idx[p] < len(rf.Plans[p]) {
					break
				}
				idx[p] = 0
			}
			if p == np {
				return out, nil
			}
		}
	}
	eq, err := expect(-1, nil)
	if err != nil {
		return err.Error()
	}
	for p := 0; p < np; p++ {
		for _, pure := range pureStrategies(tr, p) {
			fixed := make([]int32, len(pure))
			for i, a := range pure {
				fixed[i] = int32(a)
			}
			v, err := expect(p, fixed)
			if err != nil {
				return err.Error()
			}
			if gain := new(big.Rat).Sub(v[p], eq[p]); gain.Sign() > 0 {
				return fmt.Sprintf("on the tree, player %d gains %v with actions %v", p+1, gain.FloatString(12), pure)
			}
		}
	}
	return ""
}

// checkValue: lp's strategies must guarantee the game's value, which every
// (exactly checked) equilibrium of a zero-sum game shares.
func checkValue(t *testing.T, g *game.Table, eqs []solve.Equilibrium) {
	for _, eq := range eqs {
		var sb strings.Builder
		v := new(big.Rat)
		for c := range g.Cells {
			prof := make([]int, 2)
			g.Profile(c, prof)
			v.Add(v, new(big.Rat).Mul(new(big.Rat).Mul(eq.Mixed[0][prof[0]], eq.Mixed[1][prof[1]]), g.Payoff(c, 0)))
		}
		if strings.Contains(g.Title, "value 0") && v.Sign() != 0 {
			fmt.Fprintf(&sb, "value %v, the file says 0", v)
			t.Error(sb.String())
		}
	}
}

// TestHeldoutCheckerRejects makes sure the independent checks can fail: a
// profile that is not an equilibrium must be caught by each of them.
func TestHeldoutCheckerRejects(t *testing.T) {
	g, err := gambit.ReadFile(filepath.Join("..", "..", "testdata", "heldout-games", "07-unreached-infoset.efg"))
	if err != nil {
		t.Fatal(err)
	}
	tr := g.(*game.Tree)
	r := game.MustRat
	// Entrant stays out although the incumbent shares: entering gains 1.
	b := game.BehaviorProfile{
		{{r("0"), r("1")}, {r("0"), r("1")}},
		{{r("0"), r("1")}, {r("1"), r("0")}},
	}
	if c := checkBehavior(tr, b, new(big.Rat), false); !strings.Contains(c, "player 1 gains 1") {
		t.Errorf("checkBehavior missed a profitable deviation: %q", c)
	}
	// A Nash equilibrium that is not subgame perfect: in the ghost subgame
	// the incumbent shares (-4) where fighting pays 9.
	b = game.BehaviorProfile{
		{{r("1"), r("0")}, {r("0"), r("1")}},
		{{r("0"), r("1")}, {r("0"), r("1")}},
	}
	if c := checkBehavior(tr, b, new(big.Rat), false); c != "" {
		t.Errorf("a Nash equilibrium rejected: %s", c)
	}
	if c := checkBehavior(tr, b, new(big.Rat), true); !strings.Contains(c, "player 2 gains") {
		t.Errorf("checkBehavior(spe) missed the ghost subgame: %q", c)
	}
	pd, err := gambit.ReadFile(filepath.Join("..", "..", "testdata", "heldout-games", "02-zero-sum-many-equilibria.nfg"))
	if err != nil {
		t.Fatal(err)
	}
	mix := game.MixedProfile{{r("0"), r("0"), r("1"), r("0")}, {r("1"), r("0"), r("0"), r("0")}}
	if c := checkTable(pd.(*game.Table), mix, new(big.Rat)); c == "" {
		t.Error("checkTable accepted (r3, c1) of the zero-sum game")
	}
	rf, err := tr.ReducedForm(0)
	if err != nil {
		t.Fatal(err)
	}
	n1, n2 := len(rf.Plans[0]), len(rf.Plans[1])
	plan := game.MixedProfile{make([]*big.Rat, n1), make([]*big.Rat, n2)}
	for p, n := range []int{n1, n2} {
		for s := 0; s < n; s++ {
			plan[p][s] = new(big.Rat)
		}
	}
	plan[0][n1-1].SetInt64(1) // out, ghost out
	plan[1][n2-1].SetInt64(1) // share, ghost share
	if c := checkPlans(t, tr, rf.Table, plan); c == "" {
		t.Error("checkPlans accepted the entrant staying out against sharing")
	}
}
