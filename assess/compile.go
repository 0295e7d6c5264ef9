package assess

import (
	"errors"
	"fmt"
	"math"

	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/scenario"
)

// MaxGuarantors bounds the number of guarantors: the engine sums over
// every subset that may respond (2^n terms per draw).
const MaxGuarantors = 10

// ErrOption is wrapped by every error about an invalid option.
var ErrOption = errors.New("invalid option")

// Model is a compiled option: every input flattened into one vector, with
// the slots each computation reads.
type Model struct {
	Opt    Option
	Inputs []Input
	index  map[string]int
	random []int  // slots of non-degenerate inputs the evaluation reads, in order
	unused []bool // inputs this option's structure never reads
	point  []float64
	g      []gslot
	ch     chslot
	prot   capSlots
	coef   coefSlots
	th     *thSlots
	st     *structural // the structural engine's model; nil for the UDG engine
	// mechanism counts for durability
	monitors, dmz bool
}

type capSlots struct{ cap, deploy, reach int }

type thSlots struct {
	linear           bool
	ch, prot, adv, g int
	forces           []int // per guarantor
}

type gslot struct {
	base     int
	strong   Kind  // strongest treaty instrument (the evidence base rate's)
	top      Kind  // strongest instrument of any kind
	troops   []int // troops slot, posture slot pairs
	posture  []int
	stake    []int
	arms     []int
	signals  []int
	air      bool
	nuclear  bool
	audience int
	capSlots
}

type chslot struct {
	capSlots
}

type coefSlots struct {
	trip, air, stake, war, warRef, g, capable, corr    int
	costMax, back, nuc                                 int
	dSQ, dCD, dDC, dDDH, dDDS, durRate, durMon, durDMZ int
}

// Compile validates an option and flattens its inputs.
func Compile(o Option) (*Model, error) {
	if o.Compiled != nil && o.Engine != scenario.EngineUDG {
		st, err := compileStructural(o)
		if err != nil {
			return nil, err
		}
		m := &Model{Opt: o, st: st, index: map[string]int{}}
		for i := range st.names {
			m.index[st.names[i]] = i
			m.Inputs = append(m.Inputs, Input{Name: st.names[i], Dist: &uDist{st.dists[i]}, Source: st.sources[i]})
		}
		m.point = st.point
		return m, nil
	}
	if len(o.Guarantors) > MaxGuarantors {
		return nil, fmt.Errorf("%w: %s: %d guarantors (at most %d)", ErrOption, o.Name, len(o.Guarantors), MaxGuarantors)
	}
	m := &Model{Opt: o, index: map[string]int{}}
	coding, era, err := o.BaseRate.parse()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrOption, o.Name, err)
	}
	m.ch.capSlots, err = m.party("challenger", o.Challenger.Party)
	if err != nil {
		return nil, err
	}
	if m.prot, err = m.party("protege", o.Protege); err != nil {
		return nil, err
	}
	for i := range o.Guarantors {
		gs, err := m.guarantor(&o.Guarantors[i], coding, era)
		if err != nil {
			return nil, err
		}
		m.g = append(m.g, gs)
	}
	m.coefficients()
	if o.Theatre != nil {
		m.theatre(o.Theatre)
	}
	m.markUnused()
	for i, in := range m.Inputs {
		v := in.Dist.Quantile(0.5)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: %s: input %s = %s has no finite median", ErrOption, o.Name, in.Name, in.Dist)
		}
		m.point = append(m.point, v)
		if !degenerate(in.Dist) && !m.unused[i] {
			m.random = append(m.random, i)
		}
	}
	return m, nil
}

// add registers an input under name, using def when in has no Dist.
func (m *Model) add(in Input, name string, def Dist, src string) int {
	if in.Dist == nil {
		in = Input{Name: name, Dist: def, Source: src}
	}
	if in.Name == "" {
		in.Name = name
	}
	alias := ""
	if o, ok := m.Opt.Coef[in.Name]; ok && o.Dist != nil {
		alias = in.Name // the engine's name still finds the override
		if o.Name == "" {
			o.Name = in.Name
		}
		in = o
	}
	if in.Source == "" {
		in.Source = Judgment
	}
	if i, ok := m.index[in.Name]; ok {
		m.Inputs[i] = in
		return i
	}
	if alias != "" {
		m.index[alias] = len(m.Inputs)
	}
	m.index[in.Name] = len(m.Inputs)
	m.Inputs = append(m.Inputs, in)
	return len(m.Inputs) - 1
}

