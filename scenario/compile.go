package scenario

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/uncertainty"
)

// Param is one named uncertain input of a compiled scenario: the unit the
// engine samples, the report lists with its source, and sensitivity
// analysis varies by name.
type Param struct {
	Name    string // e.g. "guarantors.uk.tripwire.troops", "model.commitment.tripwire"
	Dist    uncertainty.Dist
	Source  string // citation, "judgment", or Unsourced when the file gives neither
	Note    string
	Default bool // taken from the model defaults, not from the file
	Pos     Pos  // where the file sets it (zero for defaults)
}

// Unsourced is the Source of a number the file gives without a source;
// reports should flag it.
const Unsourced = "unsourced"

// None marks an absent parameter in the index fields below.
const None = -1

// Compiled is a scenario flattened for evaluation: Params holds every
// uncertain input once, and the structured fields give each input's index
// into a sampled vector x (len(x) == len(Params)), or None when absent.
type Compiled struct {
	Scenario *Scenario
	// Today, when set (YYYY-MM-DD), is the date an option without a period
	// is assessed at; "" leaves it to the engine's clock. The pipeline sets
	// it so that the date is an explicit input of every run.
	Today      string
	Params     []Param
	Horizon    int
	Challenger CapabilityParams
	Protege    CapabilityParams
	Guarantors []GuarantorParams
	Model      ModelParams
	// Coefficients, when set, are the default engine's coefficients in
	// place of the committed fit (deter.Default): the catalogue defaults
	// that come from deter are built from them (CompileWith), and the
	// engine reads its fixed terms (centres, aggregation, era keys) from
	// them. nil means deter.Default.
	Coefficients *deter.Coefficients
	index        map[string]int
	points       []float64 // every parameter's constant value (0 for uncertain ones)
	uncertain    []int     // indices of parameters that are not constants
}

// GuarantorParams indexes one guarantor's inputs.
type GuarantorParams struct {
	ID           string
	Name         string  // the country's or organisation's name
	Country      Country // zero for an organisation
	Organization *Organization
	Sovereign    bool  // holds sovereignty over the protected territory
	Democracy    *bool // nil: the file does not say
	Capability   CapabilityParams
	Instruments  []InstrumentParams
	Signals      []int // likelihood-ratio parameters, in file order
}

// InstrumentParams indexes one instrument's inputs. Non-numeric settings
// are copied as they are.
type InstrumentParams struct {
	Type                                   InstrumentType
	Ratified, Consultation, DMZ, Declared  bool
	JointCommission                        bool // ceasefire_agreement
	Organization, Posture, Rotation        string
	Troops, Monitors, Aircraft, ValueUSDbn int
	Personnel                              int // advisers
	BaseRate                               int // the file's override of this instrument's prior P(fight), or None
	// Start and End are the dates the instrument is in force ("" = open);
	// InScope is false when its scope excludes this scenario's challenger
	// or challenge (it then counts as no instrument).
	Start, End string
	InScope    bool
	Exposure   int // tripwire: share of troops at risk for its posture (model.exposure.<posture>)
}

// CapabilityParams indexes an actor's capability: a dataset reference the
// engine resolves (From, Year, Country) and/or explicit figures.
type CapabilityParams struct {
	Country                            Country
	From                               string
	Year                               int
	CINC, MilexUSDbn, DeployableTroops int
	ArrivalDays                        int // days until DeployableTroops are in the theatre
	Nuclear                            *bool
}

// ModelParams holds the model-level settings; the catalogue parameters
// are found by name (Index).
type ModelParams struct {
	Engine string
}

// Compile flattens a scenario. Parameter order is deterministic: horizon,
// model, capabilities, then guarantors in file order.
func Compile(s *Scenario) *Compiled { return CompileWith(s, nil) }

