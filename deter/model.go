package deter

import "math"

// ratioFloor bounds force ratios away from 0 and +Inf before their logarithm
// is taken, so a side with no forces in the theatre gives a large finite
// log ratio (about ±13.8) instead of ±Inf and NaN in the averages over
// responding sets. Real theatre ratios lie far inside [1e-6, 1e6].
const ratioFloor = 1e-6

// Logistic is L(x) = 1/(1+e^-x), computed without overflow.
func Logistic(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// Logit is ln(p/(1-p)), the inverse of Logistic.
func Logit(p float64) float64 { return math.Log(p) - math.Log1p(-p) }

// ResponseInput is one guarantor's situation in one draw.
type ResponseInput struct {
	// Base is the base-rate logit of the guarantor's strongest instrument in
	// force: Coefficients.Base[type].Value, or Logit of a scenario override.
	Base float64
	// Post1945 adds the era term (commitments after 1945 are honoured less
	// often; Berkemeier and Fuhrmann 2018). Set it only for instruments
	// where Coefficients.EraApplies holds.
	Post1945 bool
	// Troops is the guarantor's troops in harm's way (tripwire, advisers), >= 0.
	Troops float64
	// StakeUSDbn is the guarantor's economic stake in the protege, >= 0.
	// Units: the committed BE is estimated on Huth's (1988) defender-protege
	// trade (fortrade, 0-9.5 in his 58 crises; by its values the protege's
	// per cent of the defender's foreign trade, not confirmed from his
	// codebook). Supply the stake on that scale (per cent of the
	// guarantor's trade that is with the protege): a stake in US$bn would
	// be read as per cent, and US$100bn would add BE ln 101, about 7.6
	// logits. The field keeps its name for API stability.
	StakeUSDbn float64
	// Audience is the audience cost of backing down, in [0, 1]: the
	// committed BA is estimated on Huth's democratic-defender dummy, so 1
	// is a democracy with a public commitment, 0 no public commitment.
	Audience float64
	// PWin is P(guarantor and protege prevail) if it fights, in [0, 1].
	PWin float64
	// LogLR is the sum of the log likelihood ratios of its signals.
	LogLR float64
}

// ResponseIndex is the random-utility index whose logistic is Response:
// the guarantor's expected utility of fighting minus backing down, in
// logit units (Signorino and Tarar 2006, AJPS 50, the defender's equation).
func ResponseIndex(c *Coefficients, x ResponseInput) float64 {
	u := x.Base + c.BT.Value*math.Log1p(x.Troops) + c.BE.Value*math.Log1p(x.StakeUSDbn) +
		c.BA.Value*x.Audience + c.BD.Value*(x.PWin-0.5) + x.LogLR
	if x.Post1945 {
		u += c.Post1945.Value
	}
	return u
}

// Response is q_g, the probability the guarantor fights when the protege is
// attacked (MODEL.md §3). It is the choice probability of a logit random
// utility model, so it increases in every input whose coefficient is
// positive, and nothing downstream re-infers it.
func Response(c *Coefficients, x ResponseInput) float64 {
	return Logistic(ResponseIndex(c, x))
}

// Contest is the challenger's probability of prevailing with theatre forces
// fC against defending forces fDef (the protege plus the responding
// guarantors): the ratio-form contest success function
// fC^gamma / (fC^gamma + fDef^gamma) (Tullock 1980; Hirshleifer 1989,
// "Conflict and rent-seeking success functions", Public Choice 63),
// computed as a logistic in gamma ln(fC/fDef). It falls in fDef and rises
// in fC; with fDef = 0 the challenger prevails for sure (1), with fC = 0
// it cannot (0).
func Contest(fC, fDef, gamma float64) float64 {
	switch {
	case fDef <= 0 && fC <= 0:
		return 0.5
	case fDef <= 0:
		return 1
	case fC <= 0:
		return 0
	}
	return Logistic(gamma * (math.Log(fC) - math.Log(fDef)))
}

// LogWarCost is ln C_S = C0 + C1 ln(fS/fC) + CN [a declared umbrella holder
// responds]: the challenger's log cost of fighting a responding set whose
// forces, with the protege's, are fS, against its own fC. The nuclear cost
// counts only in the draws where the umbrella holder is in the set
// (Fuhrmann and Sechser 2014: alliances with nuclear states deter). The
// ratio is bounded to [1e-6, 1e6] so an empty theatre gives a finite cost.
func LogWarCost(c *Coefficients, fS, fC float64, umbrella bool) float64 {
	r := ratioFloor
	if fC > 0 {
		r = fS / fC
	} else if fS > 0 {
		r = 1 / ratioFloor
	}
	r = math.Min(math.Max(r, ratioFloor), 1/ratioFloor)
	v := c.C0.Value + c.C1.Value*math.Log(r)
	if umbrella {
		v += c.CN.Value
	}
	return v
}

// StatusQuo is the probability that the challenger keeps the status quo:
// with a private valuation V, ln V ~ Logistic(mu, 1/A1), it attacks iff
// V Pi > Cbar, where Pi = E_R[pi_S] and Cbar = E_R[C_S] over the joint
// response distribution; so
//
//	P(SQ) = L(A0 + AGeneral [general] + A1 (ln Cbar - ln Pi)).
//
// A0 is the intercept of immediate deterrence estimated on crises (Huth
// 1988); general deterrence (no crisis yet) adds AGeneral, because crisis
// samples are selected on challengers already resolved enough to threaten
// (Fearon 1994, JCR 38). index is the logit argument, the deterrence index
// DI that Survival's cure share uses. P(SQ) increases in ln Cbar - ln Pi
// because A1 > 0.
//
// With general = false, P(SQ) is the one-shot probability that a
// challenger already threatening (Huth's immediate-deterrence crises)
// backs off. With general = true it is a per-year probability: AGeneral is
// fitted on yearly use-of-force onsets in politically relevant dyad-years,
// read at the Huth-average index. StatusQuoGeneral adds the challenger
// covariates (the engine's general stage uses it; this form is the pair
// at the sample's average covariates).
func StatusQuo(c *Coefficients, logCbar, logPi float64, general bool) (p, index float64) {
	index = c.A0.Value + c.A1.Value*(logCbar-logPi)
	if general {
		index += c.AGeneral.Value
	}
	return Logistic(index), index
}

// CuredShare is pc = L(PC0 + PC1 DI): the share of challengers that never
// renew the attack after the status quo holds at time 0.
func CuredShare(c *Coefficients, index float64) float64 {
	return Logistic(c.PC0.Value + c.PC1.Value*index)
}

// Survival is P(no attack by T years | status quo at 0) under a
// split-population (cure) Weibull (Schmidt and Witte 1989, "Predicting
// criminal recidivism using split population survival time models",
// J. Econometrics 40): pc + (1 - pc) exp(-(T/Lambda)^K * hazardRatio),
// with pc = CuredShare(index) and hazardRatio the product of the
// mechanisms' hazard ratios (1 for none; Fortna 2003, IO 57, for the
// mechanisms). It is 1 at T = 0 and falls in T towards pc.
func Survival(c *Coefficients, index, years, hazardRatio float64) float64 {
	pc := CuredShare(c, index)
	if years <= 0 {
		return 1
	}
	h := math.Pow(years/c.Lambda.Value, c.K.Value) * hazardRatio
	// 1 - (1-pc)(1 - e^-h), with expm1: pc + (1-pc)e^-h rounds above 1, or
	// out of order in pc, when h is near 0 (rapid found T = 1e-18).
	return 1 + (1-pc)*math.Expm1(-h)
}

// PostWarRelIndex is z = a (x - ref): the post-war stage's deterrence
// index, x = ln Cbar - ln Pi, relative to the reference at which the
// fitted cure Weibull applies unchanged. exp(-z) is its hazard ratio.
// (a, ref) are Coefficients.PostWarSlope: the slope fitted on directed
// post-war spells when its pre-registered cross-validation adopted it
// (docs/fit.md), else the carry-over (A1, DIRef) argued below.
//
// Why A1 carries over as a log hazard ratio: in Huth's crises P(attack) =
// L(-(A0 + A1 x)), and for a rare event L(-u) ≈ exp(-u), so the log of the
// probability of attack falls by A1 per unit of x. A post-war year's
// probability of renewed war is small (about 2% in the first year, under
// 1% a year after), where a logit slope on P(no attack) and a slope of the
// log hazard of attack coincide to first order: a per-period hazard h with
// P(attack in the period) = 1 - e^-h ≈ h. So A1 is read as the slope of
// the log hazard in x; A0, the level of Huth's selected crises, is not
// carried over: the level is the post-war spells' own.
func PostWarRelIndex(c *Coefficients, logCbar, logPi float64) float64 {
	a, ref := c.PostWarSlope()
	return a.Value * (logCbar - logPi - ref.Value)
}

// PostWarSurvival is P(no renewed attack by T years) from the day a war
// between the challenger and the protege ended, for relative index z
// (PostWarRelIndex) and mechanisms' hazard ratio hr:
//
//	S(T) = pc + (1 - pc) exp(-(T/Lambda)^K * hr * exp(-z)),  pc = L(PC0 + PC1 z)
//
// The cure Weibull is fitted on post-war dyad spells from the day a war
// ends, so S(T) is the whole probability: there is no separate decision at
// T = 0 (no P(status quo) factor, which would count the start of the
// spell twice at the crisis sample's rate). With z = 0 and hr = 1 it is
// the fitted curve exactly. It rises in z (PC1 >= 0) and falls in hr and T.
// hr carries every hazard ratio but the index's: the mechanisms' and the
// post-war dyad covariates' e^η (PostWarTerm), which is 1 at the spells'
// sample means.
func PostWarSurvival(c *Coefficients, z, years, hr float64) float64 {
	if years <= 0 {
		return 1
	}
	pc := Logistic(c.PC0.Value + c.PC1.Value*z)
	h := math.Pow(years/c.Lambda.Value, c.K.Value) * hr * math.Exp(-z)
	return 1 + (1-pc)*math.Expm1(-h)
}
