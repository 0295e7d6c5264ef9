package scenario

import (
	"fmt"
	"math"
	"strings"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/uncertainty"
)

// The parameter catalogue: every model parameter a file may set under
// model:, with its default, source, unit, range and the equation that uses
// it. It is the one table that the schema (TestCatalogueMatchesSchema), the
// decoder, Compile, both engines (package assess) and the generated table
// in docs/scenario.md (CatalogueMarkdown) read.
//
// The default engine's coefficients come from package deter (the committed
// fit, each with its standard error, data and method): a coefficient with a
// standard error is drawn per Monte Carlo draw from a normal truncated to
// its allowed range, so the reported intervals carry the fit's uncertainty.

// Engine names.
const (
	// EngineDefault is the structural engine of MODEL.md §3 (assess).
	EngineDefault = "structural"
	// EngineUDG is the Unilateral Deterrence Game / D1 engine, kept as an
	// alternative with its caveat (docs/assess.md).
	EngineUDG = "udg"
	// EngineBoth marks a parameter both engines read.
	EngineBoth = "both"
)

// Entry is one catalogue row.
type Entry struct {
	Name     string // path in a file and in every output: "model.response.troops"
	Default  uncertainty.Dist
	Source   string // citation, a deter estimate's data and method, or "judgment: why"
	Unit     string
	Lo, Hi   float64 // allowed range (also the truncation of a fitted default)
	OpenLo   bool    // Lo excluded
	Equation string  // the equation that uses it (docs/assess.md)
	Engine   string  // EngineDefault, EngineUDG or EngineBoth
	// Need reports whether the scenario's structure reads the parameter;
	// an entry the file does not set is compiled only when needed. nil:
	// always needed by its engine.
	Need func(*Scenario) bool
}

// Key is the entry's path below model: ("response.troops").
func (e Entry) Key() string { return strings.TrimPrefix(e.Name, "model.") }

// Range renders the allowed range.
func (e Entry) Range() string { return interval(e.Lo, e.OpenLo, e.Hi) }

var catalogue struct {
	entries []Entry
	byName  map[string]int
}

// Catalogue returns every entry, in a fixed order.
func Catalogue() []Entry {
	buildCatalogue()
	return catalogue.entries
}

// CatalogueFor returns the catalogue with the default engine's fitted
// defaults built from coef instead of the committed fit: the same entries,
// names and order as Catalogue, other defaults and sources where coef
// differs. nil (or deter.Default itself) gives Catalogue's shared slice.
// The result is built afresh for any other coef: callers that compile
// many files with one coefficient set should not mind (it is cheap), and
// nothing is cached globally.
func CatalogueFor(coef *deter.Coefficients) []Entry {
	if coef == nil || coef == deter.Default() {
		return Catalogue()
	}
	return append(defaultEngineEntries(coef), udgEntries()...)
}

// LookupEntry returns the entry named name ("model.response.troops").
func LookupEntry(name string) (Entry, bool) {
	buildCatalogue()
	i, ok := catalogue.byName[name]
	if !ok {
		return Entry{}, false
	}
	return catalogue.entries[i], true
}

func buildCatalogue() {
	if catalogue.entries != nil {
		return
	}
	es := defaultEngineEntries(deter.Default())
	es = append(es, udgEntries()...)
	catalogue.byName = map[string]int{}
	for i, e := range es {
		_ = es[i].Default.Validate() // TestCatalogueDefaults checks every default is valid and in range
		catalogue.byName[e.Name] = i
	}
	catalogue.entries = es
}

var posInf = math.Inf(1)

// fitted turns a deter estimate into a default: a normal(value, SE)
// truncated to [lo, hi] when SE > 0, else the point value (clipped into the
// range, which a valid fit never needs).
func fitted(e deter.Estimate, lo, hi float64, openLo bool) (uncertainty.Dist, string) {
	if openLo {
		lo = math.Max(lo+1e-9, math.Nextafter(lo, hi)) // truncate just above an excluded bound
	}
	src := e.Method
	if e.Data != "" {
		src += "; " + e.Data
	}
	if e.Prior != "" {
		src = "prior: " + e.Prior
	}
	src = fmt.Sprintf("deter: %.4g (SE %.3g), %s", e.Value, e.SE, src)
	v := math.Min(math.Max(e.Value, lo), hi)
	if e.SE > 0 {
		d := uncertainty.Dist{Kind: uncertainty.Normal, Mean: v, SD: e.SE}
		if !math.IsInf(lo, -1) || !math.IsInf(hi, 1) {
			d.Min, d.Max = lo, hi
		}
		if d.Validate() == nil {
			return d, src
		}
	}
	return uncertainty.PointDist(v), src
}

