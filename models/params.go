package models

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// ParamSpec documents one parameter of a model.
type ParamSpec struct {
	// Name is SPEC.md's name in ASCII: "+"/"-" suffixes kept, Greek letters
	// spelled out (kappa, lambda, pi).
	Name    string
	Meaning string
	// Optional parameters take Default when not given.
	Optional bool
	Default  float64
}

// Spec describes a model for listings: its parameters and the orderings
// its constructor enforces.
type Spec struct {
	Name      string
	Summary   string
	Params    []ParamSpec
	Orderings []string
	// Example is a valid parameter assignment ("key=value" words), taken
	// from the oracles where one exists.
	Example string
}

// Values are parameter values by name.
type Values map[string]float64

// ErrParams is wrapped by errors about missing, unknown or malformed
// parameters; ErrOrdering by errors about violated model assumptions.
var (
	ErrParams   = errors.New("bad parameters")
	ErrOrdering = errors.New("parameter ordering violated")
)

// ParseAssignments parses "key=value" arguments into Values.
func ParseAssignments(args []string) (Values, error) {
	v := Values{}
	for _, a := range args {
		k, val, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%w: %q: expected key=value", ErrParams, a)
		}
		if _, dup := v[k]; dup {
			return nil, fmt.Errorf("%w: %s given twice", ErrParams, k)
		}
		x, err := ParseNumber(val)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrParams, k, err)
		}
		v[k] = x
	}
	return v, nil
}

// ParseNumber parses a decimal ("0.25", "-1e-3") or a rational ("1/3").
func ParseNumber(s string) (float64, error) {
	if strings.Contains(s, "/") {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return 0, fmt.Errorf("%q is not a number", s)
		}
		f, _ := r.Float64()
		return f, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return x, nil
}

// Bind copies vals into the fields named by specs (ptrs in the same
// order), applying defaults, and rejects unknown or missing names.
func Bind(model string, specs []ParamSpec, ptrs []*float64, vals Values) error {
	known := map[string]bool{}
	for i, sp := range specs {
		known[sp.Name] = true
		x, ok := vals[sp.Name]
		switch {
		case ok:
			*ptrs[i] = x
		case sp.Optional:
			*ptrs[i] = sp.Default
		default:
			return fmt.Errorf("%w: %s: missing parameter %s (%s)", ErrParams, model, sp.Name, sp.Meaning)
		}
	}
	var unknown []string
	for k := range vals {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		names := make([]string, len(specs))
		for i, sp := range specs {
			names[i] = sp.Name
		}
		return fmt.Errorf("%w: %s: unknown parameter %s; expected %s", ErrParams, model, strings.Join(unknown, ", "), strings.Join(names, " "))
	}
	return nil
}

// Pack lists values in spec order for a Solution's Parameters.
func Pack(specs []ParamSpec, vals []float64) Dist {
	d := make(Dist, len(specs))
	for i, sp := range specs {
		d[i] = KV{sp.Name, vals[i]}
	}
	return d
}

// OrderError names a violated inequality.
type OrderError struct {
	Model      string
	Inequality string // e.g. "cCD < cDD+"
	Detail     string // the values involved
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("%s: ordering %s violated (%s)", e.Model, e.Inequality, e.Detail)
}

func (e *OrderError) Unwrap() error { return ErrOrdering }

// Order accumulates the first violated assumption of a constructor.
type Order struct {
	Model string
	err   error
}

// Err returns the first violation, or nil.
func (o *Order) Err() error { return o.err }

func (o *Order) fail(ineq, detail string) {
	if o.err == nil {
		o.err = &OrderError{Model: o.Model, Inequality: ineq, Detail: detail}
	}
}

// MaxMagnitude bounds parameter values: differences and ratios of values
// up to this size stay finite in float64, so no threshold becomes Inf or
// NaN (and no NaN reaches JSON output).
const MaxMagnitude = 1e15

// Finite requires every value to be a finite number of magnitude at most
// MaxMagnitude.
func (o *Order) Finite(specs []ParamSpec, vals []float64) {
	for i, x := range vals {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			o.fail(specs[i].Name+" finite", fmt.Sprintf("%s=%g", specs[i].Name, x))
		}
		if math.Abs(x) > MaxMagnitude {
			o.fail(fmt.Sprintf("|%s| <= %g", specs[i].Name, MaxMagnitude), fmt.Sprintf("%s=%g", specs[i].Name, x))
		}
	}
}

// Less requires a < b.
func (o *Order) Less(an string, a float64, bn string, b float64) {
	if !(a < b) {
		o.fail(an+" < "+bn, fmt.Sprintf("%s=%g, %s=%g", an, a, bn, b))
	}
}

// LessEq requires a <= b.
func (o *Order) LessEq(an string, a float64, bn string, b float64) {
	if !(a <= b) {
		o.fail(an+" <= "+bn, fmt.Sprintf("%s=%g, %s=%g", an, a, bn, b))
	}
}

// Chain requires names[0] < names[1] < ... for the given values.
func (o *Order) Chain(names []string, vals ...float64) {
	for i := 0; i+1 < len(vals); i++ {
		o.Less(names[i], vals[i], names[i+1], vals[i+1])
	}
}

// Prob requires 0 < p < 1 (open) or 0 <= p <= 1 (closed).
func (o *Order) Prob(name string, p float64, open bool) {
	if open && !(p > 0 && p < 1) {
		o.fail("0 < "+name+" < 1", fmt.Sprintf("%s=%g", name, p))
	}
	if !open && !(p >= 0 && p <= 1) {
		o.fail("0 <= "+name+" <= 1", fmt.Sprintf("%s=%g", name, p))
	}
}

// Rat converts a float64 parameter to an exact rational through its
// shortest decimal spelling, so 0.6 becomes 3/5 (not the binary double
// nearest to 0.6) and the exported tree carries the numbers the user typed.
func Rat(x float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(x, 'g', -1, 64))
	if !ok {
		return new(big.Rat)
	}
	return r
}

// Rats converts several parameters with Rat.
func Rats(xs ...float64) []*big.Rat {
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		out[i] = Rat(x)
	}
	return out
}

// RatSum is the exact sum of parameters, each read by Rat: payoffs built
// from several parameters (V - kappa - k) stay exact in exported trees.
func RatSum(xs ...float64) *big.Rat {
	s := new(big.Rat)
	for _, x := range xs {
		s.Add(s, Rat(x))
	}
	return s
}

// Require records a violation of ineq (with detail) unless cond holds.
func (o *Order) Require(cond bool, ineq, detail string) {
	if !cond {
		o.fail(ineq, detail)
	}
}
