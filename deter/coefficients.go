package deter

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"sync"
)

// Estimate is one coefficient with its uncertainty and provenance.
type Estimate struct {
	Value float64 `json:"value"`
	// SE is the standard error: from the observed information for a fitted
	// value, the prior's scale for a judgment.
	SE float64 `json:"se"`
	// Data names the data set and version the value was estimated on.
	Data string `json:"data,omitempty"`
	// Method says how: "penalised ML", "Beta posterior -> logit", ...
	Method string `json:"method,omitempty"`
	// Prior is empty for a value the data estimate; otherwise it says which
	// judgment the value is and why (a labelled prior, not a fit).
	Prior string `json:"prior,omitempty"`
	// Centre is the covariate value at which a centred term is zero: the
	// challenger covariates enter as Value × (x − Centre).
	Centre float64 `json:"centre,omitempty"`
}

// Judgment reports whether the estimate is a labelled prior rather than a fit.
func (e Estimate) Judgment() bool { return e.Prior != "" }

// Provenance records how coefficients.json was produced.
type Provenance struct {
	DataVersion string `json:"data_version"`
	Command     string `json:"command"`
	Date        string `json:"date"`
	Note        string `json:"note,omitempty"`
}

// Coefficients are the parameters of the structural model (MODEL.md §3).
//
// Guarantor response:
//
//	q_g = L(Base[inst] + Post1945*[era >= 1945] + BT ln(1 + troops at risk)
//	        + BE ln(1 + stake in US$bn) + BA audience + BD (P(g and protege prevail) - 1/2) + sum ln LR)
//
// Challenger, for a responding set S with F_S = F_P + sum_{g in S} F_g:
//
//	pi_S  = F_C^Gamma / (F_C^Gamma + F_S^Gamma)
//	ln C_S = C0 + C1 ln(F_S / F_C) + CN [declared umbrella holder in S]
//	P(status quo) = L(A0 + AGeneral [general deterrence] + A1 (ln Cbar - ln Pi))
//
// and under general deterrence the challenger covariates x add
// Σ_j α_j (x_j − centre_j) (ChallengerTerm; ARivalry, APeace, ANoPrior,
// AContiguous).
//
// with ln Cbar and ln Pi aggregated over the joint response distribution by
// the form in Aggregation (E_R[C_S] and E_R[pi_S] for "expected").
//
// Durability, conditional on the status quo at time 0:
//
//	P(no attack by T) = pc + (1 - pc) exp(-(T/Lambda)^K * prod HR),  pc = L(PC0 + PC1 DI)
//
// Post-war stage (the challenger and protege have just ended a war), from
// the day the war ends, with x = ln Cbar - ln Pi:
//
//	S(T) = pc + (1 - pc) exp(-(T/Lambda)^K * prod HR * exp(-a (x - ref)) * exp(eta)),  pc = L(PC0 + PC1 a (x - ref))
//
// with (a, ref) = (PWSlope, PWRef) when fitted on the directed post-war
// spells (PostWarSlope), else the carry-over (A1, DIRef),
//
// with eta = PostWarTerm, the post-war dyad covariates' log hazard ratio.
//
// Base values are logits.
type Coefficients struct {
	// Base is the logit of the response base rate by instrument type (the
	// scenario's instrument names, plus "none" and "sovereign").
	Base map[string]Estimate `json:"base"`
	// Post1945 shifts Base for commitments after 1945.
	Post1945 Estimate `json:"post1945"`
	// BT multiplies ln(1 + the guarantor's troops in harm's way).
	BT Estimate `json:"bt"`
	// BE multiplies ln(1 + the guarantor's stake in US$bn).
	BE Estimate `json:"be"`
	// BA multiplies the guarantor's audience (0 none .. 1 a democracy with a public commitment).
	BA Estimate `json:"ba"`
	// BD multiplies P(guarantor and protege prevail) - 1/2.
	BD Estimate `json:"bd"`
	// Rho is the correlation of guarantors' responses (Gaussian copula).
	Rho Estimate `json:"rho"`

	// Gamma is the contest exponent on theatre forces.
	Gamma Estimate `json:"gamma"`
	// C0, C1 and CN set the challenger's log cost of war.
	C0 Estimate `json:"c0"`
	C1 Estimate `json:"c1"`
	CN Estimate `json:"cn"`

	// A0 is the immediate-deterrence intercept (crisis samples, Huth 1988).
	A0 Estimate `json:"a0"`
	// A1 > 0 is the weight of ln Cbar - ln Pi in the status-quo logit.
	A1 Estimate `json:"a1"`
	// AGeneral is added to A0 for general deterrence (no crisis yet; Fearon 1994).
	AGeneral Estimate `json:"a_general"`
	// ARivalry, APeace, ANoPrior and AContiguous are the challenger
	// covariates of general deterrence (MODEL.md §3, x'α in ln V; signed
	// for P(status quo), so a quarrel is negative), each entering as
	// Value × (x − Centre): a strategic rivalry, ln(1 + peace years), no
	// prior dispute, land contiguity (ChallengerCovariates).
	ARivalry    Estimate `json:"a_rivalry"`
	APeace      Estimate `json:"a_peace"`
	ANoPrior    Estimate `json:"a_no_prior"`
	AContiguous Estimate `json:"a_contiguous"`

	// K and Lambda are the Weibull shape and scale (years) of the hazard of
	// renewed attack among challengers that are not "cured".
	K      Estimate `json:"k"`
	Lambda Estimate `json:"lambda"`
	// DRivalry, DContiguous and DWars are the post-war dyad covariates'
	// log hazard ratios on the non-cured hazard (PostWarCovariates), each
	// entering as Value × (x − Centre): a strategic rivalry, land
	// contiguity and ln(1 + earlier wars), as of the war's end.
	DRivalry    Estimate `json:"d_rivalry"`
	DContiguous Estimate `json:"d_contiguous"`
	DWars       Estimate `json:"d_earlier_wars"`
	// DWarWon and DWarLost are the log hazard ratios of the war that just
	// ended having been won or lost by the challenger (against no
	// decision), each Value × (x − Centre) like the others.
	DWarWon  Estimate `json:"d_war_won"`
	DWarLost Estimate `json:"d_war_lost"`
	// PC0 and PC1 set the logit of the cured share as a function of the deterrence index.
	PC0 Estimate `json:"pc0"`
	PC1 Estimate `json:"pc1"`
	// DIRef is the reference of the post-war stage: the value of the
	// index x = ln Cbar - ln Pi at which the fitted cure Weibull applies
	// unchanged (PostWarSurvival) when a coefficient set carries Huth's A1
	// over to that stage: the mean of x over Huth's crises' inputs under
	// the fit, a labelled assumption. While the fitted post-war and general
	// slopes are adopted (PWSlope, GenSlope) no stage reads it (docs/fit.md).
	DIRef Estimate `json:"di_ref"`
	// PWSlope and PWRef are the post-war hazard slope of the index and its
	// reference, fitted on directed post-war spells (docs/fit.md, "Post-war
	// hazard slope of the structural index"): when the pre-registered
	// cross-validation adopts them (PostWarSlopeFitted), the post-war
	// hazard ratio is exp(-PWSlope (x - PWRef)) instead of the carry-over
	// exp(-A1 (x - DIRef)). PWSlope >= 0.
	PWSlope Estimate `json:"pw_slope"`
	PWRef   Estimate `json:"pw_ref"`
	// GenSlope and GenRef are the general stage's slope of the index and
	// its reference, fitted on the MID dyad-years (docs/fit.md,
	// "General-stage slope of the structural index"): when the
	// pre-registered cross-validation adopts them (GeneralSlopeFitted),
	// P(status quo per year) = L(AGeneral + x'α + GenSlope (x − GenRef)),
	// AGeneral is then the fit's whole intercept (at the covariate means
	// and x = GenRef), and A0 and A1 do not enter the general stage.
	// GenSlope >= 0.
	GenSlope Estimate `json:"gen_slope"`
	GenRef   Estimate `json:"gen_ref"`
	// HR holds mechanism hazard ratios (monitors, dmz, joint_commission,
	// third_party_guarantee, peacekeepers); below 1 lengthens peace.
	HR map[string]Estimate `json:"hr"`
	// EraKeys lists the Base keys that Post1945 applies to: the alliance
	// commitments whose base rates come from (or are mapped to) the
	// fulfilment data, split by era. The other keys are judgments meant
	// for every era.
	EraKeys []string `json:"era_keys"`
	// Aggregation is how the challenger folds the responding sets into ln
	// C̄ and ln Π (Aggregation; "" reads as "expected"), chosen by the fit.
	Aggregation Aggregation `json:"aggregation,omitempty"`

	Provenance Provenance `json:"provenance"`
}

