package study

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"path"
	"strings"

	"github.com/guarantor/guarantor/assess"
)

// The outputs Eval writes, in order.
const (
	PDeterrence = iota // P(deterrence holds): the challenger does not attack
	PAnyFight          // P(some guarantor fights)
	PCapable           // P(those who fight can win | some fight)
	PNoWar             // P(no war by the horizon T)
	NumOutputs
)

// OutputNames names the outputs; the last takes the horizon.
func OutputNames(horizon int) []string {
	return []string{"P(deterrence)", "P(some guarantor fights)", "P(capable)", fmt.Sprintf("P(no war by %dy)", horizon)}
}

// Input is one uncertain input of an option, as the engine names it.
type Input struct {
	Name, Dist, Source string
	// Group is the input's group under the grouping asked for ("" alone).
	Group string
	// Ignored: the option's structure never reads it (listed only on
	// request, to check that the method gives it no weight).
	Ignored  bool
	Quantile func(p float64) float64
}

// Options configures Open.
type Options struct {
	Workers int // Eval's worker slots; 0 means 1
	// Horizon is T for P(no war by T) in years; 0 means the option's.
	Horizon int
	// Ignored also lists uncertain inputs the option's structure never
	// reads (they must come out with zero indices).
	Ignored bool
}

// Model is an option opened for evaluation at given inputs.
type Model struct {
	Option  assess.Option
	Inputs  []Input
	Horizon int
	workers []*slot
}

// slot is one worker's compiled option and the cells its inputs read.
type slot struct {
	m     *assess.Model
	cells []float64
}

// cell is a Dist whose draws replay a value set from outside; its
// quantiles (median, degeneracy check, swings) stay the original's.
type cell struct {
	assess.Dist
	v    *float64
	name string // the original's String, computed once: every run lists it
}

func (c cell) Rand(*rand.Rand) float64 { return *c.v }
func (c cell) String() string          { return c.name }

// named is a Dist with its String computed once (a run lists every input
// and hashes their descriptions; formatting them dominated a one-draw run).
type named struct {
	assess.Dist
	name string
}

func (n named) String() string { return n.name }

// Open compiles opt once per worker slot with every uncertain input
// replaced by a cell.
func Open(opt assess.Option, o Options) (*Model, error) {
	base, err := assess.Compile(opt)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for _, a := range base.Assumptions() {
		used[a.Name] = true
	}
	mdl := &Model{Option: opt, Horizon: o.Horizon}
	if mdl.Horizon <= 0 {
		mdl.Horizon = max(opt.Horizon, 1)
	}
	var dists []assess.Dist
	for _, in := range base.Inputs {
		if in.Dist.Quantile(0.001) == in.Dist.Quantile(0.999) || (!used[in.Name] && !o.Ignored) {
			continue
		}
		d := in.Dist
		mdl.Inputs = append(mdl.Inputs, Input{Name: in.Name, Dist: d.String(), Source: in.Source, Ignored: !used[in.Name], Quantile: d.Quantile})
		dists = append(dists, d)
	}
	for range max(o.Workers, 1) {
		s := &slot{cells: make([]float64, len(dists))}
		op := opt
		op.Coef = maps.Clone(opt.Coef)
		if op.Coef == nil {
			op.Coef = map[string]assess.Input{}
		}
		for _, in := range base.Inputs { // every other input keeps its law, with its String computed once
			{
				op.Coef[in.Name] = assess.Input{Name: in.Name, Dist: named{in.Dist, in.Dist.String()}, Source: in.Source}
			}
		}
		for i, in := range mdl.Inputs {
			s.cells[i] = dists[i].Quantile(0.5)
			op.Coef[in.Name] = assess.Input{Name: in.Name, Dist: cell{dists[i], &s.cells[i], in.Dist}, Source: in.Source}
		}
		if s.m, err = assess.Compile(op); err != nil {
			return nil, err
		}
		mdl.workers = append(mdl.workers, s)
	}
	return mdl, nil
}

// Eval writes the outputs (NumOutputs of them) for the inputs x (in
// Inputs order) into y. Calls with distinct workers may run at once.
func (m *Model) Eval(worker int, x, y []float64) {
	s := m.workers[worker]
	copy(s.cells, x)
	r, err := s.m.Run(context.Background(), assess.Config{Samples: 1, Workers: 1, DriverSamples: -1}, "")
	if err != nil { // only a cancelled context fails a run
		panic(err)
	}
	y[PDeterrence], y[PAnyFight], y[PCapable] = r.PDeter.Mean, r.AnyFight.Mean, r.CanWin.Mean
	y[PNoWar] = noWar(r, m.Horizon)
}

// noWar is P(no war by T) of a one-draw result: the engine's own figure
// when it reports T, else recomputed from the hazard its other horizons
// imply.
func noWar(r *assess.Result, t int) float64 {
	for _, h := range r.NoWar {
		if h.Years == t {
			return h.P.Mean
		}
	}
	return assess.Survival(1-r.PWar.Mean, horizonHazard(r), t)
}

// horizonHazard recovers the draw's yearly hazard from P(no war) at the
// horizons the result reports: with one draw, NoWar(T) = (1-PWar)(1-h)^(T-1).
func horizonHazard(r *assess.Result) float64 {
	p0 := 1 - r.PWar.Mean
	for _, h := range r.NoWar {
		if h.Years > 1 && p0 > 0 {
			ratio := h.P.Mean / p0
			return 1 - pow(ratio, 1/float64(h.Years-1))
		}
	}
	return 0
}

// Group assigns inputs to groups. how is "" or "none" (no groups),
// "guarantor" (each guarantor's inputs pooled), "section" (by the first
// part of the name: model.<section>, guarantors.<id>, challenger ...), or
// a list of NAME=PATTERN[|PATTERN...] (path.Match patterns on input names)
// separated by ";"; inputs that match no pattern stay alone.
func (m *Model) Group(how string) error {
	rules, err := parseGroups(how)
	if err != nil {
		return err
	}
	for i := range m.Inputs {
		m.Inputs[i].Group = rules(m.Inputs[i].Name)
	}
	return nil
}

func parseGroups(how string) (func(string) string, error) {
	part := func(name string, n int) string {
		f := strings.SplitN(name, ".", n+1)
		if len(f) <= n {
			return ""
		}
		return strings.Join(f[:n], ".")
	}
	switch how {
	case "", "none":
		return func(string) string { return "" }, nil
	case "guarantor":
		return func(n string) string {
			if strings.HasPrefix(n, "guarantors.") {
				return part(n, 2)
			}
			return ""
		}, nil
	case "section":
		return func(n string) string {
			if strings.HasPrefix(n, "guarantors.") || strings.HasPrefix(n, "model.") {
				return part(n, 2)
			}
			return part(n, 1)
		}, nil
	}
	type rule struct{ name, pat string }
	var rules []rule
	for _, g := range strings.Split(how, ";") {
		name, pats, ok := strings.Cut(strings.TrimSpace(g), "=")
		if !ok || name == "" || pats == "" {
			return nil, fmt.Errorf("groups %q: expected none, guarantor, section or NAME=PATTERN[|PATTERN...][;...]", g)
		}
		for _, p := range strings.Split(pats, "|") {
			if _, err := path.Match(p, ""); err != nil {
				return nil, fmt.Errorf("groups: pattern %q: %v", p, err)
			}
			rules = append(rules, rule{name, p})
		}
	}
	return func(n string) string {
		for _, r := range rules {
			if ok, _ := path.Match(r.pat, n); ok {
				return r.name
			}
		}
		return ""
	}, nil
}

func pow(x, y float64) float64 { return math.Pow(x, y) }
