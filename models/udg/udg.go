package udg

import (
	"github.com/guarantor/guarantor/models"
)

// Params are the UDG's utilities and priors. Challenger utilities c*,
// Defender utilities d*; "+" (P) is the Hard type's conflict payoff, "-" (M)
// the Soft type's.
type Params struct {
	CDC, CSQ, CDDP, CCD, CDDM float64
	DSQ, DCD, DDC, DDDP, DDDM float64
	PCh, PDef                 float64
}

// Spec documents the parameters and orderings.
var Spec = models.Spec{
	Name:    "udg",
	Summary: "Unilateral deterrence game, two-sided incomplete information: four D1 regions plus belief-supported no-initiation PBE",
	Params: []models.ParamSpec{
		{Name: "cDC", Meaning: "Challenger's utility when the Defender concedes (DC)"},
		{Name: "cSQ", Meaning: "Challenger's utility of the status quo (SQ)"},
		{Name: "cDD+", Meaning: "Hard Challenger's utility of conflict (DD)"},
		{Name: "cCD", Meaning: "Challenger's utility of backing down after resistance (CD)"},
		{Name: "cDD-", Meaning: "Soft Challenger's utility of conflict (DD)"},
		{Name: "dSQ", Meaning: "Defender's utility of the status quo"},
		{Name: "dCD", Meaning: "Defender's utility when the Challenger backs down"},
		{Name: "dDC", Meaning: "Defender's utility of conceding"},
		{Name: "dDD+", Meaning: "Hard Defender's utility of conflict"},
		{Name: "dDD-", Meaning: "Soft Defender's utility of conflict"},
		{Name: "pCh", Meaning: "probability the Challenger is Hard"},
		{Name: "pDef", Meaning: "probability the Defender is Hard: its credibility"},
	},
	Orderings: []string{
		"cDD- < cCD < cDD+ < cSQ < cDC",
		"dDD- < dDC < dDD+", "dDC < dCD", "dDC < dSQ",
		"0 <= pCh <= 1", "0 <= pDef <= 1",
	},
	Example: "cDC=1 cSQ=0.5 cDD+=0.3 cCD=0 cDD-=-0.5 dSQ=1 dCD=0.8 dDC=0.2 dDD+=0.4 dDD-=-0.4 pCh=0.5 pDef=0.6",
}

func (p *Params) ptrs() []*float64 {
	return []*float64{&p.CDC, &p.CSQ, &p.CDDP, &p.CCD, &p.CDDM, &p.DSQ, &p.DCD, &p.DDC, &p.DDDP, &p.DDDM, &p.PCh, &p.PDef}
}

func (p *Params) vals() []float64 {
	return []float64{p.CDC, p.CSQ, p.CDDP, p.CCD, p.CDDM, p.DSQ, p.DCD, p.DDC, p.DDDP, p.DDDM, p.PCh, p.PDef}
}

// Validate checks the orderings the model assumes and names the first one
// violated. It allocates only when it fails.
func (p *Params) Validate() error {
	o := models.Order{Model: "udg"}
	o.Finite(Spec.Params, p.vals())
	o.Chain([]string{"cDD-", "cCD", "cDD+", "cSQ", "cDC"}, p.CDDM, p.CCD, p.CDDP, p.CSQ, p.CDC)
	o.Chain([]string{"dDD-", "dDC", "dDD+"}, p.DDDM, p.DDC, p.DDDP)
	o.Less("dDC", p.DDC, "dCD", p.DCD)
	o.Less("dDC", p.DDC, "dSQ", p.DSQ)
	o.Prob("pCh", p.PCh, false)
	o.Prob("pDef", p.PDef, false)
	return o.Err()
}

// Model is a validated UDG.
type Model struct{ P Params }

// New validates p.
func New(p Params) (*Model, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Model{P: p}, nil
}

// FromValues builds the model from named parameters (SPEC.md's names).
func FromValues(v models.Values) (*Model, error) {
	var p Params
	if err := models.Bind("udg", Spec.Params, p.ptrs(), v); err != nil {
		return nil, err
	}
	return New(p)
}

// Thresholds are the model's cut-points.
type Thresholds struct {
	// GammaH and GammaS: a Hard (Soft) Challenger initiates iff the
	// probability of resistance r is below GammaH (GammaS).
	GammaH, GammaS float64
	// Delta: a Soft Defender resists iff the probability that an initiator
	// is Hard is at most Delta.
	Delta float64
}

// Cut returns the thresholds; they are ratios of utility differences, so
// invariant under positive affine transforms of each player's utilities.
func (p *Params) Cut() Thresholds {
	return Thresholds{
		GammaH: (p.CDC - p.CSQ) / (p.CDC - p.CDDP),
		GammaS: (p.CDC - p.CSQ) / (p.CDC - p.CCD),
		Delta:  (p.DCD - p.DDC) / (p.DCD - p.DDDM),
	}
}
