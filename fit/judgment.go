package fit

import (
	"github.com/guarantor/guarantor/deter"
)

// The labelled judgments: parameters the embedded data cannot identify.
// Each says what it is and why; the SE is the prior's scale, wide on
// purpose. They are written here, in one place, so that a reader of
// coefficients.json and docs/fit.md can find every one.

func judgment(v, se float64, prior string) deter.Estimate {
	return deter.Estimate{Value: v, SE: se, Method: "labelled judgment", Prior: prior}
}

// eraKeys are the Base keys Post1945 applies to: those measured on, or
// mapped to, the alliance-fulfilment data, which the era term was fitted on.
var eraKeys = []string{"collective_defense", "defense_pact", "security_assurance", "nuclear_umbrella", "tripwire", "air_policing"}

func fillJudgments(c *deter.Coefficients) {
	def := c.Base["defense_pact"]
	ass := c.Base["security_assurance"]
	mapped := func(from deter.Estimate, why string) deter.Estimate {
		e := from
		e.Prior = why
		return e
	}
	c.Base["nuclear_umbrella"] = mapped(def, "mapping judgment: a declared umbrella is a defence commitment by a nuclear state, so it takes the defence-pact rate; its extra deterrence enters through the challenger's nuclear cost CN (fitted), only in draws where the holder responds")
	c.Base["tripwire"] = mapped(def, "mapping judgment: forces stationed under a defence commitment take the defence-pact rate; the troops at risk enter through BT and, if they change the local balance, through the theatre forces (Reiter and Poast 2021)")
	c.Base["air_policing"] = mapped(ass, "mapping judgment: an air-policing deployment without a treaty obligation to fight is closer to a consultation pact than to a defence pact; takes the consultation (security assurance) rate")
	c.Base[deter.BaseNone] = judgment(deter.Logit(0.02), 1.0,
		"judgment: a state with no commitment to the protege; no coded data exists (Huth's non-allied defenders had all issued deterrent threats, so they are not 'none'). Set low (2%) so a guarantor without an instrument adds about nothing; all eras")
	c.Base[deter.BaseSovereign] = judgment(deter.Logit(0.75), 1.0,
		"judgment: a state defending its own territory. No coded base rate was read. In Huth's file the defender backed down in the dyads Portugal-India 1961 (Goa, per the file's SOURCE.md), Netherlands-Indonesia 1961 and Spain-Morocco 1975 (by dyad and year presumably West New Guinea and Western Sahara; not confirmed from a source), and deterrence held in Guatemala-UK 1975/77 (Belize). 75% with a wide SE; all eras")
	c.Base["arms_supply"] = judgment(deter.Logit(0.10), 1.0,
		"judgment: arming a protege is not a promise to fight for it (e.g. US arms to Ukraine without intervention, 2022); its stake enters through BE; all eras")
	c.Base["economic_stake"] = judgment(deter.Logit(0.05), 1.0,
		"judgment: a stake without any commitment; the stake itself enters through BE; all eras")
	c.Base["ceasefire_agreement"] = judgment(deter.Logit(0.05), 1.0,
		"judgment: a ceasefire binds the belligerents, not a third party to fight; its mechanisms enter durability through HR; all eras")
	c.EraKeys = append([]string(nil), eraKeys...)

	c.BT = judgment(0.05, 0.05,
		"judgment: troop counts at risk are not in Huth's file, and the dyad-year tripwire regression measures dispute onset, not the guarantor's response. Small, per Reiter and Poast 2021 (tripwires deter only when they change the local balance, which enters through theatre forces): 400 troops +0.30 logit, 12,000 +0.47")
	c.PC1 = judgment(0, 0.25,
		"judgment: a stronger deterrent should leave more challengers 'cured' (Fortna 2004, direction), but the post-war spells carry no deterrence index, so neither the slope nor the index's reference point is known. 0, so that an unestimated number does not move the answer: the deterrence index enters durability through P(status quo at 0) only")
	hr := func(what string) deter.Estimate {
		return judgment(0.75, 0.2, "judgment, direction only: Fortna 2003 (IO 57) and 2004 find that "+what+" lengthen peace after interstate wars; her hazard ratios were not read, so a modest 0.75 with a wide SE")
	}
	c.HR[deter.HRMonitors] = hr("monitors and peacekeeping")
	c.HR[deter.HRDMZ] = hr("demilitarised zones")
	c.HR[deter.HRJointCommission] = hr("joint commissions")
	c.HR[deter.HRThirdPartyGuarantee] = hr("third-party guarantees")
	c.HR[deter.HRPeacekeepers] = hr("peacekeeping missions")
}
