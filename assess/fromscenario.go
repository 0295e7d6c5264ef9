package assess

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/scenario"
)

// This file adapts the scenario package's compiled form to Option: the
// engine keeps its own consumer-side view, so the scenario format and the
// engine can change independently.

// scaled is a Dist multiplied by a constant (a unit conversion).
type scaled struct {
	d Dist
	k float64
}

func (s scaled) Rand(r *rand.Rand) float64  { return s.k * s.d.Rand(r) }
func (s scaled) Quantile(p float64) float64 { return s.k * s.d.Quantile(p) }
func (s scaled) Mean() float64              { return s.k * s.d.Mean() }
func (s scaled) String() string             { return fmt.Sprintf("%g × %s", s.k, s.d) }

// LatestNMCYear is the last year of the embedded COW NMC 7.0 data
// (1816-2022; TestLatestNMCYearIsTheData checks it against the file), used
// when a scenario gives no capability or asks for a later year.
const LatestNMCYear = 2022

// postureShare is the share of tripwire troops in harm's way from the
// first day (judgment), and rotationShare the discount for rotational
// deployments (judgment: a rotating force is smaller on any given day and
// less rooted).
var (
	postureShare  = map[string]float64{"frontline": 1, "depth": 0.7, "rear": 0.4}
	rotationShare = map[string]float64{"permanent": 1, "rotational": 0.8}
)

// armsPerBn is the arms-supply boost to the protégé's capability per US$ bn
// a year (judgment: relative to Ukraine's defence budget of roughly US$ 60
// bn; a history case with a much smaller protégé understates arms).
const armsPerBn = 1.0 / 60

// LoadOptions loads scenario files (scenario.OptionFiles: a directory
// means its *.yaml and *.yml files in name order, bases for extends: with
// a leading "_" skipped) and adapts each to an Option.
func LoadOptions(paths []string) ([]Option, error) { return LoadOptionsWith(paths, "") }

