package gen

import (
	"math/big"
	"math/rand/v2"
	"strconv"

	"github.com/guarantor/guarantor/game"
)

// Table returns a table of the given shape (strategies per player) with
// integer payoffs drawn uniformly from [0, maxPayoff).
func Table(rng *rand.Rand, shape []int, maxPayoff int64) *game.Table {
	players := make([]string, len(shape))
	strats := make([][]string, len(shape))
	for p, k := range shape {
		players[p] = strconv.Itoa(p + 1)
		for s := 0; s < k; s++ {
			strats[p] = append(strats[p], strconv.Itoa(s+1))
		}
	}
	t := game.NewTable("random", players, strats)
	t.Outcomes = make([]game.Outcome, len(t.Cells))
	for c := range t.Cells {
		pay := make([]*big.Rat, len(shape))
		for p := range pay {
			pay[p] = big.NewRat(rng.Int64N(maxPayoff), 1)
		}
		t.Outcomes[c] = game.Outcome{Payoffs: pay}
		t.Cells[c] = int32(c)
	}
	return t
}

// PerfectInfoTree returns a random perfect-information tree with about
// nodes nodes (at least 2): starting from the root, random leaves are
// expanded into decision nodes with 2..maxBranch children, the mover drawn
// uniformly from the players, until the size is reached. Leaves get integer
// payoffs uniform in [0, maxPayoff); a large range makes ties rare, a small
// one makes them common.
func PerfectInfoTree(rng *rand.Rand, nodes, players, maxBranch int, maxPayoff int64) *game.Tree {
	return PerfectInfoTreeWithChance(rng, nodes, players, maxBranch, maxPayoff, 0)
}

// PerfectInfoTreeWithChance is PerfectInfoTree in which each expanded node
// is a chance node with probability chance, its moves equally likely
// (exact probabilities 1/k).
func PerfectInfoTreeWithChance(rng *rand.Rand, nodes, players, maxBranch int, maxPayoff int64, chance float64) *game.Tree {
	names := make([]string, players)
	for p := range names {
		names[p] = strconv.Itoa(p + 1)
	}
	b := game.NewBuilder("random perfect-information tree", names...)
	actions := make([][]string, maxBranch+1)
	for k := 2; k <= maxBranch; k++ {
		for a := 0; a < k; a++ {
			actions[k] = append(actions[k], strconv.Itoa(a+1))
		}
	}
	leaves := []int{b.Root()}
	count := 1
	for count < nodes && len(leaves) > 0 {
		i := rng.IntN(len(leaves))
		n := leaves[i]
		leaves[i] = leaves[len(leaves)-1]
		leaves = leaves[:len(leaves)-1]
		k := 2 + rng.IntN(maxBranch-1)
		var s int
		if chance > 0 && rng.Float64() < chance {
			probs := make([]*big.Rat, k)
			for a := range probs {
				probs[a] = big.NewRat(1, int64(k))
			}
			s = b.AddChanceInfoset(0, "", actions[k], probs)
		} else {
			s = b.AddInfoset(1+rng.IntN(players), 0, "", actions[k]...)
		}
		ch := b.Move(n, s)
		leaves = append(leaves, ch...)
		count += k
	}
	for _, n := range leaves {
		pay := make([]*big.Rat, players)
		for p := range pay {
			pay[p] = big.NewRat(rng.Int64N(maxPayoff), 1)
		}
		b.SetOutcome(n, b.AddOutcome("", pay))
	}
	t, err := b.Build()
	if err != nil {
		panic(err) // the construction above is always valid
	}
	return t
}

// Centipede returns Rosenthal's centipede game with the given number of
// steps, two players alternating, payoffs growing linearly: taking at step
// k (0-based) pays the mover k+2 and the other k; passing at the last step
// pays both steps. Its unique subgame-perfect equilibrium takes at once.
func Centipede(steps int) *game.Tree {
	b := game.NewBuilder("centipede", "1", "2")
	n := b.Root()
	for k := 0; k < steps; k++ {
		mover := 1 + k%2
		s := b.AddInfoset(mover, 0, "", "take", "pass")
		ch := b.Move(n, s)
		pay := []*big.Rat{big.NewRat(int64(k), 1), big.NewRat(int64(k), 1)}
		pay[mover-1] = big.NewRat(int64(k+2), 1)
		b.SetOutcome(ch[0], b.AddOutcome("", pay))
		n = ch[1]
	}
	b.SetOutcome(n, b.AddOutcome("", game.Rats(int64(steps), int64(steps))))
	t, err := b.Build()
	if err != nil {
		panic(err)
	}
	return t
}

// CompleteTree returns the complete perfect-information tree of the given
// depth and branching (branching^depth leaves), players moving in turn by
// depth, leaf payoffs uniform integers in [0, maxPayoff). Depth 12 with
// branching 2 has 8,191 nodes.
func CompleteTree(rng *rand.Rand, depth, branching, players int, maxPayoff int64) *game.Tree {
	names := make([]string, players)
	for p := range names {
		names[p] = strconv.Itoa(p + 1)
	}
	actions := make([]string, branching)
	for a := range actions {
		actions[a] = strconv.Itoa(a + 1)
	}
	b := game.NewBuilder("complete tree", names...)
	level := []int{b.Root()}
	for d := 0; d < depth; d++ {
		next := make([]int, 0, len(level)*branching)
		for _, n := range level {
			next = append(next, b.Move(n, b.AddInfoset(1+d%players, 0, "", actions...))...)
		}
		level = next
	}
	for _, n := range level {
		pay := make([]*big.Rat, players)
		for p := range pay {
			pay[p] = big.NewRat(rng.Int64N(maxPayoff), 1)
		}
		b.SetOutcome(n, b.AddOutcome("", pay))
	}
	t, err := b.Build()
	if err != nil {
		panic(err)
	}
	return t
}
