package game

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// ReducedForm is the reduced strategic form of a tree: each player's pure
// strategies with the choices at information sets that the player's own
// earlier choices exclude left out (so strategies that differ only there
// are one), and the table of expected payoffs over them.
type ReducedForm struct {
	Table *Table
	// Plans[p][s] is player p's (0-based) reduced strategy s: for each of
	// the player's infosets, in PlayerInfosets order, the action index, or
	// None where the player's own choices make the infoset unreachable.
	Plans [][][]int32
	tree  *Tree
}

// ErrTooManyCells is returned by ReducedForm when the table would exceed the
// requested bound.
var ErrTooManyCells = errors.New("reduced strategic form too large")

// ReducedForm builds the reduced strategic form of t. A player's strategies
// are listed in lexicographic order of their choices, the first infoset
// (in order of first appearance) most significant, which is Gambit's order;
// labels concatenate 1-based action numbers with '*' for a left-out
// infoset ("1*2"), as Gambit writes them. maxCells > 0 bounds the number of
// cells; beyond it ErrTooManyCells is returned before any work is done.
// The form's memory is bounded by DefaultReducedFormBytes (see
// ReducedFormLimit).
//
// Payoffs are exact. Every cell walks only the nodes its profile reaches,
// so the cost is cells x (reached nodes).
func (t *Tree) ReducedForm(maxCells int) (*ReducedForm, error) {
	return t.ReducedFormContext(context.Background(), maxCells)
}

// ReducedFormContext is ReducedForm that stops with ctx.Err() when ctx
// ends: big forms take a while to list and fill.
func (t *Tree) ReducedFormContext(ctx context.Context, maxCells int) (*ReducedForm, error) {
	return t.ReducedFormLimit(ctx, maxCells, DefaultReducedFormBytes)
}

// DefaultReducedFormBytes bounds the memory of ReducedForm and
// ReducedFormContext: 1 GiB, the solvers' default memory limit.
const DefaultReducedFormBytes = 1 << 30

// ReducedFormSize is the size of a tree's reduced strategic form, counted
// from the tree without building it (float64, which saturates to +Inf
// rather than overflow).
type ReducedFormSize struct {
	// Plans[p] is the number of player p+1's reduced strategies.
	Plans []float64
	// Cells is the product of Plans.
	Cells float64
	// Bytes estimates the form's memory: the plan lists (4 bytes per
	// player, strategy and information set of the player), the labels (a
	// byte or more per information set), the cell index (4 bytes per cell)
	// and, when chance moves can make cells differ from every terminal, an
	// outcome of exact payoffs per cell.
	Bytes float64
}

// Size estimates the reduced strategic form of t before it is built; its
// cost is linear in the tree.
func (t *Tree) Size() ReducedFormSize {
	return t.sizeWith(t.ownParentMoves())
}

func (t *Tree) sizeWith(parent []int64) ReducedFormSize {
	np := t.NumPlayers()
	sz := ReducedFormSize{Plans: make([]float64, np), Cells: 1}
	for p := 1; p <= np; p++ {
		n := t.countPlans(p, parent)
		sz.Plans[p-1] = n
		sz.Cells *= n
		sets := t.PlayerInfosets(p)
		digits := 0
		for _, s := range sets {
			digits += len(strconv.Itoa(len(t.Infosets[s].Actions)))
		}
		// plan: a slice header and 4 bytes per infoset; label: a string
		// header and its digits.
		sz.Bytes += n * float64(24+4*len(sets)+16+digits)
	}
	sz.Bytes += 4 * sz.Cells
	if len(t.PlayerInfosets(0)) > 0 {
		// An Outcome (64 bytes) with np exact payoffs (a pointer and a
		// big.Rat of two one-word big.Ints, about 96 bytes each).
		sz.Bytes += sz.Cells * float64(64+96*np)
	}
	return sz
}

