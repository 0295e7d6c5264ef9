package assess

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/scenario"
	"github.com/guarantor/guarantor/uncertainty"
)

// The structural engine (MODEL.md §3; docs/assess.md). It reads the
// compiled scenario directly: its inputs are the scenario's parameters
// (every catalogue coefficient among them), plus a few constants it
// derives (national capability for the fallback), in one vector x.

// structural is a compiled option for the structural engine.
type structural struct {
	c       *scenario.Compiled
	names   []string
	dists   []uncertainty.Dist
	sources []string
	keys    []uint64 // per-input stream keys (hash of the name): common random numbers survive added inputs
	point   []float64
	random  []int          // inputs that are not constants
	fast    []inputSampler // per input: a normal sampled through the quantile table (kind 0 = use the Dist)
	read    map[int]bool   // the inputs the engine reads (flagUnread); the others are not sampled
	n       int            // guarantors
	phases  []phase
	coef    scoefSlots
	ch, pr  force
	gforce  []force           // per guarantor: reinforcements or the national fallback
	self    []bool            // per guarantor: an organisation whose only contributor is the challenger (never responds)
	horizon int               // slot of the horizon (years)
	post    bool              // assessment date in or after 1945
	agg     deter.Aggregation // how the challenger aggregates over responding sets (the committed fit's choice)
	general bool              // general deterrence: P(status quo) is per year
	postwar bool              // post-war stage: the cure Weibull from the war's end, the index a hazard ratio
	stage   string            // the stage used (scenario.EffectiveStage)
	gen     covariateTerm     // general deterrence: the challenger covariates' term x'α
	pw      covariateTerm     // post-war: the dyad covariates' log hazard ratio η
	pwR     covariateTerm     // post-war, the protégé as the mover: η with the war outcome swapped
	asOf    string
	flags   []string
}

// force is how one side's strength in the theatre is read: troops in the
// theatre (discounted by arrival time) or, as a flagged fallback, national
// capability times a deploy share.
type force struct {
	troops, arrival int // slots, or -1
	cinc, deploy    int // fallback slots, or -1
}

// phase is the option's structure while a set of instruments is in force:
// phase 0 at the assessment date, one more after each instrument's end
// within the horizon.
type phase struct {
	start float64 // years after the assessment date
	g     []sguar
	arms  []int // arms-supply US$ bn slots
	hr    []int // hazard-ratio slots of the mechanisms in force
	// hrBoth are the slots of hr that bind both parties after a war (the
	// ceasefire's own mechanisms: monitors, DMZ, joint commission,
	// peacekeepers, a ceasefire_agreement's third-party guarantee): they
	// also multiply the protégé's hazard of renewing the war (docs/assess.md,
	// "Renewal by either party"). A guarantor's defence commitment deters
	// the challenger only.
	hrBoth []int
}

// sguar is one guarantor's structure in a phase.
type sguar struct {
	bases    []base // base logits of its instruments in force and in scope (and none, sovereign)
	probs    []int  // base_rate overrides (probabilities)
	troops   []exposed
	stake    []int
	signals  []int
	inPlace  []int   // tripwire troop slots: force in the theatre from the first day
	public   bool    // a public commitment in force (the audience term needs one)
	democ    float64 // 1 democracy, 0 not, -1 unknown (model.response.democracy)
	umbrella bool
	self     bool // the challenger under another name: it never responds (structural.self)
}

// base is one candidate base logit; era marks the alliance instruments
// whose fitted base takes the post-1945 term (deter.Coefficients.EraApplies).
type base struct {
	slot int
	era  bool
}

type exposed struct{ n, share, rot int }

type scoefSlots struct {
	bt, be, ba, bd, post, rho, shift int
	dem, trade                       int
	gamma, c0, c1, cn, a0, a1, ag    int
	gsl, gref                        int // general stage's own slope and reference when fitted, else -1
	k, lambda, pc0, pc1, tau         int
	xref                             int // post-war reference index (model.durability.postwar_reference), or -1
	pwa                              int // post-war slope: model.durability.postwar_slope when fitted, else a1; -1 off the post-war stage
	arms                             int
}

