package study

import (
	"fmt"
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
	slots   []int // each input's position in the engine's input vector
	workers []*slot
}

// slot is one worker's evaluator and full input vector.
type slot struct {
	d *assess.DrawAt
	x []float64
}

// Open compiles opt and prepares an evaluator per worker.
func Open(opt assess.Option, o Options) (*Model, error) {
	m, err := assess.Compile(opt)
	if err != nil {
		return nil, err
	}
	mdl := &Model{Option: opt, Horizon: o.Horizon}
	if mdl.Horizon <= 0 {
		mdl.Horizon = max(opt.Horizon, 1)
	}
	for i, in := range m.Inputs {
		if in.Dist.Quantile(0.001) == in.Dist.Quantile(0.999) || (!m.Reads(i) && !o.Ignored) {
			continue
		}
		mdl.Inputs = append(mdl.Inputs, Input{Name: in.Name, Dist: in.Dist.String(), Source: in.Source, Ignored: !m.Reads(i), Quantile: in.Dist.Quantile})
		mdl.slots = append(mdl.slots, i)
	}
	for range max(o.Workers, 1) {
		mdl.workers = append(mdl.workers, &slot{d: m.NewDrawAt(), x: m.Median()})
	}
	return mdl, nil
}

// Eval writes the outputs (NumOutputs of them) for the inputs x (in
// Inputs order; every other input at its median) into y. Calls with
// distinct workers may run at once.
func (m *Model) Eval(worker int, x, y []float64) {
	s := m.workers[worker]
	for j, i := range m.slots {
		s.x[i] = x[j]
	}
	o := s.d.Eval(s.x, m.Horizon)
	y[PDeterrence], y[PAnyFight], y[PCapable], y[PNoWar] = o.PDeter, o.AnyFight, o.CanWin, o.NoWar
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