func judg(d uncertainty.Dist, why string) (uncertainty.Dist, string) {
	_ = d.Validate()
	return d, "judgment: " + why
}

// usesType reports whether some guarantor has an instrument of type t.
func usesType(t InstrumentType) func(*Scenario) bool {
	return func(s *Scenario) bool {
		for _, g := range s.Option.Guarantors {
			for _, in := range g.Instruments {
				if in.Type == t {
					return true
				}
			}
		}
		return false
	}
}

func usesPosture(p string) func(*Scenario) bool {
	return func(s *Scenario) bool {
		for _, g := range s.Option.Guarantors {
			for _, in := range g.Instruments {
				if in.Type == Tripwire && in.Posture == p {
					return true
				}
			}
		}
		return false
	}
}

func usesRotation(s *Scenario) bool {
	for _, g := range s.Option.Guarantors {
		for _, in := range g.Instruments {
			if in.Type == Tripwire && in.Rotation == "rotational" {
				return true
			}
		}
	}
	return false
}

func hasGuarantors(s *Scenario) bool { return len(s.Option.Guarantors) > 0 }

func isGeneral(s *Scenario) bool { return s.Challenge.Stage == General }

// mayBePostWar reports whether s is read as post-war (EffectiveStage) at
// its period's start; an option without a period is assessed at a date
// the pipeline sets later, so any ceasefire agreement counts here (an
// entry compiled but not read is flagged by the engine, never ignored).
func mayBePostWar(s *Scenario) bool {
	at := ""
	if s.Period != nil {
		at = s.Period.Start
	}
	return EffectiveStage(s, at) == PostWar
}

func unknownRegime(s *Scenario) bool {
	for _, g := range s.Option.Guarantors {
		if g.Democracy == nil {
			return true
		}
	}
	return false
}
func challengeIs(k ChallengeKind) func(*Scenario) bool {
	return func(s *Scenario) bool { return s.Challenge.Kind == k }
}

func hasSovereign(s *Scenario) bool {
	for _, g := range s.Option.Guarantors {
		if g.Sovereign {
			return true
		}
	}
	return false
}

func declaredUmbrella(s *Scenario) bool {
	for _, g := range s.Option.Guarantors {
		for _, in := range g.Instruments {
			if in.Type == NuclearUmbrella && in.Declared {
				return true
			}
		}
	}
	return false
}

// NoTheatre reports whether the challenger gives no forces in the theatre,
// so that every side's strength falls back on national capability.
func NoTheatre(s *Scenario) bool {
	c := s.Capabilities.Challenger
	return c == nil || !c.DeployableTroops.Set
}

func protegeFallback(s *Scenario) bool {
	p := s.Capabilities.Protege
	return s.Territory == nil && (NoTheatre(s) || p == nil || !p.DeployableTroops.Set)
}

func guarantorFallback(s *Scenario) bool {
	for _, g := range s.Option.Guarantors {
		if NoTheatre(s) || g.Capability == nil || !g.Capability.DeployableTroops.Set {
			return true
		}
	}
	return false
}

func hasArrival(s *Scenario) bool {
	if NoTheatre(s) {
		return false
	}
	cs := []*Capability{s.Capabilities.Challenger, s.Capabilities.Protege}
	for _, g := range s.Option.Guarantors {
		cs = append(cs, g.Capability)
	}
	for _, c := range cs {
		if c != nil && c.ArrivalDays.Set {
			return true
		}
	}
	return false
}

