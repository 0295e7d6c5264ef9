package pbe

import (
	"fmt"
	"math"

	"github.com/guarantor/guarantor/game"
)

// eval holds the per-node quantities of one profile: reach probabilities
// (overall and without each player's own moves) and expected payoffs.
type eval struct {
	t     *game.Tree
	np    int
	pay   []float64 // accumulated path payoffs, [node*np+p]
	reach []float64
	// excl[p-1][n] is the reach of n counting only chance and the players
	// other than p: the weight Bayes' rule gives n when p asks "where am I"
	// after reaching its information set, even through its own deviation.
	excl  [][]float64
	value []float64 // expected total payoff at each node, [node*np+p]
	q     []float64 // scratch for action values
	buf   []float64 // backing store for posteriors (see bayes)
}

func newEval(t *game.Tree) *eval {
	np := t.NumPlayers()
	ev := &eval{t: t, np: np, pay: t.FloatPathPayoffs()}
	ev.reach = make([]float64, t.NumNodes())
	ev.value = make([]float64, t.NumNodes()*np)
	ev.excl = make([][]float64, np)
	for p := range ev.excl {
		ev.excl[p] = make([]float64, t.NumNodes())
	}
	return ev
}

// run fills reach, excl and value for the action probabilities act (the
// probability of the move into each node). Forward for reach, backward for
// values: parents precede children in pre-order.
func (ev *eval) run(act []float64) {
	t, np := ev.t, ev.np
	ev.reach[0] = 1
	for p := range ev.excl {
		ev.excl[p][0] = 1
	}
	for n := 1; n < t.NumNodes(); n++ {
		par := t.Nodes[n].Parent
		ev.reach[n] = ev.reach[par] * act[n]
		mover := t.Player(par)
		for p := range ev.excl {
			if mover == p+1 {
				ev.excl[p][n] = ev.excl[p][par]
			} else {
				ev.excl[p][n] = ev.excl[p][par] * act[n]
			}
		}
	}
	for n := t.NumNodes() - 1; n >= 0; n-- {
		v := ev.value[n*np : n*np+np]
		ch := t.Children(game.NodeID(n))
		if len(ch) == 0 {
			copy(v, ev.pay[n*np:n*np+np])
			continue
		}
		for p := range v {
			v[p] = 0
		}
		for _, c := range ch {
			if act[c] == 0 {
				continue
			}
			for p := range v {
				v[p] += act[c] * ev.value[int(c)*np+p]
			}
		}
	}
}

// bayes returns the Bayes posterior over s's members from the weights w, or
// nil when they are all zero. It carves the result from ev.buf when that
// has room, so Verify makes one allocation for all its beliefs.
func (ev *eval) bayes(s int32, w []float64) []float64 {
	m := ev.t.Infosets[s].Members
	tot := 0.0
	for _, n := range m {
		tot += w[n]
	}
	if tot <= 0 {
		return nil
	}
	var mu []float64
	if len(ev.buf) >= len(m) {
		mu, ev.buf = ev.buf[:len(m):len(m)], ev.buf[len(m):]
	} else {
		mu = make([]float64, len(m))
	}
	for i, n := range m {
		mu[i] = w[n] / tot
	}
	return mu
}

// belief returns the belief to use at s and its distance from Bayes' rule
// (0 where Bayes' rule says nothing).
func (ev *eval) belief(s int32, given, act []float64, onPath bool, tol float64) ([]float64, float64, error) {
	is := &ev.t.Infosets[s]
	m := is.Members
	post := ev.bayes(s, ev.reach)
	if post == nil && !onPath {
		post = ev.bayes(s, ev.excl[is.Player-1])
	}
	if given == nil {
		switch {
		case post != nil:
			return post, 0, nil
		case len(m) == 1:
			return []float64{1}, 0, nil
		}
		return nil, 0, fmt.Errorf("%w: player %d infoset %d (%s) is off the path and no beliefs were given for its %d nodes", ErrShape, is.Player, is.Number, is.Label, len(m))
	}
	if len(given) != len(m) {
		return nil, 0, fmt.Errorf("%w: player %d infoset %d has %d nodes, the beliefs give %d", ErrShape, is.Player, is.Number, len(m), len(given))
	}
	sum := 0.0
	for i, x := range given {
		if x < -tol || math.IsNaN(x) {
			return nil, 0, fmt.Errorf("%w: player %d infoset %d: belief %g on node %d", ErrShape, is.Player, is.Number, x, i+1)
		}
		sum += x
	}
	if math.Abs(sum-1) > 1e3*tol {
		return nil, 0, fmt.Errorf("%w: player %d infoset %d: beliefs sum to %g, not 1", ErrShape, is.Player, is.Number, sum)
	}
	berr := 0.0
	if post != nil {
		for i := range m {
			berr = math.Max(berr, math.Abs(given[i]-post[i]))
		}
	}
	return given, berr, nil
}

// actionValues fills q with the owner's expected payoff of each action at s
// under beliefs mu.
func (ev *eval) actionValues(s int32, mu []float64, q []float64) {
	is := &ev.t.Infosets[s]
	p := is.Player - 1
	for a := range q {
		q[a] = 0
	}
	for i, n := range is.Members {
		if mu[i] == 0 {
			continue
		}
		for a, c := range ev.t.Children(n) {
			q[a] += mu[i] * ev.value[int(c)*ev.np+p]
		}
	}
}

// regret returns max_a Q(a) - sum_a sigma(a) Q(a) at s, and the best action.
func (ev *eval) regret(s int32, mu, act []float64) (float64, int) {
	is := &ev.t.Infosets[s]
	if cap(ev.q) < len(is.Actions) {
		ev.q = make([]float64, len(is.Actions))
	}
	q := ev.q[:len(is.Actions)]
	ev.actionValues(s, mu, q)
	first := ev.t.Children(is.Members[0])
	cur, best := 0.0, 0
	for a := range q {
		cur += act[first[a]] * q[a]
		if q[a] > q[best] {
			best = a
		}
	}
	return math.Max(0, q[best]-cur), best
}
