package evidence

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Column is one column of a Table: numeric (Num, NaN = missing) when every
// non-empty cell parses as a number, text (Str) otherwise.
type Column struct {
	Name string
	Num  []float64
	Str  []string
}

// IsNumeric reports whether the column holds numbers.
func (c *Column) IsNumeric() bool { return c.Num != nil || c.Str == nil }

// Text returns cell i as text ("" when missing).
func (c *Column) Text(i int) string {
	if c.Str != nil {
		return c.Str[i]
	}
	v := c.Num[i]
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Table is a parsed CSV table stored by column.
type Table struct {
	Name string
	Cols []Column
	Rows int
	idx  map[string]int
}

// Col returns the column called name.
func (t *Table) Col(name string) (*Column, bool) {
	i, ok := t.idx[name]
	if !ok {
		return nil, false
	}
	return &t.Cols[i], true
}

// Num returns the numeric column called name, or an error naming the table.
func (t *Table) Num(name string) ([]float64, error) {
	c, ok := t.Col(name)
	if !ok {
		return nil, fmt.Errorf("%s: no column %q", t.Name, name)
	}
	if c.Str != nil {
		return nil, fmt.Errorf("%s: column %q is not numeric", t.Name, name)
	}
	return c.Num, nil
}

// Header returns the column names in order.
func (t *Table) Header() []string {
	out := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		out[i] = c.Name
	}
	return out
}

// missing lists the cell texts read as a missing value ("NA" is R's).
func missing(s string) bool { return s == "" || s == "NA" }

// ParseCSV reads a CSV table with a header row. Errors name the source,
// line and column. A column is numeric when all its present cells parse as
// float64; missing cells ("" or "NA") become NaN there.
func ParseCSV(r io.Reader, name string) (*Table, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:1:1: expected a header row, found an empty file", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	t := &Table{Name: name, idx: make(map[string]int, len(header))}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, fmt.Errorf("%s:1:%d: expected a column name, found an empty header cell", name, i+1)
		}
		if _, dup := t.idx[h]; dup {
			return nil, fmt.Errorf("%s:1:%d: duplicate column name %q", name, i+1, h)
		}
		t.idx[h] = i
		t.Cols = append(t.Cols, Column{Name: h})
	}
	raw := make([][]string, len(header))
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		for i, v := range rec {
			raw[i] = append(raw[i], v)
		}
		t.Rows++
	}
	for i := range t.Cols {
		t.Cols[i].Num, t.Cols[i].Str = typed(raw[i])
	}
	return t, nil
}

// typed converts a column's cells to numbers when all present ones are.
func typed(cells []string) ([]float64, []string) {
	num := make([]float64, len(cells))
	for i, s := range cells {
		if missing(s) {
			num[i] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, cells
		}
		num[i] = v
	}
	return num, nil
}

// csvError rewrites encoding/csv errors as name:line:column: message.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}
