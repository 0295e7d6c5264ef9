package scenario

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/uncertainty"
)

// decoder turns a schema-valid document into a Scenario, checking what the
// schema cannot express (distribution parameters, ranges, references).
type decoder struct {
	pos  func(tokens []string, key bool) Pos
	res  CountryResolver
	errs ErrorList
	asOf string // Options.AsOf
}

type obj = map[string]any

func (d *decoder) errf(path []string, key bool, format string, a ...any) {
	d.errs = append(d.errs, &Error{Pos: d.pos(path, key), Field: fieldPath(path), Msg: fmt.Sprintf(format, a...)})
}

func sub(path []string, k ...string) []string { return append(path[:len(path):len(path)], k...) }

func str(m obj, k string) string { s, _ := m[k].(string); return s }

// date returns a date field, accepting a bare year written as a number.
func date(m obj, k string) string {
	if y, ok := m[k].(float64); ok {
		return strconv.Itoa(int(y))
	}
	return str(m, k)
}

// calendarDate returns the date field k of m (at path) and reports one that
// has the schema's form but is not in the calendar (2008-13-01, 2008-02-30):
// the engine compares dates as strings, so such a date would be used
// silently as if it were a real one.
func (d *decoder) calendarDate(m obj, k string, path []string) string {
	v := date(m, k)
	layout := map[int]string{7: "2006-01", 10: "2006-01-02"}[len(v)]
	if layout == "" {
		return v // a year, or a form the schema has already rejected
	}
	if _, err := time.Parse(layout, v); err != nil {
		d.errf(sub(path, k), false, "%s is not a date in the calendar (month 01-12, a day the month has)", v)
	}
	return v
}

func boolOr(m obj, k string, def bool) bool {
	if b, ok := m[k].(bool); ok {
		return b
	}
	return def
}

// decode builds the scenario from the merged document root.
func (d *decoder) decode(root obj) *Scenario {
	s := &Scenario{Name: str(root, "name"), Description: str(root, "description")}
	s.Challenger = d.country(root["challenger"], []string{"challenger"})
	if t, ok := root["protege"].(obj); ok {
		s.Territory = &Territory{Name: str(t, "territory"), Pos: d.pos([]string{"protege"}, false)}
		s.Protege = Country{Name: s.Territory.Name}
		if v, ok := t["sovereign"]; ok {
			c := d.country(v, []string{"protege", "sovereign"})
			s.Territory.Sovereign = &c
		}
	} else {
		s.Protege = d.country(root["protege"], []string{"protege"})
	}
	s.Challenge = Challenge{Kind: Invasion, Stage: Immediate}
	if c, ok := root["challenge"].(obj); ok {
		s.Challenge = Challenge{Kind: ChallengeKind(str(c, "kind")), Stage: str(c, "stage"), Target: str(c, "target"), Source: str(c, "source"),
			Set: true, Pos: d.pos([]string{"challenge"}, false)}
		if s.Challenge.Kind == "" {
			s.Challenge.Kind = Invasion
		}
		if s.Challenge.Stage == "" {
			s.Challenge.Stage = Immediate
		}
		d.covariates(c, &s.Challenge)
	}
	if s.Challenger.Code != 0 && s.Challenger == s.Protege {
		d.errf([]string{"protege"}, false, "the protege must differ from the challenger (both are %s)", s.Challenger.Name)
	}
	s.Horizon = d.quantity(root["horizon"], []string{"horizon"}, 0, true, 200)
	if p, ok := root["period"].(obj); ok {
		s.Period = &Period{Start: d.calendarDate(p, "start", []string{"period"}), End: d.calendarDate(p, "end", []string{"period"})}
		if s.Period.End != "" && s.Period.End < s.Period.Start {
			d.errf([]string{"period", "end"}, false, "expected an end on or after the start %s, got %s", s.Period.Start, s.Period.End)
		}
		if l := s.Challenge.LastDispute; l != nil && *l != NoDispute && len(s.Period.Start) >= 4 {
			if y, err := strconv.Atoi(s.Period.Start[:4]); err == nil && *l > y {
				d.errf([]string{"challenge", "last_dispute"}, false, "expected a year on or before the period's start %s, got %d", s.Period.Start, *l)
			}
		}
	}
	d.disputeInSystem(s)
	if c, ok := root["capabilities"].(obj); ok {
		if v, ok := c["challenger"].(obj); ok {
			s.Capabilities.Challenger = d.capability(v, []string{"capabilities", "challenger"})
		}
		if v, ok := c["protege"].(obj); ok {
			s.Capabilities.Protege = d.capability(v, []string{"capabilities", "protege"})
		}
	}
	opt, _ := root["option"].(obj)
	s.Option = d.option(opt, s, []string{"option"})
	d.statesExist(s)
	m, _ := root["model"].(obj)
	s.Model = d.model(m, []string{"model"})
	if o, ok := root["outcome"].(obj); ok {
		s.Outcome = d.outcome(o, s, []string{"outcome"})
	}
	if src, ok := root["sources"].([]any); ok {
		for _, x := range src {
			if t, ok := x.(string); ok { // a non-string is the schema pass's error
				s.Sources = append(s.Sources, t)
			}
		}
	}
	return s
}