// CompileWith is Compile with the default engine's coefficients coef in
// place of the committed fit (nil: deter.Default, exactly Compile): the
// defaults of the parameters the file does not set come from
// CatalogueFor(coef). A leave-dyad-out backtest compiles each case with
// coefficients refitted without its dyad (fit.Refit).
func CompileWith(s *Scenario, coef *deter.Coefficients) *Compiled {
	c := &Compiled{Scenario: s, index: map[string]int{}, Coefficients: coef}
	c.Horizon = c.add("horizon", s.Horizon, false)
	c.compileModel(s)
	c.Challenger = c.capability("capabilities.challenger", s.Capabilities.Challenger, s.Challenger)
	c.Protege = c.capability("capabilities.protege", s.Capabilities.Protege, s.Protege)
	for _, g := range s.Option.Guarantors {
		c.Guarantors = append(c.Guarantors, c.guarantor(g))
	}
	c.points = make([]float64, len(c.Params))
	for i, p := range c.Params {
		if p.Dist.IsPoint() {
			c.points[i] = p.Dist.Value
		} else {
			c.uncertain = append(c.uncertain, i)
		}
	}
	return c
}

func (c *Compiled) add(name string, q Quantity, def bool) int {
	if !q.Set && !def {
		return None
	}
	src := q.Source
	if src == "" {
		src = Unsourced
	}
	c.index[name] = len(c.Params)
	c.Params = append(c.Params, Param{Name: name, Dist: q.Dist, Source: src, Note: q.Note, Default: !q.Set, Pos: q.Pos})
	return len(c.Params) - 1
}

// compileModel adds the catalogue parameters the engine reads: those the
// file sets, and, for the default engine, the defaults its structure needs
// (the UDG engine supplies its own defaults from the same catalogue).
func (c *Compiled) compileModel(s *Scenario) {
	m := s.Model
	c.Model = ModelParams{Engine: m.Engine}
	for _, e := range CatalogueFor(c.Coefficients) {
		if q, ok := m.Params[e.Name]; ok && q.Set {
			c.add(e.Name, q, false)
			continue
		}
		if m.Engine == EngineDefault && e.Engine != EngineUDG && (e.Need == nil || e.Need(s)) {
			c.add(e.Name, Quantity{Dist: e.Default, Source: e.Source}, true)
		}
	}
}

func (c *Compiled) capability(prefix string, cp *Capability, country Country) CapabilityParams {
	out := CapabilityParams{Country: country, CINC: None, MilexUSDbn: None, DeployableTroops: None, ArrivalDays: None}
	if cp == nil {
		return out
	}
	out.From, out.Year, out.Nuclear = cp.From, cp.Year, cp.Nuclear
	out.CINC = c.add(prefix+".cinc", cp.CINC, false)
	out.MilexUSDbn = c.add(prefix+".milex_usd_bn", cp.MilexUSDbn, false)
	out.DeployableTroops = c.add(prefix+".deployable_troops", cp.DeployableTroops, false)
	out.ArrivalDays = c.add(prefix+".arrival_days", cp.ArrivalDays, false)
	return out
}

func (c *Compiled) guarantor(g Guarantor) GuarantorParams {
	p := "guarantors." + g.ID
	gp := GuarantorParams{ID: g.ID, Name: g.Name(), Country: g.Country, Organization: g.Organization, Sovereign: g.Sovereign, Democracy: g.Democracy}
	gp.Capability = c.capability(p+".capability", g.Capability, g.Country)
	count := map[InstrumentType]int{}
	for _, in := range g.Instruments {
		count[in.Type]++
		name := p + "." + string(in.Type)
		if n := count[in.Type]; n > 1 {
			name = fmt.Sprintf("%s#%d", name, n)
		}
		ip := InstrumentParams{Type: in.Type, Ratified: in.Ratified, Consultation: in.Consultation, DMZ: in.DMZ, JointCommission: in.JointCommission,
			Declared: in.Declared, Organization: in.Organization, Posture: in.Posture, Rotation: in.Rotation,
			Start: in.Start, End: in.End, InScope: in.Scope.Covers(c.Scenario.Challenger)}
		ip.Troops = c.add(name+".troops", in.Troops, false)
		ip.Monitors = c.add(name+".monitors", in.Monitors, false)
		ip.Aircraft = c.add(name+".aircraft", in.Aircraft, false)
		ip.ValueUSDbn = c.add(name+".value_usd_bn", in.ValueUSDbn, false)
		ip.Personnel = c.add(name+".personnel", in.Personnel, false)
		ip.BaseRate = c.add(name+".base_rate", in.BaseRate, false)
		gp.Instruments = append(gp.Instruments, ip)
	}
	for i, s := range g.Signals {
		gp.Signals = append(gp.Signals, c.add(fmt.Sprintf("%s.signals[%d].likelihood_ratio", p, i), s.LikelihoodRatio, false))
	}
	return gp
}

