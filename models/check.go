package models

import (
	"math/big"

	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/pbe"
)

// Assessment converts an equilibrium's label-keyed strategies and beliefs
// into the verifier's positional form on t. Every personal information set
// of t needs a strategy row; belief rows may be omitted where Bayes' rule
// fixes them.
func Assessment(t *game.Tree, eq *Equilibrium) ([][][]float64, [][]float64, error) {
	prof := make([][][]float64, t.NumPlayers())
	for p := 1; p <= t.NumPlayers(); p++ {
		for _, s := range t.PlayerInfosets(p) {
			is := &t.Infosets[s]
			d, ok := eq.Strategies.Get(is.Label)
			if !ok {
				return nil, nil, fmt.Errorf("equilibrium %q has no strategy for information set %q", eq.Region, is.Label)
			}
			row := make([]float64, len(is.Actions))
			for a, name := range is.Actions {
				row[a], _ = d.Get(name)
			}
			prof[p-1] = append(prof[p-1], row)
		}
	}
	beliefs := make([][]float64, len(t.Infosets))
	for s := range t.Infosets {
		is := &t.Infosets[s]
		d, ok := eq.Beliefs.Get(is.Label)
		if !ok || is.IsChance() {
			continue
		}
		row := make([]float64, len(is.Members))
		for i, n := range is.Members {
			row[i], _ = d.Get(t.Nodes[n].Label)
		}
		beliefs[s] = row
	}
	return prof, beliefs, nil
}

// Check verifies eq with the PBE verifier on t (DefaultTol, Bayes' rule
// also after a player's own deviation).
func Check(t *game.Tree, eq *Equilibrium) (*pbe.Report, error) {
	prof, bel, err := Assessment(t, eq)
	if err != nil {
		return nil, err
	}
	return pbe.Verify(t, prof, bel, pbe.Options{})
}

// TypeRoot makes the builder's root a chance node drawing the players'
// types and returns the children, one per type profile, labelled as given.
func TypeRoot(b *game.Builder, label string, types []string, probs []*big.Rat) []int {
	s := b.AddChanceInfoset(0, label, types, probs)
	ch := b.Move(b.Root(), s)
	for i, c := range ch {
		b.SetLabel(c, types[i])
	}
	return ch
}

// OutcomeDist returns the probability of each terminal outcome label under
// the behaviour profile prof (positional, as pbe uses), labels in order of
// first appearance in the tree. Terminal nodes without an outcome count as
// "(none)".
func OutcomeDist(t *game.Tree, prof [][][]float64) Dist {
	reach := make([]float64, t.NumNodes())
	reach[0] = 1
	probs := t.FloatProbs()
	var d Dist
	idx := map[string]int{}
	for n := 0; n < t.NumNodes(); n++ {
		s := t.Nodes[n].Infoset
		if s == game.None {
			label := "(none)"
			if o := t.Nodes[n].Outcome; o != game.None {
				label = t.Outcomes[o].Label
			}
			i, ok := idx[label]
			if !ok {
				i = len(d)
				idx[label] = i
				d = append(d, KV{Key: label})
			}
			d[i].Value += reach[n]
			continue
		}
		is := &t.Infosets[s]
		var row []float64
		if is.IsChance() {
			row = probs[s]
		} else {
			row = prof[is.Player-1][t.InfosetOrdinal(s)]
		}
		for a, c := range t.Children(game.NodeID(n)) {
			reach[c] = reach[n] * row[a]
		}
	}
	return d
}

// FromAssessment converts a positional assessment on t into label-keyed
// strategies and beliefs (the inverse of Assessment), for equilibria found
// numerically on a model's tree. Beliefs are listed only for information
// sets with more than one node.
func FromAssessment(t *game.Tree, prof [][][]float64, beliefs [][]float64) (Table, Table) {
	var strat, bel Table
	for s := range t.Infosets {
		is := &t.Infosets[s]
		if is.IsChance() {
			continue
		}
		row := prof[is.Player-1][t.InfosetOrdinal(int32(s))]
		d := make(Dist, len(is.Actions))
		for a, name := range is.Actions {
			d[a] = KV{Key: name, Value: row[a]}
		}
		strat = append(strat, Row{Key: is.Label, Dist: d})
		if len(is.Members) > 1 && beliefs != nil && beliefs[s] != nil {
			b := make(Dist, len(is.Members))
			for i, n := range is.Members {
				b[i] = KV{Key: t.Nodes[n].Label, Value: beliefs[s][i]}
			}
			bel = append(bel, Row{Key: is.Label, Dist: b})
		}
	}
	return strat, bel
}

// ProfileFile is an equilibrium in the format `guarantor game check` reads
// (pbe.ParseProfile): behaviour [player][infoset][action] in the tree's
// order, and beliefs keyed "player:infoset-number" for every information
// set with more than one node.
type ProfileFile struct {
	Behavior [][][]float64        `json:"behavior"`
	Beliefs  map[string][]float64 `json:"beliefs,omitempty"`
}

// Profile lays eq out on t as a ProfileFile.
func Profile(t *game.Tree, eq *Equilibrium) (*ProfileFile, error) {
	prof, bel, err := Assessment(t, eq)
	if err != nil {
		return nil, err
	}
	pf := &ProfileFile{Behavior: prof, Beliefs: map[string][]float64{}}
	for s, row := range bel {
		is := &t.Infosets[s]
		if row != nil && len(is.Members) > 1 {
			pf.Beliefs[fmt.Sprintf("%d:%d", is.Player, is.Number)] = row
		}
	}
	return pf, nil
}