// covariates reads the challenge's optional covariates (rivalry,
// last_dispute, contiguous, earlier_wars, war_outcome); the schema has
// checked their types.
func (d *decoder) covariates(c obj, ch *Challenge) {
	if v, ok := c["rivalry"].(bool); ok {
		ch.Rivalry = &v
	}
	if v, ok := c["contiguous"].(bool); ok {
		ch.Contiguous = &v
	}
	if v, ok := c["earlier_wars"].(float64); ok {
		n := int(v)
		if float64(n) != v || n < 0 {
			d.errf([]string{"challenge", "earlier_wars"}, false, "expected a whole number of wars >= 0, got %v", v)
		} else {
			ch.EarlierWars = &n
		}
	}
	if v, ok := c["war_outcome"].(string); ok {
		ch.WarOutcome = &v // the schema's enum has checked the value
	}
	switch v := c["last_dispute"].(type) {
	case float64:
		y := int(v)
		if float64(y) != v || y < FirstDisputeYear {
			d.errf([]string{"challenge", "last_dispute"}, false, "expected a year from %d or none, got %v", FirstDisputeYear, v)
			return
		}
		ch.LastDispute = &y
	case string:
		if v != "none" {
			d.errf([]string{"challenge", "last_dispute"}, false, "expected a year from %d or none, got %q", FirstDisputeYear, v)
			return
		}
		none := NoDispute
		ch.LastDispute = &none
	}
}

// disputeInSystem rejects a challenge.last_dispute year in which the
// challenger or the protégé (a territory's sovereign) was not a member of
// the COW state system: a militarised dispute between them is coded only
// between members, so such a year is a typo or a different dyad, and the
// engine would read decades of peace from it without a word. A party the
// embedded state list cannot place (no COW code, or a resolver's own code)
// cannot be checked and is accepted.
func (d *decoder) disputeInSystem(s *Scenario) {
	l := s.Challenge.LastDispute
	if l == nil || *l == NoDispute {
		return
	}
	protege := s.Protege
	if s.Territory != nil {
		protege = Country{}
		if s.Territory.Sovereign != nil {
			protege = *s.Territory.Sovereign
		}
	}
	for _, c := range []Country{s.Challenger, protege} {
		if c.Code == 0 {
			continue
		}
		st, err := evidence.LookupCountry(strconv.Itoa(c.Code))
		if err != nil || len(st.Spells) == 0 || inSystem(st, *l) {
			continue
		}
		d.errf([]string{"challenge", "last_dispute"}, false,
			"expected a year in which both were states: %s was not a member of the COW state system in %d (member %s; COW State System Membership v2016), so no dispute between the two can be coded then",
			st.Name, *l, spells(st.Spells))
		return
	}
}

// statesDataEnd is the last year of the embedded state list (COW v2016):
// a state whose membership runs to it is taken to continue after it.
const statesDataEnd = 2016

func inSystem(c evidence.Country, y int) bool {
	last := c.Spells[len(c.Spells)-1]
	return c.InSystem(y) || (last[1] >= statesDataEnd && y > last[1])
}

