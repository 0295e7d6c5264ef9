package assess

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/guarantor/guarantor/scenario"
)

// UDGCaveat is the flag every UDG-engine result carries.
const UDGCaveat = "engine udg: the Unilateral Deterrence Game / D1 engine, kept for comparison; it re-infers commitment from the game (docs/assess.md, \"The UDG engine\") and is not the calibrated default"

// UDGNoWarFlag says why the UDG engine's NO WAR 1y can exceed its
// P(deterrence): its war is a resisted attack, so a challenge that the
// defender concedes is no war without being deterrence.
const UDGNoWarFlag = "engine udg: NO WAR 1y exceeds P(deterrence) because the UDG engine counts war, not attack: a challenge that the defender concedes " +
	"(the challenger gains without a fight) is no war but not deterrence (docs/assess.md, \"What a run reports\")"

// regionNoGain marks draws where the challenger gains nothing by attacking.
const regionNoGain = 4

// RegionNames names the UDG's D1 regions and the no-gain case.
var RegionNames = [...]string{"Certain deterrence", "Separating", "Attack", "Bluff", "No gain from attack"}

// Estimate is a mean over draws with the 5th-95th percentile interval of
// the per-draw values and the Monte Carlo standard error of the mean.
type Estimate struct {
	Mean, Lo, Hi, SE float64
}

// GuarantorResult is one guarantor's verdict.
type GuarantorResult struct {
	ID, Name string
	// Instrument is the strongest treaty instrument (the base rate's).
	Instrument string
	// PFight: P(the guarantor fights | the protégé is attacked).
	PFight Estimate
	// PWin: P(the guarantor and the protégé together win).
	PWin Estimate
	// Committed: mean PFight >= 1/2. Capable: PWin >= the capability
	// threshold in at least half the draws.
	Committed, Capable bool
	// Fails names the failing condition(s): "", "commitment",
	// "capability" or "commitment and capability".
	Fails string
}

// Horizon is P(no renewed war by Years).
type Horizon struct {
	Years int
	P     Estimate
}

// Driver is one input's one-at-a-time swing: mean P(deterrence) with the
// input at its 5th and its 95th percentile, every other input drawn.
type Driver struct {
	Name, Source string
	Lo, Hi       float64 // the input's 5th and 95th percentiles
	AtLo, AtHi   float64 // mean P(deterrence) there
	Swing        float64 // |AtHi - AtLo|
}

// Assumption is one row of the assumptions table.
type Assumption struct {
	Name, Dist, Source string
	Median             float64
}

// Result is the assessment of one option.
type Result struct {
	Option, File string
	// Engine is the engine that produced the result: scenario.EngineDefault
	// ("structural") or scenario.EngineUDG ("udg").
	Engine string
	// Stage is the deterrence stage the structural engine used:
	// immediate, general or postwar (scenario.EffectiveStage: an
	// immediate file with a ceasefire agreement is post-war); "" for UDG.
	Stage     string
	Version   string
	Seed      uint64
	Samples   int
	InputHash string
	// PDeter: P(deterrence holds) = mean over draws of the D1
	// equilibrium's P(no attack); the interval is over parameter draws.
	PDeter, PWar, Credibility, PWinAll Estimate
	// AnyFight: P(at least one guarantor fights); CanWin: P(the guarantors
	// that fight can win, with the protégé | at least one fights).
	AnyFight, CanWin Estimate
	// Committed / Capable are the option-level conditions (the article's
	// two): mean AnyFight >= 1/2, and mean CanWin >= 1/2.
	Committed, Capable bool
	Fails              string
	Regions            map[string]float64
	// NoWar: P(no renewed war by T) = E[(1 - P(war))·(1 - h)^(T-1)]: the
	// challenger decides once at the scenario's date (the deterrence game)
	// and re-decides at a yearly rate after it, so P(no war by 1 year) is
	// 1 - P(war), coherent with P(deterrence holds).
	NoWar []Horizon
	// Held: P(the challenger does not attack over the option's horizon) =
	// E[P(SQ)·(1 - rate·(1 - P(SQ)))^(H-1)], the same clock with "attack"
	// for "war"; the backtest's forecast.
	Held Estimate
	// Pi and CostBar (structural engine): the challenger's expected
	// P(prevail) and cost of war over the guarantors' joint response.
	Pi, CostBar Estimate
	// Flags name every fallback the run used (national capability for the
	// theatre balance, a territory without local forces); empty when none.
	Flags       []string
	Guarantors  []GuarantorResult
	Drivers     []Driver
	Assumptions []Assumption
}

