package rtcg

import (
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

var (
	infoCh     = [2]string{"Ch(Hard)", "Ch(Soft)"}
	infoAfterS = [2]string{"Ch(Hard) after support", "Ch(Soft) after support"}
	infoPro    = [2]string{"Pro(Realigner)", "Pro(Accommodator)"}
	chName     = [2]string{"Ch Hard", "Ch Soft"}
	proName    = [2]string{"Pro Realigner", "Pro Accommodator"}
)

// Game returns the RTCG tree: chance draws (Challenger type, Protege type);
// the Challenger knows its type, the Defender knows neither, the Protege
// knows its own. Payoffs (Challenger, Defender, Protege), exact.
func (m *Model) Game() (*game.Tree, error) {
	p := &m.P
	b := game.NewBuilder("Reduced Tripartite Crisis Game (guarantor rtcg)", "Challenger", "Defender", "Protege")
	one := big.NewRat(1, 1)
	pc := [2]*big.Rat{models.Rat(p.PCh), new(big.Rat).Sub(one, models.Rat(p.PCh))}
	pp := [2]*big.Rat{models.Rat(p.PPro), new(big.Rat).Sub(one, models.Rat(p.PPro))}
	var labels []string
	var probs []*big.Rat
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			labels = append(labels, chName[i]+", "+proName[j])
			probs = append(probs, new(big.Rat).Mul(pc[i], pp[j]))
		}
	}
	kids := models.TypeRoot(b, "types", labels, probs)
	def := b.AddInfoset(2, 0, "Def", "N", "S")
	var isCh, isS, isPro [2]int
	for i := 0; i < 2; i++ {
		isCh[i] = b.AddInfoset(1, 0, infoCh[i], "Q", "Dm")
		isS[i] = b.AddInfoset(1, 0, infoAfterS[i], "B", "W")
		isPro[i] = b.AddInfoset(3, 0, infoPro[i], "A", "R")
	}
	cW := [2]float64{p.CWP, p.CWM}
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			n := kids[2*i+j]
			b.SetLabel(n, proName[j])
			c := b.Move(n, isCh[i])
			b.SetOutcome(c[0], b.AddOutcome("SQ", models.Rats(p.CSQ, p.DSQ, 0)))
			b.SetLabel(c[1], labels[2*i+j])
			d := b.Move(c[1], def)
			b.SetLabel(d[0], chName[i])
			b.SetLabel(d[1], proName[j])
			r := b.Move(d[0], isPro[j])
			proPA, proRL := 1.0, 0.0
			if j == 0 {
				proPA, proRL = 0, 1
			}
			b.SetOutcome(r[0], b.AddOutcome("PA", models.Rats(p.CPA, p.DPA, proPA)))
			b.SetOutcome(r[1], b.AddOutcome("RL", models.Rats(p.CRL, p.DRL, proRL)))
			w := b.Move(d[1], isS[i])
			b.SetOutcome(w[0], b.AddOutcome("CB", models.Rats(p.CCB, p.DCB, 0)))
			b.SetOutcome(w[1], b.AddOutcome("WAR", models.Rats(cW[i], p.DW, 0)))
		}
	}
	return b.Build()
}
