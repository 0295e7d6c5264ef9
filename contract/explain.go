package contract

import (
	"math"

	"github.com/guarantor/guarantor/assess"
)

// Explanation is the document of `guarantor explain`: the chain from
// inputs to game to equilibrium to probabilities for one option, every
// input at its median.
type Explanation struct {
	Header
	Option      string           `json:"option"`
	File        string           `json:"file"`
	Engine      string           `json:"engine" enum:"structural,udg" doc:"the engine; for structural, game is null and the guarantors' terms are those of its response equation"`
	Flags       []string         `json:"flags" doc:"fallbacks and caveats of the run; empty when none"`
	Challenger  string           `json:"challenger"`
	Protege     string           `json:"protege"`
	Year        int              `json:"year"`
	Guarantors  []GuarantorTrace `json:"guarantors"`
	PWinAll     float64          `json:"p_win_all" doc:"every guarantor with the protege wins"`
	Credibility float64          `json:"credibility" doc:"effective credibility, the game's p_def"`
	Game        *Game            `json:"game" doc:"the Unilateral Deterrence Game at the medians; null when the challenger gains nothing by attacking"`
	Satisfied   float64          `json:"satisfied" doc:"share of challenger types that never attack"`
	Determined  float64          `json:"determined" doc:"share of challenger types that attack whatever the guarantors do"`
	PDeterrence float64          `json:"p_deterrence"`
	PWar        float64          `json:"p_war"`
	Hazard      float64          `json:"hazard" doc:"yearly probability of attack after the first decision"`
	NoWar       []PointHorizon   `json:"no_war"`
	// Structural is the structural engine's chain; absent for the UDG.
	Structural  *StructuralChain `json:"structural,omitempty" doc:"the structural engine's chain (docs/assess.md); absent for engine udg"`
	Assumptions []Assumption     `json:"assumptions"`
}

// GuarantorTrace is one guarantor's commitment, term by term, in logits.
type GuarantorTrace struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Instrument string  `json:"instrument"`
	BaseRate   float64 `json:"base_rate"`
	Terms      []Term  `json:"terms" doc:"additive logit terms on top of logit(base_rate)"`
	PFights    float64 `json:"p_fights"`
	PWin       float64 `json:"p_win"`
}

// Term is one named additive term.
type Term struct {
	Name  string  `json:"name"`
	Logit float64 `json:"logit"`
}

// Game is the deterrence game and its D1 equilibrium.
type Game struct {
	Challenger      Payoffs  `json:"challenger"`
	Defender        Payoffs  `json:"defender"`
	PHardChallenger float64  `json:"p_hard_challenger"`
	PHardDefender   float64  `json:"p_hard_defender"`
	Region          string   `json:"region"`
	GammaH          float64  `json:"gamma_h"`
	GammaS          float64  `json:"gamma_s"`
	Delta           float64  `json:"delta"`
	HardInitiates   float64  `json:"hard_initiates"`
	SoftInitiates   float64  `json:"soft_initiates"`
	SoftResists     float64  `json:"soft_resists"`
	Outcomes        Outcomes `json:"outcomes" doc:"outcome probabilities among the challenger types that play"`
}

// Payoffs are one player's utilities of the game's outcomes.
type Payoffs struct {
	SQ     float64 `json:"sq"`
	DC     float64 `json:"dc"`
	CD     float64 `json:"cd"`
	DDHard float64 `json:"dd_hard"`
	DDSoft float64 `json:"dd_soft"`
}

// Outcomes are the probabilities of the game's four outcomes.
type Outcomes struct {
	SQ float64 `json:"sq"`
	DC float64 `json:"dc"`
	CD float64 `json:"cd"`
	DD float64 `json:"dd"`
}

// PointHorizon is a probability at a number of years, at the medians.
type PointHorizon struct {
	Years int     `json:"years"`
	P     float64 `json:"p"`
}

