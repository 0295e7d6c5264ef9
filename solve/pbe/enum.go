package pbe

import (
	"errors"
	"fmt"
	"math"

	"github.com/guarantor/guarantor/game"
)

// Assessment is a behaviour profile with a belief system: [player][infoset
// ordinal][action] and, per Tree.Infosets entry, a distribution over its
// members (nil for chance).
type Assessment struct {
	Profile [][][]float64
	Beliefs [][]float64
}

// ErrTooLarge is returned by EnumPure when the number of pure profiles
// exceeds the caller's limit.
var ErrTooLarge = errors.New("too many pure profiles to enumerate")

// EnumPure returns every pure-strategy PBE of t: each pure behaviour profile
// under which every information set's prescribed action is optimal given
// beliefs that follow Bayes' rule where the other players' strategies and
// chance determine them (see Options.OnPathOnly), and given some belief
// elsewhere. For those free beliefs it returns one supporting belief.
//
// Free beliefs are restricted to limits of Bayes' rule under vanishing
// trembles (see eval.groups): a player's deviation never changes what
// others believe about chance moves it did not observe. Within that set a
// supporting belief is found exactly when the information set has two
// classes of explanations (an interval) or two actions (a vertex). Otherwise
// the vertices, edge midpoints and centre are tried, so an equilibrium that
// needs an interior belief there may be missed.
//
// limit bounds the number of pure profiles (0 means 1<<20).
func EnumPure(t *game.Tree, opt Options, limit int) ([]Assessment, error) {
	tol := opt.Tol
	if tol <= 0 {
		tol = DefaultTol
	}
	if limit <= 0 {
		limit = 1 << 20
	}
	var sets []int32
	total := 1
	for s := range t.Infosets {
		if !t.Infosets[s].IsChance() {
			sets = append(sets, int32(s))
			total *= len(t.Infosets[s].Actions)
			if total > limit {
				return nil, fmt.Errorf("%w: more than %d", ErrTooLarge, limit)
			}
		}
	}
	choice := make([]int, len(t.Infosets))
	probs := t.FloatProbs()
	act := make([]float64, t.NumNodes())
	ev := newEval(t)
	var out []Assessment
	for k := 0; k < total; k++ {
		r := k
		for _, s := range sets {
			na := len(t.Infosets[s].Actions)
			choice[s] = r % na
			r /= na
		}
		fillPure(t, choice, probs, act)
		ev.run(act)
		bel, ok := ev.supportAll(sets, choice, act, opt.OnPathOnly, tol)
		if ok {
			out = append(out, Assessment{Profile: pureProfile(t, choice), Beliefs: bel})
		}
	}
	return out, nil
}

func fillPure(t *game.Tree, choice []int, probs [][]float64, act []float64) {
	act[0] = 1
	for n := 0; n < t.NumNodes(); n++ {
		s := t.Nodes[n].Infoset
		if s == game.None {
			continue
		}
		for a, c := range t.Children(game.NodeID(n)) {
			switch {
			case t.Infosets[s].IsChance():
				act[c] = probs[s][a]
			case a == choice[s]:
				act[c] = 1
			default:
				act[c] = 0
			}
		}
	}
}

func pureProfile(t *game.Tree, choice []int) [][][]float64 {
	prof := make([][][]float64, t.NumPlayers())
	for p := 1; p <= t.NumPlayers(); p++ {
		for _, s := range t.PlayerInfosets(p) {
			row := make([]float64, len(t.Infosets[s].Actions))
			row[choice[s]] = 1
			prof[p-1] = append(prof[p-1], row)
		}
	}
	return prof
}

// supportAll checks every information set of a pure profile and returns the
// beliefs that support it, or false.
func (ev *eval) supportAll(sets []int32, choice []int, act []float64, onPath bool, tol float64) ([][]float64, bool) {
	bel := make([][]float64, len(ev.t.Infosets))
	for _, s := range sets {
		mu, _, err := ev.belief(s, nil, act, onPath, tol)
		if err != nil {
			mu = ev.supportingBelief(s, choice[s], act, tol)
			if mu == nil {
				return nil, false
			}
		} else if r, _ := ev.regret(s, mu, act); r > tol {
			return nil, false
		}
		bel[s] = mu
	}
	return bel, true
}

