package solve

import (
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// agentInt decides agent-form stability exactly in int64 arithmetic.
//
// Let rho(z) be the product of the chance probabilities on the path to
// terminal z and D a common denominator of every rho (L^d, L the least
// common multiple of the chance denominators and d the largest number of
// chance moves on a path). For node n, Y(n) = sum over the terminals z
// below n that the profile's choices below n lead to of D*rho(z)*u(z): an
// integer. A player p's gain from switching infoset J from action a to b is
// then the sum over the members h of J that the profile's choices above h
// reach of (Y_p(h.b) - Y_p(h.a)) / D, so its sign is exact with no
// rounding at all. Payoffs are scaled per player to integers first.
type agentInt struct {
	t      *game.Tree
	np     int
	y      []int64 // Y, [node*np+p]
	leaf   []int64 // D*rho(z)*u(z) at terminals
	onPath []bool
	am     []bool
}

// newAgentInt returns nil when the scaled values might overflow int64.
func newAgentInt(t *game.Tree) *agentInt {
	pay, ok := int64Payoffs(t)
	if !ok {
		return nil
	}
	np := t.NumPlayers()
	// rho as exact rationals, then the common denominator D.
	rho := make([]*big.Rat, t.NumNodes())
	rho[0] = big.NewRat(1, 1)
	den := big.NewInt(1)
	for i := 1; i < t.NumNodes(); i++ {
		nd := &t.Nodes[i]
		s := t.Nodes[nd.Parent].Infoset
		if set := &t.Infosets[s]; set.IsChance() {
			rho[i] = new(big.Rat).Mul(rho[nd.Parent], set.Probs[nd.Action])
			d := rho[i].Denom()
			g := new(big.Int).GCD(nil, nil, den, d)
			den.Mul(den, new(big.Int).Quo(d, g))
			if den.BitLen() > 30 {
				return nil
			}
		} else {
			rho[i] = rho[nd.Parent]
		}
	}
	var maxAbs int64 = 1
	for _, v := range pay {
		maxAbs = max(maxAbs, v, -v)
	}
	bits := den.BitLen() + big.NewInt(maxAbs).BitLen() + big.NewInt(int64(t.NumNodes())).BitLen()
	if bits > 61 {
		return nil
	}
	w := &agentInt{t: t, np: np, y: make([]int64, t.NumNodes()*np), leaf: make([]int64, t.NumNodes()*np),
		onPath: make([]bool, t.NumNodes()), am: absentMinded(t, t.SubtreeEnd())}
	for i := range t.Nodes {
		if !t.IsTerminal(game.NodeID(i)) {
			continue
		}
		dr := new(big.Int).Mul(den, rho[i].Num())
		dr.Quo(dr, rho[i].Denom())
		for p := 0; p < np; p++ {
			w.leaf[i*np+p] = dr.Int64() * pay[i*np+p]
		}
	}
	return w
}

// values fills Y for the given choices (an action per personal infoset).
func (w *agentInt) values(choice []int32) {
	t, np := w.t, w.np
	for i := t.NumNodes() - 1; i >= 0; i-- {
		s := t.Nodes[i].Infoset
		dst := w.y[i*np : i*np+np]
		if s == game.None {
			copy(dst, w.leaf[i*np:i*np+np])
			continue
		}
		ch := t.Children(game.NodeID(i))
		if t.Infosets[s].Player > 0 {
			c := int(ch[choice[s]])
			copy(dst, w.y[c*np:c*np+np])
			continue
		}
		clear(dst)
		for _, c := range ch {
			for p := range dst {
				dst[p] += w.y[int(c)*np+p]
			}
		}
	}
}

// stable reports exactly whether no agent gains by changing its action.
func (w *agentInt) stable(choice []int32) bool {
	t, np := w.t, w.np
	w.values(choice)
	w.onPath[0] = true
	for i := 1; i < t.NumNodes(); i++ {
		nd := &t.Nodes[i]
		s := t.Nodes[nd.Parent].Infoset
		w.onPath[i] = w.onPath[nd.Parent] && (t.Infosets[s].Player == 0 || nd.Action == choice[s])
	}
	for s := range t.Infosets {
		set := &t.Infosets[s]
		p := set.Player
		if p == 0 {
			continue
		}
		for a := range set.Actions {
			if int32(a) == choice[s] {
				continue
			}
			var gain int64
			if w.am[s] {
				// The change applies at every node of the infoset, some
				// below others: recompute the root value.
				old := w.y[p-1]
				cur := choice[s]
				choice[s] = int32(a)
				w.values(choice)
				gain = w.y[p-1] - old
				choice[s] = cur
				w.values(choice)
			} else {
				for _, h := range set.Members {
					if w.onPath[h] {
						c := int(t.Children(h)[a])
						gain += w.y[c*np+p-1] - w.y[int(h)*np+p-1]
					}
				}
			}
			if gain > 0 {
				return false
			}
		}
	}
	return true
}
