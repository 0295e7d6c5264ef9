package udg

import (
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

// Information-set labels of the tree; Equilibrium strategies and beliefs
// are keyed by them. Index 0 is the Hard type, 1 the Soft type.
var (
	infoCh   = [2]string{"Ch(Hard)", "Ch(Soft)"}
	infoDef  = [2]string{"Def(Hard)", "Def(Soft)"}
	infoLast = [2]string{"Ch(Hard) after resistance", "Ch(Soft) after resistance"}
	typeName = [2]string{"Hard", "Soft"}
)

// Game returns the UDG as a tree: chance draws the type profile at the root
// (Challenger's type, then Defender's); each player's information sets
// distinguish only its own type. Payoffs are (Challenger, Defender) and
// exact: each parameter is read as its shortest decimal spelling.
func (m *Model) Game() (*game.Tree, error) {
	p := &m.P
	b := game.NewBuilder("Unilateral Deterrence Game (Zagare-Kilgour; guarantor udg)", "Challenger", "Defender")
	pc := [2]*big.Rat{models.Rat(p.PCh), new(big.Rat).Sub(big.NewRat(1, 1), models.Rat(p.PCh))}
	pd := [2]*big.Rat{models.Rat(p.PDef), new(big.Rat).Sub(big.NewRat(1, 1), models.Rat(p.PDef))}
	var labels []string
	var probs []*big.Rat
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			labels = append(labels, "Ch "+typeName[i]+", Def "+typeName[j])
			probs = append(probs, new(big.Rat).Mul(pc[i], pd[j]))
		}
	}
	kids := models.TypeRoot(b, "types", labels, probs)
	var isCh, isDef, isLast [2]int
	for i := 0; i < 2; i++ {
		isCh[i] = b.AddInfoset(1, 0, infoCh[i], "C", "D")
		isDef[i] = b.AddInfoset(2, 0, infoDef[i], "C", "D")
		isLast[i] = b.AddInfoset(1, 0, infoLast[i], "C", "D")
	}
	cDD := [2]float64{p.CDDP, p.CDDM}
	dDD := [2]float64{p.DDDP, p.DDDM}
	for i := 0; i < 2; i++ { // Challenger type
		for j := 0; j < 2; j++ { // Defender type
			n := kids[2*i+j]
			b.SetLabel(n, "Def "+typeName[j])
			c1 := b.Move(n, isCh[i])
			b.SetOutcome(c1[0], b.AddOutcome("SQ", models.Rats(p.CSQ, p.DSQ)))
			b.SetLabel(c1[1], "Ch "+typeName[i])
			c2 := b.Move(c1[1], isDef[j])
			b.SetOutcome(c2[0], b.AddOutcome("DC", models.Rats(p.CDC, p.DDC)))
			b.SetLabel(c2[1], "Def "+typeName[j])
			c3 := b.Move(c2[1], isLast[i])
			b.SetOutcome(c3[0], b.AddOutcome("CD", models.Rats(p.CCD, p.DCD)))
			b.SetOutcome(c3[1], b.AddOutcome("DD", models.Rats(cDD[i], dDD[j])))
		}
	}
	return b.Build()
}
