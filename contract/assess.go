package contract

import (
	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/history"
)

// Assessment is the document of `guarantor assess`: one entry per option.
type Assessment struct {
	Header
	RunInfo
	Options []Option `json:"options"`
}

// Estimate is a mean over draws with the 5th-95th percentile interval of
// the per-draw values and the Monte Carlo standard error of the mean.
type Estimate struct {
	Mean float64 `json:"mean"`
	P05  float64 `json:"p05" doc:"5th percentile over parameter draws"`
	P95  float64 `json:"p95" doc:"95th percentile over parameter draws"`
	SE   float64 `json:"se" doc:"Monte Carlo standard error of the mean"`
}

// Option is the assessment of one guarantee option.
type Option struct {
	Name      string   `json:"name"`
	File      string   `json:"file"`
	InputHash string   `json:"input_hash" doc:"canonical hash of this option's scenario (after extends), with the engine override and the date when they apply"`
	AsOf      string   `json:"as_of" doc:"the date the option is assessed at: a case's period start, else the run's date (--as-of, default today UTC)"`
	Engine    string   `json:"engine" enum:"structural,udg" doc:"the engine that produced the figures"`
	Stage     string   `json:"stage,omitempty" enum:"immediate,general,postwar" doc:"the deterrence stage the structural engine used (challenge.stage; an immediate file with a ceasefire agreement not ended is postwar: p_deterrence is then P(no renewed war in the first year, by either party)); absent for udg"`
	Flags     []string `json:"flags" doc:"fallbacks and caveats of the run (national capability standing in for the theatre balance, the UDG engine's caveat); empty when none"`
	// Headline numbers.
	PDeterrence  Estimate     `json:"p_deterrence" doc:"P(deterrence holds): the challenger does not attack when it decides now (stage general: per year; stage postwar: no renewed war in the first year, by either party)"`
	PWar         Estimate     `json:"p_war"`
	Credibility  Estimate     `json:"credibility" doc:"effective credibility: P(a coalition that can win responds)"`
	PWinAll      Estimate     `json:"p_win_all" doc:"P(every guarantor with the protege wins)"`
	PAnyFights   Estimate     `json:"p_any_fights" doc:"P(at least one guarantor fights)"`
	PCanWin      Estimate     `json:"p_can_win" doc:"P(the guarantors that fight can win | at least one fights)"`
	Committed    bool         `json:"committed" doc:"mean p_any_fights >= 1/2"`
	Capable      bool         `json:"capable" doc:"mean p_can_win >= 1/2"`
	Fails        []string     `json:"fails" doc:"failing conditions; empty when neither fails"`
	Regions      []Region     `json:"regions" doc:"share of draws in each equilibrium region"`
	NoWar        []Horizon    `json:"no_war" doc:"P(no renewed war by year T)"`
	HorizonYears int          `json:"horizon_years" doc:"the option's horizon for p_held"`
	PHeld        Estimate     `json:"p_held" doc:"P(the challenger does not attack over the horizon): the backtest's forecast"`
	Guarantors   []Guarantor  `json:"guarantors"`
	Drivers      []Driver     `json:"drivers" doc:"one-at-a-time swings, largest first"`
	Analogues    []Analogue   `json:"analogues" doc:"nearest historical cases, nearest first"`
	Assumptions  []Assumption `json:"assumptions" doc:"every input the option reads, with its source"`
}

// Region is the share of draws whose equilibrium falls in a region.
type Region struct {
	Region string  `json:"region"`
	Share  float64 `json:"share"`
}

// Horizon is a probability at a number of years.
type Horizon struct {
	Years int      `json:"years"`
	P     Estimate `json:"p"`
}

// Guarantor is one guarantor's verdict.
type Guarantor struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Instrument string   `json:"instrument" doc:"strongest instrument"`
	PFights    Estimate `json:"p_fights" doc:"P(the guarantor fights | the protege is attacked)"`
	PWin       Estimate `json:"p_win" doc:"P(the guarantor and the protege together win)"`
	Committed  bool     `json:"committed"`
	Capable    bool     `json:"capable"`
	Fails      []string `json:"fails"`
}