func hasMechanism(m string) func(*Scenario) bool {
	return func(s *Scenario) bool {
		for _, g := range s.Option.Guarantors {
			for _, in := range g.Instruments {
				switch m {
				case deter.HRMonitors:
					if in.Type == CeasefireAgreement && in.Monitors.Set {
						return true
					}
				case deter.HRDMZ:
					if in.Type == CeasefireAgreement && in.DMZ {
						return true
					}
				case deter.HRJointCommission:
					if in.Type == CeasefireAgreement && in.JointCommission {
						return true
					}
				case deter.HRThirdPartyGuarantee:
					if !g.Sovereign && ThirdPartyGuarantee(in.Type) {
						return true
					}
				case deter.HRPeacekeepers:
					if g.Organization != nil && (in.Type == Tripwire || in.Type == Advisers) {
						return true
					}
				}
			}
		}
		return false
	}
}

// ThirdPartyGuarantee reports whether an instrument of type t is an explicit
// third-party guarantee in Fortna's (2003) sense: a written commitment by an
// outside state to the protege's security. Forces stationed under a defence
// commitment (a tripwire) and a declared nuclear umbrella count: the
// response model reads both as defence commitments (they take the
// defence-pact base rate), so a guarantor that adds troops or an umbrella
// to a commitment must not lose the mechanism a bare assurance has.
func ThirdPartyGuarantee(t InstrumentType) bool {
	switch t {
	case CollectiveDefense, DefensePact, SecurityAssurance, CeasefireAgreement, Tripwire, NuclearUmbrella:
		return true
	}
	return false
}

// Mechanisms lists the durability mechanisms with a hazard ratio.
var Mechanisms = []string{deter.HRMonitors, deter.HRDMZ, deter.HRJointCommission, deter.HRThirdPartyGuarantee, deter.HRPeacekeepers}

// BaseKeys lists the keys of model.response.base: the instrument types,
// "none" and "sovereign".
func BaseKeys() []string {
	out := []string{deter.BaseNone, deter.BaseSovereign}
	for _, t := range InstrumentTypes {
		out = append(out, string(t))
	}
	return out
}

const (
	eqResponse = "q_g = L(base + post1945 + troops·ln(1+troops at risk) + stake·ln(1+US$bn) + audience·a_g + balance·(P(g and protege prevail) − 1/2) + challenge shift + Σ ln LR)"
	eqContest  = "π_S = F_C^γ / (F_C^γ + F_S^γ)"
	eqCost     = "ln C_S = cost_intercept + cost_balance·ln(F_S/F_C) + cost_nuclear·[umbrella holder in S]"
	eqSQ       = "P(SQ) = L(intercept + general + weight·(ln C̄ − ln Π)), Π = E_R[π_S], C̄ = E_R[C_S]"
	// eqSQInformed is the immediate stage under the informed challenger
	// (deter.AggInformed), the committed form since 7 December 2026.
	eqSQInformed = "P(SQ) = Σ_S P(S)·L(intercept + weight·(ln C_S − ln π_S)) (the informed challenger sees the responding set S before it decides)"
	eqSQGeneral  = "P(SQ per year) = L(intercept + general + Σ α·(x − centre) + weight·(ln C̄ − ln Π)), α·(x − centre) per challenger covariate"
	// eqSQGeneralFitted is the general stage with its own slope (docs/fit.md,
	// "General-stage slope of the structural index").
	eqSQGeneralFitted = "P(SQ per year) = L(general + Σ α·(x − centre) + general_slope·(ln C̄ − ln Π − general_reference))"
	eqForce           = "F = troops in place + reinforcements·exp(−arrival_days/arrival_scale)"
	eqFallback        = "F = CINC·deploy share (national fallback, flagged)"
	eqSurv            = "P(no attack by T | SQ) = pc + (1−pc)·exp(−(T/scale)^shape·Π HR), pc = L(cure_intercept + cure_index·DI)"
	eqPostWar         = "post-war stage: S(T) = pc + (1−pc)·exp(−(T/scale)^shape·Π HR·e^−z·e^η), z = postwar_slope·(ln C̄ − ln Π − postwar_reference) (weight, A1, when the coefficient set has no fitted postwar_slope), pc = L(cure_intercept + cure_index·z); this S is one party's (the challenger's; the protégé's at the reference index, the war outcome swapped, the ceasefire's own mechanisms only) and P(no war by T) = S_C→P(T)·S_P→C(T) (renewal by either party), P(deterrence) = that at T = 1"
)