// Flag texts.
const (
	// FlagSelfDropped and FlagSelfOnly (guarantor id, challenger) say that
	// the challenger contributes to an organisation guaranteeing against it.
	FlagSelfDropped = "guarantors.%s: the challenger %s is a contributor: its capability is dropped from the organisation's force, which is its other contributors' (a state does not fight itself)"
	FlagSelfOnly    = "guarantors.%s: the challenger %s is the organisation's only contributor: the organisation counts as no guarantor (no force, P(fights) 0; a state does not fight itself)"
	// FlagMidYear (input key, state, entry date, year): the national
	// fallback reads the CINC of the year a state entered the system
	// after 1 January, a record of part of the year.
	FlagMidYear  = "%s.cinc: %s entered the state system on %s, so COW NMC's %d record, read as its capability, covers part of that year only"
	FlagNational = "national capability (COW CINC × deploy share) stands in for the theatre balance: the challenger gives no deployable_troops"
)

func (s *structural) add(name string, d uncertainty.Dist, src string) int {
	s.names = append(s.names, name)
	s.dists = append(s.dists, d)
	s.sources = append(s.sources, src)
	return len(s.names) - 1
}

func (s *structural) slot(name string) (int, error) {
	i, ok := s.c.Index(name)
	if !ok {
		return -1, fmt.Errorf("%w: %s: parameter %s missing (catalogue relevance and engine disagree)", ErrOption, s.c.Scenario.File, name)
	}
	return i, nil
}

func (s *structural) opt(name string) int {
	if i, ok := s.c.Index(name); ok {
		return i
	}
	return -1
}

func (s *structural) flag(format string, a ...any) {
	s.flags = append(s.flags, fmt.Sprintf(format, a...))
}

// flagUnusedCovariates says which challenge covariates the file gives but
// the stage does not read (last_dispute: general only; rivalry and
// contiguous: general and post-war; earlier_wars and war_outcome: post-war
// only), rather
// than dropping them in silence: the stage may be derived (a ceasefire
// agreement makes an immediate stage post-war), so a value can be given
// for a stage the file does not end up at.
func (s *structural) flagUnusedCovariates() {
	ch := s.c.Scenario.Challenge
	var unused []string
	for _, f := range []struct {
		name  string
		given bool
		read  bool
	}{
		{"challenge.rivalry", ch.Rivalry != nil, s.general || s.postwar},
		{"challenge.last_dispute", ch.LastDispute != nil, s.general},
		{"challenge.contiguous", ch.Contiguous != nil, s.general || s.postwar},
		{"challenge.earlier_wars", ch.EarlierWars != nil, s.postwar},
		{"challenge.war_outcome", ch.WarOutcome != nil, s.postwar},
	} {
		if f.given && !f.read {
			unused = append(unused, f.name)
		}
	}
	if len(unused) > 0 {
		s.flag("%s: given but not read at stage %s (docs/scenario.md, challenge): recorded, not used", strings.Join(unused, ", "), s.stage)
	}
}

// dateTime reads a file's date (YYYY, YYYY-MM or YYYY-MM-DD) as its first
// day, or with last as the last day of the span it names.
func dateTime(d string, last bool) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, d)
		if err != nil {
			continue
		}
		if last {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t, true
	}
	return time.Time{}, false
}

// yearsBetween is the time from date a (its first day) to date b (its
// first day, or its last with bLast) in years; +Inf if either is unreadable.
func yearsBetween(a, b string, bLast bool) float64 {
	ta, ok1 := dateTime(a, false)
	tb, ok2 := dateTime(b, bLast)
	if !ok1 || !ok2 {
		return math.Inf(1)
	}
	return tb.Sub(ta).Hours() / 24 / 365.25
}

