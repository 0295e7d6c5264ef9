package fit

import (
	"fmt"
	"math"

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

// assuranceOdds is the judged odds ratio of fighting under a security
// assurance (an obligation to consult, none to fight) against a defence
// pact of the same era, with the SD of its logarithm. It is applied on the
// logit scale, Base[security_assurance] = Base[defense_pact] + ln(r), so
// that the assurance is below the defence pact for every covariate value
// and era (both take Post1945), which a factor on the probability at zero
// covariates would not guarantee; for small probabilities the two agree.
//
// Why a judgment: the fulfilment file cannot identify it (see baseMap).
// What informed it (a one-off tabulation of ATOP 5.1 dyad-years against
// COW war participation, where a state that did not initiate its war was
// attacked; not part of the fit, see docs/fit.md): allies under
// neutrality or non-aggression pacts joined the attacked partner's side
// with odds 1/4 (before 1945) to 1/8 (after) of defence allies';
// consultation-only partners joined 0 of 27 times after 1945 (defence
// allies 131 of 706), and 9 of 13 before, all 9 in one war (the Entente
// in 1914). r = 1/4 sits at the mild end of that range; the SD of ln r,
// 0.7, puts about 2% of a normal prior above r = 1.
var assuranceOdds = struct{ R, SDLog float64 }{0.25, 0.7}

func fillJudgments(c *deter.Coefficients) {
	def := c.Base["defense_pact"]
	lr := math.Log(assuranceOdds.R)
	c.Base["security_assurance"] = deter.Estimate{Value: def.Value + lr, SE: math.Hypot(def.SE, assuranceOdds.SDLog), Data: def.Data,
		Method: fmt.Sprintf("defense_pact Base %.3f + ln %g (%.3f): the defence-pact rate with the odds of fighting times %g", def.Value, assuranceOdds.R, lr, assuranceOdds.R),
		Prior:  fmt.Sprintf("judgment: an assurance obliges its guarantor to consult, not to fight, so it takes the defence-pact rate of the same era (Post1945 applies to both) with the odds of fighting scaled by r = %g (ln r ~ N(%.2f, %.2f)), which orders assurance < defence pact for all covariates by construction. The fulfilment data cannot identify r: every consultation-only alliance there is coded 'not a case of performance'. Informed by ATOP x COW participation: neutrality/non-aggression allies joined an attacked partner at 1/4 (pre-1945) to 1/8 (post-1945) the odds of defence allies; consultation-only partners 0 of 27 after 1945", assuranceOdds.R, lr, assuranceOdds.SDLog)}
	ass := c.Base["security_assurance"]
	mapped := func(from deter.Estimate, why string) deter.Estimate {
		e := from
		e.Prior = why
		return e
	}
	c.Base["nuclear_umbrella"] = mapped(def, "mapping judgment: a declared umbrella is a defence commitment by a nuclear state, so it takes the defence-pact rate (Post1945 applies); its extra deterrence enters through the challenger's nuclear cost CN (fitted), only in draws where the holder responds")
	c.Base["tripwire"] = mapped(def, "mapping judgment: forces stationed under a defence commitment take the defence-pact rate (Post1945 applies), so a tripwire is never below the pact it stands under; the troops at risk enter through BT and, if they change the local balance, through the theatre forces (Reiter and Poast 2021)")
	c.Base["air_policing"] = mapped(ass, "mapping judgment: an air-policing deployment without a treaty obligation to fight promises presence, not war, so it takes the security-assurance rate (the defence-pact rate with the odds of fighting times the assurance factor); Post1945 applies")
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
	c.PC1 = judgment(0, 0,
		"judgment: a stronger deterrent should leave more challengers 'cured' (Fortna 2004, direction), but it is not estimated: the directed post-war fit (docs/fit.md, \"Post-war hazard slope\") puts the index in the non-cured hazard only. Fixed at 0 with no spread, so that an unestimated number does not move the answer: a spread would have to be truncated at 0 (the direction is known, and P(deterrence) must not fall as the index rises), which would put its mean above 0. The index enters durability through P(status quo at 0) (immediate stage) and the hazard ratio (post-war stage)")
	hr := func(what string) deter.Estimate {
		return judgment(0.75, 0.2, "judgment, direction only: Fortna 2003 (IO 57) and 2004 find that "+what+" lengthen peace after interstate wars; her hazard ratios were not read, so a modest 0.75 with a wide SE")
	}
	c.HR[deter.HRMonitors] = hr("monitors and peacekeeping")
	c.HR[deter.HRDMZ] = hr("demilitarised zones")
	c.HR[deter.HRJointCommission] = hr("joint commissions")
	c.HR[deter.HRThirdPartyGuarantee] = hr("third-party guarantees")
	c.HR[deter.HRPeacekeepers] = hr("peacekeeping missions")
}
