package sweep

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrSpec reports an invalid sweep specification.
var ErrSpec = errors.New("sweep: invalid specification")

// Param is one varied scenario number: its YAML path and its range (Lo to
// Hi in Step increments for a grid; Step 0 means the design chooses), or an
// explicit list of Values.
type Param struct {
	Path         string
	Lo, Hi, Step float64
	Values       []float64 `json:",omitempty"`
	// Integer rounds every value to a whole number (troops, years).
	Integer bool `json:",omitempty"`
	// Input: Path is the name of one of the engine's uncertain inputs
	// (as assess and sensitivity name them, e.g. challenger.deploy), fixed
	// at the point's value while the option's other inputs are drawn.
	Input bool `json:",omitempty"`
}

// InputPrefix marks a parameter given by engine input name rather than by
// YAML path: input:challenger.deploy=0.5:0.9.
const InputPrefix = "input:"

// ParseParam reads PATH=LO:HI[:STEP] or PATH=V1,V2,... . A trailing "i"
// on the range (PATH=1000:20000:1000i) asks for integer values.
func ParseParam(s string) (Param, error) {
	path, rng, ok := cutOutside(s)
	path = strings.TrimSpace(path)
	if !ok || path == "" || rng == "" {
		return Param{}, fmt.Errorf("%w: %q: expected PATH=LO:HI[:STEP] or PATH=V1,V2,...", ErrSpec, s)
	}
	p := Param{Path: path}
	if name, ok := strings.CutPrefix(path, InputPrefix); ok {
		if name == "" {
			return Param{}, fmt.Errorf("%w: %q: expected input:NAME", ErrSpec, s)
		}
		p.Path, p.Input = name, true
	} else if _, err := parsePath(path); err != nil {
		return Param{}, err
	}
	if strings.HasSuffix(rng, "i") {
		p.Integer, rng = true, strings.TrimSuffix(rng, "i")
	}
	num := func(f string) (float64, error) {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("%w: %s: %q is not a finite number", ErrSpec, path, f)
		}
		return v, nil
	}
	// A list, or one value alone (a sweep of one point at a chosen value).
	if _, one := strconv.ParseFloat(strings.TrimSpace(rng), 64); strings.Contains(rng, ",") || one == nil {
		for _, f := range strings.Split(rng, ",") {
			v, err := num(f)
			if err != nil {
				return Param{}, err
			}
			p.Values = append(p.Values, p.round(v))
		}
		p.Lo, p.Hi = minmax(p.Values)
		return p, nil
	}
	f := strings.Split(rng, ":")
	if len(f) < 2 || len(f) > 3 {
		return Param{}, fmt.Errorf("%w: %s: range %q: expected V1,V2,... (or one value), LO:HI or LO:HI:STEP", ErrSpec, path, rng)
	}
	var err error
	if p.Lo, err = num(f[0]); err != nil {
		return Param{}, err
	}
	if p.Hi, err = num(f[1]); err != nil {
		return Param{}, err
	}
	if p.Hi < p.Lo {
		return Param{}, fmt.Errorf("%w: %s: HI %g below LO %g", ErrSpec, path, p.Hi, p.Lo)
	}
	if len(f) == 3 {
		if p.Step, err = num(f[2]); err != nil {
			return Param{}, err
		}
		if p.Step <= 0 {
			return Param{}, fmt.Errorf("%w: %s: STEP %g must be positive", ErrSpec, path, p.Step)
		}
		// Levels allocates every value of the range: refuse a step that
		// would make more of them than a design may have points.
		if (p.Hi-p.Lo)/p.Step >= MaxPoints {
			return Param{}, fmt.Errorf("%w: %s: range %g:%g by STEP %g has more than %d values", ErrSpec, path, p.Lo, p.Hi, p.Step, MaxPoints)
		}
	}
	return p, nil
}

// cutOutside splits s at its first "=" outside brackets ([id=uk] is part
// of the path).
func cutOutside(s string) (before, after string, ok bool) {
	depth := 0
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case '=':
			if depth == 0 {
				return s[:i], s[i+1:], true
			}
		}
	}
	return s, "", false
}

func minmax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}

// round makes v whole for an integer parameter, and otherwise drops the
// binary noise of lo + i*step (1.7000000000000002 becomes 1.7) so that
// values print as the user wrote the range.
func (p Param) round(v float64) float64 {
	if p.Integer {
		return math.Round(v)
	}
	c, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return c
}