// compileStructural builds the structural engine's model of an option.
func compileStructural(o Option) (*structural, error) {
	c := o.Compiled
	sc := c.Scenario
	if len(c.Guarantors) > MaxGuarantors {
		return nil, fmt.Errorf("%w: %s: %d guarantors (at most %d)", ErrOption, o.Name, len(c.Guarantors), MaxGuarantors)
	}
	s := &structural{c: c, n: len(c.Guarantors), horizon: c.Horizon}
	agg, err := deter.ParseAggregation(string(c.Coef().Aggregation))
	if err != nil {
		return nil, err
	}
	s.agg = agg
	for _, p := range c.Params {
		s.add(p.Name, p.Dist, p.Source+noteOf(p.Note))
	}
	s.asOf = c.AsOf()
	if s.asOf == "" {
		s.asOf = time.Now().UTC().Format("2006-01-02")
	}
	y, _ := strconv.Atoi(s.asOf[:4])
	s.post = y >= 1945
	must := func(dst *int, name string) {
		if err == nil {
			*dst, err = s.slot(name)
		}
	}
	cs := &s.coef
	must(&cs.gamma, "model.challenger.contest_exponent")
	must(&cs.c0, "model.challenger.cost_intercept")
	must(&cs.c1, "model.challenger.cost_balance")
	cs.gsl, cs.gref = -1, -1
	if scenario.EffectiveStage(sc, s.asOf) == scenario.General && s.c.Coef().GeneralSlopeFitted() {
		// The general stage's own slope (deter.GeneralLogit): A0 and A1
		// do not enter it, so a file's values are flagged as not read.
		must(&cs.gsl, "model.challenger.general_slope")
		must(&cs.gref, "model.challenger.general_reference")
		cs.a0, cs.a1 = -1, -1
	} else {
		must(&cs.a0, "model.challenger.intercept")
		must(&cs.a1, "model.challenger.weight")
	}
	must(&cs.k, "model.durability.shape")
	must(&cs.lambda, "model.durability.scale")
	must(&cs.pc0, "model.durability.cure_intercept")
	must(&cs.pc1, "model.durability.cure_index")
	cs.cn, cs.tau, cs.arms = s.opt("model.challenger.cost_nuclear"), s.opt("model.capability.arrival_scale"), s.opt("model.capability.arms_per_bn")
	cs.dem, cs.trade, cs.ag, cs.xref, cs.pwa = s.opt("model.response.democracy"), s.opt("model.response.trade_usd_bn"), -1, -1, -1
	s.stage = scenario.EffectiveStage(sc, s.asOf)
	s.general = s.stage == scenario.General
	s.postwar = s.stage == scenario.PostWar
	if s.general {
		must(&cs.ag, "model.challenger.general")
	}
	if s.postwar {
		must(&cs.xref, "model.durability.postwar_reference")
		// The slope fitted on directed post-war spells when the coefficient
		// set adopted it (deter.Coefficients.PostWarSlope), else A1.
		cs.pwa = cs.a1
		if s.c.Coef().PostWarSlopeFitted() {
			must(&cs.pwa, "model.durability.postwar_slope")
		}
	}
	cs.bt, cs.be, cs.ba, cs.bd, cs.post, cs.rho = -1, -1, -1, -1, -1, -1
	cs.shift = -1
	if s.n > 0 {
		must(&cs.bt, "model.response.troops")
		must(&cs.be, "model.response.stake")
		must(&cs.ba, "model.response.audience")
		must(&cs.bd, "model.response.balance")
		must(&cs.post, "model.response.post1945")
		cs.rho = s.opt("model.response.correlation")
		switch sc.Challenge.Kind {
		case scenario.LimitedSeizure:
			must(&cs.shift, "model.response.limited_seizure")
		case scenario.GreyZone:
			must(&cs.shift, "model.response.grey_zone")
		}
	}
	if err != nil {
		return nil, err
	}
	if s.general {
		if err := s.challengerCovariates(); err != nil {
			return nil, err
		}
	}
	if s.postwar {
		if err := s.postWarCovariates(); err != nil {
			return nil, err
		}
	}
	s.flagUnusedCovariates()
	if err := s.forces(o); err != nil {
		return nil, err
	}
	// Phases: the assessment date, then every start or end of an
	// instrument that falls within the horizon's upper end (an instrument
	// counts from its start; one in force counts until its end).
	hmax := math.Inf(1)
	if c.Horizon != scenario.None {
		_, hmax = c.Params[c.Horizon].Dist.Support()
	}
	ends := map[float64]string{} // phase start (years) -> a date in that phase
	var firstYear []string       // instruments that start or end within the first year
	for _, g := range sc.Option.Guarantors {
		for k, sg := range g.Signals {
			if sg.After(s.asOf) {
				// A signal after the assessment date is a look-ahead in a
				// historical case: KnownSignals leaves it out, and the reader
				// is told.
				s.flag("guarantors.%s.signals[%d] is dated %s, after the assessment date %s: not counted (a case is coded as of its start; docs/scenario.md, signal)",
					g.ID, k, sg.Date, s.asOf)
			}
		}
		for k, in := range g.Instruments {
			what := fmt.Sprintf("guarantors.%s.instruments[%d] (%s)", g.ID, k, in.Type)
			if !in.Scope.Covers(sc.Challenger) {
				// Said here, not only through the unread-inputs flag, so the
				// reader sees which commitment was set aside and why.
				s.flag("%s is out of scope: %s: it counts as no instrument", what, scopeReason(in.Scope, sc.Challenger))
			}
			switch {
			case in.End != "" && !in.InForce(s.asOf) && !(in.Start > s.asOf):
				s.flag("%s ended %s, before the assessment date %s: it counts for nothing", what, in.End, s.asOf)
			case in.Start != "" && scenario.DateStart(in.Start) > scenario.DateStart(s.asOf) && yearsBetween(s.asOf, in.Start, false) >= hmax:
				s.flag("%s starts %s, after the horizon: it counts for nothing", what, in.Start)
			}
			if in.End != "" && (in.InForce(s.asOf) || in.Start > s.asOf) {
				t := yearsBetween(s.asOf, in.End, true)
				if t <= 0 && in.InForce(s.asOf) {
					// It ends on the assessment date: in force that day
					// only, so a phase without it begins the next day.
					t = yearsBetween(s.asOf, nextDay(in.End), false)
				}
				if t > 0 && t < hmax {
					ends[t] = nextDay(in.End)
					if t < 1 {
						firstYear = append(firstYear, what+" ends "+in.End)
					}
				}
			}
			if in.Start != "" && scenario.DateStart(in.Start) > scenario.DateStart(s.asOf) {
				if t := yearsBetween(s.asOf, in.Start, false); t > 0 && t < hmax {
					ends[t] = scenario.DateStart(in.Start)
					if t < 1 {
						firstYear = append(firstYear, what+" starts "+in.Start)
					}
				}
			}
		}
	}
	if len(firstYear) > 0 {
		// P(deterrence) and NO WAR 1y answer different questions then
		// (docs/assess.md §6): say so where both numbers are shown.
		s.flag("%s, within the first year: P(deterrence) counts the instruments in force on %s only, while NO WAR 1y chains "+
			"the first year's phases (each with the instruments then in force), so the two differ (docs/assess.md, \"What a run reports\")",
			strings.Join(firstYear, "; "), s.asOf)
	}
	starts := []float64{0}
	for t := range ends {
		starts = append(starts, t)
	}
	sort.Float64s(starts)
	for _, t := range starts {
		date := s.asOf
		if t > 0 {
			date = ends[t]
		}
		ph, err := s.phase(t, date)
		if err != nil {
			return nil, err
		}
		s.phases = append(s.phases, ph)
	}
	s.flagUnread()
	s.point = make([]float64, len(s.dists))
	s.keys = make([]uint64, len(s.dists))
	for i := range s.dists {
		s.point[i] = s.dists[i].Quantile(0.5)
		if math.IsNaN(s.point[i]) || math.IsInf(s.point[i], 0) {
			return nil, fmt.Errorf("%w: %s: input %s = %s has no finite median", ErrOption, o.Name, s.names[i], s.dists[i].String())
		}
		h := fnv.New64a()
		h.Write([]byte(s.names[i]))
		s.keys[i] = h.Sum64()
		if !s.dists[i].IsPoint() && (i >= len(s.c.Params) || s.read[i]) {
			s.random = append(s.random, i)
		}
		s.fast = append(s.fast, newInputSampler(s.dists[i]))
	}
	return s, nil
}