// statesExist rejects a country that had left the COW state system for
// good before the assessment year (the year of period.start, else of
// Options.AsOf; neither: no check): "Korea" resolves to the Korean kingdom of 1887-1905, not to South
// Korea, and the engine would read that state's data without a word. A
// state that has not yet entered the system is accepted (a historical case
// before 1816, or before the state's entry, reads the nearest data, with a
// flag from the engine).
func (d *decoder) statesExist(s *Scenario) {
	date := d.asOf
	if s.Period != nil {
		date = s.Period.Start
	}
	if len(date) < 4 {
		return
	}
	year, err := strconv.Atoi(date[:4])
	if err != nil {
		return
	}
	check := func(c Country, path []string) {
		if c.Code == 0 {
			return
		}
		st, err := evidence.LookupCountry(strconv.Itoa(c.Code))
		if err != nil || len(st.Spells) == 0 {
			return
		}
		last := st.Spells[len(st.Spells)-1][1]
		if last >= statesDataEnd || year <= last {
			return
		}
		msg := fmt.Sprintf("%s (%s, COW code %d) was a member of the COW state system %s only, not in %d", st.Name, st.Abb, st.CCode, spells(st.Spells), year)
		if alt := statesNamed(st.Name, year); alt != "" {
			msg += "; did you mean " + alt + "?"
		}
		d.errf(path, false, "%s", msg)
	}
	check(s.Challenger, []string{"challenger"})
	if s.Territory == nil {
		check(s.Protege, []string{"protege"})
	} else if s.Territory.Sovereign != nil {
		check(*s.Territory.Sovereign, []string{"protege", "sovereign"})
	}
	for i, g := range s.Option.Guarantors {
		check(g.Country, []string{"option", "guarantors", strconv.Itoa(i), "country"})
	}
}

// statesNamed lists the states whose name contains name and that were
// members in year, as "South Korea (ROK)".
func statesNamed(name string, year int) string {
	all, err := evidence.Countries()
	if err != nil {
		return ""
	}
	var out []string
	for _, c := range all {
		if c.Name != name && strings.Contains(strings.ToLower(c.Name), strings.ToLower(name)) && len(c.Spells) > 0 && inSystem(c, year) {
			out = append(out, fmt.Sprintf("%s (%s)", c.Name, c.Abb))
		}
	}
	return strings.Join(out, " or ")
}

// spells writes a state's membership spells as "1991-2016" or
// "1918-1940, 1991-2016".
func spells(sp [][2]int) string {
	out := make([]string, len(sp))
	for i, s := range sp {
		out[i] = fmt.Sprintf("%d-%d", s[0], s[1])
		if s[1] >= statesDataEnd {
			out[i] = fmt.Sprintf("from %d", s[0])
		}
	}
	return strings.Join(out, ", ")
}

// FirstDisputeYear is the first year challenge.last_dispute accepts: the
// start of the COW state system and of the dispute data.
const FirstDisputeYear = 1816

func (d *decoder) country(v any, path []string) Country {
	var key string
	switch v := v.(type) {
	case float64:
		key = strconv.Itoa(int(v))
	case string:
		key = v
	default:
		return Country{}
	}
	c, ok := d.res.Resolve(key)
	if !ok {
		hint := ""
		if fieldPath(path) == "protege" {
			// An unrecognised state or a dependency is not in the COW
			// list; the format protects it as a territory.
			hint = "; a place that is not a COW state (an unrecognised state, an overseas territory) is a territory protege: {territory: NAME, sovereign: COUNTRY}"
		}
		d.errf(path, false, "unknown country %q; expected a COW country code (e.g. 365), abbreviation (RUS) or name (Russia)%s", key, hint)
	}
	return c
}

