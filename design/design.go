package design

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/guarantor/guarantor/sweep"
	"github.com/guarantor/guarantor/uncertainty"
)

// Lever is a scenario number the designer may set, with its cost per unit.
type Lever struct {
	Param  sweep.Param
	Cost   map[string]float64 // per unit, by cost component ("troops", "money_usd_m", ...)
	Source string
}

// Alternative is one structural variant (an option file) with a fixed cost.
type Alternative struct {
	Name, File string
	Cost       map[string]float64
	Source     string
}

// Problem is a design question.
type Problem struct {
	Alternatives []Alternative
	Levers       []Lever
	// Target P(deterrence); NoWarTarget, if > 0, a target P(no war by
	// Horizon) that must also be met.
	Target, NoWarTarget float64
	Horizon             int
	// Weights turn the cost components into one total (a missing
	// component weighs 0; no weights at all: every component weighs 1).
	Weights map[string]float64
	// Strict: a candidate reaches the target only if its interval's lower
	// bound does (default: its estimate does; the interval is reported).
	Strict  bool
	Samples int
	Seed    uint64
	// AsOf (YYYY-MM-DD) is the date options without a period are assessed
	// at; "" is today (see sweep.Spec.AsOf).
	AsOf    string `json:",omitempty"`
	Workers int    `json:"-"` // does not change the result
	// Exhaustive assesses every grid point instead of bisecting.
	Exhaustive bool
	// Batch, if set, assesses a batch of packages of one alternative (for
	// example as a sweep on NATS workers); nil assesses them locally on
	// Workers goroutines. It must return one row per point, in order,
	// computed with Samples draws and Seed.
	Batch Batch `json:"-"`
}

// Batch assesses points (one value per lever) of one alternative.
type Batch func(ctx context.Context, alt Alternative, levers []sweep.Param, points [][]float64) ([]sweep.Row, error)

// OnNoWar reports whether the target is on P(no war by Horizon) alone;
// the search then ranks packages on it instead of P(deterrence), so that
// the frontier, the closest package and the monotonicity check speak of
// the quantity the question asks about.
func (p Problem) OnNoWar() bool { return !(p.Target > 0) && p.NoWarTarget > 0 }

// Score is the quantity packages are ranked on (P(deterrence), or P(no war
// by Horizon) when OnNoWar) with its 90% Monte Carlo interval.
func (p Problem) Score(c Candidate) (v, lo, hi float64) {
	if p.OnNoWar() {
		return c.PNoWar, c.PNoWarLo, c.PNoWarHi
	}
	return c.PDeter, c.PDeterLo, c.PDeterHi
}

// ScoreName names what Score returns.
func (p Problem) ScoreName() string {
	if p.OnNoWar() {
		if p.Horizon > 0 {
			return fmt.Sprintf("P(no war by %d years)", p.Horizon)
		}
		return "P(no war by the horizon)"
	}
	return "P(deterrence)"
}

// z90 is the normal quantile of a two-sided 90% interval.
const z90 = 1.6448536269514722

// Candidate is one assessed package.
type Candidate struct {
	Alternative string
	Values      []float64 // lever settings
	Cost        map[string]float64
	Total       float64
	// PDeter with its 90% Monte Carlo interval; PNoWar likewise.
	PDeter, PDeterLo, PDeterHi float64
	PNoWar, PNoWarLo, PNoWarHi float64
	Reaches                    bool
}

// Result answers the question.
type Result struct {
	Recommended *Candidate  // nil when no package in range reaches the target
	RunnersUp   []Candidate // the next cheapest packages that reach it (other alternatives first)
	Closest     *Candidate  // when none reaches it: the highest P(deterrence) found
	Frontier    []Candidate // non-dominated packages: no cheaper one has a higher P(deterrence)
	Assessed    []Candidate // every package assessed, in alternative and grid order
	GridSize    int         // packages in the full grid (alternatives × lever levels)
	Violations  []string    // monotonicity violations beyond noise among assessed neighbours
}

// ErrProblem reports an invalid design problem.
var ErrProblem = errors.New("design: invalid problem")

