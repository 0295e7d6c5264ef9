package assess

import "math"

// FeatureNames label Profile.F: the space in which analogues are near.
// Every feature is scaled to [0, 1].
var FeatureNames = [...]string{
	"strongest instrument (0 none, 0.3 assurance, 0.6 tripwire, 0.8 defence pact, 1 collective defence)",
	"tripwire troops, log(1+n)/log(1+100000)",
	"P(win) of the full coalition at the medians",
	"a nuclear umbrella",
	"highest guarantor commitment at the medians",
	"number of guarantors / 5 (capped at 1)",
}

// Profile is an option's position in the analogue feature space.
type Profile struct {
	Name, File string
	Year       int
	Outcome    int
	Ongoing    bool
	F          [len(FeatureNames)]float64
}

// Profile evaluates the model at its medians and places it in the feature
// space.
func (m *Model) Profile() Profile {
	if m.st != nil {
		return m.profileStructural()
	}
	w := m.newWork()
	m.eval(w)
	p := Profile{Name: m.Opt.Name, File: m.Opt.File, Year: m.Opt.Year, Outcome: m.Opt.Outcome, Ongoing: m.Opt.Ongoing}
	troops := 0.0
	for i, g := range m.g {
		p.F[0] = math.Max(p.F[0], strength[g.top])
		for j, s := range g.troops {
			troops += math.Max(w.x[s], 0) * clamp01(w.x[g.posture[j]])
		}
		if g.nuclear {
			p.F[3] = 1
		}
		p.F[4] = math.Max(p.F[4], w.pFight[i])
	}
	p.F[1] = math.Min(math.Log1p(troops)/math.Log1p(1e5), 1)
	p.F[2] = w.d.PWinAll
	p.F[5] = math.Min(float64(len(m.g))/5, 1)
	return p
}
