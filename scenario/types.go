package scenario

import "github.com/guarantor/guarantor/uncertainty"

// Scenario is one parsed, validated scenario file (after extends).
type Scenario struct {
	File  string   // the file as named by the caller
	Files []string // the file and its bases, most derived first
	// InputHash is the canonical hash of the merged document (docs/output.md).
	InputHash    string
	Name         string
	Description  string
	Challenger   Country
	Protege      Country
	Horizon      Quantity // years
	Period       *Period  // dates of a historical case
	Capabilities Capabilities
	Option       Option
	Model        Model
	Outcome      *Outcome // observed outcome of a historical case
	Sources      []string
}

// Capabilities are the challenger's and protege's capabilities, if given.
type Capabilities struct{ Challenger, Protege *Capability }

// Quantity is an uncertain number: a distribution (a point for a plain
// number) with the source of the figure.
type Quantity struct {
	Dist   uncertainty.Dist
	Source string // citation, or "judgment"
	Note   string
	Set    bool // false when the field was absent and holds its default
	Pos    Pos
}

// Judgment is the source label of a figure that is the modeller's
// judgment rather than a published estimate.
const Judgment = "judgment"

// Period is the span of a historical case.
type Period struct{ Start, End string }

// Capability describes an actor's military capability, either by reference
// to an embedded dataset (From, Year) or by explicit figures.
type Capability struct {
	From             string // "cow_nmc" or "sipri_milex"; "" for explicit figures
	Year             int
	CINC             Quantity
	MilexUSDbn       Quantity
	DeployableTroops Quantity
	Nuclear          *bool
	Source           string
	Pos              Pos
}

// Option is one guarantee package.
type Option struct {
	Name        string
	Description string
	Guarantors  []Guarantor
}

// Guarantor is one third party and what it commits.
type Guarantor struct {
	ID          string // unique key in parameter names; defaults to the lower-case COW abbreviation
	Country     Country
	Capability  *Capability
	Instruments []Instrument
	Signals     []Signal
	Pos         Pos
}

// InstrumentType names a kind of commitment.
type InstrumentType string

// The instrument types, strongest first by default base rate.
const (
	CollectiveDefense  InstrumentType = "collective_defense"
	DefensePact        InstrumentType = "defense_pact"
	NuclearUmbrella    InstrumentType = "nuclear_umbrella"
	Tripwire           InstrumentType = "tripwire"
	AirPolicing        InstrumentType = "air_policing"
	SecurityAssurance  InstrumentType = "security_assurance"
	ArmsSupply         InstrumentType = "arms_supply"
	EconomicStake      InstrumentType = "economic_stake"
	CeasefireAgreement InstrumentType = "ceasefire_agreement"
	// NoInstrument keys the base rate of a guarantor with no instrument.
	NoInstrument InstrumentType = "none"
)

// InstrumentTypes lists every instrument type (NoInstrument excluded).
var InstrumentTypes = []InstrumentType{CollectiveDefense, DefensePact, NuclearUmbrella, Tripwire, AirPolicing,
	SecurityAssurance, ArmsSupply, EconomicStake, CeasefireAgreement}

// Instrument is one commitment of a guarantor. Which fields apply depends on
// Type (see docs/scenario.md); the rest hold their zero values.
type Instrument struct {
	Type         InstrumentType
	Ratified     bool     // collective_defense, defense_pact (default true)
	Organization string   // collective_defense, e.g. "NATO"
	Consultation bool     // security_assurance (default true)
	Monitors     Quantity // ceasefire_agreement: number of monitors (default 0)
	DMZ          bool     // ceasefire_agreement (default false)
	Troops       Quantity // tripwire (required)
	Posture      string   // tripwire: frontline | depth | rear (default depth)
	Rotation     string   // tripwire: permanent | rotational (default permanent)
	Aircraft     Quantity // air_policing (default 0 = unspecified)
	ValueUSDbn   Quantity // economic_stake (required), arms_supply (per year, default 0)
	Declared     bool     // nuclear_umbrella (default true)
	BaseRate     Quantity // optional override of the model's base rate for this instrument
	Start        string
	Source       string
	Note         string
	Pos          Pos
}

// Signal is a public statement or act that moves beliefs about a
// guarantor's resolve: posterior odds = prior odds × LikelihoodRatio.
type Signal struct {
	Text            string
	Kind            string // statement | act
	Date            string
	LikelihoodRatio Quantity
	Source          string
	Pos             Pos
}

// Model holds the model-level parameters of DESIGN.md §2, each defaulted
// with a source or the label "judgment".
type Model struct {
	BaseRateSource string                      // which empirical fulfilment rate anchors the defense-pact prior
	BaseRates      map[InstrumentType]Quantity // P(fight) prior by strongest instrument, incl. NoInstrument
	// Commitment-logit coefficients.
	TripwireCoef      Quantity // per unit of log(1 + troops at risk)
	EconomicStakeCoef Quantity // per unit of log(1 + stake in US$ bn)
	AudienceCostCoef  Quantity // added for a ratified treaty instrument
	WarCostCoef       Quantity // times (1 − P(coalition wins))
	Correlation       Quantity // between guarantors' decisions to fight
	// Exposure is the share of a tripwire's troops at risk in an attack, by
	// posture (frontline, depth, rear).
	Exposure map[string]Quantity
	// Durability: yearly hazard of renewed war and multipliers.
	BaseHazard          Quantity
	MonitorsMult        Quantity
	DMZMult             Quantity
	ThirdPartyGuarantee Quantity
	// Engine holds the engine parameters the file sets (EngineParams), by
	// path ("model.challenger.cost_max"); the rest take the engine's
	// defaults.
	Engine map[string]Quantity
}

// Outcome is what happened in a historical case.
type Outcome struct {
	Deterrence string // held | failed | ongoing
	Date       string
	YearsHeld  float64
	Fought     []string // guarantor ids that fought for the protege
	Note       string
	Source     string
}
