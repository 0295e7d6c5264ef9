package game

import "math/big"

// MixedProfile is a mixed-strategy profile of a strategic-form game:
// [player][strategy] probabilities, players 0-based.
type MixedProfile [][]*big.Rat

// BehaviorProfile is a behaviour-strategy profile of a tree:
// [player][infoset ordinal][action] probabilities, players 0-based and a
// player's infosets in Tree.PlayerInfosets order (Gambit's layout). A row of
// nil or all zeros marks an infoset the profile leaves unspecified (Gambit's
// convention for infosets a player's own choices make unreachable).
type BehaviorProfile [][][]*big.Rat

// Float returns a float64 copy.
func (m MixedProfile) Float() [][]float64 {
	out := make([][]float64, len(m))
	for p := range m {
		out[p] = make([]float64, len(m[p]))
		for s, v := range m[p] {
			out[p][s] = ratFloat(v)
		}
	}
	return out
}

// Float returns a float64 copy (nil rows stay nil).
func (b BehaviorProfile) Float() [][][]float64 {
	out := make([][][]float64, len(b))
	for p := range b {
		out[p] = make([][]float64, len(b[p]))
		for i, row := range b[p] {
			if row == nil {
				continue
			}
			out[p][i] = make([]float64, len(row))
			for a, v := range row {
				out[p][i][a] = ratFloat(v)
			}
		}
	}
	return out
}