func (m *Model) party(key string, p Party) (capSlots, error) {
	if p.Capability.Dist == nil {
		return capSlots{}, fmt.Errorf("%w: %s: %s has no capability", ErrOption, m.Opt.Name, key)
	}
	return capSlots{
		cap:    m.add(p.Capability, key+".capability", nil, ""),
		deploy: m.add(p.Deploy, key+".deploy", Point(1), "judgment: whole capability available"),
		reach:  m.add(p.Reach, key+".reach", Point(1), "judgment: no loss of strength"),
	}, nil
}

func (m *Model) guarantor(g *Guarantor, c evidence.Coding, e evidence.Era) (gslot, error) {
	pre := "guarantors." + g.ID
	cs, err := m.party(pre, g.Party)
	if err != nil {
		return gslot{}, err
	}
	gs := gslot{capSlots: cs, strong: NoInstrument, top: NoInstrument}
	for _, in := range g.Instruments {
		if strength[in.Kind] > strength[gs.top] {
			gs.top = in.Kind
		}
	}
	for j, in := range g.Instruments {
		if treatyRank[in.Kind] > treatyRank[gs.strong] {
			gs.strong = in.Kind
		}
		switch in.Kind {
		case Tripwire:
			k := fmt.Sprintf("%s.tripwire[%d]", pre, j)
			gs.troops = append(gs.troops, m.add(in.Troops, k+".troops", Point(0), ""))
			gs.posture = append(gs.posture, m.add(in.Posture, k+".posture", Point(1), "judgment: troops in harm's way from the first day"))
		case EconomicStake:
			gs.stake = append(gs.stake, m.add(in.Stake, fmt.Sprintf("%s.economic_stake[%d].value_bn", pre, j), Point(0), ""))
		case ArmsSupply:
			gs.arms = append(gs.arms, m.add(in.Arms, fmt.Sprintf("%s.arms_supply[%d].boost", pre, j), Uniform(0.1, 0.3), "judgment: arms raise the protégé's capability by 10-30%"))
		case AirPolicing:
			gs.air = true
		case NuclearUmbrella:
			gs.nuclear = true
		case CeasefireAgreement:
			m.monitors = m.monitors || in.Monitors
			m.dmz = m.dmz || in.DMZ
		}
	}
	if g.BaseRate.Dist != nil {
		gs.base = m.add(g.BaseRate, pre+".base_rate", nil, "")
	} else if gs.base, err = m.baseRate(pre, gs.strong, c, e); err != nil {
		return gslot{}, err
	}
	aud, src := Point(0), "judgment: no audience cost beyond the base rate's treaty"
	for _, in := range g.Instruments {
		if in.Kind == CollectiveDefense && in.Ratified {
			aud, src = Point(0.5), "judgment: a ratified multilateral treaty with integrated command binds more than the average defence pact behind the base rate"
		}
	}
	gs.audience = m.add(g.Audience, pre+".audience", aud, src)
	for j, s := range g.Signals {
		name := fmt.Sprintf("%s.signals[%d]", pre, j)
		if s.Name != "" {
			name = pre + ".signals." + s.Name
		}
		if s.LR.Dist == nil {
			return gslot{}, fmt.Errorf("%w: %s: %s has no likelihood ratio", ErrOption, m.Opt.Name, name)
		}
		if s.LR.Dist.Quantile(0.001) <= 0 {
			return gslot{}, fmt.Errorf("%w: %s: %s: likelihood ratio must be positive", ErrOption, m.Opt.Name, name)
		}
		gs.signals = append(gs.signals, m.add(s.LR, name+".lr", nil, ""))
	}
	return gs, nil
}

// baseRate adds the guarantor's base-rate input: the Beta posterior of
// alliance fulfilment for its strongest treaty instrument, or a judgment
// prior when it has none.
func (m *Model) baseRate(pre string, k Kind, c evidence.Coding, e evidence.Era) (int, error) {
	name := pre + ".base_rate"
	var ob evidence.Obligation
	switch k {
	case CollectiveDefense, DefensePact:
		ob = evidence.Defense
	case SecurityAssurance, CeasefireAgreement:
		ob = evidence.Consultation
	default:
		return m.add(Input{}, name, Beta(1, 9), "judgment: no treaty obligation; intervention without one taken as rare (mean 10%)"), nil
	}
	r, err := evidence.FulfilmentRate(c, ob, e)
	if err != nil {
		return 0, fmt.Errorf("%w: %s: %v", ErrOption, m.Opt.Name, err)
	}
	src := fmt.Sprintf("Berkemeier & Fuhrmann 2018 data, %s coding, %s obligations, %s: %d/%d honoured (Beta posterior); %s",
		r.Coding, r.Obligation, r.Era, r.Honoured, r.N(), r.Data)
	if k == CeasefireAgreement {
		src += "; a ceasefire guarantee read as a consultation obligation (judgment)"
	}
	return m.add(Input{}, name, Beta(r.Alpha, r.Beta), src), nil
}

