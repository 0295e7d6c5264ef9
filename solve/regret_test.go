package solve

import (
	"math/big"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/internal/testenv"
)

func TestRegretClosedForms(t *testing.T) {
	mp := bimatrix([][]int64{{1, -1}, {-1, 1}}, [][]int64{{-1, 1}, {1, -1}})
	half := []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 2)}
	r, err := Regret(mp, Equilibrium{Mixed: game.MixedProfile{half, half}})
	if err != nil || r.Sign() != 0 {
		t.Fatalf("matching pennies at (1/2, 1/2): regret %v %v", r, err)
	}
	// Both play heads: player 2 gains 2 by switching.
	r, err = Regret(mp, Equilibrium{Mixed: pureMixed(mp, []int{0, 0})})
	if err != nil || r.Cmp(big.NewRat(2, 1)) != 0 {
		t.Fatalf("matching pennies at (H, H): regret %v %v, want 2", r, err)
	}
	// Player 1 at (2/3, 1/3) against (1/2, 1/2): player 1 is indifferent
	// (0 regret), player 2 gets 1/3 from tails vs -1/3 from heads: regret
	// 1/3 - (1/2*(-1/3) + 1/2*(1/3)) = 1/3.
	r, err = Regret(mp, Equilibrium{Mixed: game.MixedProfile{{big.NewRat(2, 3), big.NewRat(1, 3)}, half}})
	if err != nil || r.Cmp(big.NewRat(1, 3)) != 0 {
		t.Fatalf("regret %v %v, want 1/3", r, err)
	}
	if _, err := Regret(mp, Equilibrium{Mixed: game.MixedProfile{{big.NewRat(1, 2), big.NewRat(1, 3)}, half}}); err == nil {
		t.Fatal("a row summing to 5/6 must be refused")
	}
	// Entry game: (Out, Fight) is Nash (regret 0) but not subgame perfect:
	// in the incumbent's subgame, accommodating gains 2.
	g := entry()
	b := game.BehaviorProfile{{{big.NewRat(1, 1), new(big.Rat)}}, {{big.NewRat(1, 1), new(big.Rat)}}}
	if r, err := Regret(g, Equilibrium{Behavior: b}); err != nil || r.Sign() != 0 {
		t.Fatalf("entry (Out, Fight): regret %v %v", r, err)
	}
	if r, err := SubgameRegret(g, b); err != nil || r.Cmp(big.NewRat(2, 1)) != 0 {
		t.Fatalf("entry (Out, Fight): subgame regret %v %v, want 2", r, err)
	}
	// A row may be unspecified only where the player's own choices make the
	// infoset unreachable; the incumbent's is skipped by the entrant's
	// choice, not its own, so leaving it out is refused.
	b[1][0] = nil
	if _, err := Regret(g, Equilibrium{Behavior: b}); err == nil {
		t.Fatal("unspecified incumbent row accepted")
	}
}

// Kuhn's theorem as a test: for random behaviour profiles on Gambit's
// perfect-recall trees, the regret computed on the tree (sequence-form best
// responses) equals the regret of the realization-equivalent mixed profile
// on the reduced strategic form (plain enumeration over pure strategies).
func TestRegretTreeMatchesReducedForm(t *testing.T) {
	dir := testenv.GambitDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "games", "*.efg"))
	rng := rand.New(rand.NewPCG(11, 12))
	checked := 0
	for _, path := range files {
		g, err := readGame(path)
		if err != nil {
			continue
		}
		tr := g.(*game.Tree)
		if tr.PerfectRecall() != nil {
			continue
		}
		rf, err := tr.ReducedForm(20000)
		if err != nil {
			continue
		}
		for trial := 0; trial < 3; trial++ {
			b := randomBehavior(tr, rng)
			want, err := Regret(rf.Table, Equilibrium{Mixed: kuhnMixed(tr, rf, b)})
			if err != nil {
				t.Fatalf("%s: %v", filepath.Base(path), err)
			}
			got, err := Regret(tr, Equilibrium{Behavior: b})
			if err != nil {
				t.Fatalf("%s: %v", filepath.Base(path), err)
			}
			if got.Cmp(want) != 0 {
				t.Errorf("%s: tree regret %s, reduced-form regret %s", filepath.Base(path), got.RatString(), want.RatString())
			}
		}
		checked++
	}
	t.Logf("%d trees checked", checked)
}