// FromTrace maps the engine's median trace onto the document.
func FromTrace(m *assess.Model, version, hash string) *Explanation {
	t := m.Explain()
	o := &m.Opt
	if st := t.Structural; st != nil {
		return fromStructural(m, st, version, hash)
	}
	e := &Explanation{Header: NewHeader("explain", version, hash), Option: o.Name, File: o.File,
		Challenger: o.Challenger.Name, Protege: o.Protege.Name, Year: o.Year, Guarantors: []GuarantorTrace{},
		PWinAll: t.PWinAll, Credibility: t.Credibility, Satisfied: t.Satisfied, Determined: t.Determined,
		PDeterrence: t.PSQ, PWar: t.PWar, Hazard: t.Hazard, NoWar: []PointHorizon{}, Assumptions: []Assumption{},
		Engine: "udg", Flags: m.UDGFlags()}
	for _, g := range t.Guarantors {
		e.Guarantors = append(e.Guarantors, GuarantorTrace{ID: g.ID, Name: g.Name, Instrument: g.Instrument, BaseRate: g.BaseRate,
			Terms: []Term{{"tripwire", g.Tripwire}, {"air_policing", g.Air}, {"stake_audience", g.StakeAudience},
				{"war_cost", g.WarCost}, {"signals", g.Signals}},
			PFights: g.PFight, PWin: g.PWin})
	}
	if !t.NoGain {
		p, q := t.Game, t.Eq
		e.Game = &Game{Challenger: Payoffs{p.CSQ, p.CDC, p.CCD, p.CDDP, p.CDDM}, Defender: Payoffs{p.DSQ, p.DDC, p.DCD, p.DDDP, p.DDDM},
			PHardChallenger: p.PCh, PHardDefender: p.PDef, Region: t.Region, GammaH: q.GammaH, GammaS: q.GammaS, Delta: q.Delta,
			HardInitiates: q.XH, SoftInitiates: q.XS, SoftResists: q.S, Outcomes: Outcomes{q.PSQ, q.PDC, q.PCD, q.PDD}}
	}
	for _, h := range t.NoWar {
		e.NoWar = append(e.NoWar, PointHorizon{Years: h.Years, P: h.P.Mean})
	}
	for _, a := range m.Assumptions() {
		e.Assumptions = append(e.Assumptions, Assumption{Input: a.Name, Distribution: a.Dist, Median: a.Median, Source: a.Source})
	}
	return e
}

// LogitBaseRate is logit(base_rate), the first term of the commitment sum.
func LogitBaseRate(p float64) float64 { return math.Log(p / (1 - p)) }

// StructuralChain is the structural engine's chain at the medians: forces,
// the response equation's terms (in guarantors[].terms), the responding
// sets, the challenger's best response and the durability.
type StructuralChain struct {
	AsOf            string        `json:"as_of" doc:"the date the instruments in force are read at"`
	ChallengerForce float64       `json:"challenger_force" doc:"challenger's forces in the theatre"`
	ProtegeForce    float64       `json:"protege_force"`
	GuarantorForces []float64     `json:"guarantor_forces" doc:"each guarantor's forces, in the order of guarantors"`
	BaseLogits      []float64     `json:"base_logits" doc:"each guarantor's base term of the response equation (logit of base_rate)"`
	Sets            []ResponseSet `json:"sets" doc:"every responding set with its probability"`
	Pi              float64       `json:"pi" doc:"challenger's expected P(prevail) over the responding sets"`
	CostBar         float64       `json:"cost_bar" doc:"challenger's expected cost of war"`
	Index           float64       `json:"deterrence_index" doc:"DI = A0 + A1 (ln cost_bar - ln pi) (stage general: its own intercept, challenger_term and slope); p_deterrence = L(DI) in the immediate stage of an index form and, per year, in the general stage; not when informed (see informed) nor after a war (see postwar): equation says which"`
	ChallengerTerm  *float64      `json:"challenger_term,omitempty" doc:"general deterrence: the challenger covariates' term x'alpha in DI (rivalry, peace years, no prior dispute, contiguity; docs/assess.md); absent for immediate deterrence"`
	HazardRatio     float64       `json:"hazard_ratio" doc:"the mechanisms' hazard ratio in the durability model"`
	Phases          int           `json:"phases" doc:"phases of instruments in force within the horizon"`
	GeneralSlope    *GeneralSlope `json:"general_slope,omitempty" doc:"general deterrence with the general stage's own fitted slope: DI = intercept + challenger_term + slope*(x - reference) (docs/fit.md); absent otherwise"`
	Stage           string        `json:"stage,omitempty" doc:"the deterrence stage used: immediate, general or postwar (a ceasefire agreement not ended reads immediate as postwar)"`
	PostWar         *PostWarChain `json:"postwar,omitempty" doc:"the post-war durability chain; only for stage postwar"`
	Informed        bool          `json:"informed,omitempty" doc:"the immediate stage's informed challenger (deter aggregation informed): it sees the responding set before it decides, so p_deterrence = sum over sets of p * p_status_quo, and pi, cost_bar and deterrence_index are the expected form's (the cure share reads the index), not the decision's inputs"`
	Equation        string        `json:"equation" doc:"the equation p_deterrence is computed with at this stage and form (docs/assess.md): the informed challenger's sum over responding sets, L(DI) of an index form, L(DI) per year in the general stage, or the post-war survival S_C->P(1) S_P->C(1)"`
}

