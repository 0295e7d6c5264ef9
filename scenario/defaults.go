package scenario

import "github.com/guarantor/guarantor/uncertainty"

// Default model parameters. Each carries its source; figures that are the
// modeller's judgment say so and can be overridden in a file's model:
// section. The commitment coefficients are on the logit scale of DESIGN.md
// §2: logit P(fight) = logit(base rate) + tripwire·log(1+troops) +
// stake·log(1+US$bn) + audience·[ratified treaty] − war_cost·(1 − P(win)).

// Base-rate sources for the defense-pact prior.
const (
	BerkemeierFuhrmann2018 = "berkemeier_fuhrmann_2018"
	LeedsAnac2005          = "leeds_anac_2005"
	LeedsLongMitchell2000  = "leeds_long_mitchell_2000"
)

// DefaultBaseRateSource is used when a file names none.
const DefaultBaseRateSource = BerkemeierFuhrmann2018

func beta(a, b float64) uncertainty.Dist {
	return prep(uncertainty.Dist{Kind: uncertainty.Beta, Alpha: a, Beta: b})
}

func tri(lo, mode, hi float64) uncertainty.Dist {
	return prep(uncertainty.Dist{Kind: uncertainty.Triangular, Min: lo, Mode: mode, Max: hi})
}

// prep validates a built-in distribution; TestDefaultsPrepared checks that
// every default passes.
func prep(d uncertainty.Dist) uncertainty.Dist {
	_ = d.Validate()
	return d
}

// pactBaseRate returns the defense-pact fulfilment prior for a source: a
// Beta posterior from a uniform prior and the published counts.
func pactBaseRate(src string) Quantity {
	switch src {
	case LeedsAnac2005:
		return Quantity{Dist: beta(94, 45), Source: "Leeds and Anac 2005, International Interactions 31(3): 93 of 137 invoked commitments honoured (honor3); Beta(1+93, 1+44)"}
	case LeedsLongMitchell2000:
		return Quantity{Dist: beta(75.5, 26.5), Source: "Leeds, Long and Mitchell 2000, Journal of Conflict Resolution 44(5): commitments honoured 74.5% of the time; spread (Beta with 100 pseudo-cases) is judgment"}
	}
	return Quantity{Dist: beta(74, 74), Source: "Berkemeier and Fuhrmann 2018, Research & Politics 5(2): 73 of 146 invoked commitments honoured (LLM coding); Beta(1+73, 1+73)"}
}

// defaultBaseRates are the priors P(fight | protege attacked) by the
// guarantor's strongest instrument, other than the defense pact.
func defaultBaseRates(src string) map[InstrumentType]Quantity {
	j := func(d uncertainty.Dist, note string) Quantity { return Quantity{Dist: d, Source: Judgment, Note: note} }
	return map[InstrumentType]Quantity{
		DefensePact:        pactBaseRate(src),
		CollectiveDefense:  j(tri(0.6, 0.8, 0.95), "above the bilateral-pact rate: institutionalised alliances perform better (Leeds and Anac 2005); NATO's Article 5 has never been tested by an attack on a member's territory"),
		NuclearUmbrella:    j(tri(0.3, 0.5, 0.75), "extended nuclear deterrence without a pact; the threat that leaves something to chance (Schelling 1966)"),
		Tripwire:           j(tri(0.2, 0.4, 0.6), "troops present without a treaty obligation; the tripwire term adds to this"),
		AirPolicing:        j(tri(0.1, 0.25, 0.45), "aircraft in theatre without ground troops"),
		Advisers:           j(tri(0.05, 0.15, 0.3), "advisers and trainers on the ground, not a combat force, no treaty obligation"),
		SecurityAssurance:  j(tri(0.02, 0.08, 0.2), "consultation, no obligation to fight (Budapest 1994 type)"),
		ArmsSupply:         j(tri(0.01, 0.05, 0.15), "supplying arms is a substitute for fighting, rarely a prelude to it"),
		EconomicStake:      j(tri(0.01, 0.04, 0.1), "a stake alone; the stake term adds to this"),
		CeasefireAgreement: j(tri(0.0, 0.03, 0.1), "signatory or mediator of a ceasefire (Minsk type)"),
		NoInstrument:       j(tri(0.0, 0.02, 0.06), "a great power intervening for a state it has promised nothing"),
	}
}

// defaultModel fills every model parameter with its default.
func defaultModel(src string) Model {
	j := func(d uncertainty.Dist, note string) Quantity { return Quantity{Dist: d, Source: Judgment, Note: note} }
	return Model{
		BaseRateSource:    src,
		BaseRates:         defaultBaseRates(src),
		TripwireCoef:      j(tri(0.1, 0.25, 0.4), "logit per unit log(1+troops): 1,000 troops add about 1.7 on the logit at the mode; tying hands (Fearon 1997), tripwire (Schelling 1966); no published coefficient on this scale"),
		EconomicStakeCoef: j(tri(0.0, 0.1, 0.2), "logit per unit log(1+US$ bn at risk)"),
		AudienceCostCoef:  j(tri(0.0, 0.5, 1.0), "logit added by a ratified treaty (Fearon 1997 audience costs)"),
		WarCostCoef:       j(tri(0.5, 1.5, 3.0), "logit subtracted per unit of (1 − P(coalition wins))"),
		Correlation:       j(tri(0.2, 0.5, 0.8), "correlation of guarantors' decisions to fight (allies tend to act together)"),
		Exposure: map[string]Quantity{
			"frontline": j(tri(0.7, 0.9, 1.0), "share of troops at risk when stationed on the line of contact"),
			"depth":     j(tri(0.3, 0.5, 0.7), "share of troops at risk when stationed behind the line (cities, bases)"),
			"rear":      j(tri(0.05, 0.15, 0.3), "share of troops at risk when stationed far from the line"),
		},
		BaseHazard:          j(tri(0.03, 0.08, 0.15), "yearly hazard of renewed war after an armistice; informed by Fortna 2003, International Organization 57(2) (data not embedded)"),
		MonitorsMult:        j(tri(0.4, 0.6, 0.9), "hazard multiplier of international monitors; Fortna 2003 finds peacekeeping and monitoring lower the risk of renewed war"),
		DMZMult:             j(tri(0.5, 0.75, 1.0), "hazard multiplier of a demilitarized zone (Fortna 2003)"),
		ThirdPartyGuarantee: j(tri(0.4, 0.7, 1.0), "hazard multiplier of an explicit third-party guarantee (Fortna 2003)"),
	}
}

// Postures lists the tripwire postures, nearest the line first.
var Postures = []string{"frontline", "depth", "rear"}

// Instrument parameter defaults.
const (
	DefaultPosture  = "depth"
	DefaultRotation = "permanent"
)