// Run assesses the model. version is recorded in the result.
func (m *Model) Run(ctx context.Context, cfg Config, version string) (*Result, error) {
	cfg = cfg.norm()
	if m.st != nil {
		return m.runStructural(ctx, cfg, version)
	}
	d, err := m.simulate(ctx, cfg)
	if err != nil {
		return nil, err
	}
	tau := m.point[m.coef.capable]
	r := &Result{Option: m.Opt.Name, File: m.Opt.File, Engine: scenario.EngineUDG, Version: version, Seed: cfg.Seed, Samples: cfg.Samples,
		InputHash: m.Hash(), PDeter: estimate(d.psq), PWar: estimate(d.pwar), Credibility: estimate(d.cred),
		PWinAll: estimate(d.pwin), Regions: map[string]float64{}}
	r.AnyFight, r.CanWin = estimate(d.anyFight), estimate(d.canWin)
	r.Flags = m.UDGFlags()
	r.Committed = r.AnyFight.Mean >= 0.5
	r.Capable = r.CanWin.Mean >= 0.5
	r.Fails = fails(r.Committed, r.Capable)
	for _, reg := range d.region {
		r.Regions[RegionNames[reg]] += 1 / float64(d.n)
	}
	for _, y := range m.horizons() {
		v := make([]float64, d.n)
		for i, h := range d.haz {
			v[i] = Survival(1-d.pwar[i], h, y)
		}
		r.NoWar = append(r.NoWar, Horizon{y, estimate(v)})
		if y == 1 && r.NoWar[len(r.NoWar)-1].P.Mean > r.PDeter.Mean {
			r.Flags = append(r.Flags, UDGNoWarFlag)
		}
	}
	held := make([]float64, d.n)
	for i, p := range d.psq {
		held[i] = Survival(p, d.rate[i]*(1-p), max(m.Opt.Horizon, 1))
	}
	r.Held = estimate(held)
	for i, g := range m.Opt.Guarantors {
		r.Guarantors = append(r.Guarantors, guarantorResult(g.ID, g.Name, string(m.g[i].top), d.pf[i], d.pwg[i], tau))
	}
	return m.finish(ctx, cfg, r)
}

// guarantorResult summarises one guarantor's draws: P(fights), P(wins with
// the protege), and the two conditions (capable: P(win) >= tau in at least
// half the draws).
func guarantorResult(id, name, instrument string, pf, pwg []float64, tau float64) GuarantorResult {
	gr := GuarantorResult{ID: id, Name: name, Instrument: instrument, PFight: estimate(pf), PWin: estimate(pwg)}
	gr.Committed = gr.PFight.Mean >= 0.5
	gr.Capable = shareAtLeast(pwg, tau) >= 0.5
	gr.Fails = fails(gr.Committed, gr.Capable)
	return gr
}

// finish adds what both engines report the same way: the drivers (when
// asked for) and the assumptions.
func (m *Model) finish(ctx context.Context, cfg Config, r *Result) (*Result, error) {
	if cfg.DriverSamples > 0 {
		var err error
		if r.Drivers, err = m.Drivers(ctx, cfg); err != nil {
			return nil, err
		}
	}
	r.Assumptions = m.Assumptions()
	return r, nil
}

// Survival is P(no event by year T) when the first decision, at the
// scenario's date, avoids it with probability p0 and every later year
// brings it with probability h: p0·(1-h)^(T-1), T >= 1.
func Survival(p0, h float64, years int) float64 {
	return p0 * math.Pow(1-h, float64(max(years, 1)-1))
}

