package aeg

import (
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

var chName = [2]string{"Hard", "Soft"}

// Information-set labels.
func infoCh(i int) string        { return "Ch(" + chName[i] + ")" }
func infoChAfterD(i int) string  { return "Ch(" + chName[i] + ") after D" }
func infoChAfterE(i int) string  { return "Ch(" + chName[i] + ") after E" }
func infoDef(j int) string       { return "Def(" + defTypes[j].String() + ")" }
func infoDefAfterE(j int) string { return "Def(" + defTypes[j].String() + ") after escalation" }

// payoffs at the six outcomes for Challenger type i, Defender type j.
func (p *Params) payoffs(i, j int) map[string][2]float64 {
	cEE := [2]float64{p.CEEP, p.CEEM}[i]
	dDD, dEE := p.DDDM, p.DEEM
	if defTypes[j].Tactical {
		dDD = p.DDDP
	}
	if defTypes[j].Strategic {
		dEE = p.DEEP
	}
	return map[string][2]float64{
		"SQ": {p.CSQ, p.DSQ}, "DC": {p.CDC, p.DDC}, "DD": {p.CDD, dDD},
		"ED": {p.CED, p.DED}, "EE": {cEE, dEE}, "DE": {p.CDE, p.DDE},
	}
}

// Game returns the Harsanyi-transformed AEG: chance draws (Challenger
// type, Defender type) at the root with probabilities pCh*pXY (zero-
// probability branches are kept, so complete-information games have the
// same tree); each player's information sets distinguish only its own
// type. Payoffs (Challenger, Defender), exact.
func (m *Model) Game() (*game.Tree, error) {
	p := &m.P
	b := game.NewBuilder("Asymmetric Escalation Game (guarantor aeg; tree reconstructed)", "Challenger", "Defender")
	one := big.NewRat(1, 1)
	pc := [2]*big.Rat{models.Rat(p.PCh), new(big.Rat).Sub(one, models.Rat(p.PCh))}
	pd := p.defProbs()
	var labels []string
	var probs []*big.Rat
	for i := 0; i < 2; i++ {
		for j := 0; j < 4; j++ {
			labels = append(labels, "Ch "+chName[i]+", Def "+defTypes[j].String())
			probs = append(probs, new(big.Rat).Mul(pc[i], models.Rat(pd[j])))
		}
	}
	kids := models.TypeRoot(b, "types", labels, probs)
	var isCh, isChD, isChE [2]int
	var isDef, isDefE [4]int
	for i := 0; i < 2; i++ {
		isCh[i] = b.AddInfoset(1, 0, infoCh(i), "C", "D")
	}
	for j := 0; j < 4; j++ {
		isDef[j] = b.AddInfoset(2, 0, infoDef(j), "C", "D", "E")
	}
	for i := 0; i < 2; i++ {
		isChD[i] = b.AddInfoset(1, 0, infoChAfterD(i), "C", "E")
		isChE[i] = b.AddInfoset(1, 0, infoChAfterE(i), "C", "E")
	}
	for j := 0; j < 4; j++ {
		isDefE[j] = b.AddInfoset(2, 0, infoDefAfterE(j), "C", "E")
	}
	for i := 0; i < 2; i++ {
		for j := 0; j < 4; j++ {
			pay := p.payoffs(i, j)
			out := func(n int, name string) {
				v := pay[name]
				b.SetOutcome(n, b.AddOutcome(name, models.Rats(v[0], v[1])))
			}
			defLabel := "Def " + defTypes[j].String()
			chLabel := "Ch " + chName[i]
			n := kids[4*i+j]
			b.SetLabel(n, defLabel)
			c0 := b.Move(n, isCh[i])
			out(c0[0], "SQ")
			b.SetLabel(c0[1], chLabel)
			d := b.Move(c0[1], isDef[j])
			out(d[0], "DC")
			b.SetLabel(d[1], defLabel)
			cd := b.Move(d[1], isChD[i])
			out(cd[0], "DD")
			b.SetLabel(cd[1], chLabel)
			de := b.Move(cd[1], isDefE[j])
			out(de[0], "ED")
			out(de[1], "EE")
			b.SetLabel(d[2], defLabel)
			ce := b.Move(d[2], isChE[i])
			out(ce[0], "DE")
			out(ce[1], "EE")
		}
	}
	return b.Build()
}

// CompleteGame returns the perfect-information AEG between Challenger type
// chHard and Defender type def: the tree on which a general
// subgame-perfect solver must reproduce SPE.
func (p *Params) CompleteGame(chHard bool, def DefType) (*game.Tree, error) {
	i, j := typeIndex(chHard, def)
	pay := p.payoffs(i, j)
	b := game.NewBuilder("Asymmetric Escalation Game, complete information (Ch "+chName[i]+", Def "+def.String()+")", "Challenger", "Defender")
	out := func(n int, name string) {
		v := pay[name]
		b.SetOutcome(n, b.AddOutcome(name, models.Rats(v[0], v[1])))
	}
	c0 := b.Move(b.Root(), b.AddInfoset(1, 0, "Ch", "C", "D"))
	out(c0[0], "SQ")
	d := b.Move(c0[1], b.AddInfoset(2, 0, "Def", "C", "D", "E"))
	out(d[0], "DC")
	cd := b.Move(d[1], b.AddInfoset(1, 0, "Ch after D", "C", "E"))
	out(cd[0], "DD")
	de := b.Move(cd[1], b.AddInfoset(2, 0, "Def after escalation", "C", "E"))
	out(de[0], "ED")
	out(de[1], "EE")
	ce := b.Move(d[2], b.AddInfoset(1, 0, "Ch after E", "C", "E"))
	out(ce[0], "DE")
	out(ce[1], "EE")
	return b.Build()
}

func typeIndex(chHard bool, def DefType) (int, int) {
	i := 1
	if chHard {
		i = 0
	}
	for j, d := range defTypes {
		if d == def {
			return i, j
		}
	}
	return i, 0
}
