package evidence

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Cond is one row condition of `data show --where`, e.g. ccode=365,
// year>=2010 or stateabb=RUS.
type Cond struct {
	Col string
	Op  string // one of = != < <= > >=
	Val string
}

var ops = []string{"!=", "<=", ">=", "=", "<", ">"} // two-character operators first

// ParseWhere parses COLUMN OP VALUE with OP one of = != < <= > >=.
func ParseWhere(s string) (Cond, error) {
	for _, op := range ops {
		if i := strings.Index(s, op); i >= 0 {
			c := Cond{Col: strings.TrimSpace(s[:i]), Op: op, Val: strings.TrimSpace(s[i+len(op):])}
			if c.Col == "" {
				return Cond{}, fmt.Errorf("where %q: expected a column name before %q", s, op)
			}
			if c.Val == "" {
				return Cond{}, fmt.Errorf("where %q: expected a value after %q", s, op)
			}
			if strings.ContainsAny(c.Col, "=<>!") || strings.ContainsAny(c.Val[:1], "=<>!") {
				return Cond{}, fmt.Errorf("where %q: expected one operator, found more near %q", s, c.Col+c.Op+c.Val)
			}
			return c, nil
		}
	}
	return Cond{}, fmt.Errorf("where %q: expected COLUMN=VALUE (operators = != < <= > >=)", s)
}

// Years is an inclusive year range; From or To may be open (0 with the
// matching Open flag).
type Years struct {
	From, To         int
	OpenFrom, OpenTo bool
}

// ParseYears parses "2014", "2010:2022", "2010:" or ":1945".
func ParseYears(s string) (Years, error) {
	s = strings.TrimSpace(s)
	lo, hi, isRange := strings.Cut(s, ":")
	if !isRange {
		hi = lo
	}
	var y Years
	var err error
	if y.From, y.OpenFrom, err = yearBound(lo, isRange); err != nil {
		return Years{}, fmt.Errorf("years %q: start: %w", s, err)
	}
	if y.To, y.OpenTo, err = yearBound(hi, isRange); err != nil {
		return Years{}, fmt.Errorf("years %q: end: %w", s, err)
	}
	if y.OpenFrom && y.OpenTo {
		return Years{}, fmt.Errorf("years %q: expected YEAR, FROM:TO, FROM: or :TO", s)
	}
	if !y.OpenFrom && !y.OpenTo && y.From > y.To {
		return Years{}, fmt.Errorf("years %q: start %d is after end %d", s, y.From, y.To)
	}
	return y, nil
}

func yearBound(s string, mayBeOpen bool) (int, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" && mayBeOpen {
		return 0, true, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < -9999 || v > 9999 {
		return 0, false, fmt.Errorf("expected a year (integer), found %q", s)
	}
	return v, false, nil
}

// Contains reports whether year y is in the range.
func (r Years) Contains(y float64) bool {
	return (r.OpenFrom || y >= float64(r.From)) && (r.OpenTo || y <= float64(r.To))
}

// overlaps reports whether the spell [a, b] meets the range.
func (r Years) overlaps(a, b float64) bool {
	return (r.OpenTo || a <= float64(r.To)) && (r.OpenFrom || b >= float64(r.From))
}

// Select returns the indexes of the rows that satisfy every condition and,
// when years is non-nil, fall in the years: on the "year" column, or for
// spell tables on [styear|start, endyear|end] overlapping the range. A
// non-numeric value for a column whose name starts with "ccode" is looked
// up as a country (name or abbreviation).
func (t *Table) Select(conds []Cond, years *Years) ([]int, error) {
	preds := make([]func(int) bool, 0, len(conds)+1)
	for _, c := range conds {
		p, err := t.pred(c)
		if err != nil {
			return nil, err
		}
		preds = append(preds, p)
	}
	if years != nil {
		p, err := t.yearPred(*years)
		if err != nil {
			return nil, err
		}
		preds = append(preds, p)
	}
	var out []int
	for i := 0; i < t.Rows; i++ {
		ok := true
		for _, p := range preds {
			if !p(i) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out, nil
}

func (t *Table) pred(c Cond) (func(int) bool, error) {
	col, ok := t.Col(c.Col)
	if !ok {
		return nil, fmt.Errorf("where %s%s%s: %s has no column %q (columns: %s)", c.Col, c.Op, c.Val, t.Name, c.Col, strings.Join(t.Header(), ", "))
	}
	if col.Str != nil {
		return textPred(col.Str, c)
	}
	v, err := strconv.ParseFloat(c.Val, 64)
	if err != nil && strings.HasPrefix(c.Col, "ccode") {
		country, lerr := LookupCountry(c.Val)
		if lerr != nil {
			return nil, fmt.Errorf("where %s%s%s: %w", c.Col, c.Op, c.Val, lerr)
		}
		v, err = float64(country.CCode), nil
	}
	if err != nil || math.IsNaN(v) {
		return nil, fmt.Errorf("where %s%s%s: column %q is numeric, expected a number, found %q", c.Col, c.Op, c.Val, c.Col, c.Val)
	}
	num := col.Num
	cmp := map[string]func(a float64) bool{
		"=": func(a float64) bool { return a == v }, "!=": func(a float64) bool { return a != v },
		"<": func(a float64) bool { return a < v }, "<=": func(a float64) bool { return a <= v },
		">": func(a float64) bool { return a > v }, ">=": func(a float64) bool { return a >= v },
	}[c.Op]
	return func(i int) bool { return !math.IsNaN(num[i]) && cmp(num[i]) }, nil
}

func textPred(str []string, c Cond) (func(int) bool, error) {
	switch c.Op {
	case "=":
		return func(i int) bool { return strings.EqualFold(str[i], c.Val) }, nil
	case "!=":
		return func(i int) bool { return !strings.EqualFold(str[i], c.Val) }, nil
	}
	return nil, fmt.Errorf("where %s%s%s: column %q holds text; only = and != apply", c.Col, c.Op, c.Val, c.Col)
}

func (t *Table) yearPred(y Years) (func(int) bool, error) {
	if yc, err := t.Num("year"); err == nil {
		return func(i int) bool { return !math.IsNaN(yc[i]) && y.Contains(yc[i]) }, nil
	}
	for _, pair := range [][2]string{{"styear", "endyear"}, {"start", "end"}} {
		a, errA := t.Num(pair[0])
		b, errB := t.Num(pair[1])
		if errA == nil && errB == nil {
			return func(i int) bool {
				end := b[i]
				if math.IsNaN(end) {
					end = math.Inf(1) // an open spell is still running
				}
				return !math.IsNaN(a[i]) && y.overlaps(a[i], end)
			}, nil
		}
	}
	return nil, fmt.Errorf("--years: %s has no year column (columns: %s)", t.Name, strings.Join(t.Header(), ", "))
}