func (d *decoder) option(m obj, s *Scenario, path []string) Option {
	o := Option{Name: str(m, "name"), Description: str(m, "description")}
	gs, _ := m["guarantors"].([]any)
	seen := map[string]int{}
	sovereign := -1 // index of the sovereign guarantor
	for i, g := range gs {
		gp := sub(path, "guarantors", strconv.Itoa(i))
		gm, _ := g.(obj) // nil where the schema pass faulted the item (Parse prunes it)
		gd := d.guarantor(gm, s, gp)
		if gd.Country.Code != 0 && gd.Country == s.Protege {
			d.errf(sub(gp, "country"), false, "a guarantor cannot be the protege itself (%s)", gd.Country.Name)
		}
		if gd.Sovereign {
			if sovereign >= 0 {
				d.errf(sub(gp, "sovereign"), false, "at most one guarantor may be sovereign (guarantor %d is already)", sovereign)
			}
			sovereign = i
		}
		if j, dup := seen[gd.ID]; dup && gd.ID != "" {
			d.errf(sub(gp, "id"), false, "duplicate guarantor id %q (also guarantor %d); give each an explicit id", gd.ID, j)
		}
		seen[gd.ID] = i
		o.Guarantors = append(o.Guarantors, gd)
	}
	return o
}

func (d *decoder) guarantor(m obj, s *Scenario, path []string) Guarantor {
	g := Guarantor{Pos: d.pos(path, false)}
	g.ID = str(m, "id")
	_, hasCountry := m["country"]
	org, hasOrg := m["organization"].(obj)
	switch {
	case hasCountry && hasOrg:
		d.errf(sub(path, "organization"), true, "a guarantor is a country or an organization, not both")
	case !hasCountry && !hasOrg:
		d.errf(path, false, "missing required field \"country\" (or \"organization\" for an international organisation)")
	case hasOrg:
		g.Organization = &Organization{Name: str(org, "name"), Mandate: str(org, "mandate")}
		cs, _ := org["contributors"].([]any)
		for i, c := range cs {
			g.Organization.Contributors = append(g.Organization.Contributors, d.country(c, sub(path, "organization", "contributors", strconv.Itoa(i))))
		}
		if g.ID == "" {
			d.errf(path, false, "missing required field \"id\" (an organization guarantor needs an explicit id)")
		}
	default:
		g.Country = d.country(m["country"], sub(path, "country"))
	}
	if g.ID == "" {
		g.ID = strings.ToLower(g.Country.Abbrev)
	}
	g.Sovereign = boolOr(m, "sovereign", false)
	if b, ok := m["democracy"].(bool); ok {
		g.Democracy = &b
	}
	if g.Sovereign {
		switch {
		case s.Territory == nil:
			d.errf(sub(path, "sovereign"), false, "sovereign: true needs a protected territory (protege: {territory: ..., sovereign: ...}); the protege %s is a country", s.Protege.Name)
		case g.Organization != nil:
			d.errf(sub(path, "sovereign"), false, "an organization cannot hold sovereignty over a territory")
		case s.Territory.Sovereign != nil && s.Territory.Sovereign.Code != 0 && g.Country.Code != 0 && *s.Territory.Sovereign != g.Country:
			d.errf(sub(path, "sovereign"), false, "the territory's sovereign is %s, not %s", s.Territory.Sovereign.Name, g.Country.Name)
		}
	}
	if c, ok := m["capability"].(obj); ok {
		g.Capability = d.capability(c, sub(path, "capability"))
	}
	ins, _ := m["instruments"].([]any)
	for i, x := range ins {
		im, _ := x.(obj) // nil where the schema pass faulted the item
		g.Instruments = append(g.Instruments, d.instrument(im, sub(path, "instruments", strconv.Itoa(i))))
	}
	sig, _ := m["signals"].([]any)
	for i, x := range sig {
		sp := sub(path, "signals", strconv.Itoa(i))
		sm, _ := x.(obj) // nil where the schema pass faulted the item
		sg := Signal{Text: str(sm, "text"), Kind: str(sm, "kind"), Date: d.calendarDate(sm, "date", sp), Source: str(sm, "source"), Pos: d.pos(sp, false)}
		if sg.Kind == "" {
			sg.Kind = "statement"
		}
		sg.LikelihoodRatio = d.quantity(sm["likelihood_ratio"], sub(sp, "likelihood_ratio"), 0, true, math.Inf(1))
		if sg.LikelihoodRatio.Source == "" {
			sg.LikelihoodRatio.Source = sg.Source
		}
		g.Signals = append(g.Signals, sg)
	}
	return g
}

