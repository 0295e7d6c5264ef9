package logit

import (
	"context"
	"math"

	"github.com/guarantor/guarantor/game"
)

// treeModel is the agent form of a tree: one block per personal information
// set, in Gambit's behaviour-profile order. The value of action a at
// information set I is the acting player's expected payoff after a,
// conditional on reaching I (beliefs by Bayes' rule, well defined on the
// whole branch because the profile is interior):
//
//	u(I,a) = N(I,a) / D(I),  N = sum_{h in I} reach(h) V(child(h,a)),
//	D = sum_{h in I} reach(h).
//
// N and D are multilinear in the action probabilities, so their partial
// derivatives are exact differences and the quotient rule gives the exact
// Jacobian.
type treeModel struct {
	t      *game.Tree
	pay    []float64 // accumulated payoffs, [node*players+player]
	chance [][]float64
	base   []int // first variable of each infoset, -1 for chance
	blk    [][2]int
	np, n  int
	reach  []float64
	val    []float64
	num    []float64
	den    []float64 // per variable (repeated over an infoset's actions)
	loN    []float64
	loD    []float64
	q, qw  []float64
	scale  []float64 // per infoset
}

func newTreeModel(t *game.Tree) *treeModel {
	m := &treeModel{t: t, pay: t.FloatPathPayoffs(), chance: t.FloatProbs(), np: t.NumPlayers()}
	m.base = make([]int, len(t.Infosets))
	for i := range m.base {
		m.base[i] = -1
	}
	for p := 1; p <= m.np; p++ {
		for _, s := range t.PlayerInfosets(p) {
			m.base[s] = m.n
			k := len(t.Infosets[s].Actions)
			m.blk = append(m.blk, [2]int{m.n, m.n + k})
			m.n += k
		}
	}
	nodes := len(t.Nodes)
	m.reach = make([]float64, nodes)
	m.val = make([]float64, nodes*m.np)
	m.scale = make([]float64, len(t.Infosets))
	for _, p := range []*[]float64{&m.num, &m.den, &m.loN, &m.loD, &m.q, &m.qw} {
		*p = make([]float64, m.n)
	}
	return m
}

func (m *treeModel) blocks() [][2]int { return m.blk }

func (m *treeModel) prob(s int32, a int, p []float64) float64 {
	if b := m.base[s]; b >= 0 {
		return p[b+a]
	}
	return m.chance[s][a]
}

func (m *treeModel) logProb(s int32, a int, w []float64) float64 {
	if b := m.base[s]; b >= 0 {
		return w[b+a]
	}
	return math.Log(m.chance[s][a]) // -Inf for probability 0
}

// fractions computes N and D (see treeModel) for every variable, with
// reach probabilities in logs and every information set's weights scaled
// by exp(-scale[I]): probabilities of order e^-1000 occur at large lambda,
// and the conditional values must not lose them. With rescale set, scale is
// first set to each information set's largest log reach.
func (m *treeModel) fractions(w, p, num, den []float64, rescale bool) {
	t := m.t
	m.reach[0] = 0
	for i := range t.Nodes {
		s := t.Nodes[i].Infoset
		if s == game.None {
			continue
		}
		for a, c := range t.Children(game.NodeID(i)) {
			m.reach[c] = m.reach[i] + m.logProb(s, a, w)
		}
	}
	np := m.np
	for i := len(t.Nodes) - 1; i >= 0; i-- {
		v := m.val[i*np : i*np+np]
		s := t.Nodes[i].Infoset
		if s == game.None {
			copy(v, m.pay[i*np:i*np+np])
			continue
		}
		for k := range v {
			v[k] = 0
		}
		for a, c := range t.Children(game.NodeID(i)) {
			pr := m.prob(s, a, p)
			for k := range v {
				v[k] += pr * m.val[int(c)*np+k]
			}
		}
	}
	if rescale {
		for i := range m.scale {
			m.scale[i] = math.Inf(-1)
		}
		for i := range t.Nodes {
			if s := t.Nodes[i].Infoset; s != game.None && m.base[s] >= 0 {
				m.scale[s] = math.Max(m.scale[s], m.reach[i])
			}
		}
	}
	for i := range num {
		num[i], den[i] = 0, 0
	}
	for i := range t.Nodes {
		s := t.Nodes[i].Infoset
		if s == game.None || m.base[s] < 0 || math.IsInf(m.scale[s], -1) {
			continue
		}
		b, pl := m.base[s], t.Infosets[s].Player-1
		r := math.Exp(m.reach[i] - m.scale[s])
		for a, c := range t.Children(game.NodeID(i)) {
			num[b+a] += r * m.val[int(c)*np+pl]
			den[b+a] += r
		}
	}
}

// values: u = N/D; an information set that chance makes unreachable
// (D = 0 for every interior profile) gets value 0, which keeps the
// equations regular (its actions stay uniform).
func (m *treeModel) values(w, p, u []float64) {
	m.fractions(w, p, m.num, m.den, true)
	for i := range u {
		if m.den[i] > 0 {
			u[i] = m.num[i] / m.den[i]
		} else {
			u[i] = 0
		}
	}
}

// jacobian: N and D are affine in each single p_j, so
// p_j dN/dp_j = N(p) - N(p with p_j = 0), and the quotient rule gives
// du/dw_j = (N D0 - N0 D) / D^2, all with the same scaling per infoset.
func (m *treeModel) jacobian(w, p []float64, du [][]float64) {
	m.fractions(w, p, m.num, m.den, true)
	copy(m.q, p)
	copy(m.qw, w)
	for j := 0; j < m.n; j++ {
		m.q[j], m.qw[j] = 0, math.Inf(-1)
		m.fractions(m.qw, m.q, m.loN, m.loD, false)
		m.q[j], m.qw[j] = p[j], w[j]
		for i := 0; i < m.n; i++ {
			d := m.den[i]
			if d <= 0 {
				du[i][j] = 0
				continue
			}
			du[i][j] = (m.num[i]*m.loD[i] - m.loN[i]*d) / (d * d)
		}
	}
}

// SolveTree follows the agent-form logit branch of a tree and returns its
// end point as a behaviour profile in Gambit's layout.
func SolveTree(ctx context.Context, t *game.Tree, opt Options) (game.BehaviorProfile, error) {
	if err := t.PerfectRecall(); err != nil {
		return nil, game.ErrImperfectRecall
	}
	m := newTreeModel(t)
	if m.n == 0 {
		return make(game.BehaviorProfile, m.np), nil
	}
	perPlayer := make([][]float64, m.np)
	for i, v := range m.pay {
		perPlayer[i%m.np] = append(perPlayer[i%m.np], v)
	}
	end, err := newTracer(m, maxSpread(perPlayer)).trace(ctx, opt.maxLambda(), opt.Branch)
	if err != nil {
		return nil, err
	}
	return m.behavior(end.Probs), nil
}

func (m *treeModel) behavior(p []float64) game.BehaviorProfile {
	out := make(game.BehaviorProfile, m.np)
	for pl := 1; pl <= m.np; pl++ {
		for _, s := range m.t.PlayerInfosets(pl) {
			b := m.base[s]
			out[pl-1] = append(out[pl-1], ratRow(p[b:b+len(m.t.Infosets[s].Actions)]))
		}
	}
	return out
}