func noteOf(n string) string {
	if n == "" {
		return ""
	}
	return " (" + n + ")"
}

// nextDay is the first date after an end date (an instrument is in force
// on its end date).
func nextDay(end string) string {
	t, ok := dateTime(end, true)
	if !ok {
		return end
	}
	return t.AddDate(0, 0, 1).Format("2006-01-02")
}

// forces decides how each side's strength is read.
func (s *structural) forces(o Option) error {
	c := s.c
	sc := c.Scenario
	none := force{-1, -1, -1, -1}
	national := scenario.NoTheatre(sc)
	// SIPRI expenditure is the UDG engine's measure; the structural engine
	// reads theatre troops, else CINC. Say so instead of ignoring it.
	from := map[string]string{"capabilities.challenger": c.Challenger.From, "capabilities.protege": c.Protege.From}
	keys := []string{"capabilities.challenger", "capabilities.protege"}
	for _, g := range c.Guarantors {
		k := "guarantors." + g.ID + ".capability"
		from[k], keys = g.Capability.From, append(keys, k)
	}
	for _, k := range keys {
		if from[k] == "sipri_milex" {
			s.flag("%s.from: sipri_milex is read by the udg engine only; the structural engine reads deployable_troops, else the COW NMC CINC", k)
		}
	}
	year := min(o.Year, LatestNMCYear)
	if year == 0 {
		year = LatestNMCYear
	}
	cinc := func(key string, cp scenario.CapabilityParams, members []scenario.Country) (int, error) {
		if cp.CINC != scenario.None {
			return cp.CINC, nil
		}
		y := year
		if cp.Year == 0 && o.Year > LatestNMCYear {
			// The assessment is later than the data: the newest CINC stands
			// in, as for a year asked beyond them.
			s.flag("%s: COW NMC ends in %d, so the CINC is read in %d, not the assessment year %d", key, LatestNMCYear, LatestNMCYear, o.Year)
		}
		if cp.Year > 0 {
			y = min(cp.Year, LatestNMCYear)
			if cp.Year > LatestNMCYear {
				// The file asked for a year the data do not reach.
				s.flag("%s.year: COW NMC ends in %d, so the CINC is read in %d, not %d", key, LatestNMCYear, LatestNMCYear, cp.Year)
			}
		}
		if len(members) == 0 {
			members = []scenario.Country{cp.Country}
		}
		sum, src := 0.0, "COW NMC 7.0 CINC"
		for _, m := range members {
			v, got, err := nearestCINC(m.Code, y)
			if err != nil {
				return -1, fmt.Errorf("%s: %s.cinc: %s in %d: %w", sc.File, key, m.Name, y, err)
			}
			if got != y {
				// Before 1816, or before the state entered the system: the
				// nearest year stands in, which the output must say.
				s.flag("%s.cinc: COW NMC has no capability for %s in %d (before the data or the state's entry): its %d value stands in",
					key, m.Name, y, got)
			}
			if date, ok := midYearEntry(m.Code, got); ok {
				s.flag(FlagMidYear, key, m.Name, date, got)
			}
			sum += v
			src += fmt.Sprintf(", %s %d", m.Name, got)
		}
		return s.add(key+".cinc", uncertainty.PointDist(sum), src), nil
	}
	var err error
	deploy := func(name string) int {
		i, e := s.slot(name)
		if e != nil && err == nil {
			err = e
		}
		return i
	}
	s.ch, s.pr = none, none
	if national {
		s.flag(FlagNational)
		if s.ch.cinc, err = cinc("capabilities.challenger", c.Challenger, nil); err != nil {
			return err
		}
		s.ch.deploy = deploy("model.capability.challenger_deploy")
	} else {
		s.ch.troops, s.ch.arrival = c.Challenger.DeployableTroops, c.Challenger.ArrivalDays
	}
	switch {
	case !national && c.Protege.DeployableTroops != scenario.None:
		s.pr.troops, s.pr.arrival = c.Protege.DeployableTroops, c.Protege.ArrivalDays
	case sc.Territory != nil:
		s.flag("protege: the territory %s gives no local forces (capabilities.protege.deployable_troops): it counts for nothing in the balance", sc.Territory.Name)
	default:
		if !national {
			s.flag("protege: national capability (COW CINC × deploy share) stands in for its forces in the theatre (no deployable_troops)")
		}
		if s.pr.cinc, err = cinc("capabilities.protege", c.Protege, nil); err != nil {
			return err
		}
		s.pr.deploy = deploy("model.capability.protege_deploy")
	}
	if !national && s.pr.cinc >= 0 || !national && s.anyGuarantorFallback() {
		// The fallback converts national capability into troops at the
		// challenger's rate, which needs the challenger's CINC too.
		if s.ch.cinc, err = cinc("capabilities.challenger", c.Challenger, nil); err != nil {
			return err
		}
		s.ch.deploy = deploy("model.capability.challenger_deploy")
	}
	for _, gp := range c.Guarantors {
		f := none
		// A state does not fight itself: the challenger's contribution to an
		// organisation is dropped from its force, and an organisation left
		// with no contributor is the challenger under another name.
		var members []scenario.Country
		self := false
		if gp.Organization != nil {
			var dropped bool
			members, dropped = gp.Organization.Without(sc.Challenger)
			self = dropped && len(members) == 0
			switch {
			case self:
				s.flag(FlagSelfOnly, gp.ID, sc.Challenger.Name)
			case dropped:
				s.flag(FlagSelfDropped, gp.ID, sc.Challenger.Name)
			}
		}
		s.self = append(s.self, self)
		switch {
		case self:
			// no force and no response (phase, evalPhase)
		case !national && gp.Capability.DeployableTroops != scenario.None:
			f.troops, f.arrival = gp.Capability.DeployableTroops, gp.Capability.ArrivalDays
		default:
			if !national {
				s.flag("guarantors.%s: national capability (COW CINC × deploy share) stands in for its reinforcements (no capability.deployable_troops)", gp.ID)
			}
			if f.cinc, err = cinc("guarantors."+gp.ID+".capability", gp.Capability, members); err != nil {
				return err
			}
			f.deploy = deploy("model.capability.guarantor_deploy")
		}
		s.gforce = append(s.gforce, f)
	}
	return err
}

