package assess

import (
	"fmt"
	"math"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models/udg"
)

// GuarantorTrace is one guarantor's commitment, term by term, in logits.
type GuarantorTrace struct {
	ID, Name, Instrument string
	BaseRate             float64
	Tripwire, Air        float64 // tripwire and air-policing terms
	StakeAudience        float64 // economic-stake plus audience-cost terms
	WarCost              float64 // signed: negative when P(win) is below the reference
	Signals              float64 // sum of log likelihood ratios
	PFight, PWin         float64
}

// Trace is the chain from inputs to game to equilibrium to probabilities
// at the inputs' medians.
type Trace struct {
	Guarantors  []GuarantorTrace
	Credibility float64 // effective credibility: the UDG's pDef
	PWinAll     float64
	Game        udg.Params
	Region      string
	Eq          udg.Primary
	NoGain      bool
	Satisfied   float64 // share of challenger types that never attack
	Determined  float64 // share that attack whatever the guarantors do
	PSQ, PWar   float64 // after the satisfied types
	Hazard      float64
	NoWar       []Horizon
	// Structural is the structural engine's chain (nil for the UDG engine,
	// whose chain is the fields above).
	Structural *StructuralTrace
}

// Explain evaluates the option at its medians and keeps every step.
func (m *Model) Explain() Trace {
	if m.st != nil {
		st := m.explainStructural()
		return Trace{Structural: st, PSQ: st.PSQ, PWar: 1 - st.PSQ, NoWar: st.Survival}
	}
	w := m.newWork()
	m.eval(w)
	t := Trace{Credibility: w.d.Cred, PWinAll: w.d.PWinAll, Game: w.d.Game, Eq: w.d.Eq, NoGain: w.d.NoGain, Hazard: w.d.Hazard,
		Satisfied: w.d.Satisfied, Determined: w.d.Determined, PSQ: w.d.PSQ, PWar: w.d.PWar}
	t.Region = RegionNames[w.d.Eq.Region]
	if w.d.NoGain {
		t.Region = RegionNames[regionNoGain]
	}
	for i, g := range m.Opt.Guarantors {
		lt := w.logitT[i]
		t.Guarantors = append(t.Guarantors, GuarantorTrace{ID: g.ID, Name: g.Name, Instrument: string(m.g[i].top),
			BaseRate: w.x[m.g[i].base], Tripwire: lt[0], Air: lt[1], StakeAudience: lt[2], WarCost: lt[3], Signals: math.Log(lt[4]),
			PFight: w.pFight[i], PWin: w.pWinG[i]})
	}
	for _, y := range m.horizons() {
		p := Survival(1-w.d.PWar, w.d.Hazard, y)
		t.NoWar = append(t.NoWar, Horizon{Years: y, P: Estimate{Mean: p, Lo: p, Hi: p}})
	}
	return t
}

// Game returns the option's Unilateral Deterrence Game at the inputs'
// medians, as an exact tree for export (Gambit .efg) and re-checking.
func (m *Model) Game() (*game.Tree, error) {
	if m.st != nil {
		return m.structuralGame()
	}
	t := m.Explain()
	if t.NoGain {
		return nil, fmt.Errorf("%w: %s: at the medians the challenger gains nothing by attacking, so there is no deterrence game", ErrOption, m.Opt.Name)
	}
	u, err := udg.New(t.Game)
	if err != nil {
		return nil, err
	}
	return u.Game()
}
