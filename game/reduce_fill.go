package game

import (
	"context"
	"math/big"
)

// fillScaled is the fast path of fill: when every terminal's chance weight
// rho(z) times a common denominator D and every path payoff times its
// player's common denominator S_p are small integers, a cell's payoff
// sum(rho(z) u_p(z)) is summed in int64 and turned into one exact rational
// sum/(D S_p) at the end. It reports false (and does nothing) when the
// numbers might overflow, leaving the cell-by-cell big.Rat walk to fill.
func (rf *ReducedForm) fillScaled(ctx context.Context) (bool, error) {
	t, tab := rf.tree, rf.Table
	np := t.NumPlayers()
	w, u, dens, ok := t.scaledTerminals()
	if !ok {
		return false, nil
	}
	ordinal := make([]int32, len(t.Infosets))
	for p := 0; p <= np; p++ {
		for k, s := range t.PlayerInfosets(p) {
			ordinal[s] = int32(k)
		}
	}
	prof := make([]int, np)
	sum := make([]int64, np)
	stack := make([]NodeID, 0, 64)
	termOutcome := map[NodeID]int32{}
	for c := range tab.Cells {
		if c&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return true, err
			}
		}
		tab.Profile(c, prof)
		clear(sum)
		stack = append(stack[:0], 0)
		reached, only := 0, NodeID(None)
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			s := t.Nodes[n].Infoset
			if s == None {
				reached++
				only = n
				for p := 0; p < np; p++ {
					sum[p] += w[n] * u[int(n)*np+p]
				}
				continue
			}
			ch := t.Children(n)
			if pl := t.Infosets[s].Player; pl > 0 {
				stack = append(stack, ch[rf.Plans[pl-1][prof[pl-1]][ordinal[s]]])
				continue
			}
			for a := len(ch) - 1; a >= 0; a-- {
				if t.Infosets[s].Probs[a].Sign() != 0 {
					stack = append(stack, ch[a])
				}
			}
		}
		if reached == 0 {
			continue // every path has probability zero: all payoffs 0
		}
		// Without chance a cell reaches one terminal with weight D: cells
		// reaching the same terminal share one outcome.
		if reached == 1 && w[only] == w[0] {
			if o, ok := termOutcome[only]; ok {
				tab.Cells[c] = o
				continue
			}
		}
		pay := make([]*big.Rat, np)
		for p := range pay {
			pay[p] = new(big.Rat).SetFrac(big.NewInt(sum[p]), dens[p])
		}
		tab.Outcomes = append(tab.Outcomes, Outcome{Payoffs: pay})
		tab.Cells[c] = int32(len(tab.Outcomes) - 1)
		if reached == 1 && w[only] == w[0] {
			termOutcome[only] = tab.Cells[c]
		}
	}
	return true, nil
}

// scaledTerminals returns, for every node, w = D x (product of the chance
// probabilities on its path) and u = its path payoffs times S_p, with
// dens[p] = D x S_p, all integers; ok is false when they might overflow
// int64 in a sum over all terminals. w[0] = D.
func (t *Tree) scaledTerminals() (w, u []int64, dens []*big.Int, ok bool) {
	np := t.NumPlayers()
	rho := make([]*big.Rat, t.NumNodes())
	rho[0] = big.NewRat(1, 1)
	d := big.NewInt(1)
	lcm := func(acc, x *big.Int) {
		g := new(big.Int).GCD(nil, nil, acc, x)
		acc.Mul(acc, new(big.Int).Quo(x, g))
	}
	for i := 1; i < t.NumNodes(); i++ {
		nd := &t.Nodes[i]
		rho[i] = rho[nd.Parent]
		if set := &t.Infosets[t.Nodes[nd.Parent].Infoset]; set.IsChance() {
			rho[i] = new(big.Rat).Mul(rho[i], set.Probs[nd.Action])
			if rho[i].Sign() < 0 {
				return nil, nil, nil, false
			}
			lcm(d, rho[i].Denom())
			if d.BitLen() > 40 {
				return nil, nil, nil, false
			}
		}
	}
	pay := t.PathPayoffs()
	scale := make([]*big.Int, np)
	for p := range scale {
		scale[p] = big.NewInt(1)
	}
	terminals := 0
	for _, v := range pay {
		if v == nil {
			continue
		}
		terminals++
		for p := 0; p < np; p++ {
			if !v[p].IsInt() {
				lcm(scale[p], v[p].Denom())
				if scale[p].BitLen() > 40 {
					return nil, nil, nil, false
				}
			}
		}
	}
	w = make([]int64, t.NumNodes())
	u = make([]int64, t.NumNodes()*np)
	var maxU int64 = 1
	for i, v := range pay {
		x := new(big.Int).Mul(d, rho[i].Num())
		w[i] = x.Quo(x, rho[i].Denom()).Int64()
		if v == nil {
			continue
		}
		for p := 0; p < np; p++ {
			y := new(big.Int).Mul(v[p].Num(), scale[p])
			y.Quo(y, v[p].Denom())
			if y.BitLen() > 62 {
				return nil, nil, nil, false
			}
			u[i*np+p] = y.Int64()
			maxU = max(maxU, u[i*np+p], -u[i*np+p])
		}
	}
	if d.BitLen()+big.NewInt(maxU).BitLen()+big.NewInt(int64(terminals)).BitLen() > 62 {
		return nil, nil, nil, false
	}
	dens = make([]*big.Int, np)
	for p := range dens {
		dens[p] = new(big.Int).Mul(d, scale[p])
	}
	return w, u, dens, true
}
