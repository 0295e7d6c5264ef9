package contract

// The documents of the three studies (issue 12): `guarantor sensitivity`,
// `guarantor sweep` and `guarantor design`. Their conversions from the
// studies' results live with the studies (package studyreport for
// sensitivity and design, the CLI for sweep) because those results are
// built there; the shapes live here so that their schemas are generated
// and checked like every other document's.

// Sensitivity is the document of `guarantor sensitivity`: the Sobol
// indices of every factor (an uncertain input, or a group of inputs with
// --groups) of one option, for each answer. A run over several files
// prints one document per option, one after another (a JSON stream).
type Sensitivity struct {
	Header
	RunInfo
	Option      string             `json:"option" doc:"the option's name"`
	File        string             `json:"file" doc:"the option's scenario file"`
	Groups      string             `json:"groups" doc:"how inputs are pooled into factors (--groups); empty when each input is its own factor"`
	QuasiRandom bool               `json:"quasi_random" doc:"true for Sobol quasi-random base samples, false for pseudo-random ones"`
	EngineRuns  int                `json:"engine_runs" doc:"engine evaluations spent on the indices: samples x (factors + 2)"`
	Bootstrap   int                `json:"bootstrap" doc:"bootstrap resamples behind each interval"`
	Level       float64            `json:"level" doc:"confidence level of the bootstrap intervals (0.9 = 5th to 95th percentile)"`
	Outputs     []SensitivityOut   `json:"outputs" doc:"one decomposition per answer: P(deterrence), P(some guarantor fights), P(capable), P(no war by Ty)"`
	Inputs      []SensitivityInput `json:"inputs" doc:"every uncertain input analysed, with its factor"`
}

// SensitivityOut is one answer's variance decomposition.
type SensitivityOut struct {
	Output   string        `json:"output" doc:"the answer decomposed, e.g. P(deterrence)"`
	Mean     float64       `json:"mean" doc:"mean of the answer over the base samples"`
	Variance float64       `json:"variance" doc:"variance of the answer over the base samples"`
	Factors  []FactorIndex `json:"factors" doc:"one entry per factor, largest total index first"`
}

// FactorIndex is one factor's indices for one answer, with its swing.
type FactorIndex struct {
	Factor string     `json:"factor" doc:"the factor: an input's name, or a group's"`
	Inputs []string   `json:"inputs" doc:"the inputs pooled in the factor"`
	First  StudyIndex `json:"first_order" doc:"first-order Sobol index S_i (Saltelli 2010 estimator)"`
	Total  StudyIndex `json:"total" doc:"total Sobol index ST_i (Jansen estimator)"`
	AtP05  *float64   `json:"at_p05,omitempty" doc:"the answer with the factor at its 5th percentile and the others at their medians (one-at-a-time swing); absent when swings are off"`
	AtP95  *float64   `json:"at_p95,omitempty" doc:"the answer with the factor at its 95th percentile and the others at their medians; absent when swings are off"`
}

// StudyIndex is an estimate with its interval: a Sobol index with its
// bootstrap interval, or (design) a probability with its Monte Carlo
// interval.
type StudyIndex struct {
	Value float64 `json:"value" doc:"the point estimate"`
	Lo    float64 `json:"lo" doc:"lower end of the interval"`
	Hi    float64 `json:"hi" doc:"upper end of the interval"`
}

// SensitivityInput is one uncertain input of a sensitivity study.
type SensitivityInput struct {
	Name   string `json:"name" doc:"the input's path in the scenario"`
	Dist   string `json:"distribution" doc:"its distribution, as the scenario states it"`
	Source string `json:"source" doc:"the source the scenario cites for it"`
	Group  string `json:"group" doc:"the factor it belongs to"`
}

// Sweep is the document of `guarantor sweep`: the answers at every point
// of a grid or a design of experiments. Its input hash is the study id
// (the directory name of its store): the option's canonical hash with the
// design, the parameters, the seed and the samples.
type Sweep struct {
	Header
	RunInfo
	File   string       `json:"file" doc:"the option's scenario file"`
	Design string       `json:"design" enum:"grid,lhs,sobol,points" doc:"how the points are chosen: a full grid, a Latin hypercube, a Sobol sequence, or explicit points"`
	Params []SweepParam `json:"params" doc:"the parameters varied, in the order of each point's x"`
	Points []SweepPoint `json:"points" doc:"one entry per point, in design order"`
}