func defaultEngineEntries(c *deter.Coefficients) []Entry {
	var es []Entry
	add := func(name string, d uncertainty.Dist, src, unit string, lo, hi float64, openLo bool, eq string, need func(*Scenario) bool) {
		es = append(es, Entry{Name: name, Default: d, Source: src, Unit: unit, Lo: lo, Hi: hi, OpenLo: openLo, Equation: eq, Engine: EngineDefault, Need: need})
	}
	fit := func(name string, e deter.Estimate, unit string, lo, hi float64, openLo bool, eq string, need func(*Scenario) bool) {
		d, src := fitted(e, lo, hi, openLo)
		add(name, d, src, unit, lo, hi, openLo, eq, need)
	}
	ninf := math.Inf(-1)
	for _, k := range BaseKeys() {
		e, ok := c.Base[k]
		if !ok {
			e = c.Base[deter.BaseNone]
			e.Prior = "no fitted base rate for " + k + ": the no-instrument rate"
		}
		need := usesType(InstrumentType(k))
		switch k {
		case string(NuclearUmbrella):
			need = declaredUmbrella // an undeclared umbrella is no commitment
		case deter.BaseNone:
			need = hasGuarantors
		case deter.BaseSovereign:
			need = hasSovereign
		}
		fit("model.response.base."+k, e, "logit", ninf, posInf, false, eqResponse+" (base of the strongest instrument in force and in scope)", need)
	}
	fit("model.response.post1945", c.Post1945, "logit", ninf, posInf, false, eqResponse+" (assessment date in or after 1945)", hasGuarantors)
	fit("model.response.troops", c.BT, "logit per ln(1+troops)", 0, posInf, false, eqResponse, hasGuarantors)
	fit("model.response.stake", c.BE, "logit per ln(1+US$ bn)", 0, posInf, false, eqResponse, hasGuarantors)
	fit("model.response.audience", c.BA, "logit", 0, posInf, false, eqResponse+" (a_g = democracy × [a public commitment in force]; fitted on Huth's democratic-defender dummy)", hasGuarantors)
	d0, s0 := judg(uncertainty.Dist{Kind: uncertainty.Uniform, Min: 0.3, Max: 0.9}, "P(a guarantor is a democratic audience) when the file does not give its democracy: field")
	add("model.response.democracy", d0, s0, "probability", 0, 1, false, eqResponse+" (democracy of a guarantor without a democracy: field)", unknownRegime)
	d0, s0 = judg(uncertainty.Dist{Kind: uncertainty.LogNormal, Mu: math.Log(1500), Sigma: 0.8}, "a guarantor's annual foreign trade, US$ bn, converting an economic stake into the per cent of its trade that the stake coefficient was fitted on (Huth's fortrade); median US$1,500 bn (a large power of the 2020s)")
	add("model.response.trade_usd_bn", d0, s0, "US$ bn", 0, posInf, true, eqResponse+" (stake = 100 × US$ bn at stake / this)", usesType(EconomicStake))
	fit("model.response.balance", c.BD, "logit per unit P(win)", 0, posInf, false, eqResponse, hasGuarantors)
	fit("model.response.correlation", c.Rho, "correlation", 0, 0.99, false, "R_g = 1[U_g < q_g], U from a Gaussian copula with this correlation", hasGuarantors)
	d, s := judg(uncertainty.Dist{Kind: uncertainty.Normal, Mean: -0.5, SD: 0.5, Min: ninf, Max: 0}, "a seizure of part of the territory is easier to leave unanswered than an invasion (the stake is smaller); no fitted estimate")
	add("model.response.limited_seizure", d, s, "logit", ninf, 0, false, eqResponse+" (challenge shift)", challengeIs(LimitedSeizure))
	d, s = judg(uncertainty.Dist{Kind: uncertainty.Normal, Mean: -1, SD: 0.5, Min: ninf, Max: 0}, "coercion below open war is ambiguous and rarely triggers a commitment (Crimea 2014); no fitted estimate")
	add("model.response.grey_zone", d, s, "logit", ninf, 0, false, eqResponse+" (challenge shift)", challengeIs(GreyZone))
	tri := func(a, b, c float64) uncertainty.Dist {
		return uncertainty.Dist{Kind: uncertainty.Triangular, Min: a, Mode: b, Max: c}
	}
	d, s = judg(tri(0.7, 0.9, 1), "share of a tripwire on the line of contact in harm's way in an attack")
	add("model.exposure.frontline", d, s, "share", 0, 1, false, "troops at risk = Σ tripwire troops·exposure(posture)·rotation + advisers·exposure.advisers", usesPosture("frontline"))
	d, s = judg(tri(0.3, 0.5, 0.7), "share of a tripwire stationed behind the line (cities, bases) in harm's way")
	add("model.exposure.depth", d, s, "share", 0, 1, false, "troops at risk (see frontline)", usesPosture("depth"))
	d, s = judg(tri(0.05, 0.15, 0.3), "share of a tripwire stationed far from the line in harm's way")
	add("model.exposure.rear", d, s, "share", 0, 1, false, "troops at risk (see frontline)", usesPosture("rear"))
	d, s = judg(tri(0.6, 0.8, 1), "a rotating force is smaller on any given day and less rooted")
	add("model.exposure.rotational", d, s, "share", 0, 1, false, "troops at risk (multiplier of a rotational tripwire)", usesRotation)
	d, s = judg(tri(0.3, 0.5, 0.8), "advisers work with the protege's units, often behind the line")
	add("model.exposure.advisers", d, s, "share", 0, 1, false, "troops at risk (see frontline)", usesType(Advisers))
	fit("model.challenger.contest_exponent", c.Gamma, "exponent", 0, posInf, true, eqContest, nil)
	fit("model.challenger.cost_intercept", c.C0, "log cost", ninf, posInf, false, eqCost, nil)
	fit("model.challenger.cost_balance", c.C1, "per ln(F_S/F_C)", 0, posInf, false, eqCost, nil)
	fit("model.challenger.cost_nuclear", c.CN, "log cost", 0, posInf, false, eqCost, declaredUmbrella)
	// With the general stage's own slope fitted (deter.GeneralSlopeFitted),
	// A0 and A1 do not enter the general stage: they are compiled there
	// only when the file sets them, and then flagged as not read.
	var crisis func(*Scenario) bool
	eqGeneral := eqSQ + " (general deterrence, challenge.stage: general; then P(SQ) is per year)"
	if c.GeneralSlopeFitted() {
		crisis = func(s *Scenario) bool { return !isGeneral(s) }
		eqGeneral = eqSQGeneralFitted + " (the whole intercept, at the covariate means and x = general_reference)"
	}
	eqCrisis := eqSQ
	if c.Aggregation == deter.AggInformed {
		eqCrisis = eqSQInformed
	}
	fit("model.challenger.intercept", c.A0, "logit", ninf, posInf, false, eqCrisis+" (immediate deterrence, crises)", crisis)
	fit("model.challenger.weight", c.A1, "logit per log", 0, posInf, true, eqCrisis, crisis)
	fit("model.challenger.general", c.AGeneral, "logit", ninf, posInf, false, eqGeneral, isGeneral)
	if c.GeneralSlopeFitted() {
		fit("model.challenger.general_slope", c.GenSlope, "logit per unit of ln C̄ − ln Π", 0, posInf, false, eqSQGeneralFitted, isGeneral)
		fit("model.challenger.general_reference", c.GenRef, "ln C̄ − ln Π", ninf, posInf, false, eqSQGeneralFitted, isGeneral)
	}
	for _, ce := range challengerCovariates(c) {
		eq := eqSQGeneral
		if c.GeneralSlopeFitted() {
			eq = eqSQGeneralFitted
		}
		fit("model.challenger."+ce.key, *ce.e, ce.unit, ninf, posInf, false, eq+fmt.Sprintf(" (x = %s, centre %.4g)", ce.x, ce.e.Centre), isGeneral)
	}
	d, s = judg(tri(10, 30, 90), "forces that arrive a month after the attack count e^-1 of forces in place; campaigns of the COW era were decided in weeks to months")
	add("model.capability.arrival_scale", d, s, "days", 0, posInf, true, eqForce, hasArrival)
	d, s = judg(uncertainty.Dist{Kind: uncertainty.Uniform, Min: 0.5, Max: 0.9}, "share of the challenger's national capability it brings to the theatre")
	add("model.capability.challenger_deploy", d, s, "share", 0, 1, false, eqFallback, func(s *Scenario) bool {
		return NoTheatre(s) || protegeFallback(s) || guarantorFallback(s)
	})
	es[len(es)-1].Engine = EngineBoth
	d, s = judg(uncertainty.PointDist(1), "the protege fights with all it has")
	add("model.capability.protege_deploy", d, s, "share", 0, 1, false, eqFallback, protegeFallback)
	es[len(es)-1].Engine = EngineBoth
	d, s = judg(uncertainty.Dist{Kind: uncertainty.Uniform, Min: 0.2, Max: 0.5}, "share of a guarantor's national capability it commits to the theatre")
	add("model.capability.guarantor_deploy", d, s, "share", 0, 1, false, eqFallback, guarantorFallback)
	es[len(es)-1].Engine = EngineBoth
	d, s = judg(uncertainty.Dist{Kind: uncertainty.Uniform, Min: 0.005, Max: 0.03}, "protege force multiplier per US$ bn of arms a year: about 1/60 for a protege with Ukraine's defence budget of about US$ 60 bn")
	add("model.capability.arms_per_bn", d, s, "per US$ bn/yr", 0, posInf, false, "F_P ← F_P·(1 + arms_per_bn·Σ arms supply US$ bn/yr)", usesType(ArmsSupply))
	fit("model.durability.shape", c.K, "Weibull shape", 0, posInf, true, eqSurv, nil)
	fit("model.durability.scale", c.Lambda, "years", 0, posInf, true, eqSurv, nil)
	fit("model.durability.cure_intercept", c.PC0, "logit", ninf, posInf, false, eqSurv, nil)
	fit("model.durability.cure_index", c.PC1, "logit per DI", 0, posInf, false, eqSurv, nil)
	// The post-war slope and reference: fitted on directed post-war spells
	// when the pre-registered CV adopted them (deter.PostWarSlope), else
	// the carry-over, weight (A1) and Huth's di_ref.
	if c.PostWarSlopeFitted() {
		fit("model.durability.postwar_slope", c.PWSlope, "log HR per unit of ln C̄ − ln Π", 0, posInf, false, eqPostWar, mayBePostWar)
	}
	_, ref := c.PostWarSlope()
	fit("model.durability.postwar_reference", *ref, "ln C̄ − ln Π", ninf, posInf, false, eqPostWar, mayBePostWar)
	for _, pc := range postWarCovariates(c) {
		fit("model.durability."+pc.key, *pc.e, pc.unit, ninf, posInf, false, eqPostWar+fmt.Sprintf(" (η = Σ δ·(x − centre); x = %s, centre %.4g)", pc.x, pc.e.Centre), mayBePostWar)
	}
	for _, m := range Mechanisms {
		e, ok := c.HR[m]
		if !ok {
			e = deter.Estimate{Value: 1, Prior: "no estimate: no effect"}
		}
		// The direction is what the judgment knows (Fortna 2003, 2004: each
		// mechanism lengthens peace), so the default is truncated at 1: a
		// mechanism's hazard ratio is never drawn above 1, and adding one
		// never shortens peace (P(deterrence) after a war is the first
		// year's survival, which the property suite holds monotone). A file
		// may still set any value in the range.
		d, src := fitted(e, 0, 1, true)
		add("model.durability."+m, d, src, "hazard ratio", 0, posInf, true, eqSurv+" (HR of "+strings.ReplaceAll(m, "_", " ")+")", hasMechanism(m))
	}
	return es
}