// GeneralSlope is the general stage's index term at the medians:
// DI = intercept + challenger_term + slope·(x − reference).
type GeneralSlope struct {
	X         float64 `json:"x" doc:"ln cost_bar - ln pi"`
	Reference float64 `json:"reference" doc:"model.challenger.general_reference: the mean index of the MID dyad-years of the fit"`
	Slope     float64 `json:"slope" doc:"model.challenger.general_slope: the logit slope fitted on the MID dyad-years"`
	Intercept float64 `json:"intercept" doc:"model.challenger.general: the intercept at the covariate means and x = reference"`
}

// PostWarChain is the post-war stage's durability at the medians
// (docs/assess.md, "Post-war"): each direction is a cure Weibull,
// S(T) = pc + (1 − pc) exp(−(T/scale)^shape · hazard_ratio_total), the
// challenger's (C→P) with the fields below and the protégé's (P→C) in
// protege; renewed war by either party is their product, and
// p_deterrence = S_C→P(1) · S_P→C(1).
type PostWarChain struct {
	X                float64          `json:"x" doc:"ln C̄ − ln Π, the challenger's index"`
	XRef             float64          `json:"x_ref" doc:"the reference index at which the fitted curve applies unchanged (model.durability.postwar_reference)"`
	Weight           float64          `json:"weight" doc:"the index's slope as a log hazard ratio: model.durability.postwar_slope (fitted on directed post-war spells) or A1 carried over"`
	Z                float64          `json:"z" doc:"weight · (x − x_ref)"`
	IndexHazardRatio float64          `json:"index_hazard_ratio" doc:"exp(−z)"`
	CuredShare       float64          `json:"cured_share" doc:"pc = L(cure_intercept + cure_index · z)"`
	Shape            float64          `json:"shape" doc:"Weibull shape K"`
	Scale            float64          `json:"scale" doc:"Weibull scale, years"`
	DyadTerm         float64          `json:"dyad_term" doc:"eta, the dyad covariates' log hazard ratio (rivalry, contiguity, earlier wars; inputs challenge.*), 0 at the post-war spells' means"`
	HazardRatioTotal float64          `json:"hazard_ratio_total" doc:"the mechanisms' hazard ratio × exp(−z) × exp(eta)"`
	S1               float64          `json:"s1" doc:"the challenger's direction (C→P): P(the challenger does not renew the war within 1 year)"`
	S10              float64          `json:"s10" doc:"the challenger's direction: P(the challenger does not renew the war within 10 years)"`
	Protege          PostWarDirection `json:"protege" doc:"the protégé's direction (P→C): the index at the reference, the war outcome swapped, only the ceasefire's own mechanisms; P(no war by T) = S_C→P(T) · S_P→C(T)"`
}

// PostWarDirection is the protégé's direction after a war (P→C): the
// engine does not model the protégé's decision or its guarantors'
// restraint, so its index is at the reference (hazard ratio 1); the dyad
// term reads the war outcome swapped; a guarantor's defence commitment
// deters the challenger only, so only the ceasefire's own mechanisms
// (monitors, DMZ, joint commission, peacekeepers, a ceasefire agreement's
// third-party guarantee) enter.
type PostWarDirection struct {
	CuredShare       float64 `json:"cured_share" doc:"pc = L(cure_intercept)"`
	MechanismHR      float64 `json:"mechanism_hazard_ratio" doc:"the ceasefire's own mechanisms' hazard ratio"`
	DyadTerm         float64 `json:"dyad_term" doc:"eta with the war outcome swapped (challenger_won <-> challenger_lost)"`
	HazardRatioTotal float64 `json:"hazard_ratio_total" doc:"mechanism_hazard_ratio × exp(dyad_term)"`
	S1               float64 `json:"s1" doc:"P(the protégé does not renew the war within 1 year)"`
	S10              float64 `json:"s10" doc:"P(the protégé does not renew the war within 10 years)"`
}

