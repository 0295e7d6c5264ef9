package rtcg

import (
	"github.com/guarantor/guarantor/models"
)

// Params are the Challenger's utilities c*, the Defender's d*, and priors.
type Params struct {
	CSQ, CCB, CWP, CWM, CRL, CPA float64
	DW, DCB, DRL, DPA, DSQ       float64
	PCh, PPro                    float64
}

// Spec documents the parameters and orderings.
var Spec = models.Spec{
	Name:    "rtcg",
	Summary: "Reduced tripartite crisis game (Challenger, Defender, Protege): commitment, abandonment, straddle",
	Params: []models.ParamSpec{
		{Name: "cSQ", Meaning: "Challenger's utility of the status quo"},
		{Name: "cCB", Meaning: "Challenger's utility of backing down after support (CB)"},
		{Name: "cW+", Meaning: "Hard Challenger's utility of war"},
		{Name: "cW-", Meaning: "Soft Challenger's utility of war"},
		{Name: "cRL", Meaning: "Challenger's utility when the abandoned Protege realigns (RL)"},
		{Name: "cPA", Meaning: "Challenger's utility when the abandoned Protege accommodates it (PA)"},
		{Name: "dW", Meaning: "Defender's utility of war"},
		{Name: "dCB", Meaning: "Defender's utility when the Challenger backs down"},
		{Name: "dRL", Meaning: "Defender's utility when the Protege realigns"},
		{Name: "dPA", Meaning: "Defender's utility when the Protege accommodates the Challenger"},
		{Name: "dSQ", Meaning: "Defender's utility of the status quo (does not affect play)", Optional: true, Default: 0},
		{Name: "pCh", Meaning: "probability the Challenger is Hard"},
		{Name: "pPro", Meaning: "probability the Protege realigns if abandoned: credibility of its realignment threat"},
	},
	Orderings: []string{"cW- < cCB < cW+ < cSQ", "dRL < dW < dCB", "dW < dPA", "0 <= pCh <= 1", "0 <= pPro <= 1"},
	Example:   "cSQ=0 cCB=-1 cW+=-0.5 cW-=-2 cRL=2 cPA=0.5 dW=-1 dCB=1 dRL=-3 dPA=0 pCh=0.2 pPro=0.5",
}

func (p *Params) ptrs() []*float64 {
	return []*float64{&p.CSQ, &p.CCB, &p.CWP, &p.CWM, &p.CRL, &p.CPA, &p.DW, &p.DCB, &p.DRL, &p.DPA, &p.DSQ, &p.PCh, &p.PPro}
}

func (p *Params) vals() []float64 {
	return []float64{p.CSQ, p.CCB, p.CWP, p.CWM, p.CRL, p.CPA, p.DW, p.DCB, p.DRL, p.DPA, p.DSQ, p.PCh, p.PPro}
}

// Validate names the first violated ordering.
func (p *Params) Validate() error {
	o := models.Order{Model: "rtcg"}
	o.Finite(Spec.Params, p.vals())
	o.Chain([]string{"cW-", "cCB", "cW+", "cSQ"}, p.CWM, p.CCB, p.CWP, p.CSQ)
	o.Chain([]string{"dRL", "dW", "dCB"}, p.DRL, p.DW, p.DCB)
	o.Less("dW", p.DW, "dPA", p.DPA)
	o.Prob("pCh", p.PCh, false)
	o.Prob("pPro", p.PPro, false)
	return o.Err()
}

// Model is a validated RTCG.
type Model struct{ P Params }

// New validates p.
func New(p Params) (*Model, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Model{P: p}, nil
}

// FromValues builds the model from named parameters.
func FromValues(v models.Values) (*Model, error) {
	var p Params
	if err := models.Bind("rtcg", Spec.Params, p.ptrs(), v); err != nil {
		return nil, err
	}
	return New(p)
}

// Withhold returns the withhold lotteries cN and dN.
func (p *Params) Withhold() (cN, dN float64) {
	return p.PPro*p.CRL + (1-p.PPro)*p.CPA, p.PPro*p.DRL + (1-p.PPro)*p.DPA
}

// PHat is the realignment credibility at which the Defender prefers war to
// withholding: pHat = (dPA-dW)/(dPA-dRL). Commitment is unequivocal iff
// pPro >= pHat.
func (p *Params) PHat() float64 { return (p.DPA - p.DW) / (p.DPA - p.DRL) }

// QStar is the belief (that a demander is Hard) up to which the Defender
// supports: (dCB-dN)/(dCB-dW). It lies in (0,1) only in the mixed regime.
func (p *Params) QStar() float64 {
	_, dN := p.Withhold()
	return (p.DCB - dN) / (p.DCB - p.DW)
}