// LoadOptionsWith is LoadOptions with the engine chosen by the caller
// (scenario.EngineDefault or scenario.EngineUDG) instead of each file's
// model.engine; "" keeps the files' choice.
func LoadOptionsWith(paths []string, engine string) ([]Option, error) {
	switch engine {
	case "", scenario.EngineDefault, scenario.EngineUDG:
	default:
		return nil, fmt.Errorf("engine %q: expected %s or %s", engine, scenario.EngineDefault, scenario.EngineUDG)
	}
	files, err := scenario.OptionFiles(paths...)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New(scenario.NoOptionFiles(paths...))
	}
	var out []Option
	for _, f := range files {
		s, err := scenario.LoadFile(f, scenario.Options{Countries: Countries})
		if err != nil {
			return nil, err
		}
		if engine != "" {
			s.Model.Engine = engine
		}
		o, err := FromScenario(scenario.Compile(s))
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// FromScenario adapts a compiled scenario. For the structural engine the
// Option carries the compiled scenario itself (its one flattening); for
// the UDG engine the scenario's model parameters replace that engine's
// defaults where both exist (see docs/assess.md).
func FromScenario(c *scenario.Compiled) (Option, error) {
	s := c.Scenario
	a := adapter{c: c, coef: map[string]Input{}}
	o := Option{Name: s.Option.Name, File: s.File, Horizon: 10, Outcome: -1, Coef: a.coef, Engine: c.Model.Engine, Compiled: c}
	if o.Name == "" {
		o.Name = s.Name
	}
	if s.Option.Name != "" && s.Name != "" && s.Outcome != nil {
		o.Name = s.Name
	}
	if c.Horizon != scenario.None {
		o.Horizon = int(math.Round(c.Params[c.Horizon].Dist.Quantile(0.5)))
	}
	o.Year = a.year()
	if s.Outcome != nil {
		switch s.Outcome.Deterrence {
		case "held":
			o.Outcome = 1
		case "failed":
			o.Outcome = 0
		case "ongoing":
			// still holding: scored as held to date
			o.Outcome, o.Ongoing = 1, true
		}
	}
	if o.Engine != scenario.EngineUDG {
		return o, nil
	}
	units := a.units()
	var err error
	o.Challenger.Party, err = a.party("challenger", c.Challenger, units, DeployChallenger, Uniform(0.5, 0.9),
		"judgment: share of the challenger's capability it brings to the theatre")
	if err != nil {
		return o, err
	}
	if o.Protege, err = a.party("protege", c.Protege, units, DeployProtege, Point(1), "judgment: the protégé fights with all it has"); err != nil {
		return o, err
	}
	for gi, gp := range c.Guarantors {
		gp.Signals = c.KnownSignals(gi, a.asOf())
		g, err := a.guarantor(gp, units)
		if err != nil {
			return o, err
		}
		o.Guarantors = append(o.Guarantors, g)
	}
	a.model()
	o.Theatre = a.theatre(o.Guarantors)
	return o, nil
}

type adapter struct {
	c    *scenario.Compiled
	coef map[string]Input
	orgs []*scenario.Organization
}

// asOf is the assessment date: a case's period start, else today.
func (a *adapter) asOf() string {
	if d := a.c.AsOf(); d != "" {
		return d
	}
	return time.Now().UTC().Format("2006-01-02")
}

// in returns parameter i as an Input under its scenario name.
func (a *adapter) in(i int) Input {
	p := a.c.Params[i]
	src := p.Source
	if p.Note != "" {
		src += " (" + p.Note + ")"
	}
	return Input{Name: p.Name, Dist: &uDist{p.Dist}, Source: src}
}

// year is the case's start year, else the capability data year, else the
// latest NMC year.
func (a *adapter) year() int {
	s := a.c.Scenario
	if s.Period != nil && len(s.Period.Start) >= 4 {
		if y, err := strconv.Atoi(s.Period.Start[:4]); err == nil {
			return y
		}
	}
	for _, cp := range []scenario.CapabilityParams{a.c.Challenger, a.c.Protege} {
		if cp.Year > 0 {
			return cp.Year
		}
	}
	return LatestNMCYear
}

func usesMilex(cp scenario.CapabilityParams) bool {
	return cp.From == "sipri_milex" || (cp.From == "" && cp.CINC == scenario.None && cp.MilexUSDbn != scenario.None)
}

// units picks the capability unit of the option: military expenditure when
// every party gives it, CINC otherwise.
func (a *adapter) units() string {
	all := usesMilex(a.c.Challenger) && usesMilex(a.c.Protege)
	for _, g := range a.c.Guarantors {
		all = all && usesMilex(g.Capability)
	}
	if all {
		return "milex"
	}
	return "cinc"
}

// party builds a party; its deploy share is the file's engine parameter
// deployKey when set (model.capability.*_deploy), else the default.
func (a *adapter) party(key string, cp scenario.CapabilityParams, units, deployKey string, deploy Dist, deploySrc string) (Party, error) {
	p := Party{Name: cp.Country.Name, CCode: cp.Country.Code,
		Deploy: Input{Name: key + ".deploy", Dist: deploy, Source: deploySrc + " (" + deployKey + ")"}}
	if i, ok := a.c.Index(deployKey); ok {
		in := a.in(i)
		p.Deploy.Dist, p.Deploy.Source = in.Dist, in.Source+" ("+deployKey+")"
	}
	var err error
	p.Capability, err = a.capability(key, cp, units)
	return p, err
}

func (a *adapter) capability(key string, cp scenario.CapabilityParams, units string) (Input, error) {
	name := key + ".capability"
	if units == "milex" {
		if cp.MilexUSDbn != scenario.None {
			return a.in(cp.MilexUSDbn), nil
		}
		v, err := sipriMilex(cp.Country.Name, cp.Year)
		if err != nil {
			return Input{}, fmt.Errorf("%s: %s: %w", a.c.Scenario.File, name, err)
		}
		return Input{Name: name, Dist: Point(v), Source: fmt.Sprintf("SIPRI milex %d, constant 2022 US$ bn", cp.Year)}, nil
	}
	if cp.CINC != scenario.None {
		return a.in(cp.CINC), nil
	}
	if usesMilex(cp) {
		return Input{}, fmt.Errorf("%s: %s: %s gives military expenditure but other parties give CINC; give every party the same measure",
			a.c.Scenario.File, name, cp.Country.Name)
	}
	if cp.Country.Code == 0 { // a territory or an organisation
		for _, o := range a.orgs {
			if o.Name != cp.Country.Name {
				continue
			}
			sum, src := 0.0, "COW NMC 7.0 CINC, sum of the organisation's contributors:"
			rest, _ := o.Without(a.c.Scenario.Challenger) // a state does not fight itself (FlagSelfDropped)
			for _, m := range rest {
				if v, got, err := nearestCINC(m.Code, min(a.year(), LatestNMCYear)); err == nil {
					sum += v
					src += fmt.Sprintf(" %s %d", m.Abbrev, got)
				}
			}
			return Input{Name: name, Dist: Point(sum), Source: src}, nil
		}
		return Input{Name: name, Dist: Point(0), Source: "no national capability (a territory): only its local forces count"}, nil
	}
	year, src := cp.Year, "COW NMC 7.0 CINC"
	if year == 0 {
		year, src = min(a.year(), LatestNMCYear), "COW NMC 7.0 CINC (no capability in the file: the scenario's year or the latest NMC year)"
	}
	v, got, err := nearestCINC(cp.Country.Code, year)
	if err != nil {
		return Input{}, fmt.Errorf("%s: %s: %s in %d: %w", a.c.Scenario.File, name, cp.Country.Name, year, err)
	}
	if got != year {
		src += fmt.Sprintf("; no data for %d, nearest year with data used", year)
	}
	if date, ok := midYearEntry(cp.Country.Code, got); ok {
		src += fmt.Sprintf("; %s entered the state system on %s, so the %d record covers part of that year only", cp.Country.Name, date, got)
	}
	return Input{Name: name, Dist: Point(v), Source: fmt.Sprintf("%s, %s %d", src, cp.Country.Name, got)}, nil
}

// midYearEntry returns the date the state with COW code ccode entered the
// system in year, when that was after 1 January (evidence.EntersMidYear).
func midYearEntry(ccode, year int) (string, bool) {
	c, err := evidence.LookupCountry(strconv.Itoa(ccode))
	if err != nil {
		return "", false
	}
	return c.EntersMidYear(year)
}

// nearestCINC returns a state's CINC in the year, or else in the nearest
// year with data (the NMC table ends in LatestNMCYear; a state may enter the system
// after a case starts, as the German Federal Republic did in 1955).
func nearestCINC(ccode, year int) (float64, int, error) {
	x, err := capability.Default()
	if err != nil {
		return 0, 0, err
	}
	first := err
	// Search outward from the year clamped to the data: from an unclamped
	// year far outside them (1700) the window would end before a late
	// entrant's first year.
	from := min(max(year, x.First), x.Last)
	for d := 0; d <= x.Last-x.First; d++ {
		for _, y := range []int{from - d, from + d} {
			if v, err := x.CINC(ccode, y); err == nil {
				return v, y, nil
			} else if first == nil {
				first = err
			}
		}
	}
	return 0, 0, first
}

// sipriMilex returns a country's military expenditure in US$ bn (constant
// 2022) from the embedded SIPRI table.
func sipriMilex(country string, year int) (float64, error) {
	t, err := evidence.Load("sipri_milex")
	if err != nil {
		return 0, err
	}
	names, ok := t.Col("country")
	if !ok {
		return 0, fmt.Errorf("sipri_milex has no country column")
	}
	ys, err := t.Num("year")
	if err != nil {
		return 0, err
	}
	v, err := t.Num("milex_const2022_usd_m")
	if err != nil {
		return 0, err
	}
	for i := range ys {
		if int(ys[i]) == year && strings.EqualFold(names.Text(i), country) && !math.IsNaN(v[i]) {
			return v[i] / 1000, nil
		}
	}
	return 0, fmt.Errorf("no SIPRI military expenditure for %s in %d", country, year)
}