// ResponseSet is one responding set: P(exactly these respond) and the
// challenger's P(prevail) and cost of war against it.
type ResponseSet struct {
	Members []string `json:"members"`
	P       float64  `json:"p"`
	Force   float64  `json:"force"`
	Pi      float64  `json:"pi"`
	Cost    float64  `json:"cost"`
	// PSQ is P(status quo | the challenger sees this set), only under the
	// informed form's immediate stage (StructuralChain.Informed).
	PSQ *float64 `json:"p_status_quo,omitempty" doc:"P(status quo | the challenger sees this set); only when informed"`
}

// fromStructural maps the structural engine's trace (docs/assess.md): no
// UDG, the response equation's terms per guarantor.
func fromStructural(m *assess.Model, t *assess.StructuralTrace, version, hash string) *Explanation {
	o := &m.Opt
	e := &Explanation{Header: NewHeader("explain", version, hash), Option: o.Name, File: o.File, Year: o.Year,
		Engine: "structural", Flags: append([]string{}, t.Flags...), Guarantors: []GuarantorTrace{},
		PDeterrence: t.PSQ, PWar: 1 - t.PSQ, NoWar: []PointHorizon{}, Assumptions: []Assumption{}}
	if c := o.Compiled; c != nil {
		e.Challenger, e.Protege = c.Scenario.Challenger.Name, c.Scenario.Protege.Name
	}
	any := 0.0
	for _, s := range t.Sets {
		if len(s.Members) > 0 {
			any += s.P
		} else {
			e.PWinAll = 1 - s.Pi
		}
		if len(s.Members) == len(t.Guarantors) {
			e.PWinAll = 1 - s.Pi
		}
	}
	e.Credibility = any
	for _, g := range t.Guarantors {
		e.Guarantors = append(e.Guarantors, GuarantorTrace{ID: g.ID, Name: g.Name, Instrument: g.Instrument,
			BaseRate: 1 / (1 + math.Exp(-g.Base)),
			Terms: []Term{{"post1945", g.Post1945}, {"troops", g.Troops}, {"stake", g.Stake}, {"audience", g.Audience},
				{"balance", g.Balance}, {"challenge", g.Shift}, {"signals", g.Signals}},
			PFights: g.Q, PWin: g.PWin})
	}
	for _, h := range t.Survival {
		e.NoWar = append(e.NoWar, PointHorizon{Years: h.Years, P: h.P.Mean})
	}
	c := &StructuralChain{AsOf: t.AsOf, ChallengerForce: t.FC, ProtegeForce: t.FP, GuarantorForces: []float64{}, BaseLogits: []float64{},
		Sets: []ResponseSet{}, Pi: t.Pi, CostBar: t.Cbar, Index: t.Index, HazardRatio: t.HR, Phases: t.Phases, Stage: t.Stage, Informed: t.Informed, Equation: t.Equation}
	if p := t.PostWar; p != nil {
		c.PostWar = &PostWarChain{X: p.X, XRef: p.XRef, Weight: p.Weight, Z: p.Z, IndexHazardRatio: p.IndexHR, CuredShare: p.Cure,
			Shape: p.Shape, Scale: p.Scale, DyadTerm: p.DyadTerm, HazardRatioTotal: p.HazardTotal, S1: p.S1, S10: p.S10,
			Protege: PostWarDirection{CuredShare: p.Protege.Cure, MechanismHR: p.Protege.MechanismHR, DyadTerm: p.Protege.DyadTerm,
				HazardRatioTotal: p.Protege.HazardTotal, S1: p.Protege.S1, S10: p.Protege.S10}}
	}
	if t.General {
		v := t.ChallengerTerm
		c.ChallengerTerm = &v
	}
	if g := t.GeneralSlope; g != nil {
		c.GeneralSlope = &GeneralSlope{X: g.X, Reference: g.Ref, Slope: g.Slope, Intercept: g.Intercept}
	}
	for _, g := range t.Guarantors {
		c.GuarantorForces = append(c.GuarantorForces, g.Force)
		c.BaseLogits = append(c.BaseLogits, g.Base)
	}
	for _, st := range t.Sets {
		rs := ResponseSet{Members: append([]string{}, st.Members...), P: st.P, Force: st.Force, Pi: st.Pi, Cost: st.Cost}
		if t.Informed {
			rs.PSQ = &st.SQ
		}
		c.Sets = append(c.Sets, rs)
	}
	e.Structural = c
	for _, a := range m.Assumptions() {
		e.Assumptions = append(e.Assumptions, Assumption{Input: a.Name, Distribution: a.Dist, Median: a.Median, Source: a.Source})
	}
	return e
}
