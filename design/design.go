package design

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"

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
	Workers int `json:"-"` // does not change the result
	// Exhaustive assesses every grid point instead of bisecting.
	Exhaustive bool
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
	if !(p.Target > 0 && p.Target < 1) && !(p.NoWarTarget > 0 && p.NoWarTarget < 1) {
		return nil, fmt.Errorf("%w: target %g: expected a probability in (0, 1)", ErrProblem, p.Target)
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
	s := &search{p: p, levels: levels, cache: map[string]*Candidate{}, progress: progress}
	for _, a := range p.Alternatives {
		ev, err := sweep.NewEvaluator(a.File, params, p.Samples, p.Seed, p.Horizon)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		s.evs = append(s.evs, ev)
	}
	res := &Result{GridSize: len(p.Alternatives)}
	for _, l := range levels {
		res.GridSize *= len(l)
	}
	for ai := range p.Alternatives {
		if err := s.alternative(ctx, ai); err != nil {
			return nil, err
		}
	}
	s.finish(res)
	return res, nil
}

type search struct {
	p        Problem
	levels   [][]float64
	evs      []*sweep.Evaluator
	mu       sync.Mutex
	cache    map[string]*Candidate
	order    []string
	progress func(int)
}

func key(ai int, idx []int) string { return fmt.Sprint(ai, idx) }

// assess returns the candidate at grid indices idx of alternative ai,
// assessing it once.
func (s *search) assess(ctx context.Context, ai int, idx []int) (*Candidate, error) {
	k := key(ai, idx)
	s.mu.Lock()
	if c, ok := s.cache[k]; ok {
		s.mu.Unlock()
		return c, nil
	}
	s.mu.Unlock()
	pt := make([]float64, len(idx))
	for i, j := range idx {
		pt[i] = s.levels[i][j]
	}
	r, err := s.evs[ai].Row(ctx, pt)
	if err != nil {
		return nil, err
	}
	c := s.candidate(ai, pt, r)
	s.mu.Lock()
	if _, ok := s.cache[k]; !ok {
		s.cache[k] = c
		s.order = append(s.order, k)
		if s.progress != nil {
			s.progress(len(s.cache))
		}
	}
	s.mu.Unlock()
	return c, nil
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

// alternative traces one alternative's frontier: for every setting of the
// first d-1 levers, the smallest level of the last lever that reaches the
// target, by bisection (or every level when Exhaustive). Settings run in
// parallel; the result does not depend on the order.
func (s *search) alternative(ctx context.Context, ai int) error {
	d := len(s.levels)
	var heads [][]int
	var rec func(prefix []int)
	rec = func(prefix []int) {
		if len(prefix) == d-1 {
			heads = append(heads, append([]int(nil), prefix...))
			return
		}
		for j := range s.levels[len(prefix)] {
			rec(append(prefix, j))
		}
	}
	rec(nil)
	last := len(s.levels[d-1])
	run := uncertainty.Runner{N: len(heads), BlockSize: 1, Workers: s.p.Workers}
	return run.Run(ctx, func(_ int, b uncertainty.Block, _ *rand.Rand) error {
		head := heads[b.Start]
		at := func(j int) (*Candidate, error) {
			return s.assess(ctx, ai, append(append([]int(nil), head...), j))
		}
		if s.p.Exhaustive {
			for j := range last {
				if _, err := at(j); err != nil {
					return err
				}
			}
			return nil
		}
		// Bisection for the first level that reaches the target: lo
		// fails (or is -1), hi reaches (or is last, unassessed).
		top, err := at(last - 1)
		if err != nil || !top.Reaches {
			return err
		}
		bot, err := at(0)
		if err != nil || bot.Reaches {
			return err
		}
		lo, hi := 0, last-1
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			c, err := at(mid)
			if err != nil {
				return err
			}
			if c.Reaches {
				hi = mid
			} else {
				lo = mid
			}
		}
		return nil
	})
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
		if res.Closest == nil || c.PDeter > res.Closest.PDeter {
			cc := c
			res.Closest = &cc
		}
	}
	cheaper := func(a, b Candidate) bool {
		if a.Total != b.Total {
			return a.Total < b.Total
		}
		if a.PDeter != b.PDeter {
			return a.PDeter > b.PDeter
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
		if c.PDeter > best {
			res.Frontier = append(res.Frontier, c)
			best = c.PDeter
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
			noise := (c.PDeterHi - c.PDeter) + (n.PDeterHi - n.PDeter)
			if n.PDeter < c.PDeter-noise {
				out = append(out, fmt.Sprintf("%s: P(deterrence) falls from %.3f to %.3f as %s rises from %g to %g",
					c.Alternative, c.PDeter, n.PDeter, s.p.Levers[i].Param.Path, c.Values[i], up[i]))
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