// challengerCovariate is one challenger covariate's catalogue row: its key
// under model.challenger, its coefficient in deter, what x is and its unit.
type challengerCovariate struct {
	key, x, unit string
	e            *deter.Estimate
}

// challengerCovariates lists the covariates of general deterrence in
// deter.ChallengerCovariates.Values order.
func challengerCovariates(c *deter.Coefficients) []challengerCovariate {
	es := c.ChallengerEstimates()
	return []challengerCovariate{
		{"rivalry", "challenge.rivalry, 1 if strategic rivals", "logit", es[0]},
		{"peace_years", "ln(1 + years since the last use-of-force dispute, challenge.last_dispute)", "logit per ln(1+years)", es[1]},
		{"no_prior_dispute", "1 if challenge.last_dispute is none", "logit", es[2]},
		{"contiguous", "challenge.contiguous, 1 if they share a land border", "logit", es[3]},
	}
}

// postWarCovariates lists the post-war dyad covariates in
// deter.PostWarCovariates.Values order (keys under model.durability).
func postWarCovariates(c *deter.Coefficients) []challengerCovariate {
	es := c.PostWarEstimates()
	return []challengerCovariate{
		{"rivalry", "challenge.rivalry, 1 if strategic rivals", "log hazard ratio", es[0]},
		{"contiguous", "challenge.contiguous, 1 if they share a land border", "log hazard ratio", es[1]},
		{"earlier_wars", "ln(1 + earlier COW wars between the two, challenge.earlier_wars)", "log hazard ratio per ln(1+wars)", es[2]},
		{"war_won", "challenge.war_outcome = challenger_won, 1 if the challenger won the war that just ended", "log hazard ratio", es[3]},
		{"war_lost", "challenge.war_outcome = challenger_lost, 1 if the challenger lost it", "log hazard ratio", es[4]},
	}
}

