package capability

import "math"

// ContestSuccess is the ratio-form contest success function (Tullock 1980,
// "Efficient Rent Seeking"; Hirshleifer 1989, "Conflict and rent-seeking
// success functions"): P(A prevails) = ma^g / (ma^g + mb^g). g = 1 is the
// common CINC-share convention; g -> infinity makes the stronger side win
// for sure; g = 0 is a coin toss. Computed as a logistic in g*ln(ma/mb) so
// that large g or lopsided ratios do not overflow. Capabilities must be
// non-negative; a side with zero capability loses to any positive one.
func ContestSuccess(ma, mb, g float64) float64 {
	switch {
	case ma <= 0 && mb <= 0:
		return 0.5
	case ma <= 0:
		return 0
	case mb <= 0:
		return 1
	}
	return logistic(g * math.Log(ma/mb))
}

func logistic(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}