// InForce reports whether the instrument is in force on date (see
// Instrument.InForce).
func (ip InstrumentParams) InForce(date string) bool {
	return Instrument{Start: ip.Start, End: ip.End}.InForce(date)
}

// Coef returns the coefficients the default engine reads: Coefficients,
// or deter.Default when it is nil.
func (c *Compiled) Coef() *deter.Coefficients {
	if c.Coefficients != nil {
		return c.Coefficients
	}
	return deter.Default()
}

// AsOf is the date a historical case is assessed at: its period's start;
// for an option with no period, Today ("" when unset: the caller's "now").
func (c *Compiled) AsOf() string {
	if p := c.Scenario.Period; p != nil {
		return p.Start
	}
	return c.Today
}

// Index returns the position of the named parameter in Params.
func (c *Compiled) Index(name string) (int, bool) {
	i, ok := c.index[name]
	return i, ok
}

// Names returns every parameter name, sorted.
func (c *Compiled) Names() []string {
	out := make([]string, 0, len(c.Params))
	for _, p := range c.Params {
		out = append(out, p.Name)
	}
	sort.Strings(out)
	return out
}

// Sample draws every parameter into x (len(x) >= len(Params)) with rng.
// It allocates nothing.
func (c *Compiled) Sample(rng *rand.Rand, x []float64) {
	copy(x, c.points)
	for _, i := range c.uncertain {
		x[i] = c.Params[i].Dist.Sample(rng)
	}
}

// Central writes each parameter's mean into x: the baseline of
// one-at-a-time sensitivity analysis.
func (c *Compiled) Central(x []float64) {
	for i := range c.Params {
		x[i] = c.Params[i].Dist.MeanValue()
	}
}

// FromUnit maps a point u of the unit cube (len(u) >= len(Params)) to
// parameter values through each quantile function, for quasi-random
// designs. It allocates nothing.
func (c *Compiled) FromUnit(u, x []float64) {
	for i := range c.Params {
		x[i] = c.Params[i].Dist.Quantile(u[i])
	}
}

// Dists returns the parameters' distributions in Params order.
func (c *Compiled) Dists() []uncertainty.Dist {
	out := make([]uncertainty.Dist, len(c.Params))
	for i, p := range c.Params {
		out[i] = p.Dist
	}
	return out
}

// Uncertain returns the indices of parameters that are not constants.
func (c *Compiled) Uncertain() []int { return append([]int(nil), c.uncertain...) }

// KnownSignals returns the likelihood-ratio parameters of guarantor gi's
// signals that were made by the assessment date asOf (YYYY-MM-DD): a case
// is coded as of its start, so a signal dated later is a look-ahead and is
// not counted (docs/scenario.md, signal); one without a date counts.
func (c *Compiled) KnownSignals(gi int, asOf string) []int {
	gp := c.Guarantors[gi]
	sigs := c.Scenario.Option.Guarantors[gi].Signals
	var out []int
	for k, p := range gp.Signals {
		if !sigs[k].After(asOf) {
			out = append(out, p)
		}
	}
	return out
}
