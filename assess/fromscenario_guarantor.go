package assess

import (
	"fmt"
	"strings"

	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/scenario"
)

func (a *adapter) guarantor(gp scenario.GuarantorParams, units string) (Guarantor, error) {
	pre := "guarantors." + gp.ID
	g := Guarantor{ID: gp.ID}
	var err error
	if gp.Organization != nil {
		gp.Capability.Country = scenario.Country{Name: gp.Name}
		a.orgs = append(a.orgs, gp.Organization)
	}
	g.Party, err = a.party(pre, gp.Capability, units, DeployGuarantor, Uniform(0.2, 0.5),
		"judgment: share of a guarantor's national capability it commits to the theatre")
	if err != nil {
		return g, err
	}
	strongest, rank := -1, len(scenario.InstrumentTypes)
	ratified := false
	asOf := a.asOf()
	for j, ip := range gp.Instruments {
		if !ip.InScope || !ip.InForce(asOf) {
			continue // counts as no instrument
		}
		if ip.Type == scenario.Advisers {
			continue // not a combat force; the UDG engine has no term for it
		}
		k, err := ParseKind(string(ip.Type))
		if err != nil {
			return g, fmt.Errorf("%s: %s: %w", a.c.Scenario.File, pre, err)
		}
		in := Instrument{Kind: k, Ratified: ip.Ratified, DMZ: ip.DMZ}
		name := fmt.Sprintf("%s.%s", pre, ip.Type)
		switch k {
		case Tripwire:
			in.Troops = a.in(ip.Troops)
			share := postureShare[ip.Posture] * rotationShare[ip.Rotation]
			in.Posture = Input{Name: fmt.Sprintf("%s[%d].in_harms_way", name, j), Dist: Point(share),
				Source: fmt.Sprintf("judgment: share of a %s, %s force in harm's way from the first day", ip.Posture, ip.Rotation)}
			if g.Forces.Dist == nil {
				g.Forces = in.Troops
			}
		case EconomicStake:
			in.Stake = a.in(ip.ValueUSDbn)
		case ArmsSupply:
			if ip.ValueUSDbn != scenario.None {
				v := a.in(ip.ValueUSDbn)
				in.Arms = Input{Name: fmt.Sprintf("%s[%d].boost", name, j), Dist: scaled{v.Dist, armsPerBn},
					Source: fmt.Sprintf("%s, US$ bn a year × 1/60 (judgment: relative to Ukraine's defence budget of about US$ 60 bn)", v.Source)}
			}
		case CeasefireAgreement:
			in.Monitors = ip.Monitors != scenario.None && a.c.Params[ip.Monitors].Dist.Quantile(0.5) > 0
		case NuclearUmbrella:
			if !ip.Declared {
				in.Kind = NoInstrument // an undeclared umbrella adds no escalation threat here
			}
		}
		if (k == CollectiveDefense || k == DefensePact) && ip.Ratified {
			ratified = true
		}
		for r, t := range scenario.InstrumentTypes {
			if t == ip.Type && r < rank {
				strongest, rank = j, r
			}
		}
		g.Instruments = append(g.Instruments, in)
	}
	g.BaseRate = a.baseRate(gp, strongest)
	if a.selfOnly(gp) {
		// The challenger under another name (FlagSelfOnly): no instrument
		// commits it against itself, and it never resolves to fight.
		g.Instruments = nil
		g.BaseRate = Input{Name: pre + ".base_rate", Dist: Point(0), Source: "none: the challenger is the organisation's only contributor (a state does not fight itself)"}
		ratified = false
	}
	if ratified {
		g.Audience = a.param(CoefAudience)
	}
	if gp.Capability.DeployableTroops != scenario.None {
		g.Forces = a.in(gp.Capability.DeployableTroops)
	}
	for _, s := range gp.Signals {
		g.Signals = append(g.Signals, Signal{LR: a.in(s)})
	}
	return g, nil
}

// selfOnly reports whether gp is an organisation whose only contributor is
// the challenger.
func (a *adapter) selfOnly(gp scenario.GuarantorParams) bool {
	if gp.Organization == nil {
		return false
	}
	rest, dropped := gp.Organization.Without(a.c.Scenario.Challenger)
	return dropped && len(rest) == 0
}

// param returns the compiled parameter name, or its catalogue default.
func (a *adapter) param(name string) Input {
	if i, ok := a.c.Index(name); ok {
		return a.in(i)
	}
	return udgEntry(name)
}

// baseRate is the UDG prior of the guarantor's strongest instrument (or of
// none): the instrument's own base_rate, the file's
// model.udg.base_rates.<type>, or the catalogue's default. For a defence
// pact the embedded data's defence-obligation rate is the more specific
// figure, so it replaces the catalogue default.
func (a *adapter) baseRate(gp scenario.GuarantorParams, strongest int) Input {
	t := scenario.NoInstrument
	if strongest >= 0 {
		ip := gp.Instruments[strongest]
		if ip.BaseRate != scenario.None {
			return a.in(ip.BaseRate)
		}
		t = ip.Type
	}
	name := "model.udg.base_rates." + string(t)
	if i, ok := a.c.Index(name); ok {
		return a.in(i)
	}
	if t == scenario.DefensePact {
		if r, err := evidence.FulfilmentRate(evidence.LLM, evidence.Defense, evidence.AllYears); err == nil {
			return Input{Name: name, Dist: Beta(r.Alpha, r.Beta),
				Source: fmt.Sprintf("Berkemeier & Fuhrmann 2018 data, LLM coding, defence obligations, 1816-2003: %d/%d honoured; Beta posterior from a uniform prior; %s", r.Honoured, r.N(), r.Data)}
		}
	}
	return udgEntry(name)
}

// model passes the model parameters the file sets to the UDG engine, by
// name.
func (a *adapter) model() {
	for i, p := range a.c.Params {
		if strings.HasPrefix(p.Name, "model.") {
			a.coef[p.Name] = a.in(i)
		}
	}
}

// theatre sets a Lanchester theatre when the challenger and the protégé
// both give deployable troops.
func (a *adapter) theatre(gs []Guarantor) *Theatre {
	ch, pr := a.c.Challenger.DeployableTroops, a.c.Protege.DeployableTroops
	if ch == scenario.None || pr == scenario.None {
		for i := range gs {
			gs[i].Forces = Input{}
		}
		return nil
	}
	return &Theatre{Challenger: a.in(ch), Protege: a.in(pr)}
}