// randomBehavior draws a fully mixed behaviour profile with small rational
// probabilities.
func randomBehavior(t *game.Tree, rng *rand.Rand) game.BehaviorProfile {
	b := make(game.BehaviorProfile, t.NumPlayers())
	for p := range b {
		for _, s := range t.PlayerInfosets(p + 1) {
			k := len(t.Infosets[s].Actions)
			w := make([]int64, k)
			var sum int64
			for a := range w {
				w[a] = 1 + rng.Int64N(4)
				sum += w[a]
			}
			row := make([]*big.Rat, k)
			for a := range row {
				row[a] = big.NewRat(w[a], sum)
			}
			b[p] = append(b[p], row)
		}
	}
	return b
}

// kuhnMixed is the mixed profile of the reduced form that plays each plan
// with the product of the behaviour probabilities of its specified choices.
func kuhnMixed(t *game.Tree, rf *game.ReducedForm, b game.BehaviorProfile) game.MixedProfile {
	m := make(game.MixedProfile, t.NumPlayers())
	for p := range m {
		for _, plan := range rf.Plans[p] {
			pr := big.NewRat(1, 1)
			for k, a := range plan {
				if a != game.None {
					pr.Mul(pr, b[p][k][a])
				}
			}
			m[p] = append(m[p], pr)
		}
	}
	return m
}

// SubgameRegret (one pass, inner subgames valued at their best responses)
// equals the largest Regret over the subgames rebuilt as trees of their
// own, on random behaviour profiles of Gambit's trees.
func TestSubgameRegretMatchesSubtrees(t *testing.T) {
	dir := testenv.GambitDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "games", "*.efg"))
	rng := rand.New(rand.NewPCG(13, 14))
	for _, path := range files {
		g, err := readGame(path)
		if err != nil {
			continue
		}
		tr := g.(*game.Tree)
		if tr.PerfectRecall() != nil || tr.IsTerminal(0) {
			continue
		}
		b := randomBehavior(tr, rng)
		got, err := SubgameRegret(tr, b)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		want := new(big.Rat)
		for _, r := range tr.SubgameRoots() {
			sub, sb := subtree(tr, r, b)
			x, err := Regret(sub, Equilibrium{Behavior: sb})
			if err != nil {
				t.Fatalf("%s subgame at %d: %v", filepath.Base(path), r, err)
			}
			if x.Cmp(want) > 0 {
				want = x
			}
		}
		if got.Cmp(want) != 0 {
			t.Errorf("%s: SubgameRegret %s, max over rebuilt subgames %s", filepath.Base(path), got.RatString(), want.RatString())
		}
	}
}

// subtree copies the subtree of r into a tree of its own (outcomes above r
// dropped: they shift every payoff equally) with b restricted to it.
func subtree(t *game.Tree, r game.NodeID, b game.BehaviorProfile) (*game.Tree, game.BehaviorProfile) {
	end := t.SubtreeEnd()[r]
	bd := game.NewBuilder("", t.Players...)
	handle := map[game.NodeID]int{r: bd.Root()}
	local := map[int32]int{}
	for i := r; i < end; i++ {
		h := handle[i]
		if o := t.Nodes[i].Outcome; o != game.None {
			bd.SetOutcome(h, bd.AddOutcome("", t.Outcomes[o].Payoffs))
		}
		s := t.Nodes[i].Infoset
		if s == game.None {
			continue
		}
		ls, ok := local[s]
		if !ok {
			set := &t.Infosets[s]
			if set.IsChance() {
				ls = bd.AddChanceInfoset(0, "", set.Actions, set.Probs)
			} else {
				ls = bd.AddInfoset(set.Player, set.Number, "", set.Actions...)
			}
			local[s] = ls
		}
		for a, c := range bd.Move(h, ls) {
			handle[t.Children(i)[a]] = c
		}
	}
	sub, err := bd.Build()
	if err != nil {
		panic(err)
	}
	sb := make(game.BehaviorProfile, t.NumPlayers())
	for p := range sb {
		for _, ls := range sub.PlayerInfosets(p + 1) {
			// Find the original infoset by number (numbers are kept).
			for k, s := range t.PlayerInfosets(p + 1) {
				if t.Infosets[s].Number == sub.Infosets[ls].Number {
					sb[p] = append(sb[p], b[p][k])
				}
			}
		}
	}
	return sub, sb
}
