package sweep

import (
	"fmt"

	"github.com/guarantor/guarantor/uncertainty"
)

// Designs.
const (
	Grid           = "grid"
	LatinHypercube = "lhs"
	Sobol          = "sobol"
)

// MaxPoints bounds a design's size (the points travel in the study spec).
const MaxPoints = 10_000_000

// Points builds the design: for a grid, every combination of the
// parameters' levels (levels values each when a parameter has no step or
// list), the last parameter varying fastest; for lhs and sobol, n points.
// Random designs depend only on the seed.
func Points(design string, params []Param, n, levels int, seed uint64) ([][]float64, error) {
	if len(params) == 0 {
		return nil, fmt.Errorf("%w: no parameter to vary", ErrSpec)
	}
	switch design {
	case Grid:
		if levels < 1 || levels > MaxPoints {
			return nil, fmt.Errorf("%w: %d levels (expected 1 to %d)", ErrSpec, levels, MaxPoints)
		}
		total := 1
		lv := make([][]float64, len(params))
		for i, p := range params {
			lv[i] = p.Levels(levels)
			total *= len(lv[i])
			if total > MaxPoints {
				return nil, fmt.Errorf("%w: the grid has more than %d points", ErrSpec, MaxPoints)
			}
		}
		out := make([][]float64, total)
		for j := range out {
			pt, r := make([]float64, len(params)), j
			for i := len(params) - 1; i >= 0; i-- {
				pt[i] = lv[i][r%len(lv[i])]
				r /= len(lv[i])
			}
			out[j] = pt
		}
		return out, nil
	case LatinHypercube, Sobol:
		if n < 1 || n > MaxPoints {
			return nil, fmt.Errorf("%w: %s design: %d points (expected 1 to %d)", ErrSpec, design, n, MaxPoints)
		}
	default:
		return nil, fmt.Errorf("%w: design %q: expected grid, lhs or sobol", ErrSpec, design)
	}
	rng := uncertainty.NewRand(seed)
	out := make([][]float64, n)
	for j := range out {
		out[j] = make([]float64, len(params))
	}
	if design == LatinHypercube {
		// McKay, Beckman and Conover (1979): each parameter's range cut
		// into n equal strata, one point per stratum, strata paired at
		// random across parameters.
		for i, p := range params {
			perm := rng.Perm(n)
			for j := range out {
				out[j][i] = p.At((float64(perm[j]) + rng.Float64()) / float64(n))
			}
		}
		return out, nil
	}
	if len(params) > uncertainty.MaxSobolDim {
		return nil, fmt.Errorf("%w: a Sobol design takes at most %d parameters", ErrSpec, uncertainty.MaxSobolDim)
	}
	s, _ := uncertainty.NewSobol(len(params))
	shift := make([]uint32, len(params))
	for i := range shift {
		shift[i] = rng.Uint32()
	}
	u := make([]float64, len(params))
	for j := range out {
		s.Next(u)
		for i, p := range params {
			x := uint32(u[i]*(1<<32)) ^ shift[i]
			out[j][i] = p.At((float64(x) + 0.5) / (1 << 32))
		}
	}
	return out, nil
}
