package pbe

import (
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// ExactReport is the outcome of VerifyExact: the same checks as Verify in
// exact rational arithmetic, so that zero means zero.
type ExactReport struct {
	// Worst is the largest violation; Magnitude holds its float value and
	// WorstExact the exact one (nil when there is no violation).
	Worst      Violation
	WorstExact *big.Rat
	Violations []Violation
}

// OK reports whether the assessment is an exact PBE.
func (r *ExactReport) OK() bool { return r.Worst.Kind == None }

// VerifyExact checks an exact assessment: prof as game.BehaviorProfile,
// beliefs indexed like t.Infosets (nil entries filled by Bayes' rule where
// it applies, as in Verify). Rows must sum to exactly 1.
func VerifyExact(t *game.Tree, prof game.BehaviorProfile, beliefs [][]*big.Rat, opt Options) (*ExactReport, error) {
	act, err := exactActionProbs(t, prof)
	if err != nil {
		return nil, err
	}
	if beliefs != nil && len(beliefs) != len(t.Infosets) {
		return nil, fmt.Errorf("%w: %d belief entries for %d information sets", ErrShape, len(beliefs), len(t.Infosets))
	}
	reach, excl, value := exactEval(t, act)
	rep := &ExactReport{}
	for s := range t.Infosets {
		is := &t.Infosets[s]
		if is.IsChance() {
			continue
		}
		var given []*big.Rat
		if beliefs != nil {
			given = beliefs[s]
		}
		post := exactBayes(is.Members, reach)
		if post == nil && !opt.OnPathOnly {
			post = exactBayes(is.Members, excl[is.Player-1])
		}
		mu, err := exactBelief(is, given, post)
		if err != nil {
			return nil, err
		}
		if given != nil && post != nil {
			worst := new(big.Rat)
			for i := range mu {
				d := new(big.Rat).Sub(mu[i], post[i])
				if d.Abs(d).Cmp(worst) > 0 {
					worst = d
				}
			}
			if worst.Sign() > 0 {
				rep.add(Violation{Infoset: int32(s), Player: is.Player, Number: is.Number, Label: is.Label, Kind: Consistency}, worst)
			}
		}
		q := make([]*big.Rat, len(is.Actions))
		for a := range q {
			q[a] = new(big.Rat)
			for i, m := range is.Members {
				c := t.Children(m)[a]
				q[a].Add(q[a], new(big.Rat).Mul(mu[i], value[c][is.Player-1]))
			}
		}
		first := t.Children(is.Members[0])
		cur, best := new(big.Rat), 0
		for a := range q {
			cur.Add(cur, new(big.Rat).Mul(act[first[a]], q[a]))
			if q[a].Cmp(q[best]) > 0 {
				best = a
			}
		}
		if r := new(big.Rat).Sub(q[best], cur); r.Sign() > 0 {
			rep.add(Violation{Infoset: int32(s), Player: is.Player, Number: is.Number, Label: is.Label, Kind: Rationality, Action: best}, r)
		}
	}
	return rep, nil
}

// exactEval returns exact reach probabilities (overall and without each
// player's own moves) and expected payoffs at every node, as eval.run does
// in float64.
func exactEval(t *game.Tree, act []*big.Rat) (reach []*big.Rat, excl, value [][]*big.Rat) {
	n, np := t.NumNodes(), t.NumPlayers()
	reach = make([]*big.Rat, n)
	excl = make([][]*big.Rat, np)
	for p := range excl {
		excl[p] = make([]*big.Rat, n)
		excl[p][0] = big.NewRat(1, 1)
	}
	reach[0] = big.NewRat(1, 1)
	for i := 1; i < n; i++ {
		par := t.Nodes[i].Parent
		reach[i] = new(big.Rat).Mul(reach[par], act[i])
		mover := t.Player(par)
		for p := range excl {
			if mover == p+1 {
				excl[p][i] = excl[p][par]
			} else {
				excl[p][i] = new(big.Rat).Mul(excl[p][par], act[i])
			}
		}
	}
	pay := t.PathPayoffs()
	value = make([][]*big.Rat, n)
	for i := n - 1; i >= 0; i-- {
		ch := t.Children(game.NodeID(i))
		if len(ch) == 0 {
			value[i] = pay[i]
			continue
		}
		v := make([]*big.Rat, np)
		for p := range v {
			v[p] = new(big.Rat)
		}
		tmp := new(big.Rat)
		for _, c := range ch {
			if act[c].Sign() == 0 {
				continue
			}
			for p := range v {
				v[p].Add(v[p], tmp.Mul(act[c], value[c][p]))
			}
		}
		value[i] = v
	}
	return reach, excl, value
}

func (r *ExactReport) add(v Violation, mag *big.Rat) {
	v.Magnitude, _ = mag.Float64()
	r.Violations = append(r.Violations, v)
	if r.WorstExact == nil || mag.Cmp(r.WorstExact) > 0 {
		r.Worst, r.WorstExact = v, mag
	}
}

func exactBayes(members []game.NodeID, w []*big.Rat) []*big.Rat {
	tot := new(big.Rat)
	for _, n := range members {
		tot.Add(tot, w[n])
	}
	if tot.Sign() == 0 {
		return nil
	}
	out := make([]*big.Rat, len(members))
	for i, n := range members {
		out[i] = new(big.Rat).Quo(w[n], tot)
	}
	return out
}

func exactBelief(is *game.Infoset, given, post []*big.Rat) ([]*big.Rat, error) {
	if given == nil {
		switch {
		case post != nil:
			return post, nil
		case len(is.Members) == 1:
			return []*big.Rat{big.NewRat(1, 1)}, nil
		}
		return nil, fmt.Errorf("%w: player %d infoset %d (%s) is off the path and no beliefs were given for its %d nodes", ErrShape, is.Player, is.Number, is.Label, len(is.Members))
	}
	if len(given) != len(is.Members) {
		return nil, fmt.Errorf("%w: player %d infoset %d has %d nodes, the beliefs give %d", ErrShape, is.Player, is.Number, len(is.Members), len(given))
	}
	sum := new(big.Rat)
	for i, x := range given {
		if x == nil || x.Sign() < 0 {
			return nil, fmt.Errorf("%w: player %d infoset %d: belief on node %d is missing or negative", ErrShape, is.Player, is.Number, i+1)
		}
		sum.Add(sum, x)
	}
	if sum.Cmp(big.NewRat(1, 1)) != 0 {
		return nil, fmt.Errorf("%w: player %d infoset %d: beliefs sum to %s, not 1", ErrShape, is.Player, is.Number, sum.RatString())
	}
	return given, nil
}

func exactActionProbs(t *game.Tree, prof game.BehaviorProfile) ([]*big.Rat, error) {
	if len(prof) != t.NumPlayers() {
		return nil, fmt.Errorf("%w: %d players in the profile, %d in the game", ErrShape, len(prof), t.NumPlayers())
	}
	rows := make([][]*big.Rat, len(t.Infosets))
	one := big.NewRat(1, 1)
	for p := 1; p <= t.NumPlayers(); p++ {
		sets := t.PlayerInfosets(p)
		if len(prof[p-1]) != len(sets) {
			return nil, fmt.Errorf("%w: player %d has %d information sets, the profile gives %d", ErrShape, p, len(sets), len(prof[p-1]))
		}
		for i, s := range sets {
			row, is := prof[p-1][i], &t.Infosets[s]
			if len(row) != len(is.Actions) {
				return nil, fmt.Errorf("%w: player %d infoset %d has %d actions, the profile gives %d", ErrShape, p, is.Number, len(is.Actions), len(row))
			}
			sum := new(big.Rat)
			for a, x := range row {
				if x == nil || x.Sign() < 0 {
					return nil, fmt.Errorf("%w: player %d infoset %d action %d: missing or negative probability", ErrShape, p, is.Number, a+1)
				}
				sum.Add(sum, x)
			}
			if sum.Cmp(one) != 0 {
				return nil, fmt.Errorf("%w: player %d infoset %d: probabilities sum to %s, not 1", ErrShape, p, is.Number, sum.RatString())
			}
			rows[s] = row
		}
	}
	act := make([]*big.Rat, t.NumNodes())
	act[0] = one
	for n := 0; n < t.NumNodes(); n++ {
		s := t.Nodes[n].Infoset
		if s == game.None {
			continue
		}
		row := rows[s]
		if t.Infosets[s].IsChance() {
			row = t.Infosets[s].Probs
		}
		for a, c := range t.Children(game.NodeID(n)) {
			act[c] = row[a]
		}
	}
	return act, nil
}
