package oracle

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/lcp"
	"github.com/guarantor/guarantor/solve/logit"
)

// ownUnreached marks, per player and information set, whether the player's
// own moves in profile b exclude it (FORMATS.md §5: such rows are
// conventions, not part of the equilibrium). row(p, k, a) reads the profile.
func ownUnreached(g *game.Tree, row func(p, k, a int) float64) [][]bool {
	n := g.NumPlayers()
	reach := make([][]float64, len(g.Nodes))
	reach[0] = make([]float64, n)
	for p := range reach[0] {
		reach[0][p] = 1
	}
	out := make([][]bool, n)
	for p := 0; p < n; p++ {
		out[p] = make([]bool, len(g.PlayerInfosets(p+1)))
	}
	seen := map[int32]bool{}
	for i := range g.Nodes {
		s := g.Nodes[i].Infoset
		if s == game.None {
			continue
		}
		is := &g.Infosets[s]
		k := -1
		if !is.IsChance() {
			k = g.InfosetOrdinal(s)
			if !seen[s] {
				seen[s] = true
				out[is.Player-1][k] = reach[i][is.Player-1] == 0
			}
		}
		for a, c := range g.Children(game.NodeID(i)) {
			reach[c] = append([]float64(nil), reach[i]...)
			if !is.IsChance() {
				reach[c][is.Player-1] *= row(is.Player-1, k, a)
			}
		}
	}
	return out
}

// splitBehavior cuts a flat Gambit line into a behaviour profile layout.
func splitBehavior(g *game.Tree, flat []string) ([][][]string, error) {
	out := make([][][]string, g.NumPlayers())
	i := 0
	for p := range out {
		for _, s := range g.PlayerInfosets(p + 1) {
			k := len(g.Infosets[s].Actions)
			if i+k > len(flat) {
				return nil, fmt.Errorf("answer too short")
			}
			out[p] = append(out[p], flat[i:i+k])
			i += k
		}
	}
	if i != len(flat) {
		return nil, fmt.Errorf("answer has %d entries, the tree %d", len(flat), i)
	}
	return out, nil
}

func compareTree(g *game.Tree, tool string, want [][]string) (bool, string) {
	if len(want) != 1 {
		return false, fmt.Sprintf("%d Gambit answers", len(want))
	}
	gw, err := splitBehavior(g, want[0])
	if err != nil {
		return false, err.Error()
	}
	wantF := func(p, k, a int) float64 {
		r, ok := new(big.Rat).SetString(gw[p][k][a])
		if !ok {
			return math.NaN()
		}
		f, _ := r.Float64()
		return f
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var got game.BehaviorProfile
	tol := 0.0
	switch tool {
	case "lcp":
		eqs, err := lcp.SolveTree(ctx, g, lcp.Options{})
		if err != nil {
			return false, err.Error()
		}
		got = eqs[0]
		if r := check.TreeRegret(g, got); r.Sign() != 0 {
			return false, "regret " + r.RatString()
		}
	case "logit-e":
		got, err = logit.SolveTree(ctx, g, logit.Options{})
		if err != nil {
			return false, err.Error()
		}
		tol = 1e-4
	default:
		return false, "unknown tool"
	}
	if ok, detail := sameTree(g, got, gw, wantF, tol); !ok {
		return false, selection(g, got, gw, tol, detail)
	}
	return true, ""
}

// selectionPrefix starts the detail of a mismatch where both profiles are
// verified equilibria (exact for lcp, approximate for logit): the game has
// several and the methods select different ones. The oracle test logs these
// with their regrets instead of failing.
const selectionPrefix = "different equilibrium selected"

// selection classifies a mismatch: when Gambit's profile and ours both pass
// the regret check, the game has (at least) two equilibria and the
// difference is one of selection, which the detail says with both regrets.
func selection(g *game.Tree, got game.BehaviorProfile, gw [][][]string, tol float64, detail string) string {
	theirs := make(game.BehaviorProfile, len(gw))
	for p := range gw {
		for _, row := range gw[p] {
			r := make([]*big.Rat, len(row))
			for a, s := range row {
				v, ok := new(big.Rat).SetString(s)
				if !ok {
					return detail
				}
				r[a] = v
			}
			theirs[p] = append(theirs[p], r)
		}
	}
	limit := new(big.Rat).SetFloat64(tol * 10) // Gambit prints 6 digits for logit
	ours, gam := check.TreeRegret(g, got), check.TreeRegret(g, theirs)
	if ours.Cmp(limit) > 0 || gam.Cmp(limit) > 0 {
		return detail
	}
	of, _ := ours.Float64()
	gf, _ := gam.Float64()
	return fmt.Sprintf("%s: our regret %.3g, Gambit's %.3g (%s)", selectionPrefix, of, gf, detail)
}

func sameTree(g *game.Tree, got game.BehaviorProfile, gw [][][]string, wantF func(p, k, a int) float64, tol float64) (bool, string) {
	gf := got.Float()
	gotF := func(p, k, a int) float64 { return gf[p][k][a] }
	skipW := ownUnreached(g, wantF)
	skipG := ownUnreached(g, gotF)
	for p := range gw {
		for k := range gw[p] {
			if skipW[p][k] && skipG[p][k] {
				continue
			}
			for a := range gw[p][k] {
				if tol == 0 {
					r, _ := new(big.Rat).SetString(gw[p][k][a])
					if r == nil || r.Cmp(got[p][k][a]) != 0 {
						return false, fmt.Sprintf("player %d infoset %d: got %v, Gambit %v", p+1, k+1, gf, gw)
					}
				} else if math.Abs(wantF(p, k, a)-gotF(p, k, a)) > tol {
					return false, fmt.Sprintf("player %d infoset %d: got %v, Gambit %v", p+1, k+1, gf, gw)
				}
			}
		}
	}
	return true, ""
}