// Solve searches every alternative's lever grid.
func Solve(ctx context.Context, p Problem, progress func(assessed int)) (*Result, error) {
	if len(p.Alternatives) == 0 || len(p.Levers) == 0 {
		return nil, fmt.Errorf("%w: need at least one alternative and one lever", ErrProblem)
	}
	// Each target is 0 (not asked) or a probability in (0, 1), and at least
	// one is asked: a NaN or out-of-range target beside a valid one would
	// otherwise pass and silently make every package fail it.
	if !(p.Target >= 0 && p.Target < 1) || p.Target == 0 && !(p.NoWarTarget > 0) {
		return nil, fmt.Errorf("%w: target %g: expected a probability in (0, 1)", ErrProblem, p.Target)
	}
	if !(p.NoWarTarget >= 0 && p.NoWarTarget < 1) {
		return nil, fmt.Errorf("%w: no-war target %g: expected a probability in (0, 1)", ErrProblem, p.NoWarTarget)
	}
	if p.Samples <= 0 {
		p.Samples = 20000
	}
	levels := make([][]float64, len(p.Levers))
	var params []sweep.Param
	for i, l := range p.Levers {
		levels[i] = l.Param.Levels(5)
		for _, c := range l.Cost {
			if c < 0 {
				return nil, fmt.Errorf("%w: lever %s: negative cost per unit: the cheapest package would be the largest", ErrProblem, l.Param.Path)
			}
		}
		if len(l.Param.Values) == 0 && l.Param.Step == 0 {
			return nil, fmt.Errorf("%w: lever %s: give a step (LO:HI:STEP) or a list of values", ErrProblem, l.Param.Path)
		}
		sort.Float64s(levels[i])
		params = append(params, l.Param)
	}
	s := &search{p: p, levels: levels, params: params, cache: map[string]*Candidate{}, progress: progress}
	if p.Batch == nil {
		for _, a := range p.Alternatives {
			ev, err := sweep.NewEvaluatorAt(p.AsOf, a.File, params, p.Samples, p.Seed, p.Horizon)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", a.Name, err)
			}
			s.evs = append(s.evs, ev)
		}
	}
	res := &Result{GridSize: len(p.Alternatives)}
	for _, l := range levels {
		res.GridSize *= len(l)
	}
	if err := s.run(ctx); err != nil {
		return nil, err
	}
	s.finish(res)
	return res, nil
}

type search struct {
	p        Problem
	levels   [][]float64
	params   []sweep.Param
	evs      []*sweep.Evaluator
	cache    map[string]*Candidate
	order    []string
	progress func(int)
}

func key(ai int, idx []int) string { return fmt.Sprint(ai, idx) }

// line is one setting of the first d-1 levers of one alternative, searched
// along the last lever: lo fails (or is -1), hi reaches (or is unknown).
type line struct {
	alt      int
	head     []int
	lo, hi   int
	phase    int // 0: assess the top end, 1: the bottom end, 2: bisect
	finished bool
}

func (s *search) at(l *line, j int) []int { return append(append([]int(nil), l.head...), j) }

// run searches in rounds: each round asks for the packages every open
// line needs next (its two ends first, then its midpoint), assesses them
// as one batch per alternative, and moves every line on. A batch is
// assessed in any order and the lines move only between rounds, so the
// result does not depend on how the batch is computed.
func (s *search) run(ctx context.Context) error {
	d := len(s.levels)
	last := len(s.levels[d-1])
	var lines []*line
	for ai := range s.p.Alternatives {
		var rec func(prefix []int)
		rec = func(prefix []int) {
			if len(prefix) == d-1 {
				lines = append(lines, &line{alt: ai, head: append([]int(nil), prefix...), lo: -1, hi: last - 1})
				return
			}
			for j := range s.levels[len(prefix)] {
				rec(append(prefix, j))
			}
		}
		rec(nil)
	}
	if s.p.Exhaustive {
		var want [][2]any
		for _, l := range lines {
			for j := range last {
				want = append(want, [2]any{l.alt, s.at(l, j)})
			}
		}
		return s.assess(ctx, want)
	}
	for {
		var want [][2]any
		for _, l := range lines {
			if l.finished {
				continue
			}
			j := (l.lo + l.hi) / 2
			switch l.phase {
			case 0:
				j = last - 1
			case 1:
				j = 0
			}
			want = append(want, [2]any{l.alt, s.at(l, j)})
		}
		if len(want) == 0 {
			return nil
		}
		if err := s.assess(ctx, want); err != nil {
			return err
		}
		for _, l := range lines {
			if l.finished {
				continue
			}
			switch l.phase {
			case 0: // nothing on the line reaches: done
				l.finished = !s.cache[key(l.alt, s.at(l, last-1))].Reaches || last == 1
				l.phase = 1
			case 1: // the cheapest end reaches: done
				l.finished = s.cache[key(l.alt, s.at(l, 0))].Reaches
				l.lo, l.phase = 0, 2
			default:
				mid := (l.lo + l.hi) / 2
				if s.cache[key(l.alt, s.at(l, mid))].Reaches {
					l.hi = mid
				} else {
					l.lo = mid
				}
			}
			if l.phase == 2 && l.hi-l.lo <= 1 {
				l.finished = true
			}
		}
	}
}