// SweepParam is one varied parameter.
type SweepParam struct {
	Path    string    `json:"path" doc:"the parameter's path in the scenario"`
	Lo      float64   `json:"lo" doc:"lower end of its range"`
	Hi      float64   `json:"hi" doc:"upper end of its range"`
	Step    float64   `json:"step" doc:"grid step; 0 when the design does not use one"`
	Values  []float64 `json:"values" doc:"explicit levels; empty when lo, hi and step define them"`
	Integer bool      `json:"integer" doc:"values are rounded to integers"`
}

// SweepPoint is the assessment at one point.
type SweepPoint struct {
	X             []float64 `json:"x" doc:"the parameters' values, in the order of params"`
	PDeterrence   float64   `json:"p_deterrence" doc:"P(deterrence holds), mean over draws"`
	PDeterrenceSE float64   `json:"p_deterrence_se" doc:"Monte Carlo standard error of p_deterrence"`
	PAnyFights    float64   `json:"p_any_fights" doc:"P(at least one guarantor fights)"`
	PCanWin       float64   `json:"p_can_win" doc:"P(the guarantors that fight can win | at least one fights)"`
	PNoWar        float64   `json:"p_no_war" doc:"P(no renewed war by the option's horizon)"`
	PWar          float64   `json:"p_war" doc:"P(war)"`
}

// Design is the document of `guarantor design`: the cheapest package that
// reaches the targets, the cost frontier and every package assessed.
type Design struct {
	Header
	RunInfo
	Question     string             `json:"question" doc:"the question as the design file or the flags state it"`
	Target       float64            `json:"target_p_deterrence" doc:"the P(deterrence) a package must reach"`
	TargetNoWar  float64            `json:"target_p_no_war" doc:"the P(no war by T) a package must reach; 0 when not set"`
	Strict       bool               `json:"strict" doc:"a package reaches a target only if the lower end of its interval does (else its estimate)"`
	Exhaustive   bool               `json:"exhaustive" doc:"every grid point was assessed (no monotone search)"`
	Levers       []DesignLever      `json:"levers" doc:"the quantities varied, in the order of each candidate's levers"`
	Alternatives []DesignAlt        `json:"alternatives" doc:"the alternative base packages (scenario files)"`
	Weights      map[string]float64 `json:"weights" doc:"weight of each cost dimension in total_cost (a missing dimension weighs 0; empty: every dimension weighs 1)"`
	GridSize     int                `json:"grid_size" doc:"number of packages in the search space"`
	Recommended  *DesignCandidate   `json:"recommended" doc:"the cheapest package that reaches the targets; null when none does"`
	Closest      *DesignCandidate   `json:"closest,omitempty" doc:"when none reaches the targets: the package that comes closest"`
	RunnersUp    []DesignCandidate  `json:"runners_up" doc:"the next cheapest packages that reach the targets"`
	Frontier     []DesignCandidate  `json:"frontier" doc:"the cost frontier: packages no cheaper one beats on p_deterrence"`
	Assessed     []DesignCandidate  `json:"assessed" doc:"every package assessed"`
	Violations   []string           `json:"monotonicity_violations" doc:"assessed neighbours where more of a lever gave a lower p_deterrence beyond Monte Carlo noise"`
}

// DesignLever is one lever of a design.
type DesignLever struct {
	Path   string             `json:"path" doc:"the quantity's path in the scenario"`
	Levels []float64          `json:"levels" doc:"the levels searched: the explicit values, lo to hi by step, or five evenly spaced values"`
	Cost   map[string]float64 `json:"cost_per_unit" doc:"cost per unit, per cost dimension"`
	Source string             `json:"source" doc:"the source of the costs"`
}

// DesignAlt is one alternative base package.
type DesignAlt struct {
	Name   string             `json:"name"`
	File   string             `json:"file" doc:"its scenario file"`
	Cost   map[string]float64 `json:"cost" doc:"its fixed cost, per cost dimension"`
	Source string             `json:"source" doc:"the source of the costs"`
}

// DesignCandidate is one package assessed.
type DesignCandidate struct {
	Alternative string             `json:"alternative" doc:"the alternative it builds on"`
	Levers      []float64          `json:"levers" doc:"the levers' values, in the order of levers"`
	Cost        map[string]float64 `json:"cost" doc:"its cost per dimension"`
	TotalCost   float64            `json:"total_cost" doc:"the weighted sum of cost"`
	PDeterrence StudyIndex         `json:"p_deterrence" doc:"estimate with its 90% Monte Carlo interval"`
	PNoWar      StudyIndex         `json:"p_no_war" doc:"P(no war by T) with its 90% Monte Carlo interval"`
	Reaches     bool               `json:"reaches" doc:"meets every target (under strict, with its interval)"`
}