// Driver is one input's one-at-a-time swing.
type Driver struct {
	Input       string  `json:"input"`
	Source      string  `json:"source"`
	InputP05    float64 `json:"input_p05" doc:"the input's 5th percentile"`
	InputP95    float64 `json:"input_p95" doc:"the input's 95th percentile"`
	PDeterAtP05 float64 `json:"p_deterrence_at_p05" doc:"mean P(deterrence) with the input at its 5th percentile"`
	PDeterAtP95 float64 `json:"p_deterrence_at_p95"`
	Swing       float64 `json:"swing" doc:"|p_deterrence_at_p95 - p_deterrence_at_p05|"`
}

// Analogue is a historical case near an option.
type Analogue struct {
	Name     string  `json:"name"`
	File     string  `json:"file"`
	Year     int     `json:"year"`
	Outcome  string  `json:"outcome" enum:"held,failed,held_to_date,unknown"`
	Distance float64 `json:"distance" doc:"Euclidean distance in the analogue feature space"`
}

// Assumption is one input with its distribution and source.
type Assumption struct {
	Input        string  `json:"input"`
	Distribution string  `json:"distribution"`
	Median       float64 `json:"median"`
	Source       string  `json:"source"`
}

// Outcome words for history cases.
const (
	Held       = "held"
	Failed     = "failed"
	HeldToDate = "held_to_date"
	Unknown    = "unknown"
)

// OutcomeWord names a case outcome (1 held, 0 failed, -1 unknown).
func OutcomeWord(outcome int, ongoing bool) string {
	switch {
	case ongoing:
		return HeldToDate
	case outcome == 1:
		return Held
	case outcome == 0:
		return Failed
	}
	return Unknown
}

// NewAssessment starts an assessment document; add options with Add.
func NewAssessment(version string, seed uint64, samples int) *Assessment {
	return &Assessment{Header: NewHeader("assess", version, ""), RunInfo: RunInfo{Seed: seed, Samples: samples}, Options: []Option{}}
}

// FromResult maps one engine result (and its analogues) onto an Option.
// hash is the option's canonical input hash.
func FromResult(r *assess.Result, hash string, horizon int, as []history.Analogue) Option {
	o := Option{Name: r.Option, File: r.File, InputHash: hash, Engine: r.Engine, Stage: r.Stage, Flags: append([]string{}, r.Flags...),
		PDeterrence: est(r.PDeter), PWar: est(r.PWar), Credibility: est(r.Credibility), PWinAll: est(r.PWinAll),
		PAnyFights: est(r.AnyFight), PCanWin: est(r.CanWin), Committed: r.Committed, Capable: r.Capable,
		Fails: failList(r.Fails), HorizonYears: horizon, PHeld: est(r.Held),
		Regions: []Region{}, NoWar: []Horizon{}, Guarantors: []Guarantor{}, Drivers: []Driver{},
		Analogues: []Analogue{}, Assumptions: []Assumption{}}
	for _, name := range assess.RegionNames { // fixed order, every region listed
		o.Regions = append(o.Regions, Region{Region: name, Share: r.Regions[name]})
	}
	for _, h := range r.NoWar {
		o.NoWar = append(o.NoWar, Horizon{Years: h.Years, P: est(h.P)})
	}
	for _, g := range r.Guarantors {
		o.Guarantors = append(o.Guarantors, Guarantor{ID: g.ID, Name: g.Name, Instrument: g.Instrument,
			PFights: est(g.PFight), PWin: est(g.PWin), Committed: g.Committed, Capable: g.Capable, Fails: failList(g.Fails)})
	}
	for _, d := range r.Drivers {
		o.Drivers = append(o.Drivers, Driver{Input: d.Name, Source: d.Source, InputP05: d.Lo, InputP95: d.Hi,
			PDeterAtP05: d.AtLo, PDeterAtP95: d.AtHi, Swing: d.Swing})
	}
	for _, a := range as {
		o.Analogues = append(o.Analogues, Analogue{Name: a.Name, File: a.File, Year: a.Year,
			Outcome: OutcomeWord(a.Outcome, a.Ongoing), Distance: a.Distance})
	}
	for _, a := range r.Assumptions {
		o.Assumptions = append(o.Assumptions, Assumption{Input: a.Name, Distribution: a.Dist, Median: a.Median, Source: a.Source})
	}
	return o
}

func est(e assess.Estimate) Estimate { return Estimate{Mean: e.Mean, P05: e.Lo, P95: e.Hi, SE: e.SE} }

// failList splits the engine's "commitment and capability" into a list.
func failList(s string) []string {
	switch s {
	case "":
		return []string{}
	case "commitment and capability":
		return []string{"commitment", "capability"}
	}
	return []string{s}
}