// instrumentParams lists the parameters each instrument type accepts,
// beyond type, base_rate, start, source and note.
var instrumentParams = map[InstrumentType][]string{
	CollectiveDefense:  {"ratified", "organization"},
	DefensePact:        {"ratified"},
	SecurityAssurance:  {"consultation"},
	CeasefireAgreement: {"monitors", "dmz", "joint_commission"},
	Tripwire:           {"troops", "posture", "rotation"},
	AirPolicing:        {"aircraft"},
	ArmsSupply:         {"value_usd_bn"},
	EconomicStake:      {"value_usd_bn"},
	NuclearUmbrella:    {"declared"},
	Advisers:           {"personnel"},
}

var commonInstrumentParams = []string{"type", "base_rate", "start", "end", "scope", "source", "note"}

func (d *decoder) instrument(m obj, path []string) Instrument {
	t := InstrumentType(str(m, "type"))
	in := Instrument{Type: t, Start: d.calendarDate(m, "start", path), End: d.calendarDate(m, "end", path), Source: str(m, "source"), Note: str(m, "note"), Pos: d.pos(path, false)}
	if in.Start != "" && in.End != "" && DateEnd(in.End) < DateStart(in.Start) {
		d.errf(sub(path, "end"), false, "expected an end on or after the start %s, got %s", in.Start, in.End)
	}
	if sc, ok := m["scope"].(obj); ok {
		in.Scope = &Scope{CoversChallenge: boolOr(sc, "covers_challenge", true), Note: str(sc, "note")}
		if cs, ok := sc["challengers"].([]any); ok {
			in.Scope.Challengers = []Country{}
			for i, c := range cs {
				in.Scope.Challengers = append(in.Scope.Challengers, d.country(c, sub(path, "scope", "challengers", strconv.Itoa(i))))
			}
		}
	}
	allowed := append(append([]string(nil), commonInstrumentParams...), instrumentParams[t]...)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !contains(allowed, k) {
			d.errf(sub(path, k), true, "%s is not a parameter of a %s instrument; expected one of: %s", k, t, strings.Join(instrumentParams[t], ", "))
		}
	}
	q := func(k string, lo float64, hi float64) Quantity {
		x := d.quantity(m[k], sub(path, k), lo, false, hi)
		if x.Source == "" {
			x.Source = in.Source
		}
		return x
	}
	in.Ratified = boolOr(m, "ratified", true)
	in.Organization = str(m, "organization")
	in.Consultation = boolOr(m, "consultation", true)
	in.DMZ = boolOr(m, "dmz", false)
	in.JointCommission = boolOr(m, "joint_commission", false)
	in.Declared = boolOr(m, "declared", true)
	in.Posture, in.Rotation = str(m, "posture"), str(m, "rotation")
	if t == Tripwire {
		if in.Posture == "" {
			in.Posture = DefaultPosture
		}
		if in.Rotation == "" {
			in.Rotation = DefaultRotation
		}
		if _, ok := m["troops"]; !ok {
			d.errf(path, false, "missing required field \"troops\" (a tripwire needs the number of troops at risk)")
		}
	}
	if t == Advisers {
		if _, ok := m["personnel"]; !ok {
			d.errf(path, false, "missing required field \"personnel\" (advisers need their number)")
		}
	}
	if t == EconomicStake {
		if _, ok := m["value_usd_bn"]; !ok {
			d.errf(path, false, "missing required field \"value_usd_bn\" (an economic stake needs its value at risk)")
		}
	}
	in.Troops = q("troops", 0, math.Inf(1))
	in.Personnel = q("personnel", 0, math.Inf(1))
	in.Monitors = q("monitors", 0, math.Inf(1))
	in.Aircraft = q("aircraft", 0, math.Inf(1))
	in.ValueUSDbn = q("value_usd_bn", 0, math.Inf(1))
	if _, ok := m["base_rate"]; ok {
		in.BaseRate = q("base_rate", 0, 1)
	}
	return in
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (d *decoder) capability(m obj, path []string) *Capability {
	c := &Capability{From: str(m, "from"), Source: str(m, "source"), Pos: d.pos(path, false)}
	if y, ok := m["year"].(float64); ok {
		c.Year = int(y)
	}
	if b, ok := m["nuclear"].(bool); ok {
		c.Nuclear = &b
	}
	_, hasCINC := m["cinc"]
	_, hasMilex := m["milex_usd_bn"]
	_, hasTroops := m["deployable_troops"]
	switch {
	case c.From != "" && c.Year == 0:
		d.errf(path, false, "missing required field \"year\" (capability from %s needs the data year)", c.From)
	case c.From == "" && c.Year != 0:
		d.errf(sub(path, "year"), true, "year given without from; expected from: cow_nmc or sipri_milex")
	case c.From == "" && !hasCINC && !hasMilex && !hasTroops:
		d.errf(path, false, "expected from: cow_nmc|sipri_milex with year, or cinc, milex_usd_bn or deployable_troops figures")
	}
	c.CINC = d.quantity(m["cinc"], sub(path, "cinc"), 0, false, 1)
	c.MilexUSDbn = d.quantity(m["milex_usd_bn"], sub(path, "milex_usd_bn"), 0, false, math.Inf(1))
	c.DeployableTroops = d.quantity(m["deployable_troops"], sub(path, "deployable_troops"), 0, false, math.Inf(1))
	c.ArrivalDays = d.quantity(m["arrival_days"], sub(path, "arrival_days"), 0, false, math.Inf(1))
	if _, ok := m["arrival_days"]; ok && !hasTroops {
		d.errf(sub(path, "arrival_days"), true, "arrival_days given without deployable_troops; expected the forces whose arrival it times")
	}
	for _, q := range []*Quantity{&c.CINC, &c.MilexUSDbn, &c.DeployableTroops, &c.ArrivalDays} {
		if q.Source == "" {
			q.Source = c.Source
		}
	}
	return c
}