func (b BaseRateChoice) parse() (evidence.Coding, evidence.Era, error) {
	c := evidence.LLM
	if b.Coding != "" {
		var err error
		if c, err = evidence.ParseCoding(b.Coding); err != nil {
			return 0, 0, err
		}
	}
	switch b.Era {
	case "", "all":
		return c, evidence.AllYears, nil
	case "pre1945":
		return c, evidence.Pre1945, nil
	case "post1945":
		return c, evidence.Post1945, nil
	}
	return 0, 0, fmt.Errorf("base rate era %q: expected all, pre1945 or post1945", b.Era)
}

func (m *Model) coefficients() {
	byName := map[string]int{}
	for _, in := range DefaultCoefficients() {
		byName[in.Name] = m.add(in, in.Name, nil, "")
	}
	c := &m.coef
	for p, n := range map[*int]string{
		&c.trip: CoefTripwire, &c.air: CoefAirPolicing, &c.stake: CoefStake, &c.war: CoefWarCost,
		&c.warRef: CoefWarCostRef, &c.g: CoefContestG, &c.capable: CoefCapable, &c.corr: CoefCorrelation,
		&c.costMax: ChCostMax, &c.back: ChBackDown, &c.nuc: ChNuclearCost,
		&c.dSQ: DefSQ, &c.dCD: DefCD, &c.dDC: DefDC, &c.dDDH: DefDDHard, &c.dDDS: DefDDSoft,
		&c.durRate: DurRate, &c.durMon: DurMonitors, &c.durDMZ: DurDMZ,
	} {
		*p = byName[n]
	}
}

// Index returns the slot of a named input.
func (m *Model) Index(name string) (int, bool) {
	i, ok := m.index[name]
	return i, ok
}

// Median returns every input at its median (the point evaluation).
func (m *Model) Median() []float64 { return append([]float64(nil), m.point...) }

func (m *Model) theatre(t *Theatre) {
	th := &thSlots{linear: t.Linear}
	th.ch = m.add(t.Challenger, "theatre.challenger_troops", Point(0), "")
	th.prot = m.add(t.Protege, "theatre.protege_troops", Point(0), "")
	adv, src := Uniform(1.5, 3), "judgment: defenders' per-capita advantage, below the 3:1 rule's square-law 9 because the attacker picks the point of attack"
	if t.Linear {
		adv, src = Uniform(1.2, 2), "judgment: defenders' per-capita advantage, below the 3:1 rule's linear-law 3 because the attacker picks the point of attack"
	}
	th.adv = m.add(t.Advantage, "theatre.defender_advantage", adv, src)
	th.g = m.add(t.G, "theatre.contest_g", Point(1), "judgment: P(win) = strength share")
	for _, g := range m.Opt.Guarantors {
		th.forces = append(th.forces, m.add(g.Forces, "guarantors."+g.ID+".forces", Point(0), "judgment: no forces in the theatre"))
	}
	m.th = th
}

// markUnused flags the coefficients this option's structure never reads
// (no air policing, no nuclear umbrella, no monitors ...), so that they are
// neither drawn nor listed as assumptions.
func (m *Model) markUnused() {
	m.unused = make([]bool, len(m.Inputs))
	var air, nuc, trip, stake bool
	for _, g := range m.g {
		air = air || g.air
		nuc = nuc || g.nuclear
		trip = trip || len(g.troops) > 0
		stake = stake || len(g.stake) > 0
	}
	c := &m.coef
	for slot, used := range map[int]bool{c.air: air, c.nuc: nuc, c.trip: trip, c.stake: stake,
		c.durMon: m.monitors, c.durDMZ: m.dmz, c.corr: len(m.g) > 1} {
		m.unused[slot] = !used
	}
	if m.th != nil { // the theatre balance replaces the national one
		parties := []capSlots{m.ch.capSlots, m.prot}
		for _, g := range m.g {
			parties = append(parties, g.capSlots)
		}
		for _, p := range parties {
			m.unused[p.cap], m.unused[p.deploy], m.unused[p.reach] = true, true, true
		}
		m.unused[c.g] = true
	}
}