// supportingBelief finds a belief over s's members under which action a is
// optimal, or nil. Only beliefs that are limits of Bayes' rule under
// vanishing trembles are tried (see groups), so a deviation by one player
// never shifts beliefs about chance moves it could not observe.
func (ev *eval) supportingBelief(s int32, a int, act []float64, tol float64) []float64 {
	is := &ev.t.Infosets[s]
	na := len(is.Actions)
	grp, w := ev.groups(s, act)
	m := len(grp)
	if m == 0 {
		return nil
	}
	// d[b][g]: advantage of a over b in group g.
	p := is.Player - 1
	d := make([][]float64, na)
	for b := range d {
		d[b] = make([]float64, m)
		for g, members := range grp {
			for _, i := range members {
				ch := ev.t.Children(is.Members[i])
				d[b][g] += w[i] * (ev.value[int(ch[a])*ev.np+p] - ev.value[int(ch[b])*ev.np+p])
			}
		}
	}
	expand := func(alpha []float64) []float64 {
		mu := make([]float64, len(is.Members))
		for g, members := range grp {
			for _, i := range members {
				mu[i] = alpha[g] * w[i]
			}
		}
		return mu
	}
	ok := func(alpha []float64) bool {
		for b := range d {
			x := 0.0
			for g := range alpha {
				x += alpha[g] * d[b][g]
			}
			if x < -tol {
				return false
			}
		}
		return true
	}
	if m == 2 {
		// Weights (w, 1-w): each constraint w*d0 + (1-w)*d1 >= 0 is linear.
		lo, hi := 0.0, 1.0
		for b := range d {
			slope := d[b][0] - d[b][1]
			c := d[b][1]
			switch {
			case math.Abs(slope) <= tol:
				if c < -tol {
					return nil
				}
			case slope > 0:
				lo = math.Max(lo, -c/slope)
			default:
				hi = math.Min(hi, -c/slope)
			}
		}
		if lo > hi+tol {
			return nil
		}
		x := math.Min(1, math.Max(0, (lo+hi)/2))
		return expand([]float64{x, 1 - x})
	}
	for _, alpha := range candidates(m) {
		if ok(alpha) {
			return expand(alpha)
		}
	}
	return nil
}

// groups partitions the members of an information set that no profile
// play reaches into classes of equally likely "explanations". A member's
// signature is the set of zero-probability personal moves on its path.
// Members whose signature strictly contains another member's need strictly
// more trembles, so they get no weight in the limit; members with the same
// minimal signature keep the relative weights of chance and of the
// positive-probability moves (w, normalised within the group); the
// weights of different minimal groups are free.
func (ev *eval) groups(s int32, act []float64) ([][]int, []float64) {
	t := ev.t
	is := &t.Infosets[s]
	sig := make([]map[int64]bool, len(is.Members))
	w := make([]float64, len(is.Members))
	for i, n := range is.Members {
		sig[i] = map[int64]bool{}
		w[i] = 1
		for c := n; c != 0; c = t.Nodes[c].Parent {
			par := t.Nodes[c].Parent
			if act[c] == 0 && t.Player(par) != 0 {
				sig[i][int64(t.Nodes[par].Infoset)<<20|int64(t.Nodes[c].Action)] = true
			} else {
				w[i] *= act[c]
			}
		}
	}
	subset := func(a, b map[int64]bool) bool { // a ⊆ b
		for k := range a {
			if !b[k] {
				return false
			}
		}
		return true
	}
	var groups [][]int
	var reps []int
	for i := range is.Members {
		if w[i] == 0 {
			continue
		}
		minimal := true
		for j := range is.Members {
			if j != i && w[j] > 0 && len(sig[j]) < len(sig[i]) && subset(sig[j], sig[i]) {
				minimal = false
				break
			}
		}
		if !minimal {
			continue
		}
		placed := false
		for g, r := range reps {
			if len(sig[r]) == len(sig[i]) && subset(sig[r], sig[i]) {
				groups[g] = append(groups[g], i)
				placed = true
				break
			}
		}
		if !placed {
			reps = append(reps, i)
			groups = append(groups, []int{i})
		}
	}
	norm := make([]float64, len(is.Members))
	for _, g := range groups {
		tot := 0.0
		for _, i := range g {
			tot += w[i]
		}
		for _, i := range g {
			norm[i] = w[i] / tot
		}
	}
	return groups, norm
}

// candidates lists the simplex vertices, edge midpoints and centre.
func candidates(m int) [][]float64 {
	var out [][]float64
	for i := 0; i < m; i++ {
		v := make([]float64, m)
		v[i] = 1
		out = append(out, v)
	}
	for i := 0; i < m; i++ {
		for j := i + 1; j < m; j++ {
			v := make([]float64, m)
			v[i], v[j] = 0.5, 0.5
			out = append(out, v)
		}
	}
	c := make([]float64, m)
	for i := range c {
		c[i] = 1 / float64(m)
	}
	return append(out, c)
}