// ReducedFormLimit is ReducedFormContext with an explicit memory bound:
// when the estimate of Size exceeds maxBytes > 0, an error wrapping
// ErrTooManyCells is returned before anything is allocated. maxBytes <= 0
// means no bound. The context is polled while the plans are listed and
// while the cells are filled.
func (t *Tree) ReducedFormLimit(ctx context.Context, maxCells int, maxBytes int64) (*ReducedForm, error) {
	np := t.NumPlayers()
	parent := t.ownParentMoves()
	sz := t.sizeWith(parent)
	if maxCells > 0 && sz.Cells > float64(maxCells) {
		return nil, fmt.Errorf("%w: %.3g cells (limit %d)", ErrTooManyCells, sz.Cells, maxCells)
	}
	if maxBytes > 0 && sz.Bytes > float64(maxBytes) {
		return nil, fmt.Errorf("%w: %s strategies need about %s, over the limit of %s",
			ErrTooManyCells, planCounts(sz.Plans), Bytes(sz.Bytes), Bytes(float64(maxBytes)))
	}
	rf := &ReducedForm{Plans: make([][][]int32, np), tree: t}
	labels := make([][]string, np)
	for p := 1; p <= np; p++ {
		hint := 0 // no preallocation when unbounded and huge
		if n := sz.Plans[p-1]; n*float64(len(t.PlayerInfosets(p))+1) <= 1<<28 {
			hint = int(n)
		}
		plans, err := t.plans(ctx, p, parent, hint)
		if err != nil {
			return nil, err
		}
		rf.Plans[p-1] = plans
		labels[p-1] = make([]string, len(plans))
		for k, plan := range plans {
			if k&1023 == 1023 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			labels[p-1][k] = planLabel(plan)
		}
	}
	rf.Table = NewTable(t.Title, t.Players, labels)
	rf.Table.Comment = t.Comment
	if err := rf.fill(ctx); err != nil {
		return nil, err
	}
	return rf, nil
}

// planCounts writes strategy counts as "8001 x 8001".
func planCounts(plans []float64) string {
	parts := make([]string, len(plans))
	for i, n := range plans {
		parts[i] = strconv.FormatFloat(n, 'g', 6, 64)
	}
	return strings.Join(parts, " x ")
}

// Bytes formats a byte count for error messages ("1.2 GiB").
func Bytes(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	}
	return fmt.Sprintf("%.0f bytes", b)
}

// ownParentMoves returns, for every infoset, the last move (as
// infoset<<32|action) of its own player on the path to its first member, or
// -1 when the player has not moved before. Under perfect recall all members
// agree; the first member's history is the one used.
func (t *Tree) ownParentMoves() []int64 {
	np := t.NumPlayers()
	last := make([]int64, len(t.Nodes)*np)
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		for p := 0; p < np; p++ {
			if nd.Parent == None {
				last[i*np+p] = -1
			} else {
				last[i*np+p] = last[int(nd.Parent)*np+p]
			}
		}
		if nd.Parent != None {
			s := t.Nodes[nd.Parent].Infoset
			if q := t.Infosets[s].Player; q > 0 {
				last[i*np+q-1] = int64(s)<<32 | int64(nd.Action)
			}
		}
	}
	out := make([]int64, len(t.Infosets))
	for s := range t.Infosets {
		if p := t.Infosets[s].Player; p > 0 {
			out[s] = last[int(t.Infosets[s].Members[0])*np+p-1]
		}
	}
	return out
}

// countPlans counts player p's reduced strategies (as a float64, which
// saturates to +Inf rather than overflow): the number of plans below a move
// is the product over the infosets that move leads to of the sum over their
// actions of the plans below each action.
func (t *Tree) countPlans(p int, parent []int64) float64 {
	below := map[int64]float64{} // move -> product of infoset sums under it
	sets := t.PlayerInfosets(p)
	total := 1.0
	for k := len(sets) - 1; k >= 0; k-- {
		s := sets[k]
		sum := 0.0
		for a := range t.Infosets[s].Actions {
			if v, ok := below[int64(s)<<32|int64(a)]; ok {
				sum += v
			} else {
				sum++
			}
		}
		if par := parent[s]; par < 0 {
			total *= sum
		} else if v, ok := below[par]; ok {
			below[par] = v * sum
		} else {
			below[par] = sum
		}
	}
	return total
}

// plans lists player p's reduced strategies in lexicographic order: an
// odometer over the player's infosets, the last fastest, in which
// infosets unreachable under the earlier digits stay None. count (from
// countPlans, or 0) sizes one backing array for all of them; the context is
// polled every 1024 plans.
func (t *Tree) plans(ctx context.Context, p int, parent []int64, count int) ([][]int32, error) {
	sets := t.PlayerInfosets(p)
	pos := make(map[int32]int, len(sets))
	for k, s := range sets {
		pos[s] = k
	}
	cur := make([]int32, len(sets))
	reachable := func(k int) bool {
		par := parent[sets[k]]
		if par < 0 {
			return true
		}
		j := pos[int32(par>>32)]
		return cur[j] == int32(par&0xffffffff)
	}
	reset := func(from int) {
		for k := from; k < len(sets); k++ {
			if reachable(k) {
				cur[k] = 0
			} else {
				cur[k] = None
			}
		}
	}
	reset(0)
	out := make([][]int32, 0, count)
	back := make([]int32, 0, count*len(sets))
	for {
		if len(out)&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		back = append(back, cur...)
		out = append(out, back[len(back)-len(cur):len(back):len(back)])
		k := len(sets) - 1
		for ; k >= 0; k-- {
			if cur[k] != None && int(cur[k])+1 < len(t.Infosets[sets[k]].Actions) {
				break
			}
		}
		if k < 0 {
			return out, nil
		}
		cur[k]++
		reset(k + 1)
	}
}