func (d *decoder) model(m obj, path []string) Model {
	md := Model{Engine: str(m, "engine"), Params: map[string]Quantity{}}
	if md.Engine == "" {
		md.Engine = EngineDefault
	}
	for _, e := range Catalogue() {
		toks := strings.Split(e.Key(), ".")
		cur := m
		for _, t := range toks[:len(toks)-1] {
			cur, _ = cur[t].(obj)
		}
		if v, ok := cur[toks[len(toks)-1]]; ok {
			md.Params[e.Name] = d.quantity(v, append(sub(path), toks...), e.Lo, e.OpenLo, e.Hi)
		}
	}
	return md
}

func (d *decoder) outcome(m obj, s *Scenario, path []string) *Outcome {
	o := &Outcome{Deterrence: str(m, "deterrence"), Date: d.calendarDate(m, "date", path), Note: str(m, "note"), Source: str(m, "source")}
	if y, ok := m["years_held"].(float64); ok {
		o.YearsHeld = y
	}
	f, _ := m["fought"].([]any)
	for i, x := range f {
		id, ok := x.(string)
		if !ok {
			continue // the schema pass's error
		}
		found := false
		for _, g := range s.Option.Guarantors {
			found = found || g.ID == id
		}
		if !found {
			d.errf(sub(path, "fought", strconv.Itoa(i)), false, "unknown guarantor id %q; expected one of the option's guarantor ids", id)
		}
		o.Fought = append(o.Fought, id)
	}
	return o
}

// distFields are the parameters each distribution takes.
var distFields = map[uncertainty.Kind][]string{
	uncertainty.Point:      {"value"},
	uncertainty.Uniform:    {"min", "max"},
	uncertainty.Triangular: {"min", "mode", "max"},
	uncertainty.Normal:     {"mean", "sd"},
	uncertainty.LogNormal:  {"mu", "sigma"},
	uncertainty.Beta:       {"alpha", "beta"},
	uncertainty.Discrete:   {"values", "weights"},
}

// optionalDistFields may be given but are not required.
var optionalDistFields = map[uncertainty.Kind][]string{
	uncertainty.Normal: {"min", "max"}, // truncation
	uncertainty.Beta:   {"min", "max"}, // rescaling
}