func (s *structural) anyGuarantorFallback() bool {
	for _, gp := range s.c.Guarantors {
		if gp.Capability.DeployableTroops == scenario.None {
			return true
		}
	}
	return false
}

// phase builds the structure with the instruments in force on date.
func (s *structural) phase(start float64, date string) (phase, error) {
	c := s.c
	sc := c.Scenario
	ph := phase{start: start}
	mech, both := map[string]bool{}, map[string]bool{}
	coef := s.c.Coef()
	for gi, gp := range c.Guarantors {
		g := sguar{democ: -1, self: s.self[gi]}
		if gp.Democracy != nil {
			g.democ = 0
			if *gp.Democracy {
				g.democ = 1
			}
		} else if s.coef.dem < 0 {
			return ph, fmt.Errorf("%w: %s: parameter model.response.democracy missing", ErrOption, sc.File)
		}
		none, err := s.slot("model.response.base." + deter.BaseNone)
		if err != nil {
			return ph, err
		}
		g.bases = append(g.bases, base{none, coef.EraApplies(deter.BaseNone)})
		if gp.Sovereign {
			sv, err := s.slot("model.response.base." + deter.BaseSovereign)
			if err != nil {
				return ph, err
			}
			g.bases = append(g.bases, base{sv, coef.EraApplies(deter.BaseSovereign)})
			g.public = true
		}
		src := sc.Option.Guarantors[gi]
		for j, ip := range gp.Instruments {
			in := src.Instruments[j]
			if g.self || !ip.InScope || !ip.InForce(date) {
				continue // the challenger's own instruments commit no one against it
			}
			if ip.Type == scenario.NuclearUmbrella && !ip.Declared {
				continue // an undeclared umbrella is no commitment (deter: a declared umbrella is a defence commitment)
			}
			if ip.BaseRate != scenario.None {
				g.probs = append(g.probs, ip.BaseRate)
			} else {
				b, err := s.slot("model.response.base." + string(ip.Type))
				if err != nil {
					return ph, err
				}
				g.bases = append(g.bases, base{b, coef.EraApplies(string(ip.Type))})
			}
			switch ip.Type {
			case scenario.ArmsSupply, scenario.EconomicStake, scenario.Advisers:
				// not a public commitment to fight
			case scenario.NuclearUmbrella:
				g.public = g.public || ip.Declared
			default:
				g.public = true
			}
			switch ip.Type {
			case scenario.NuclearUmbrella:
				if ip.Declared {
					g.umbrella = true
				}
			case scenario.Tripwire:
				e, err := s.slot("model.exposure." + ip.Posture)
				if err != nil {
					return ph, err
				}
				x := exposed{n: ip.Troops, share: e, rot: -1}
				if ip.Rotation == "rotational" {
					if x.rot, err = s.slot("model.exposure.rotational"); err != nil {
						return ph, err
					}
				}
				g.troops = append(g.troops, x)
				g.inPlace = append(g.inPlace, ip.Troops)
			case scenario.Advisers:
				e, err := s.slot("model.exposure.advisers")
				if err != nil {
					return ph, err
				}
				g.troops = append(g.troops, exposed{n: ip.Personnel, share: e, rot: -1})
			case scenario.EconomicStake:
				if s.coef.trade < 0 {
					return ph, fmt.Errorf("%w: %s: parameter model.response.trade_usd_bn missing", ErrOption, sc.File)
				}
				g.stake = append(g.stake, ip.ValueUSDbn)
			case scenario.ArmsSupply:
				if ip.ValueUSDbn != scenario.None {
					ph.arms = append(ph.arms, ip.ValueUSDbn)
				}
			}
			if ip.Type == scenario.CeasefireAgreement && ip.Monitors != scenario.None && c.Params[ip.Monitors].Dist.Quantile(0.5) > 0 {
				mech[deter.HRMonitors] = true
			}
			if ip.Type == scenario.CeasefireAgreement && in.DMZ {
				mech[deter.HRDMZ] = true
			}
			if ip.Type == scenario.CeasefireAgreement && ip.JointCommission {
				mech[deter.HRJointCommission] = true
			}
			if !gp.Sovereign && scenario.ThirdPartyGuarantee(ip.Type) {
				mech[deter.HRThirdPartyGuarantee] = true
				if ip.Type == scenario.CeasefireAgreement {
					both[deter.HRThirdPartyGuarantee] = true
				}
			}
			if gp.Organization != nil && (ip.Type == scenario.Tripwire || ip.Type == scenario.Advisers) {
				mech[deter.HRPeacekeepers] = true
			}
		}
		g.signals = c.KnownSignals(gi, s.asOf)
		ph.g = append(ph.g, g)
	}
	for _, m := range scenario.Mechanisms {
		if mech[m] {
			i, err := s.slot("model.durability." + m)
			if err != nil {
				return ph, err
			}
			ph.hr = append(ph.hr, i)
			if m != deter.HRThirdPartyGuarantee || both[m] {
				ph.hrBoth = append(ph.hrBoth, i)
			}
		}
	}
	if len(ph.arms) > 0 && s.coef.arms < 0 {
		return ph, fmt.Errorf("%w: %s: parameter model.capability.arms_per_bn missing", ErrOption, sc.File)
	}
	return ph, nil
}

