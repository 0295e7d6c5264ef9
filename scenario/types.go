package scenario

import "github.com/guarantor/guarantor/uncertainty"

// Scenario is one parsed, validated scenario file (after extends).
type Scenario struct {
	File  string   // the file as named by the caller
	Files []string // the file and its bases, most derived first
	// InputHash is the canonical hash of the merged document (docs/output.md).
	InputHash   string
	Name        string
	Description string
	Challenger  Country
	// Protege is the protected state. When the file protects a territory
	// (protege: {territory, sovereign}), Protege has Code 0 and the
	// territory's name, and Territory describes it.
	Protege      Country
	Territory    *Territory
	Challenge    Challenge // what the challenger would do; Kind defaults to invasion
	Horizon      Quantity  // years
	Period       *Period   // dates of a historical case
	Capabilities Capabilities
	Option       Option
	Model        Model
	Outcome      *Outcome // observed outcome of a historical case
	Sources      []string
}

// Territory is a protected territory of a sovereign state (an overseas
// territory, an enclave), defended by that state and/or others.
type Territory struct {
	Name      string
	Sovereign *Country // nil when the file names no sovereign
	Pos       Pos
}

// ChallengeKind is the kind of challenge to be deterred.
type ChallengeKind string

// The challenge kinds.
const (
	// Invasion: an open attack on the protege's territory as a whole.
	Invasion ChallengeKind = "invasion"
	// LimitedSeizure: taking part of the territory (an island, a border strip).
	LimitedSeizure ChallengeKind = "limited_seizure"
	// GreyZone: coercion below open war (proxies, unmarked troops, a
	// blockade short of war).
	GreyZone ChallengeKind = "grey_zone"
)

// ChallengeKinds lists the challenge kinds.
var ChallengeKinds = []ChallengeKind{Invasion, LimitedSeizure, GreyZone}

// Deterrence stages (Huth 1988; Fearon 1994).
const (
	// Immediate: the challenger already threatens (a crisis, a ceasefire
	// after a war): P(deterrence) is one decision, durability follows.
	Immediate = "immediate"
	// General: no threat yet (an alliance in peacetime): P(deterrence) is
	// a per-year probability.
	General = "general"
	// PostWar: the challenger and the protege have just ended a war
	// between them (a ceasefire, armistice or peace agreement): the level
	// comes from post-war spells, P(deterrence) is P(no renewed war in the
	// first year) (docs/assess.md, "Post-war"). See EffectiveStage for the
	// immediate files read as post-war.
	PostWar = "postwar"
)

// Challenge is what the challenger would do.
type Challenge struct {
	Kind   ChallengeKind
	Stage  string // Immediate (default), General or PostWar (see EffectiveStage)
	Target string
	Source string
	Set    bool // false when the file has no challenge: block (Kind is then Invasion)
	Pos    Pos
	// Rivalry, LastDispute and Contiguous are the challenger covariates of
	// general deterrence (docs/assess.md) when the file gives them; nil:
	// the engine derives them from the embedded data for the pair.
	// Rivalry: the two are strategic rivals (as coded before the year of
	// the assessment). LastDispute: the last year with a use-of-force
	// dispute between them, either direction (0 = none since both became
	// states). Contiguous: they share a land border.
	Rivalry     *bool
	LastDispute *int
	Contiguous  *bool
	// EarlierWars is the post-war stage's number of interstate wars the
	// two fought before the one that just ended (nil: counted from COW
	// Inter-State War 4.0). Rivalry and Contiguous serve the post-war stage
	// too (docs/assess.md, "Post-war").
	EarlierWars *int
	// WarOutcome is the post-war stage's outcome of the war that just
	// ended, for the challenger: challenger_won, challenger_lost or
	// no_decision (nil: read from COW Inter-State War 4.0 for a war that
	// ended in the assessment year or the year before, else unknown).
	WarOutcome *string
}

// NoDispute is Challenge.LastDispute for a pair with no use-of-force
// dispute since both became states (`last_dispute: none`).
const NoDispute = 0

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
	// ArrivalDays: days until DeployableTroops are in the theatre (0 =
	// already there).
	ArrivalDays Quantity
	Nuclear     *bool
	Source      string
	Pos         Pos
}

// Option is one guarantee package.
type Option struct {
	Name        string
	Description string
	Guarantors  []Guarantor
}

