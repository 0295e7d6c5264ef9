package models

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// KV is one named number.
type KV struct {
	Key   string
	Value float64
}

// Dist is an ordered list of named numbers (outcome probabilities, a mixed
// action, a belief). It marshals to a JSON object in its own order, so the
// output is stable and reads in the model's natural order.
type Dist []KV

// Get returns the value of key and whether it is present.
func (d Dist) Get(key string) (float64, bool) {
	for _, kv := range d {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return 0, false
}

// MarshalJSON writes {"key": value, ...} in order.
func (d Dist) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range d {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.Key)
		b.Write(k)
		b.WriteByte(':')
		b.WriteString(strconv.FormatFloat(clean(kv.Value), 'g', -1, 64))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// clean maps -0 to 0 so JSON never shows "-0".
func clean(x float64) float64 {
	if x == 0 {
		return 0
	}
	return x
}

// Row is a named distribution: an information set's mixed action or belief.
type Row struct {
	Key  string
	Dist Dist
}

// Table is an ordered list of rows, keyed by information-set label.
type Table []Row

// Get returns the row for key.
func (t Table) Get(key string) (Dist, bool) {
	for _, r := range t {
		if r.Key == key {
			return r.Dist, true
		}
	}
	return nil, false
}

// MarshalJSON writes {"infoset": {...}, ...} in order.
func (t Table) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, r := range t {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(r.Key)
		b.Write(k)
		b.WriteByte(':')
		v, _ := r.Dist.MarshalJSON()
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Equilibrium is one equilibrium of a model. Strategies and Beliefs are keyed
// by the labels of the information sets of the model's tree (Game), their
// entries by action labels and member-node labels, so Check can verify the
// equilibrium on the tree.
type Equilibrium struct {
	Region           string `json:"region"`
	Refinement       string `json:"refinement"`
	PassesRefinement bool   `json:"passes_refinement"`
	// Note says what the equilibrium rests on (off-path beliefs, ties).
	Note       string  `json:"note,omitempty"`
	Strategies Table   `json:"strategies"`
	Beliefs    Table   `json:"beliefs"`
	Outcomes   Dist    `json:"outcomes"`
	PWar       float64 `json:"p_war"`
	// Values holds derived quantities (thresholds, the probability of
	// resistance, expected utilities) for the analyst.
	Values Dist `json:"values,omitempty"`
	// Check records the PBE verifier's verdict on the model's tree, when
	// the caller ran it (catalog.SolveChecked does).
	Check *CheckSummary `json:"check,omitempty"`
}

// CheckSummary is the PBE verifier's verdict on one equilibrium.
type CheckSummary struct {
	Passed        bool    `json:"passed"`
	MaxRegret     float64 `json:"max_regret"`
	MaxBayesError float64 `json:"max_bayes_error"`
	Worst         string  `json:"worst,omitempty"`
}

// Field is a top-level entry of a Solution: a float64 or a bool.
type Field struct {
	Key   string
	Value any
}

// Solution is a model's full answer.
type Solution struct {
	Model      string `json:"model"`
	Parameters Dist   `json:"parameters"`
	// Summary holds model-level quantities reported at the top level
	// (brink's q_e, q_a and feasible; thresholds of the others).
	Summary    []Field       `json:"-"`
	Equilibria []Equilibrium `json:"equilibria"`
}

// MarshalJSON puts the Summary entries at the top level, after "model" and
// "parameters" and before "equilibria".
func (s Solution) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"model":`)
	m, _ := json.Marshal(s.Model)
	b.Write(m)
	b.WriteString(`,"parameters":`)
	p, _ := s.Parameters.MarshalJSON()
	b.Write(p)
	for _, kv := range s.Summary {
		k, _ := json.Marshal(kv.Key)
		b.WriteByte(',')
		b.Write(k)
		b.WriteByte(':')
		if f, ok := kv.Value.(float64); ok {
			b.WriteString(strconv.FormatFloat(clean(f), 'g', -1, 64))
			continue
		}
		v, err := json.Marshal(kv.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteString(`,"equilibria":`)
	eq := s.Equilibria
	if eq == nil {
		eq = []Equilibrium{}
	}
	e, err := json.Marshal(eq)
	if err != nil {
		return nil, err
	}
	b.Write(e)
	b.WriteByte('}')
	return b.Bytes(), nil
}
