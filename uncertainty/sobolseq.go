package uncertainty

import (
	"fmt"
	"math/bits"
)

// Sobol sequence in base 2 with the direction numbers of
// S. Joe and F. Y. Kuo (2008), "Constructing Sobol sequences with better
// two-dimensional projections", SIAM J. Sci. Comput. 30(5):2635-2654 (the
// "new-joe-kuo-6.21201" set), generated in Gray-code order as in
// Antonov and Saleev (1979) and Bratley and Fox (1988), ACM TOMS Algorithm 659.
//
// Point i (from 0) is x_i = x_{i-1} XOR v_c where c is the index of the
// lowest zero bit of i-1; the first point is the origin.

// joeKuo lists, for dimensions 2..33 of the published file, the degree s of
// the primitive polynomial, its interior coefficients a (bit-packed), and the
// initial direction numbers m_1..m_s. Dimension 1 is the van der Corput
// sequence (all m = 1).
var joeKuo = [...]struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},
}

// MaxSobolDim is the largest dimension NewSobol supports.
const MaxSobolDim = len(joeKuo) + 1

// sobolBits is the precision of each coordinate; 2^32 points at most.
const sobolBits = 32

// Sobol generates successive points of the Sobol sequence. It is not safe
// for concurrent use; use Skip to give each worker its own range.
type Sobol struct {
	v     [][sobolBits]uint32 // direction numbers, left-aligned
	x     []uint32            // current point, scaled by 2^32
	index uint64              // index of the next point
}

// NewSobol returns a generator for dim dimensions (1..MaxSobolDim).
func NewSobol(dim int) (*Sobol, error) {
	if dim < 1 || dim > MaxSobolDim {
		return nil, fmt.Errorf("uncertainty: Sobol dimension %d outside 1..%d", dim, MaxSobolDim)
	}
	s := &Sobol{v: make([][sobolBits]uint32, dim), x: make([]uint32, dim)}
	for i := range sobolBits {
		s.v[0][i] = 1 << (sobolBits - 1 - i)
	}
	for j := 1; j < dim; j++ {
		p := joeKuo[j-1]
		v := &s.v[j]
		for i := uint32(0); i < p.s && i < sobolBits; i++ {
			v[i] = p.m[i] << (sobolBits - 1 - i)
		}
		// Recurrence of Bratley and Fox: v_i = a_1 v_{i-1} ^ ... ^ a_{s-1} v_{i-s+1} ^ v_{i-s} ^ (v_{i-s} >> s).
		for i := p.s; i < sobolBits; i++ {
			v[i] = v[i-p.s] ^ (v[i-p.s] >> p.s)
			for k := uint32(1); k < p.s; k++ {
				if (p.a>>(p.s-1-k))&1 == 1 {
					v[i] ^= v[i-k]
				}
			}
		}
	}
	return s, nil
}

// Dim returns the number of coordinates per point.
func (s *Sobol) Dim() int { return len(s.x) }

// Next writes the next point into dst (len(dst) >= Dim()) with coordinates
// in [0, 1). The first call returns the origin. After 2^32 points the
// sequence repeats its last point (the precision is exhausted).
func (s *Sobol) Next(dst []float64) {
	for j, xj := range s.x {
		dst[j] = float64(xj) / (1 << sobolBits)
	}
	if c := bits.TrailingZeros64(^s.index); c < sobolBits {
		for j := range s.x {
			s.x[j] ^= s.v[j][c]
		}
	}
	s.index++
}

// Skip positions the generator so that the next call to Next returns point
// n: x_n is the XOR of the direction numbers selected by the Gray code of n,
// so no stepping is needed.
func (s *Sobol) Skip(n uint64) {
	g := n ^ (n >> 1)
	for j := range s.x {
		var x uint32
		for b := 0; b < sobolBits; b++ {
			if (g>>b)&1 == 1 {
				x ^= s.v[j][b]
			}
		}
		s.x[j] = x
	}
	s.index = n
}
