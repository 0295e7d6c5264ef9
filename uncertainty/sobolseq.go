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

// joeKuo lists, for dimensions 2..101 of the published file, the degree s of
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
	// Dimensions 33-101 of the same file, so that a Saltelli design (2k
	// coordinates) stays quasi-random up to k = 50 inputs.
	{7, 50, []uint32{1, 3, 1, 3, 5, 53, 69}},               // dimension 33
	{7, 55, []uint32{1, 1, 5, 5, 23, 33, 13}},              // dimension 34
	{7, 56, []uint32{1, 1, 7, 7, 1, 61, 123}},              // dimension 35
	{7, 59, []uint32{1, 1, 7, 9, 13, 61, 49}},              // dimension 36
	{7, 62, []uint32{1, 3, 3, 5, 3, 55, 33}},               // dimension 37
	{8, 14, []uint32{1, 3, 1, 15, 31, 13, 49, 245}},        // dimension 38
	{8, 21, []uint32{1, 3, 5, 15, 31, 59, 63, 97}},         // dimension 39
	{8, 22, []uint32{1, 3, 1, 11, 11, 11, 77, 249}},        // dimension 40
	{8, 38, []uint32{1, 3, 1, 11, 27, 43, 71, 9}},          // dimension 41
	{8, 47, []uint32{1, 1, 7, 15, 21, 11, 81, 45}},         // dimension 42
	{8, 49, []uint32{1, 3, 7, 3, 25, 31, 65, 79}},          // dimension 43
	{8, 50, []uint32{1, 3, 1, 1, 19, 11, 3, 205}},          // dimension 44
	{8, 52, []uint32{1, 1, 5, 9, 19, 21, 29, 157}},         // dimension 45
	{8, 56, []uint32{1, 3, 7, 11, 1, 33, 89, 185}},         // dimension 46
	{8, 67, []uint32{1, 3, 3, 3, 15, 9, 79, 71}},           // dimension 47
	{8, 70, []uint32{1, 3, 7, 11, 15, 39, 119, 27}},        // dimension 48
	{8, 84, []uint32{1, 1, 3, 1, 11, 31, 97, 225}},         // dimension 49
	{8, 97, []uint32{1, 1, 1, 3, 23, 43, 57, 177}},         // dimension 50
	{8, 103, []uint32{1, 3, 7, 7, 17, 17, 37, 71}},         // dimension 51
	{8, 115, []uint32{1, 3, 1, 5, 27, 63, 123, 213}},       // dimension 52
	{8, 122, []uint32{1, 1, 3, 5, 11, 43, 53, 133}},        // dimension 53
	{9, 8, []uint32{1, 3, 5, 5, 29, 17, 47, 173, 479}},     // dimension 54
	{9, 13, []uint32{1, 3, 3, 11, 3, 1, 109, 9, 69}},       // dimension 55
	{9, 16, []uint32{1, 1, 1, 5, 17, 39, 23, 5, 343}},      // dimension 56
	{9, 22, []uint32{1, 3, 1, 5, 25, 15, 31, 103, 499}},    // dimension 57
	{9, 25, []uint32{1, 1, 1, 11, 11, 17, 63, 105, 183}},   // dimension 58
	{9, 44, []uint32{1, 1, 5, 11, 9, 29, 97, 231, 363}},    // dimension 59
	{9, 47, []uint32{1, 1, 5, 15, 19, 45, 41, 7, 383}},     // dimension 60
	{9, 52, []uint32{1, 3, 7, 7, 31, 19, 83, 137, 221}},    // dimension 61
	{9, 55, []uint32{1, 1, 1, 3, 23, 15, 111, 223, 83}},    // dimension 62
	{9, 59, []uint32{1, 1, 5, 13, 31, 15, 55, 25, 161}},    // dimension 63
	{9, 62, []uint32{1, 1, 3, 13, 25, 47, 39, 87, 257}},    // dimension 64
	{9, 67, []uint32{1, 1, 1, 11, 21, 53, 125, 249, 293}},  // dimension 65
	{9, 74, []uint32{1, 1, 7, 11, 11, 7, 57, 79, 323}},     // dimension 66
	{9, 81, []uint32{1, 1, 5, 5, 17, 13, 81, 3, 131}},      // dimension 67
	{9, 82, []uint32{1, 1, 7, 13, 23, 7, 65, 251, 475}},    // dimension 68
	{9, 87, []uint32{1, 3, 5, 1, 9, 43, 3, 149, 11}},       // dimension 69
	{9, 91, []uint32{1, 1, 3, 13, 31, 13, 13, 255, 487}},   // dimension 70
	{9, 94, []uint32{1, 3, 3, 1, 5, 63, 89, 91, 127}},      // dimension 71
	{9, 103, []uint32{1, 1, 3, 3, 1, 19, 123, 127, 237}},   // dimension 72
	{9, 104, []uint32{1, 1, 5, 7, 23, 31, 37, 243, 289}},   // dimension 73
	{9, 109, []uint32{1, 1, 5, 11, 17, 53, 117, 183, 491}}, // dimension 74
	{9, 122, []uint32{1, 1, 1, 5, 1, 13, 13, 209, 345}},    // dimension 75
	{9, 124, []uint32{1, 1, 3, 15, 1, 57, 115, 7, 33}},     // dimension 76
	{9, 137, []uint32{1, 3, 1, 11, 7, 43, 81, 207, 175}},   // dimension 77
	{9, 138, []uint32{1, 3, 1, 1, 15, 27, 63, 255, 49}},    // dimension 78
	{9, 143, []uint32{1, 3, 5, 3, 27, 61, 105, 171, 305}},  // dimension 79
	{9, 145, []uint32{1, 1, 5, 3, 1, 3, 57, 249, 149}},     // dimension 80
	{9, 152, []uint32{1, 1, 3, 5, 5, 57, 15, 13, 159}},     // dimension 81
	{9, 157, []uint32{1, 1, 1, 11, 7, 11, 105, 141, 225}},  // dimension 82
	{9, 167, []uint32{1, 3, 3, 5, 27, 59, 121, 101, 271}},  // dimension 83
	{9, 173, []uint32{1, 3, 5, 9, 11, 49, 51, 59, 115}},    // dimension 84
	{9, 176, []uint32{1, 1, 7, 1, 23, 45, 125, 71, 419}},   // dimension 85
	{9, 181, []uint32{1, 1, 3, 5, 23, 5, 105, 109, 75}},    // dimension 86
	{9, 182, []uint32{1, 1, 7, 15, 7, 11, 67, 121, 453}},   // dimension 87
	{9, 185, []uint32{1, 3, 7, 3, 9, 13, 31, 27, 449}},     // dimension 88
	{9, 191, []uint32{1, 3, 1, 15, 19, 39, 39, 89, 15}},    // dimension 89
	{9, 194, []uint32{1, 1, 1, 1, 1, 33, 73, 145, 379}},    // dimension 90
	{9, 199, []uint32{1, 3, 1, 15, 15, 43, 29, 13, 483}},   // dimension 91
	{9, 218, []uint32{1, 1, 7, 3, 19, 27, 85, 131, 431}},   // dimension 92
	{9, 220, []uint32{1, 3, 3, 3, 5, 35, 23, 195, 349}},    // dimension 93
	{9, 227, []uint32{1, 3, 3, 7, 9, 27, 39, 59, 297}},     // dimension 94
	{9, 229, []uint32{1, 1, 3, 9, 11, 17, 13, 241, 157}},   // dimension 95
	{9, 230, []uint32{1, 3, 7, 15, 25, 57, 33, 189, 213}},  // dimension 96
	{9, 234, []uint32{1, 1, 7, 1, 9, 55, 73, 83, 217}},     // dimension 97
	{9, 236, []uint32{1, 3, 3, 13, 19, 27, 23, 113, 249}},  // dimension 98
	{9, 241, []uint32{1, 3, 5, 3, 23, 43, 3, 253, 479}},    // dimension 99
	{9, 244, []uint32{1, 1, 5, 5, 11, 5, 45, 117, 217}},    // dimension 100
	{9, 253, []uint32{1, 3, 3, 7, 29, 37, 33, 123, 147}},   // dimension 101
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