func (m *Model) horizons() []int {
	hs := []int{1, 5, 10}
	if h := m.Opt.Horizon; h > 0 && !slices.Contains(hs, h) {
		hs = append(hs, h)
		sort.Ints(hs)
	}
	return hs
}

func fails(committed, capable bool) string {
	switch {
	case !committed && !capable:
		return "commitment and capability"
	case !committed:
		return "commitment"
	case !capable:
		return "capability"
	}
	return ""
}

func shareAtLeast(v []float64, t float64) float64 {
	k := 0
	for _, x := range v {
		if x >= t {
			k++
		}
	}
	return float64(k) / float64(len(v))
}

// estimate summarises per-draw values; the sum runs in draw order so the
// result does not depend on the worker count.
func estimate(v []float64) Estimate {
	n := float64(len(v))
	var s, s2 float64
	for _, x := range v {
		s += x
		s2 += x * x
	}
	mean := s / n
	// The 5% and 95% order statistics by selection (linear time) rather
	// than a full sort: the same elements, a fifth of the main job's CPU
	// saved. NaN has no place in an order, so a series with one falls back
	// on the sort's convention.
	c := slices.Clone(v)
	k := func(p float64) int { return min(len(c)-1, int(p*n)) }
	var lo, hi float64
	if s == s { // no NaN
		hi = selectKth(c, k(0.95))
		lo = selectKth(c[:k(0.95)+1], k(0.05))
	} else {
		slices.Sort(c)
		lo, hi = c[k(0.05)], c[k(0.95)]
	}
	return Estimate{Mean: mean, Lo: lo, Hi: hi, SE: math.Sqrt(math.Max(s2/n-mean*mean, 0) / n)}
}

// selectKth rearranges a so that a[k] is the value a sorted copy would
// hold there, everything before it is no larger and everything after no
// smaller (Hoare's FIND, CACM 4(7), 1961, with a median-of-three pivot), and
// returns a[k]. a must not contain NaN.
func selectKth(a []float64, k int) float64 {
	lo, hi := 0, len(a)-1
	for hi-lo > 16 {
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k] // j < k < i: a[k] equals the pivot
		}
	}
	slices.Sort(a[lo : hi+1])
	return a[k]
}

// Drivers ranks the random inputs by one-at-a-time swing.
func (m *Model) Drivers(ctx context.Context, cfg Config) ([]Driver, error) {
	cfg = cfg.norm()
	if m.st != nil {
		return m.driversStructural(ctx, cfg)
	}
	out := make([]Driver, len(m.random))
	ws := make([]*work, cfg.Workers)
	ss := make([]*stream, cfg.Workers)
	for i := range ws {
		ws[i], ss[i] = m.newWork(), newStream()
	}
	seed := cfg.Seed ^ 0x9e3779b97f4a7c15
	err := parallel(ctx, cfg.Workers, len(m.random), func(wk, j int) {
		slot := m.random[j]
		in := m.Inputs[slot]
		lo, hi := in.Dist.Quantile(0.05), in.Dist.Quantile(0.95)
		a := m.meanPSQ(ws[wk], ss[wk], seed, cfg.DriverSamples, slot, lo)
		b := m.meanPSQ(ws[wk], ss[wk], seed, cfg.DriverSamples, slot, hi)
		out[j] = Driver{Name: in.Name, Source: in.Source, Lo: lo, Hi: hi, AtLo: a, AtHi: b, Swing: math.Abs(b - a)}
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Swing > out[j].Swing })
	return out, nil
}

// Assumptions lists every input with its distribution, median and source.
func (m *Model) Assumptions() []Assumption {
	var a []Assumption
	if s := m.st; s != nil {
		for i := range s.names {
			a = append(a, Assumption{Name: s.names[i], Dist: s.dists[i].String(), Source: s.sources[i], Median: s.point[i]})
		}
		return a
	}
	for i, in := range m.Inputs {
		if !m.unused[i] {
			a = append(a, Assumption{Name: in.Name, Dist: in.Dist.String(), Source: in.Source, Median: m.point[i]})
		}
	}
	return a
}