func planLabel(plan []int32) string {
	var b strings.Builder
	b.Grow(len(plan))
	for _, a := range plan {
		if a == None {
			b.WriteByte('*')
		} else {
			b.WriteString(strconv.Itoa(int(a) + 1))
		}
	}
	return b.String()
}

// fill computes every cell's expected payoffs by walking the nodes the
// cell's profile reaches. Without chance a profile reaches one terminal, and
// the cell shares that terminal's outcome.
func (rf *ReducedForm) fill(ctx context.Context) error {
	if ok, err := rf.fillScaled(ctx); ok || err != nil {
		return err
	}
	t, tab := rf.tree, rf.Table
	np := t.NumPlayers()
	pay := t.PathPayoffs()
	ordinal := make([]int32, len(t.Infosets))
	for p := 0; p <= np; p++ {
		for k, s := range t.PlayerInfosets(p) {
			ordinal[s] = int32(k)
		}
	}
	termOutcome := make(map[NodeID]int32)
	prof := make([]int, np)
	type item struct {
		n NodeID
		w *big.Rat
	}
	stack := make([]item, 0, 64)
	one := big.NewRat(1, 1)
	for c := range tab.Cells {
		if c&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tab.Profile(c, prof)
		stack = append(stack[:0], item{0, one})
		var sum []*big.Rat
		var only NodeID = None
		reached := 0
		for len(stack) > 0 {
			it := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			s := t.Nodes[it.n].Infoset
			if s == None {
				reached++
				only = it.n
				if sum == nil {
					sum = make([]*big.Rat, np)
					for p := range sum {
						sum[p] = new(big.Rat)
					}
				}
				for p := 0; p < np; p++ {
					sum[p].Add(sum[p], new(big.Rat).Mul(it.w, pay[it.n][p]))
				}
				continue
			}
			ch := t.Children(it.n)
			if pl := t.Infosets[s].Player; pl > 0 {
				a := rf.Plans[pl-1][prof[pl-1]][ordinal[s]]
				stack = append(stack, item{ch[a], it.w})
				continue
			}
			for a := len(ch) - 1; a >= 0; a-- {
				if pr := t.Infosets[s].Probs[a]; pr.Sign() != 0 {
					stack = append(stack, item{ch[a], new(big.Rat).Mul(it.w, pr)})
				}
			}
		}
		if reached == 1 && t.hasNoChanceWeight(only, sum, pay) {
			o, ok := termOutcome[only]
			if !ok {
				tab.Outcomes = append(tab.Outcomes, Outcome{Payoffs: sum})
				o = int32(len(tab.Outcomes) - 1)
				termOutcome[only] = o
			}
			tab.Cells[c] = o
			continue
		}
		if sum == nil {
			continue // every path has probability zero: all payoffs 0
		}
		tab.Outcomes = append(tab.Outcomes, Outcome{Payoffs: sum})
		tab.Cells[c] = int32(len(tab.Outcomes) - 1)
	}
	return nil
}

// hasNoChanceWeight reports whether sum equals terminal n's full path
// payoff, i.e. the single reached terminal was reached with probability 1,
// so the cell may share one outcome per terminal.
func (t *Tree) hasNoChanceWeight(n NodeID, sum []*big.Rat, pay [][]*big.Rat) bool {
	for p := range sum {
		if sum[p].Cmp(pay[n][p]) != 0 {
			return false
		}
	}
	return true
}

// Behavior turns a pure profile of the reduced form (one strategy index per
// player) into the tree's behaviour profile: probability one on each chosen
// action and nil rows at infosets the strategy leaves out.
func (rf *ReducedForm) Behavior(profile []int) BehaviorProfile {
	t := rf.tree
	out := make(BehaviorProfile, t.NumPlayers())
	for p := range out {
		plan := rf.Plans[p][profile[p]]
		sets := t.PlayerInfosets(p + 1)
		out[p] = make([][]*big.Rat, len(sets))
		for k, s := range sets {
			if plan[k] == None {
				continue
			}
			row := make([]*big.Rat, len(t.Infosets[s].Actions))
			for a := range row {
				row[a] = new(big.Rat)
			}
			row[plan[k]].SetInt64(1)
			out[p][k] = row
		}
	}
	return out
}