// Guarantor is one third party and what it commits: a state (Country) or
// an international organisation (Organization, Country then zero).
type Guarantor struct {
	ID           string // unique key in parameter names; defaults to the lower-case COW abbreviation
	Country      Country
	Organization *Organization
	// Sovereign: the guarantor holds sovereignty over the protected
	// territory (it defends its own territory, not an ally).
	Sovereign bool
	// Democracy: the guarantor is a democracy (an audience that punishes
	// backing down); nil when the file does not say.
	Democracy   *bool
	Capability  *Capability
	Instruments []Instrument
	Signals     []Signal
	Pos         Pos
}

// Organization is an international organisation acting as one guarantor:
// a force of several contributors under one mandate.
type Organization struct {
	Name         string
	Mandate      string
	Contributors []Country
}

// Without returns the contributors other than c, and whether c was one.
// A state does not fight itself: when the challenger contributes to an
// organisation that guarantees against it, its forces cannot count in the
// force that defends against it, nor can it be among those who respond.
func (o *Organization) Without(c Country) (rest []Country, dropped bool) {
	for _, m := range o.Contributors {
		if m.Code != 0 && m.Code == c.Code || m.Code == 0 && m.Name != "" && m.Name == c.Name {
			dropped = true
			continue
		}
		rest = append(rest, m)
	}
	return rest, dropped
}

// Name is the guarantor's display name: its country's or organisation's.
func (g Guarantor) Name() string {
	if g.Organization != nil {
		return g.Organization.Name
	}
	return g.Country.Name
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
	// Advisers: military advisers and trainers, not a combat force.
	Advisers InstrumentType = "advisers"
	// NoInstrument keys the base rate of a guarantor with no instrument.
	NoInstrument InstrumentType = "none"
)

// InstrumentTypes lists every instrument type (NoInstrument excluded).
var InstrumentTypes = []InstrumentType{CollectiveDefense, DefensePact, NuclearUmbrella, Tripwire, AirPolicing,
	Advisers, SecurityAssurance, ArmsSupply, EconomicStake, CeasefireAgreement}

// Instrument is one commitment of a guarantor. Which fields apply depends on
// Type (see docs/scenario.md); the rest hold their zero values.
type Instrument struct {
	Type         InstrumentType
	Ratified     bool     // collective_defense, defense_pact (default true)
	Organization string   // collective_defense, e.g. "NATO"
	Consultation bool     // security_assurance (default true)
	Monitors     Quantity // ceasefire_agreement: number of monitors (default 0)
	DMZ          bool     // ceasefire_agreement (default false)
	// JointCommission marks a ceasefire_agreement that sets up a joint
	// commission of the parties (Fortna 2003's mechanism; default false).
	JointCommission bool
	Troops          Quantity // tripwire (required)
	Posture         string   // tripwire: frontline | depth | rear (default depth)
	Rotation        string   // tripwire: permanent | rotational (default permanent)
	Aircraft        Quantity // air_policing (default 0 = unspecified)
	ValueUSDbn      Quantity // economic_stake (required), arms_supply (per year, default 0)
	Declared        bool     // nuclear_umbrella (default true)
	Personnel       Quantity // advisers (required)
	BaseRate        Quantity // optional override of the model's base rate for this instrument
	Start, End      string   // dates the instrument is in force ("" = open)
	Scope           *Scope   // nil: the commitment covers any challenge
	Source          string
	Note            string
	Pos             Pos
}

// Scope limits a commitment: to attacks by some states only, or (the
// coder's judgment) away from this scenario's challenge.
type Scope struct {
	Challengers     []Country // nil: any challenger
	CoversChallenge bool      // false: this scenario's challenge falls outside the commitment
	Note            string
}

// Covers reports whether a commitment with this scope covers an attack by
// challenger.
func (s *Scope) Covers(challenger Country) bool {
	if s == nil {
		return true
	}
	if !s.CoversChallenge {
		return false
	}
	if s.Challengers == nil {
		return true
	}
	for _, c := range s.Challengers {
		if c.Code == challenger.Code {
			return true
		}
	}
	return false
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

// After reports whether the signal is dated after asOf (YYYY-MM-DD): a
// look-ahead in a case coded as of asOf. A signal without a date, or no
// date to compare with, is not after.
func (sg Signal) After(asOf string) bool {
	return sg.Date != "" && asOf != "" && DateStart(sg.Date) > DateStart(asOf)
}

// Model is the file's model: section: which engine, and the catalogue
// parameters (Catalogue) the file sets, by name ("model.response.troops").
// Parameters it leaves out take the catalogue's defaults.
type Model struct {
	Engine string // EngineDefault or EngineUDG
	Params map[string]Quantity
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
