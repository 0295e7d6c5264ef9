package pbe

import (
	"errors"
	"fmt"
	"math"

	"github.com/guarantor/guarantor/game"
)

// DefaultTol is the tolerance for float checks: regrets and Bayes errors at
// or below it count as zero, and probability rows may miss 1 by it. It
// guards against the rounding of closed forms such as (a-b)/(a-c), which is
// far below 1e-9 for payoffs of ordinary magnitude.
const DefaultTol = 1e-9

// Kind says what a violation violates.
type Kind int

const (
	// None means no violation.
	None Kind = iota
	// Rationality: some action earns more than the prescribed mix at the
	// information set, given the beliefs and continuation play.
	Rationality
	// Consistency: the beliefs differ from Bayes' rule at an information set
	// that the other players' strategies and chance reach with positive
	// probability.
	Consistency
)

func (k Kind) String() string {
	switch k {
	case Rationality:
		return "sequential rationality"
	case Consistency:
		return "Bayes consistency"
	}
	return "none"
}

// Violation is one failed condition at one information set.
type Violation struct {
	Infoset int32 // index into Tree.Infosets
	Player  int   // 1-based
	Number  int   // the infoset's number in its player's scope
	Label   string
	Kind    Kind
	// Magnitude is the regret (payoff units) for Rationality, the largest
	// absolute belief error for Consistency.
	Magnitude float64
	// Action is the best action at the infoset (Rationality only).
	Action int
}

func (v Violation) String() string {
	if v.Kind == None {
		return "no violation"
	}
	s := fmt.Sprintf("player %d infoset %d", v.Player, v.Number)
	if v.Label != "" {
		s += fmt.Sprintf(" (%s)", v.Label)
	}
	return fmt.Sprintf("%s: %s violated by %.3g", s, v.Kind, v.Magnitude)
}

// Report is the outcome of Verify.
type Report struct {
	// Worst is the largest violation (Kind None when there is none).
	Worst Violation
	// Violations lists every violation above the tolerance, in infoset order.
	Violations []Violation
	// MaxRegret and MaxBayesError are the largest values seen at any
	// information set, whether or not above the tolerance.
	MaxRegret, MaxBayesError float64
	// Reach is the probability that play reaches each node.
	Reach []float64
	// Beliefs is the belief system used: the given one, with Bayes' rule
	// filled in where the caller passed nil.
	Beliefs [][]float64
}

// OK reports whether no violation exceeded the tolerance.
func (r *Report) OK() bool { return r.Worst.Kind == None }

// Options tune Verify.
type Options struct {
	// Tol is the zero threshold; 0 means DefaultTol.
	Tol float64
	// OnPathOnly checks Bayes' rule only at information sets the profile
	// reaches with positive probability (weak PBE). By default it is also
	// checked at sets reached only through the owner's own deviation, where
	// the other players' strategies still determine the posterior.
	OnPathOnly bool
}

// ErrShape is wrapped by errors about a profile or belief system that does
// not fit the tree.
var ErrShape = errors.New("profile does not fit the game")

// Verify checks the assessment (prof, beliefs) on t. prof is
// [player][infoset ordinal][action] as in game.BehaviorProfile; beliefs is
// indexed like t.Infosets, each entry a distribution over that infoset's
// Members (nil entries are filled by Bayes' rule where it applies, and are
// an error at multi-node information sets where it does not).
func Verify(t *game.Tree, prof [][][]float64, beliefs [][]float64, opt Options) (*Report, error) {
	tol := opt.Tol
	if tol <= 0 {
		tol = DefaultTol
	}
	act, err := actionProbs(t, prof, tol)
	if err != nil {
		return nil, err
	}
	if beliefs != nil && len(beliefs) != len(t.Infosets) {
		return nil, fmt.Errorf("%w: %d belief entries for %d information sets", ErrShape, len(beliefs), len(t.Infosets))
	}
	ev := newEval(t)
	ev.run(act)
	members := 0
	for s := range t.Infosets {
		members += len(t.Infosets[s].Members)
	}
	ev.buf = make([]float64, members)
	rep := &Report{Reach: ev.reach, Beliefs: make([][]float64, len(t.Infosets))}
	for s := range t.Infosets {
		is := &t.Infosets[s]
		if is.IsChance() {
			continue
		}
		var given []float64
		if beliefs != nil {
			given = beliefs[s]
		}
		mu, berr, err := ev.belief(int32(s), given, act, opt.OnPathOnly, tol)
		if err != nil {
			return nil, err
		}
		rep.Beliefs[s] = mu
		rep.MaxBayesError = math.Max(rep.MaxBayesError, berr)
		if berr > tol {
			rep.add(Violation{Infoset: int32(s), Player: is.Player, Number: is.Number, Label: is.Label, Kind: Consistency, Magnitude: berr})
		}
		regret, best := ev.regret(int32(s), mu, act)
		rep.MaxRegret = math.Max(rep.MaxRegret, regret)
		if regret > tol {
			rep.add(Violation{Infoset: int32(s), Player: is.Player, Number: is.Number, Label: is.Label, Kind: Rationality, Magnitude: regret, Action: best})
		}
	}
	return rep, nil
}

func (r *Report) add(v Violation) {
	r.Violations = append(r.Violations, v)
	if r.Worst.Kind == None || v.Magnitude > r.Worst.Magnitude {
		r.Worst = v
	}
}

// actionProbs returns, per node, the probability of the action that leads
// to it (1 at the root), checking the profile's shape and rows.
func actionProbs(t *game.Tree, prof [][][]float64, tol float64) ([]float64, error) {
	if len(prof) != t.NumPlayers() {
		return nil, fmt.Errorf("%w: %d players in the profile, %d in the game", ErrShape, len(prof), t.NumPlayers())
	}
	rows := make([][]float64, len(t.Infosets))
	for p := 1; p <= t.NumPlayers(); p++ {
		sets := t.PlayerInfosets(p)
		if len(prof[p-1]) != len(sets) {
			return nil, fmt.Errorf("%w: player %d has %d information sets, the profile gives %d", ErrShape, p, len(sets), len(prof[p-1]))
		}
		for i, s := range sets {
			row := prof[p-1][i]
			is := &t.Infosets[s]
			if len(row) != len(is.Actions) {
				return nil, fmt.Errorf("%w: player %d infoset %d has %d actions, the profile gives %d", ErrShape, p, is.Number, len(is.Actions), len(row))
			}
			sum := 0.0
			for a, x := range row {
				if x < -tol || math.IsNaN(x) {
					return nil, fmt.Errorf("%w: player %d infoset %d action %d has probability %g", ErrShape, p, is.Number, a+1, x)
				}
				sum += x
			}
			if math.Abs(sum-1) > 1e3*tol {
				return nil, fmt.Errorf("%w: player %d infoset %d: probabilities sum to %g, not 1", ErrShape, p, is.Number, sum)
			}
			rows[s] = row
		}
	}
	probs := t.FloatProbs()
	act := make([]float64, t.NumNodes())
	act[0] = 1
	for n := 0; n < t.NumNodes(); n++ {
		s := t.Nodes[n].Infoset
		if s == game.None {
			continue
		}
		row := rows[s]
		if t.Infosets[s].IsChance() {
			row = probs[s]
		}
		for a, c := range t.Children(game.NodeID(n)) {
			act[c] = row[a]
		}
	}
	return act, nil
}