// assess evaluates the packages asked for that are not cached yet, one
// batch per alternative.
func (s *search) assess(ctx context.Context, want [][2]any) error {
	byAlt := map[int][][]int{}
	seen := map[string]bool{}
	for _, w := range want {
		ai, idx := w[0].(int), w[1].([]int)
		k := key(ai, idx)
		if s.cache[k] != nil || seen[k] {
			continue
		}
		seen[k] = true
		byAlt[ai] = append(byAlt[ai], idx)
	}
	for ai := range s.p.Alternatives {
		idxs := byAlt[ai]
		if len(idxs) == 0 {
			continue
		}
		pts := make([][]float64, len(idxs))
		for i, idx := range idxs {
			pts[i] = make([]float64, len(idx))
			for j, v := range idx {
				pts[i][j] = s.levels[j][v]
			}
		}
		rows, err := s.batch(ctx, ai, pts)
		if err != nil {
			return err
		}
		if len(rows) != len(pts) {
			return fmt.Errorf("design: a batch of %d packages returned %d rows", len(pts), len(rows))
		}
		for i, idx := range idxs {
			k := key(ai, idx)
			s.cache[k] = s.candidate(ai, pts[i], rows[i])
			s.order = append(s.order, k)
		}
		if s.progress != nil {
			s.progress(len(s.cache))
		}
	}
	return nil
}

// batch assesses points of one alternative through Problem.Batch, or
// locally on Workers goroutines (rows stored by index: any order of work
// gives the same rows).
func (s *search) batch(ctx context.Context, ai int, pts [][]float64) ([]sweep.Row, error) {
	if s.p.Batch != nil {
		return s.p.Batch(ctx, s.p.Alternatives[ai], s.params, pts)
	}
	rows := make([]sweep.Row, len(pts))
	run := uncertainty.Runner{N: len(pts), BlockSize: 1, Workers: s.p.Workers}
	err := run.Run(ctx, func(_ int, b uncertainty.Block, _ *rand.Rand) error {
		r, err := s.evs[ai].Row(ctx, pts[b.Start])
		rows[b.Start] = r
		return err
	})
	return rows, err
}

func (s *search) candidate(ai int, pt []float64, r sweep.Row) *Candidate {
	a := s.p.Alternatives[ai]
	c := &Candidate{Alternative: a.Name, Values: pt, Cost: map[string]float64{}}
	for k, v := range a.Cost {
		c.Cost[k] += v
	}
	for i, l := range s.p.Levers {
		for k, v := range l.Cost {
			c.Cost[k] += v * pt[i]
		}
	}
	for k, v := range c.Cost {
		w, ok := s.p.Weights[k]
		if len(s.p.Weights) == 0 {
			w, ok = 1, true
		}
		if ok {
			c.Total += w * v
		}
	}
	// The Monte Carlo error of P(no war) is not in the row; its per-draw
	// spread is close to P(deterrence)'s, so the same half-width is used.
	h := z90 * r.PDeterSE
	c.PDeter, c.PDeterLo, c.PDeterHi = r.PDeter, r.PDeter-h, r.PDeter+h
	c.PNoWar, c.PNoWarLo, c.PNoWarHi = r.PNoWar, r.PNoWar-h, r.PNoWar+h
	c.Reaches = s.reaches(c)
	return c
}

func (s *search) reaches(c *Candidate) bool {
	pd, pn := c.PDeter, c.PNoWar
	if s.p.Strict {
		pd, pn = c.PDeterLo, c.PNoWarLo
	}
	ok := s.p.Target <= 0 || pd >= s.p.Target
	if s.p.NoWarTarget > 0 {
		ok = ok && pn >= s.p.NoWarTarget
	}
	return ok
}

func (s *search) score(c Candidate) float64 {
	v, _, _ := s.p.Score(c)
	return v
}

