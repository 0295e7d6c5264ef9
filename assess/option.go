package assess

import (
	"fmt"
	"strings"

	"github.com/guarantor/guarantor/scenario"
)

// Input is one named uncertain input with its source ("judgment" when it
// is the analyst's or the model's own assumption).
type Input struct {
	Name   string
	Dist   Dist
	Source string
}

// Judgment marks an input without an empirical source.
const Judgment = "judgment"

// Kind is an instrument type: the scenario format's enum, the project's
// one list of instruments (scenario.InstrumentTypes).
type Kind = scenario.InstrumentType

// The instruments the UDG engine reads, under their scenario names.
const (
	NoInstrument       = scenario.NoInstrument
	CeasefireAgreement = scenario.CeasefireAgreement
	SecurityAssurance  = scenario.SecurityAssurance
	DefensePact        = scenario.DefensePact
	CollectiveDefense  = scenario.CollectiveDefense
	Tripwire           = scenario.Tripwire
	AirPolicing        = scenario.AirPolicing
	ArmsSupply         = scenario.ArmsSupply
	EconomicStake      = scenario.EconomicStake
	NuclearUmbrella    = scenario.NuclearUmbrella
	Advisers           = scenario.Advisers
)

// ParseKind reads an instrument name as the scenario format spells it.
func ParseKind(s string) (Kind, error) {
	for _, t := range scenario.InstrumentTypes {
		if string(t) == s {
			return t, nil
		}
	}
	names := make([]string, len(scenario.InstrumentTypes))
	for i, t := range scenario.InstrumentTypes {
		names[i] = string(t)
	}
	return "", fmt.Errorf("instrument %q: expected one of %s", s, strings.Join(names, ", "))
}

// strength orders instruments for display and analogues (0 none .. 1
// collective defence).
var strength = map[Kind]float64{NoInstrument: 0, CeasefireAgreement: 0.1, SecurityAssurance: 0.3, DefensePact: 0.8,
	CollectiveDefense: 1, Tripwire: 0.6, AirPolicing: 0.4, ArmsSupply: 0.2, EconomicStake: 0.15, NuclearUmbrella: 0.7, Advisers: 0.35}

// treatyRank orders the instruments that carry an obligation with a
// fulfilment base rate, weakest first; 0 for the others.
var treatyRank = map[Kind]int{CeasefireAgreement: 1, SecurityAssurance: 2, DefensePact: 3, CollectiveDefense: 4}

// Party is a state by Correlates of War code.
type Party struct {
	Name  string
	CCode int
	// Capability is the state's national capability in CINC units (share
	// of the world system), Deploy the share it can bring to the theatre,
	// Reach the share that survives projection (capability.Member).
	Capability, Deploy, Reach Input
}

// Instrument is one instrument a guarantor offers. Only the fields its
// Kind uses are read.
type Instrument struct {
	Kind Kind
	// Troops at risk (tripwire), and Posture: the share of them in harm's
	// way from the first day (1 = forward, permanent; lower for rear or
	// rotational deployments).
	Troops, Posture Input
	// Stake is the economic value at risk, in billions of US dollars
	// (economic_stake).
	Stake Input
	// Arms is the proportional boost to the protégé's capability from arms
	// supply (0.2 = +20%).
	Arms Input
	// Monitors and DMZ flag a ceasefire agreement's mechanisms (Fortna 2003).
	Monitors, DMZ bool
	// Ratified distinguishes a ratified collective-defence treaty.
	Ratified bool
}

// Signal is a public statement or act with a likelihood ratio on the
// guarantor's resolve: P(signal | resolved) / P(signal | not resolved).
type Signal struct {
	Name string
	LR   Input
}

// Guarantor is one guarantor of the option.
type Guarantor struct {
	ID string // short key used in input names ("us", "uk")
	Party
	Instruments []Instrument
	Signals     []Signal
	// BaseRate, when set, is the prior P(fights) of the guarantor's
	// strongest instrument; otherwise Compile takes the alliance-fulfilment
	// rate for its strongest treaty instrument from the evidence package.
	BaseRate Input
	// Forces are the guarantor's troops that reach the theatre in time
	// (read only when the option has a Theatre).
	Forces Input
	// Audience is an extra audience-cost term (logits) over the base rate's
	// reference treaty; zero unless the scenario says otherwise.
	Audience Input
}

// Challenger holds the challenger's side of the game.
type Challenger struct {
	Party
}

// Option is one guarantee option, compiled: the engine's view of a
// scenario.
type Option struct {
	Name, File string
	// Engine is scenario.EngineDefault (the structural engine, which reads
	// Compiled) or scenario.EngineUDG (the UDG/D1 engine, which reads the
	// fields below). An Option built by hand without Compiled is a UDG
	// option.
	Engine     string
	Compiled   *scenario.Compiled
	Year       int // the scenario's year (analogues, data vintage)
	Horizon    int // years (durability)
	Challenger Challenger
	Protege    Party
	Guarantors []Guarantor
	// Base-rate choice (explicit parameters, DESIGN.md §2).
	BaseRate BaseRateChoice
	// Coef overrides any input, coefficients included, by its name
	// ("coef.tripwire", "guarantors.us.base_rate").
	Coef map[string]Input
	// Theatre, when set, replaces the national (CINC) balance with a
	// Lanchester balance of the forces in the theatre.
	Theatre *Theatre
	// Outcome, for history cases: 1 deterrence held over the case's
	// period (or, if Ongoing, has held to date), 0 it failed; -1 unknown.
	Outcome int
	Ongoing bool
}

// BaseRateChoice selects the alliance-fulfilment base rate.
type BaseRateChoice struct {
	Coding string // "llm" (default) or "bf"
	Era    string // "all" (default), "pre1945", "post1945"
}

// Theatre is the local balance of forces (SPEC.md §5.1). Under the square
// law a side's fighting strength is effectiveness × N², under the linear
// law effectiveness × N (Lanchester 1916); P(win) is the contest function
// of the two strengths with exponent G.
type Theatre struct {
	Linear bool
	// Challenger and Protege are the troops each has in the theatre.
	Challenger, Protege Input
	// Advantage is the defenders' per-capita effectiveness relative to the
	// attacker's (beta/alpha); the 3:1 rule corresponds to 9 under the
	// square law and 3 under the linear law (capability.DefenderAdvantage).
	Advantage Input
	// G is the contest exponent on fighting strengths.
	G Input
}