// Instrument keys of Base beyond the scenario's instrument types.
const (
	// BaseNone keys the response base rate of a guarantor with no instrument.
	BaseNone = "none"
	// BaseSovereign keys the base rate of a state defending its own territory.
	BaseSovereign = "sovereign"
)

// Hazard-ratio keys.
const (
	HRMonitors            = "monitors"
	HRDMZ                 = "dmz"
	HRJointCommission     = "joint_commission"
	HRThirdPartyGuarantee = "third_party_guarantee"
	HRPeacekeepers        = "peacekeepers"
)

// BaseLogit returns Base[inst].Value and whether inst is known.
func (c *Coefficients) BaseLogit(inst string) (float64, bool) {
	e, ok := c.Base[inst]
	return e.Value, ok
}

// EraApplies reports whether the Post1945 term applies to instrument inst.
func (c *Coefficients) EraApplies(inst string) bool {
	for _, k := range c.EraKeys {
		if k == inst {
			return true
		}
	}
	return false
}

// Clone returns a deep copy (Default's value is shared and read-only).
func (c *Coefficients) Clone() *Coefficients {
	d := *c
	d.Base = make(map[string]Estimate, len(c.Base))
	for k, v := range c.Base {
		d.Base[k] = v
	}
	d.HR = make(map[string]Estimate, len(c.HR))
	for k, v := range c.HR {
		d.HR[k] = v
	}
	d.EraKeys = append([]string(nil), c.EraKeys...)
	return &d
}