// finish picks the recommendation, the runners-up, the frontier and the
// monotonicity violations from everything assessed.
func (s *search) finish(res *Result) {
	for _, k := range s.order {
		res.Assessed = append(res.Assessed, *s.cache[k])
	}
	sort.SliceStable(res.Assessed, func(i, j int) bool {
		a, b := res.Assessed[i], res.Assessed[j]
		if a.Alternative != b.Alternative {
			return s.altIndex(a.Alternative) < s.altIndex(b.Alternative)
		}
		for k := range a.Values {
			if a.Values[k] != b.Values[k] {
				return a.Values[k] < b.Values[k]
			}
		}
		return false
	})
	var reach []Candidate
	for _, c := range res.Assessed {
		if c.Reaches {
			reach = append(reach, c)
		}
		if res.Closest == nil || s.score(c) > s.score(*res.Closest) {
			cc := c
			res.Closest = &cc
		}
	}
	cheaper := func(a, b Candidate) bool {
		if a.Total != b.Total {
			return a.Total < b.Total
		}
		if sa, sb := s.score(a), s.score(b); sa != sb {
			return sa > sb
		}
		return s.altIndex(a.Alternative) < s.altIndex(b.Alternative)
	}
	sort.SliceStable(reach, func(i, j int) bool { return cheaper(reach[i], reach[j]) })
	if len(reach) > 0 {
		res.Recommended = &reach[0]
		res.Closest = nil
		// Runners-up: the cheapest of each other alternative, then the
		// next cheapest overall.
		seen := map[string]bool{reach[0].Alternative: true}
		for _, c := range reach[1:] {
			if !seen[c.Alternative] {
				seen[c.Alternative] = true
				res.RunnersUp = append(res.RunnersUp, c)
			}
		}
		for _, c := range reach[1:] {
			if len(res.RunnersUp) >= 3 {
				break
			}
			if !containsCandidate(res.RunnersUp, c) {
				res.RunnersUp = append(res.RunnersUp, c)
			}
		}
	}
	all := append([]Candidate(nil), res.Assessed...)
	sort.SliceStable(all, func(i, j int) bool { return cheaper(all[i], all[j]) })
	best := math.Inf(-1)
	for _, c := range all {
		if v := s.score(c); v > best {
			res.Frontier = append(res.Frontier, c)
			best = v
		}
	}
	res.Violations = s.violations(res.Assessed)
}

func containsCandidate(cs []Candidate, c Candidate) bool {
	for _, x := range cs {
		if x.Alternative == c.Alternative && fmt.Sprint(x.Values) == fmt.Sprint(c.Values) {
			return true
		}
	}
	return false
}

func (s *search) altIndex(name string) int {
	for i, a := range s.p.Alternatives {
		if a.Name == name {
			return i
		}
	}
	return -1
}

// violations lists assessed pairs that differ in one lever by one level
// where P(deterrence) falls by more than the two intervals' half-widths
// combined: the monotonicity the bisection relies on does not hold there.
func (s *search) violations(cs []Candidate) []string {
	byKey := map[string]Candidate{}
	for _, c := range cs {
		byKey[c.Alternative+fmt.Sprint(c.Values)] = c
	}
	var out []string
	for _, c := range cs {
		for i := range c.Values {
			j := sort.SearchFloat64s(s.levels[i], c.Values[i])
			if j+1 >= len(s.levels[i]) {
				continue
			}
			up := append([]float64(nil), c.Values...)
			up[i] = s.levels[i][j+1]
			n, ok := byKey[c.Alternative+fmt.Sprint(up)]
			if !ok {
				continue
			}
			cv, _, chi := s.p.Score(c)
			nv, _, nhi := s.p.Score(n)
			noise := (chi - cv) + (nhi - nv)
			if nv < cv-noise {
				out = append(out, fmt.Sprintf("%s: %s falls from %.3f to %.3f as %s rises from %g to %g",
					c.Alternative, s.p.ScoreName(), cv, nv, s.p.Levers[i].Param.Path, c.Values[i], up[i]))
			}
		}
	}
	return out
}

// Describe names a candidate's lever settings by path.
func Describe(p Problem, c Candidate) string {
	var parts []string
	for i, l := range p.Levers {
		parts = append(parts, fmt.Sprintf("%s = %g", l.Param.Path, c.Values[i]))
	}
	return strings.Join(parts, ", ")
}

// Short names a candidate's lever settings as L1=..., L2=... .
func Short(c Candidate) string {
	var parts []string
	for i, v := range c.Values {
		parts = append(parts, fmt.Sprintf("L%d=%g", i+1, v))
	}
	return strings.Join(parts, " ")
}