// PostWarCovariateKeys are the catalogue keys of the post-war dyad
// covariates' coefficients, in deter.PostWarCovariates.Values order.
func PostWarCovariateKeys() []string {
	var out []string
	for _, pc := range postWarCovariates(deter.Default()) {
		out = append(out, "model.durability."+pc.key)
	}
	return out
}

// ChallengerCovariateKeys are the keys under model.challenger of the
// challenger covariates' coefficients, in deter.ChallengerCovariates.Values order.
func ChallengerCovariateKeys() []string {
	var out []string
	for _, ce := range challengerCovariates(deter.Default()) {
		out = append(out, "model.challenger."+ce.key)
	}
	return out
}

// udgEntries are the parameters of the UDG/D1 engine (docs/assess.md, "The
// UDG engine"), under model.udg. They are judgments: the UDG engine was
// never fitted.
func udgEntries() []Entry {
	var es []Entry
	add := func(key string, d uncertainty.Dist, why string, lo, hi float64, openLo bool, eq string) {
		_ = d.Validate()
		es = append(es, Entry{Name: "model.udg." + key, Default: d, Source: "judgment: " + why, Unit: "", Lo: lo, Hi: hi, OpenLo: openLo, Equation: eq, Engine: EngineUDG})
	}
	tri := func(a, b, c float64) uncertainty.Dist {
		return uncertainty.Dist{Kind: uncertainty.Triangular, Min: a, Mode: b, Max: c}
	}
	uni := func(a, b float64) uncertainty.Dist {
		return uncertainty.Dist{Kind: uncertainty.Uniform, Min: a, Max: b}
	}
	pt := uncertainty.PointDist
	ninf := math.Inf(-1)
	commit := "UDG commitment logit (docs/assess.md)"
	add("commitment.tripwire", tri(0.05, 0.2, 0.35), "Schelling 1966 tying-hands logic; logits per ln(1 + troops at risk)", ninf, posInf, false, commit)
	add("commitment.air_policing", uni(0, 0.5), "aircrew in harm's way bind less than ground troops", ninf, posInf, false, commit)
	add("commitment.economic_stake", tri(0.05, 0.15, 0.3), "direction from Huth & Russett 1984 and Huth 1988 (trade); logits per ln(1 + US$ bn)", ninf, posInf, false, commit)
	add("commitment.audience_cost", pt(0.5), "a ratified multilateral treaty with integrated command binds more than the average defence pact", ninf, posInf, false, commit)
	add("commitment.war_cost", uni(0.5, 2), "logits lost per unit shortfall of P(win) below the reference", ninf, posInf, false, commit)
	add("commitment.war_cost_reference", pt(0.5), "the base rates mix wars won and lost, so an even contest adds nothing", 0, 1, false, commit)
	add("capability.contest_exponent", uncertainty.Dist{Kind: uncertainty.Normal, Mean: 0.31, SD: 0.13, Min: 0.02, Max: 3}, "ML fit on 67 decisive COW wars of the contest exponent on national CINC (capability.FitWarOutcomes; checked by assess tests)", 0, posInf, true, "UDG P(win) on national capability")
	add("capability.threshold", pt(0.5), "'capable of defeating the aggressor' read as P(win) >= 1/2", 0, 1, false, "UDG capable coalitions")
	add("correlation", pt(0), "guarantors decide independently unless the file sets a bloc weight", 0, 1, false, "UDG bloc response")
	add("challenger.cost_max", uni(0.5, 2), "the challenger's cost of war per unit of relative enemy strength is its private type, uniform on [0, this]", 0, posInf, true, "UDG challenger types")
	add("challenger.backdown_cost", uni(0.05, 0.3), "the challenger's audience cost of backing down after the guarantors resist", 0, posInf, false, "UDG cCD")
	add("challenger.nuclear_umbrella_cost", uni(0.5, 3), "Schelling's threat that leaves something to chance", 0, posInf, false, "UDG challenger's war cost")
	add("defender.u_cd", pt(0.8), "udg example ordering", ninf, posInf, false, "UDG dCD")
	add("defender.u_dc", pt(0.2), "udg example ordering", ninf, posInf, false, "UDG dDC")
	add("defender.u_dd_soft", uni(-2, -0.2), "a reluctant guarantor's utility of war, well below conceding", ninf, posInf, false, "UDG dDD-")
	add("durability.redecision_rate", uni(0.1, 0.3), "the challenger re-decides every 3-10 years", 0, 1, false, "UDG durability")
	add("durability.monitors", tri(0.4, 0.6, 0.9), "direction from Fortna 2003", 0, posInf, true, "UDG durability")
	add("durability.dmz", tri(0.4, 0.6, 0.9), "direction from Fortna 2003", 0, posInf, true, "UDG durability")
	br := func(t InstrumentType, d uncertainty.Dist, why string) {
		add("base_rates."+string(t), d, why, 0, 1, false, "UDG prior P(fight) of a guarantor whose strongest instrument is this")
	}
	br(CollectiveDefense, tri(0.6, 0.8, 0.95), "above the bilateral-pact rate (Leeds and Anac 2005)")
	br(DefensePact, uncertainty.Dist{Kind: uncertainty.Beta, Alpha: 74, Beta: 74}, "Berkemeier and Fuhrmann 2018: 73 of 146 invoked commitments honoured; Beta(1+73, 1+73)")
	br(NuclearUmbrella, tri(0.3, 0.5, 0.75), "extended nuclear deterrence without a pact")
	br(Tripwire, tri(0.2, 0.4, 0.6), "troops present without a treaty obligation")
	br(AirPolicing, tri(0.1, 0.25, 0.45), "aircraft in theatre without ground troops")
	br(SecurityAssurance, tri(0.02, 0.08, 0.2), "consultation, no obligation to fight")
	br(ArmsSupply, tri(0.01, 0.05, 0.15), "arms are a substitute for fighting")
	br(EconomicStake, tri(0.01, 0.04, 0.1), "a stake alone")
	br(CeasefireAgreement, tri(0, 0.03, 0.1), "signatory or mediator of a ceasefire")
	br(NoInstrument, tri(0, 0.02, 0.06), "a great power intervening for a state it has promised nothing")
	return es
}

// CatalogueMarkdown renders the catalogue as the Markdown table in
// docs/scenario.md (regenerated by go test ./scenario -update).
func CatalogueMarkdown() string {
	var sb strings.Builder
	sb.WriteString("| parameter | default | source | unit | range | engine | equation |\n|---|---|---|---|---|---|---|\n")
	for _, e := range Catalogue() {
		esc := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
		fmt.Fprintf(&sb, "| `%s` | %s | %s | %s | %s | %s | %s |\n", e.Key(), esc(e.Default.String()), esc(e.Source), e.Unit, e.Range(), e.Engine, esc(e.Equation))
	}
	return sb.String()
}