// Scalars lists the scalar estimates by their JSON names, in a fixed order,
// for tables and for walking every parameter.
func (c *Coefficients) Scalars() []Named {
	return []Named{
		{"post1945", &c.Post1945}, {"bt", &c.BT}, {"be", &c.BE}, {"ba", &c.BA}, {"bd", &c.BD}, {"rho", &c.Rho},
		{"gamma", &c.Gamma}, {"c0", &c.C0}, {"c1", &c.C1}, {"cn", &c.CN},
		{"a0", &c.A0}, {"a1", &c.A1}, {"a_general", &c.AGeneral},
		{"a_rivalry", &c.ARivalry}, {"a_peace", &c.APeace}, {"a_no_prior", &c.ANoPrior}, {"a_contiguous", &c.AContiguous},
		{"k", &c.K}, {"lambda", &c.Lambda}, {"pc0", &c.PC0}, {"pc1", &c.PC1}, {"di_ref", &c.DIRef},
		{"pw_slope", &c.PWSlope}, {"pw_ref", &c.PWRef},
		{"gen_slope", &c.GenSlope}, {"gen_ref", &c.GenRef},
		{"d_rivalry", &c.DRivalry}, {"d_contiguous", &c.DContiguous}, {"d_earlier_wars", &c.DWars},
		{"d_war_won", &c.DWarWon}, {"d_war_lost", &c.DWarLost},
	}
}

// PostWarSlopeFitted reports whether the post-war stage reads its hazard
// slope and reference from PWSlope and PWRef (the directed post-war fit,
// adopted by its pre-registered cross-validation) rather than carrying
// over A1 and DIRef from Huth's crises.
func (c *Coefficients) PostWarSlopeFitted() bool {
	return c.PWSlope.Method != "" && c.PWSlope.Prior == ""
}

// GeneralSlopeFitted reports whether the general stage reads its slope
// and reference from GenSlope and GenRef (the MID dyad-year fit, adopted
// by its pre-registered cross-validation) rather than A0 + AGeneral and
// Huth's A1.
func (c *Coefficients) GeneralSlopeFitted() bool {
	return c.GenSlope.Method != "" && c.GenSlope.Prior == ""
}