// flagUnread flags every input of the file that the structural engine does
// not read (air-policing aircraft, military expenditure, parameters of the
// UDG engine, ...): they are listed, never silently dropped.
func (s *structural) flagUnread() {
	read := map[int]bool{s.horizon: true}
	for _, i := range []int{s.coef.bt, s.coef.be, s.coef.ba, s.coef.bd, s.coef.post, s.coef.rho, s.coef.shift, s.coef.dem, s.coef.trade,
		s.coef.gamma, s.coef.c0, s.coef.c1, s.coef.cn, s.coef.a0, s.coef.a1, s.coef.ag, s.coef.gsl, s.coef.gref,
		s.coef.k, s.coef.lambda, s.coef.pc0, s.coef.pc1, s.coef.tau, s.coef.arms, s.coef.xref, s.coef.pwa} {
		read[i] = true
	}
	if s.general {
		for _, i := range append(append([]int(nil), s.gen.coef...), s.gen.inputs...) {
			read[i] = true
		}
	}
	if s.postwar {
		for _, i := range append(append([]int(nil), s.pw.coef...), s.pw.inputs...) {
			read[i] = true
		}
	}
	for _, f := range append([]force{s.ch, s.pr}, s.gforce...) {
		read[f.troops], read[f.arrival], read[f.cinc], read[f.deploy] = true, true, true, true
	}
	for _, ph := range s.phases {
		for _, i := range append(append([]int(nil), ph.arms...), ph.hr...) {
			read[i] = true
		}
		for _, g := range ph.g {
			for _, b := range g.bases {
				read[b.slot] = true
			}
			for _, l := range [][]int{g.probs, g.stake, g.signals, g.inPlace} {
				for _, i := range l {
					read[i] = true
				}
			}
			for _, t := range g.troops {
				read[t.n], read[t.share], read[t.rot] = true, true, true
			}
		}
	}
	for _, g := range s.c.Guarantors {
		for _, ip := range g.Instruments {
			read[ip.Monitors] = true // read at compile time: monitors present or not
		}
	}
	var unread []string
	for i, p := range s.c.Params {
		if !read[i] {
			unread = append(unread, p.Name)
		}
	}
	// A side's nuclear status is not a quantity, so it is not among the
	// params; the structural engine reads no arsenal (its nuclear cost is
	// the declared umbrella holder's, docs/assess.md §4), so a file that
	// states one is told so rather than left to think it counted.
	if s.c.Challenger.Nuclear != nil {
		unread = append(unread, "capabilities.challenger.nuclear")
	}
	if s.c.Protege.Nuclear != nil {
		unread = append(unread, "capabilities.protege.nuclear")
	}
	for _, g := range s.c.Guarantors {
		if g.Capability.Nuclear != nil {
			unread = append(unread, "guarantors."+g.ID+".capability.nuclear")
		}
	}
	if len(unread) > 0 {
		s.flag("inputs the structural engine does not read (recorded, not used): %s", strings.Join(unread, ", "))
	}
	s.read = read
}

// scopeReason says why an instrument's scope leaves out this challenge: the
// coder's covers_challenge: false, or a list of challengers without this one.
func scopeReason(sc *scenario.Scope, challenger scenario.Country) string {
	why := "covers_challenge is false"
	if sc.CoversChallenge {
		names := make([]string, len(sc.Challengers))
		for i, c := range sc.Challengers {
			names[i] = c.Name
		}
		why = fmt.Sprintf("scope.challengers (%s) leaves out %s", strings.Join(names, ", "), challenger.Name)
	}
	if sc.Note != "" {
		why += " (" + sc.Note + ")"
	}
	return why
}
