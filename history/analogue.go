package history

import (
	"math"
	"sort"

	"github.com/guarantor/guarantor/assess"
)

// Analogue is a historical case near an option.
type Analogue struct {
	Name, File string
	Year       int
	Outcome    int
	Ongoing    bool // still holding
	Distance   float64
}

// Nearest returns the k cases nearest to p (Euclidean distance over the
// features), skipping a case with p's own file.
func Nearest(p assess.Profile, cases []assess.Profile, k int) []Analogue {
	var out []Analogue
	for _, c := range cases {
		if c.File != "" && c.File == p.File {
			continue
		}
		d := 0.0
		for i := range p.F {
			d += (p.F[i] - c.F[i]) * (p.F[i] - c.F[i])
		}
		out = append(out, Analogue{Name: c.Name, File: c.File, Year: c.Year, Outcome: c.Outcome, Ongoing: c.Ongoing, Distance: math.Sqrt(d)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Distance < out[j].Distance })
	return out[:min(k, len(out))]
}