// Hash is a SHA-256 over everything the run depends on besides the seed:
// the option's structure and every input's name, distribution and source.
func (m *Model) Hash() string {
	if m.st != nil {
		return m.st.hash()
	}
	h := sha256.New()
	o := &m.Opt
	fmt.Fprintf(h, "%s|%d|%d|%+v|", o.Name, o.Year, o.Horizon, o.BaseRate)
	for _, g := range m.g {
		fmt.Fprintf(h, "%v|%v|%v|%v|", g.strong, g.top, g.air, g.nuclear)
	}
	fmt.Fprintf(h, "%v|%v|", m.monitors, m.dmz)
	for _, in := range m.Inputs {
		fmt.Fprintf(h, "%s=%s;%s\n", in.Name, in.Dist, in.Source)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// UDGFlags are the flags of a UDG-engine run, for assess and explain alike:
// the engine's caveat, a stage it does not read, and what the file gives
// that it leaves out (udgUnread).
func (m *Model) UDGFlags() []string {
	flags := []string{UDGCaveat}
	c := m.Opt.Compiled
	if c == nil {
		return flags
	}
	// The UDG engine plays the crisis decision whatever the stage: a
	// general or post-war file must not read its P(deterrence) as the
	// per-year or first-year post-war figure the legend describes.
	asOf := c.AsOf()
	if asOf == "" {
		asOf = time.Now().UTC().Format("2006-01-02")
	}
	if st := scenario.EffectiveStage(c.Scenario, asOf); st != scenario.Immediate {
		flags = append(flags, fmt.Sprintf("stage %s is not read by the UDG engine: its P(deterrence) is the one-shot crisis decision and its durability its own (docs/assess.md, \"The UDG engine\"); the structural engine reads the stage", st))
	}
	return append(flags, udgUnread(c, asOf)...)
}

// udgUnread flags what the file gives and the UDG engine leaves out, as the
// structural engine's flagUnread does for its own: a signal dated after the
// assessment date (compiled out, like the structural engine's) and a
// catalogue parameter of the structural engine set in model:.
func udgUnread(c *scenario.Compiled, asOf string) []string {
	var flags, unread []string
	for _, g := range c.Scenario.Option.Guarantors {
		for k, sg := range g.Signals {
			if sg.After(asOf) {
				flags = append(flags, fmt.Sprintf("guarantors.%s.signals[%d] is dated %s, after the assessment date %s: not counted (a case is coded as of its start; docs/scenario.md, signal)",
					g.ID, k, sg.Date, asOf))
			}
		}
	}
	for _, g := range c.Scenario.Option.Guarantors {
		if g.Organization == nil {
			continue
		}
		switch rest, dropped := g.Organization.Without(c.Scenario.Challenger); {
		case dropped && len(rest) == 0:
			flags = append(flags, fmt.Sprintf(FlagSelfOnly, g.ID, c.Scenario.Challenger.Name))
		case dropped:
			flags = append(flags, fmt.Sprintf(FlagSelfDropped, g.ID, c.Scenario.Challenger.Name))
		}
	}
	for _, p := range c.Params {
		if e, ok := scenario.LookupEntry(p.Name); ok && !p.Default && e.Engine == scenario.EngineDefault {
			unread = append(unread, p.Name)
		}
	}
	// Advisers have no term in the UDG engine (FromScenario skips them),
	// and its durability reads a ceasefire's monitors and DMZ, not a
	// joint commission.
	for _, g := range c.Guarantors {
		for k, ip := range g.Instruments {
			switch {
			case ip.Type == scenario.Advisers && ip.Personnel != scenario.None:
				unread = append(unread, c.Params[ip.Personnel].Name)
			case ip.Type == scenario.CeasefireAgreement && ip.JointCommission:
				unread = append(unread, fmt.Sprintf("guarantors.%s.instruments[%d].joint_commission", g.ID, k))
			}
		}
	}
	if len(unread) > 0 {
		flags = append(flags, "inputs the udg engine does not read (recorded, not used): "+strings.Join(unread, ", "))
	}
	return flags
}