// PostWarSlope returns the post-war stage's slope and reference estimates:
// PWSlope and PWRef when fitted, else A1 and DIRef.
func (c *Coefficients) PostWarSlope() (slope, ref *Estimate) {
	if c.PostWarSlopeFitted() {
		return &c.PWSlope, &c.PWRef
	}
	return &c.A1, &c.DIRef
}

// Named is an estimate with its name; E points into the Coefficients.
type Named struct {
	Name string
	E    *Estimate
}

// All lists every estimate: the scalars, then base.KEY and hr.KEY in key order.
func (c *Coefficients) All() []Named {
	out := c.Scalars()
	for _, k := range sortedKeys(c.Base) {
		e := c.Base[k]
		out = append(out, Named{"base." + k, &e})
	}
	for _, k := range sortedKeys(c.HR) {
		e := c.HR[k]
		out = append(out, Named{"hr." + k, &e})
	}
	return out
}

func sortedKeys(m map[string]Estimate) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Validate checks what the equations need: finite values, non-negative
// SEs, A1 > 0, Gamma > 0, K > 0, Lambda > 0, hazard ratios > 0, Rho in
// [0, 1), and the "none" base rate present.
func (c *Coefficients) Validate() error {
	for _, n := range c.All() {
		if math.IsNaN(n.E.Value) || math.IsInf(n.E.Value, 0) {
			return fmt.Errorf("coefficients: %s: value %v is not finite", n.Name, n.E.Value)
		}
		if !(n.E.SE >= 0) || math.IsInf(n.E.SE, 0) {
			return fmt.Errorf("coefficients: %s: se %v must be finite and >= 0", n.Name, n.E.SE)
		}
	}
	pos := []Named{{"a1", &c.A1}, {"gamma", &c.Gamma}, {"k", &c.K}, {"lambda", &c.Lambda}}
	for _, n := range pos {
		if !(n.E.Value > 0) {
			return fmt.Errorf("coefficients: %s: value %v must be > 0", n.Name, n.E.Value)
		}
	}
	for k, e := range c.HR {
		if !(e.Value > 0) {
			return fmt.Errorf("coefficients: hr.%s: value %v must be > 0", k, e.Value)
		}
	}
	if c.GenSlope.Value < 0 {
		return fmt.Errorf("coefficients: gen_slope: value %v must be >= 0 (a stronger defending side never lowers P(status quo))", c.GenSlope.Value)
	}
	if c.PWSlope.Value < 0 {
		return fmt.Errorf("coefficients: pw_slope: value %v must be >= 0 (a stronger defending side never raises the hazard)", c.PWSlope.Value)
	}
	if c.Rho.Value < 0 || c.Rho.Value >= 1 {
		return fmt.Errorf("coefficients: rho: value %v must be in [0, 1)", c.Rho.Value)
	}
	for _, k := range c.EraKeys {
		if _, ok := c.Base[k]; !ok {
			return fmt.Errorf("coefficients: era_keys: %q is not a base key", k)
		}
	}
	if _, err := ParseAggregation(string(c.Aggregation)); err != nil {
		return fmt.Errorf("coefficients: %w", err)
	}
	if _, ok := c.Base[BaseNone]; !ok {
		return fmt.Errorf("coefficients: base: no %q entry", BaseNone)
	}
	return nil
}

// Parse reads coefficients in the JSON form `guarantor fit` writes and validates them.
func Parse(data []byte) (*Coefficients, error) {
	var c Coefficients
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("coefficients: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Marshal renders coefficients as indented JSON (the form Parse reads).
func (c *Coefficients) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "&" in data names stays readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

//go:embed coefficients.json
var embedded []byte

var def struct {
	once sync.Once
	c    *Coefficients
}

// Default returns the committed fit (the embedded coefficients.json). The
// value is shared: treat it as read-only, or Clone it. A malformed embedded
// file is a build defect that the package's tests catch, so Default panics
// on it rather than returning an error every caller must check.
func Default() *Coefficients {
	def.once.Do(func() {
		c, err := Parse(embedded)
		if err != nil {
			panic("deter: embedded coefficients.json: " + err.Error())
		}
		def.c = c
	})
	return def.c
}