// quantity decodes a number or distribution object and checks that its
// support lies in [lo, hi] (lo excluded when openLo). A nil v returns an
// unset zero quantity.
func (d *decoder) quantity(v any, path []string, lo float64, openLo bool, hi float64) Quantity {
	q := Quantity{Pos: d.pos(path, false)}
	switch v := v.(type) {
	case nil:
		return q
	case float64:
		q.Dist, q.Set = uncertainty.PointDist(v), true
	case obj:
		q.Set, q.Source, q.Note = true, str(v, "source"), str(v, "note")
		if !d.dist(v, path, &q.Dist) {
			return q
		}
	default:
		return q
	}
	slo, shi := q.Dist.Support()
	switch {
	case slo >= lo && (!openLo || slo > lo) && shi <= hi:
	case q.Dist.IsPoint():
		d.errf(path, false, "expected a value in %s, got %g%s", interval(lo, openLo, hi), slo, percentHint(lo, hi, slo, shi))
	case math.IsInf(slo, -1) || math.IsInf(shi, 1):
		d.errf(path, false, "expected values in %s, but %s is unbounded; truncate it with min and max", interval(lo, openLo, hi), q.Dist.String())
	default:
		d.errf(path, false, "expected values in %s, but %s ranges over [%g, %g]%s", interval(lo, openLo, hi), q.Dist.String(), slo, shi,
			percentHint(lo, hi, slo, shi))
	}
	return q
}

// percentHint adds a hint when a probability looks written as a percentage
// (80 for 0.8), the most common mistake with a [0, 1] field: every value
// given is between 2 and 100 (a range such as 0.5 to 1.2 is a slip, not a
// percentage).
func percentHint(lo, hi, min, max float64) string {
	switch {
	case lo != 0 || hi != 1 || min < 2 || max > 100:
	case min == max:
		return fmt.Sprintf(" (a probability: write %g for %g%%)", max/100, max)
	default:
		return fmt.Sprintf(" (a probability: write %g to %g for %g%% to %g%%)", min/100, max/100, min, max)
	}
	return ""
}

func interval(lo float64, openLo bool, hi float64) string {
	l := "["
	if openLo {
		l = "("
	}
	if math.IsInf(hi, 1) {
		return fmt.Sprintf("%s%g, ∞)", l, lo)
	}
	return fmt.Sprintf("%s%g, %g]", l, lo, hi)
}

func (d *decoder) dist(m obj, path []string, out *uncertainty.Dist) bool {
	name := str(m, "dist")
	if name == "" {
		name = "point"
		if _, ok := m["value"]; !ok {
			d.errf(path, false, "expected value: (a number) or dist: (%s)", distNames())
			return false
		}
	}
	k, _ := uncertainty.ParseKind(name) // the schema admitted only known names
	want, opt := distFields[k], optionalDistFields[k]
	ok := true
	for _, f := range want {
		if _, has := m[f]; !has {
			d.errf(path, false, "missing %q: a %s distribution needs %s", f, name, strings.Join(want, ", "))
			ok = false
		}
	}
	keys := make([]string, 0, len(m))
	for f := range m {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	for _, f := range keys {
		if f == "dist" || f == "source" || f == "note" || contains(want, f) || contains(opt, f) {
			continue
		}
		d.errf(sub(path, f), true, "%s is not a parameter of a %s distribution; expected %s", f, name, strings.Join(append(append([]string(nil), want...), opt...), ", "))
		ok = false
	}
	if !ok {
		return false
	}
	num := func(f string) float64 { x, _ := m[f].(float64); return x }
	nums := func(f string) []float64 {
		xs, _ := m[f].([]any)
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i], _ = x.(float64)
		}
		return out
	}
	*out = uncertainty.Dist{Kind: k, Value: num("value"), Min: num("min"), Max: num("max"), Mode: num("mode"),
		Mean: num("mean"), SD: num("sd"), Mu: num("mu"), Sigma: num("sigma"), Alpha: num("alpha"), Beta: num("beta"),
		Values: nums("values"), Weights: nums("weights")}
	if err := out.Validate(); err != nil {
		d.errf(path, false, "%s", strings.TrimPrefix(err.Error(), uncertainty.ErrBadParams.Error()+": "))
		return false
	}
	return true
}

func distNames() string {
	names := make([]string, 0, len(distFields))
	for k := range uncertainty.Kind(len(distFields)) {
		names = append(names, k.String())
	}
	return strings.Join(names, ", ")
}
