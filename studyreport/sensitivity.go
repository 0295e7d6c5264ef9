package studyreport

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/sensitivity"
)

// Sensitivity is one option's sensitivity study, as rendered.
type Sensitivity struct {
	Option, File string
	InputHash    string // the scenario's canonical input hash (pipeline)
	Version      string
	Seed         uint64
	Groups       string // the grouping asked for
	// Inputs lists every input analysed with its distribution, source and
	// group.
	Inputs []SensitivityInput
	Sobol  *sensitivity.Result
	// Swings are the one-at-a-time swings (5th to 95th percentile) for the
	// tornado chart, with SwingRows rows each.
	Swings    []sensitivity.Swing
	SwingRows int
	Seconds   float64 `json:"-"` // wall time, left out of JSON so outputs compare byte for byte
}

// order returns factor indices by falling total index of output o (ties
// by name, so the order is stable).
func (s *Sensitivity) order(o int) []int {
	f := s.Sobol.Factors
	idx := make([]int, len(f))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ta, tb := f[idx[a]].Total[o].Value, f[idx[b]].Total[o].Value
		if ta != tb {
			return ta > tb
		}
		return f[idx[a]].Name < f[idx[b]].Name
	})
	return idx
}

// SensitivityText writes one table per output, factors by falling total
// index.
func SensitivityText(w io.Writer, s *Sensitivity) error {
	r := s.Sobol
	design := "quasi-random (Sobol sequence, random digital shift)"
	if !r.QuasiRandom {
		design = "pseudo-random"
	}
	fmt.Fprintf(w, "Sensitivity of %s (%s)\n", s.Option, s.File)
	fmt.Fprintf(w, "Sobol indices: N = %d base rows, %s design, %d engine runs, seed %d", r.N, design, r.Evals, s.Seed)
	if r.Bootstrap > 0 {
		fmt.Fprintf(w, ", %.0f%% bootstrap intervals (%d replicates)", 100*r.Level, r.Bootstrap)
	}
	fmt.Fprintln(w)
	for o, name := range r.Outputs {
		fmt.Fprintf(w, "\n%s: mean %.3f, sd %.3f over the inputs' distribution\n", name, r.Mean[o], math.Sqrt(r.Variance[o]))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		iv := ""
		if r.Bootstrap > 0 {
			iv = fmt.Sprintf("%.0f%% INTERVAL", 100*r.Level)
		}
		fmt.Fprintf(tw, "  FACTOR\tFIRST-ORDER\t%s\tTOTAL\t%s\n", iv, iv)
		for _, i := range s.order(o) {
			f := r.Factors[i]
			name := f.Name
			if len(f.Inputs) > 1 {
				name = fmt.Sprintf("%s (%d inputs)", f.Name, len(f.Inputs))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", name, num(f.First[o].Value), ival(f.First[o], r.Bootstrap), num(f.Total[o].Value), ival(f.Total[o], r.Bootstrap))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		sum := 0.0
		for _, f := range r.Factors {
			sum += f.First[o].Value
		}
		fmt.Fprintf(w, "  sum of first-order indices %.2f (1 - sum: the share of variance from interactions)\n", sum)
	}
	fmt.Fprintln(w, "\nFIRST-ORDER: share of the output's variance the factor explains alone; TOTAL: with all its interactions.")
	fmt.Fprintln(w, "A total index near 0 means the factor could be fixed anywhere in its range without changing the answer.")
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

func ival(x sensitivity.Index, boot int) string {
	if boot == 0 {
		return ""
	}
	return fmt.Sprintf("[%s, %s]", num(x.Lo), num(x.Hi))
}

// SensitivityJSON writes the study's contract document as indented JSON.
func SensitivityJSON(w io.Writer, s *Sensitivity) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(s.Doc())
}

// SensitivityCSV writes one row per output and factor.
func SensitivityCSV(w io.Writer, s *Sensitivity) error {
	return SensitivityCSVAll(w, []*Sensitivity{s})
}

// SensitivityCSVAll writes several studies as one tidy table (one header,
// one row per option, answer and factor), so that a run over several
// files loads as one data frame. Numbers are in full precision; inputs
// joins a group's inputs with ";"; swing_lo and swing_hi are empty when
// swings are off.
func SensitivityCSVAll(w io.Writer, ss []*Sensitivity) error {
	c := csv.NewWriter(w)
	c.Write([]string{"option", "output", "factor", "inputs", "first", "first_lo", "first_hi", "total", "total_lo", "total_hi", "swing_lo", "swing_hi"})
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, s := range ss {
		for o, out := range s.Sobol.Outputs {
			for i, fc := range s.Sobol.Factors {
				lo, hi := "", ""
				if i < len(s.Swings) {
					lo, hi = f(s.Swings[i].AtLo[o]), f(s.Swings[i].AtHi[o])
				}
				c.Write([]string{s.Option, out, fc.Name, strings.Join(fc.Inputs, ";"),
					f(fc.First[o].Value), f(fc.First[o].Lo), f(fc.First[o].Hi),
					f(fc.Total[o].Value), f(fc.Total[o].Lo), f(fc.Total[o].Hi), lo, hi})
			}
		}
	}
	c.Flush()
	return c.Error()
}
