package gambit

import (
	"math/big"
	"strings"

	"github.com/guarantor/guarantor/game"
)

// FormatProb prints a probability as Gambit's command-line tools do:
// exact values as integers or a/b, inexact ones with six decimals; nil
// prints as 0.
func FormatProb(v *big.Rat, exact bool) string {
	if v == nil {
		return "0"
	}
	if exact {
		return game.RatString(v)
	}
	return v.FloatString(6)
}

// MixedLine renders a strategic-form profile as Gambit's -q output line:
// "NE" then every player's strategy probabilities, players in order.
func MixedLine(p game.MixedProfile, exact bool) string {
	var b strings.Builder
	b.WriteString("NE")
	for _, row := range p {
		for _, v := range row {
			b.WriteByte(',')
			b.WriteString(FormatProb(v, exact))
		}
	}
	return b.String()
}

// BehaviorLine renders a behaviour profile of t as Gambit's -q output
// line: "NE" then the action probabilities player by player, information
// set by information set; a nil row (an information set the player's own
// choices make unreachable) prints as zeros, as Gambit prints it.
func BehaviorLine(t *game.Tree, p game.BehaviorProfile, exact bool) string {
	var b strings.Builder
	b.WriteString("NE")
	for pl, sets := range p {
		ids := t.PlayerInfosets(pl + 1)
		for k, row := range sets {
			if row == nil {
				for range t.Infosets[ids[k]].Actions {
					b.WriteString(",0")
				}
				continue
			}
			for _, v := range row {
				b.WriteByte(',')
				b.WriteString(FormatProb(v, exact))
			}
		}
	}
	return b.String()
}