// Levels returns the grid values: the explicit values, LO to HI by STEP,
// or n evenly spaced values when no step is given.
func (p Param) Levels(n int) []float64 {
	if len(p.Values) > 0 {
		return p.Values
	}
	if p.Step > 0 {
		k := int(math.Floor((p.Hi-p.Lo)/p.Step + 1e-9))
		out := make([]float64, 0, k+1)
		for i := 0; i <= k; i++ {
			out = append(out, p.round(p.Lo+float64(i)*p.Step))
		}
		return out
	}
	if n <= 1 || p.Hi == p.Lo {
		return []float64{p.round((p.Lo + p.Hi) / 2)}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = p.round(p.Lo + (p.Hi-p.Lo)*float64(i)/float64(n-1))
	}
	return out
}

// At maps u in [0, 1) to the parameter's range (for LHS and Sobol
// designs); with explicit values or a step it picks one of the levels.
func (p Param) At(u float64) float64 {
	if len(p.Values) > 0 || p.Step > 0 {
		l := p.Levels(0)
		return l[min(int(u*float64(len(l))), len(l)-1)]
	}
	return p.round(p.Lo + (p.Hi-p.Lo)*u)
}

// step is one element of a path: a map key, a list index, or a list
// selector [field=value].
type step struct {
	key          string
	index        int // -1 unless an index
	field, value string
}

// parsePath reads a.b[0].c[id=uk].d .
func parsePath(s string) ([]step, error) {
	var out []step
	bad := func(why string) error { return fmt.Errorf("%w: path %q: %s", ErrSpec, s, why) }
	for _, part := range strings.Split(s, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key == "" && len(out) == 0 {
			return nil, bad("empty key")
		}
		if key != "" {
			out = append(out, step{key: key, index: -1})
		} else if rest == "" {
			return nil, bad("empty key")
		}
		for rest != "" {
			in, after, ok := strings.Cut(rest, "]")
			if !ok {
				return nil, bad("unclosed [")
			}
			if f, v, sel := strings.Cut(in, "="); sel {
				if f == "" || v == "" {
					return nil, bad("selector [" + in + "]: expected [field=value]")
				}
				out = append(out, step{index: -1, field: f, value: v})
			} else {
				i, err := strconv.Atoi(in)
				if err != nil || i < 0 {
					return nil, bad("[" + in + "]: expected an index >= 0 or [field=value]")
				}
				out = append(out, step{index: i})
			}
			if after == "" {
				break
			}
			if after[0] != '[' {
				return nil, bad("expected . or [ after ]")
			}
			rest = after[1:]
		}
	}
	return out, nil
}

// set writes v at path in a YAML tree decoded into maps and slices. A
// quantity given as a distribution (a map) becomes a point value with a
// source naming the sweep; missing mapping keys are created (the loader
// then rejects any that the scenario format does not know).
func set(tree any, path []step, v float64, src string) error {
	cur := tree
	for i, st := range path {
		last := i == len(path)-1
		switch {
		case st.key != "":
			m, ok := cur.(map[string]any)
			if !ok {
				return fmt.Errorf("%q is not inside a mapping", st.key)
			}
			if last {
				if _, isMap := m[st.key].(map[string]any); isMap {
					m[st.key] = map[string]any{"value": v, "source": src}
				} else {
					m[st.key] = v
				}
				return nil
			}
			next, ok := m[st.key]
			if !ok && path[i+1].key != "" { // a missing section of a mapping is created
				next = map[string]any{}
				m[st.key] = next
			} else if !ok {
				return fmt.Errorf("no key %q", st.key)
			}
			cur = next
		default:
			l, ok := cur.([]any)
			if !ok {
				return fmt.Errorf("element %d: not a list", i)
			}
			j := st.index
			if st.field != "" {
				j = -1
				for k, e := range l {
					if m, ok := e.(map[string]any); ok && fmt.Sprint(m[st.field]) == st.value {
						j = k
						break
					}
				}
				if j < 0 {
					return fmt.Errorf("no list element with %s=%s", st.field, st.value)
				}
			}
			if j >= len(l) {
				return fmt.Errorf("index %d out of range (the list has %d elements)", j, len(l))
			}
			if last {
				if st.field != "" {
					return fmt.Errorf("[%s=%s] selects a whole element: name the number inside it", st.field, st.value)
				}
				l[j] = v
				return nil
			}
			cur = l[j]
		}
	}
	return nil
}
