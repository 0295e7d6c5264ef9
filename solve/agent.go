package solve

import (
	"context"
	"fmt"
	"math"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// AgentRegret returns the largest gain any single information set's agent
// can make by changing its own row alone (the player's other infosets
// fixed): zero exactly when b is an equilibrium of the agent form. Unlike
// Regret it accepts trees without perfect recall; an absent-minded infoset's
// change applies at all its nodes at once.
func AgentRegret(t *game.Tree, b game.BehaviorProfile) (*big.Rat, error) {
	ev, err := newTreeEvalRecall(t, b, ratField, false, false)
	if err != nil {
		return nil, err
	}
	return agentRegret(ev, b)
}

func agentRegret[T any](ev *treeEval[T], b game.BehaviorProfile) (T, error) {
	t, f, np := ev.t, ev.f, ev.np
	reach := make([]T, t.NumNodes())
	reach[0] = f.fromRat(ratOne)
	for i := 1; i < t.NumNodes(); i++ {
		nd := &t.Nodes[i]
		s := t.Nodes[nd.Parent].Infoset
		reach[i] = f.mul(reach[nd.Parent], ev.prob[ev.off[s]+nd.Action])
	}
	worst := f.zero()
	am := absentMinded(t, ev.end)
	for s := range t.Infosets {
		set := &t.Infosets[s]
		p := set.Player
		if p == 0 {
			continue
		}
		for a := range set.Actions {
			var gain T
			if am[s] {
				g, err := absentMindedGain(ev, b, int32(s), a)
				if err != nil {
					return f.zero(), err
				}
				gain = g
			} else {
				gain = f.zero()
				for _, h := range set.Members {
					if f.isZero(reach[h]) {
						continue
					}
					c := t.Children(h)[a]
					d := f.sub(ev.v[int(c)*np+p-1], ev.v[int(h)*np+p-1])
					gain = f.add(gain, f.mul(reach[h], d))
				}
			}
			worst = f.max(worst, gain)
		}
	}
	return worst, nil
}

// absentMindedGain re-evaluates the whole tree with infoset s's row
// replaced by pure action a: the change hits several nodes of one path.
func absentMindedGain[T any](ev *treeEval[T], b game.BehaviorProfile, s int32, a int) (T, error) {
	t, f := ev.t, ev.f
	p := t.Infosets[s].Player
	k := t.InfosetOrdinal(s)
	alt := make(game.BehaviorProfile, len(b))
	copy(alt, b)
	alt[p-1] = append([][]*big.Rat(nil), b[p-1]...)
	row := make([]*big.Rat, len(t.Infosets[s].Actions))
	for i := range row {
		row[i] = new(big.Rat)
	}
	row[a].SetInt64(1)
	alt[p-1][k] = row
	ev2, err := newTreeEvalRecall(t, alt, f, false, false)
	if err != nil {
		return f.zero(), err
	}
	return f.sub(ev2.v[p-1], ev.v[p-1]), nil
}

// absentMinded marks the infosets with one member below another.
func absentMinded(t *game.Tree, end []game.NodeID) []bool {
	out := make([]bool, len(t.Infosets))
	for s := range t.Infosets {
		var maxEnd game.NodeID
		for _, h := range t.Infosets[s].Members {
			if h < maxEnd {
				out[s] = true
				break
			}
			maxEnd = max(maxEnd, end[h])
		}
	}
	return out
}

// agentEquilibria enumerates every pure behaviour profile (an odometer over
// the personal infosets, players in order, the last infoset fastest, which
// is Gambit's order) and keeps those no agent can improve on. Each profile
// costs one backward pass for node values and one forward pass for reach
// probabilities in float64; survivors are confirmed exactly.
func agentEquilibria(ctx context.Context, t *game.Tree, opt Options) ([]Equilibrium, error) {
	var sets []int32
	total := 1.0
	for p := 1; p <= t.NumPlayers(); p++ {
		for _, s := range t.PlayerInfosets(p) {
			sets = append(sets, s)
			total *= float64(len(t.Infosets[s].Actions))
		}
	}
	if total > MaxCells {
		return nil, fmt.Errorf("%w: agent form has %.3g pure profiles (limit %d)", ErrTooLarge, total, MaxCells)
	}
	w := newAgentWork(t)
	wi := newAgentInt(t)
	choice := make([]int32, len(t.Infosets))
	pr := newProgress(ctx, opt, "agent profiles", int64(total))
	var out []Equilibrium
	for done := int64(0); ; done++ {
		if done&1023 == 0 {
			if err := pr.check(done, len(out)); err != nil {
				return out, err
			}
		}
		if wi != nil && wi.stable(choice) {
			if opt.MaxEquilibria > 0 && len(out) == opt.MaxEquilibria {
				return out, ErrLimit
			}
			out = append(out, Equilibrium{Behavior: pureBehavior(t, choice), Exact: true})
		} else if wi == nil && w.stable(choice) {
			b := pureBehavior(t, choice)
			if r, err := AgentRegret(t, b); err != nil {
				return out, err
			} else if r.Sign() <= 0 {
				if opt.MaxEquilibria > 0 && len(out) == opt.MaxEquilibria {
					return out, ErrLimit
				}
				out = append(out, Equilibrium{Behavior: b, Exact: true})
			}
		}
		k := len(sets) - 1
		for ; k >= 0; k-- {
			s := sets[k]
			if int(choice[s])+1 < len(t.Infosets[s].Actions) {
				choice[s]++
				break
			}
			choice[s] = 0
		}
		if k < 0 {
			pr.finish(int64(total), len(out))
			return out, nil
		}
	}
}

// agentWork is the float64 workspace of the agent enumeration, reused
// across profiles so the loop allocates nothing.
type agentWork struct {
	t        *game.Tree
	np       int
	pay      []float64
	probs    [][]float64
	v, reach []float64
	am       []bool
	tol      float64
}

func newAgentWork(t *game.Tree) *agentWork {
	w := &agentWork{t: t, np: t.NumPlayers(), pay: t.FloatPathPayoffs(), probs: t.FloatProbs()}
	w.v = make([]float64, len(w.pay))
	w.reach = make([]float64, t.NumNodes())
	w.am = absentMinded(t, t.SubtreeEnd())
	m := 0.0
	for _, x := range w.pay {
		m = math.Max(m, math.Abs(x))
	}
	w.tol = relTol * math.Max(m, 1)
	return w
}

func (w *agentWork) values(choice []int32) {
	t, np := w.t, w.np
	for i := t.NumNodes() - 1; i >= 0; i-- {
		s := t.Nodes[i].Infoset
		dst := w.v[i*np : i*np+np]
		if s == game.None {
			copy(dst, w.pay[i*np:i*np+np])
			continue
		}
		ch := t.Children(game.NodeID(i))
		if t.Infosets[s].Player > 0 {
			c := int(ch[choice[s]])
			copy(dst, w.v[c*np:c*np+np])
			continue
		}
		clear(dst)
		for a, c := range ch {
			pr := w.probs[s][a]
			for p := range dst {
				dst[p] += pr * w.v[int(c)*np+p]
			}
		}
	}
}

// stable reports whether no agent gains more than the tolerance.
func (w *agentWork) stable(choice []int32) bool {
	t, np := w.t, w.np
	w.values(choice)
	w.reach[0] = 1
	for i := 1; i < t.NumNodes(); i++ {
		nd := &t.Nodes[i]
		s := t.Nodes[nd.Parent].Infoset
		r := w.reach[nd.Parent]
		if t.Infosets[s].Player > 0 {
			if nd.Action != choice[s] {
				r = 0
			}
		} else {
			r *= w.probs[s][nd.Action]
		}
		w.reach[i] = r
	}
	for s := range t.Infosets {
		set := &t.Infosets[s]
		p := set.Player
		if p == 0 || w.am[s] {
			continue // absent-minded agents are left to the exact check
		}
		for a := range set.Actions {
			if int32(a) == choice[s] {
				continue
			}
			gain := 0.0
			for _, h := range set.Members {
				if r := w.reach[h]; r != 0 {
					c := int(t.Children(h)[a])
					gain += r * (w.v[c*np+p-1] - w.v[int(h)*np+p-1])
				}
			}
			if gain > w.tol {
				return false
			}
		}
	}
	return true
}

// pureBehavior turns one action per infoset into a behaviour profile.
func pureBehavior(t *game.Tree, choice []int32) game.BehaviorProfile {
	out := make(game.BehaviorProfile, t.NumPlayers())
	for p := range out {
		sets := t.PlayerInfosets(p + 1)
		out[p] = make([][]*big.Rat, len(sets))
		for k, s := range sets {
			row := make([]*big.Rat, len(t.Infosets[s].Actions))
			for a := range row {
				row[a] = new(big.Rat)
			}
			row[choice[s]].SetInt64(1)
			out[p][k] = row
		}
	}
	return out
}
