package capability

// Components are the six National Material Capabilities indicators of one
// state in one year, in the dataset's units (thousands of people, tons,
// coal-ton equivalents, current dollars). Singer, Bremer and Stuckey (1972),
// "Capability Distribution, Uncertainty, and Major Power War, 1820-1965".
type Components struct {
	TPop, UPop, IrSt, PEC, Milex, Milper float64
}

func (c Components) values() [6]float64 {
	return [6]float64{c.TPop, c.UPop, c.IrSt, c.PEC, c.Milex, c.Milper}
}

// CINC returns each state's Composite Index of National Capability within
// the given system: the mean over the six components of the state's share
// of the system total, CINC_i = (1/6) sum_k x_ik / sum_j x_jk. The states
// passed are the whole system (every member that year). Missing values must
// be passed as 0, as COW does when summing the system; a component whose
// system total is 0 contributes a share of 0 to everyone.
func CINC(states []Components) []float64 {
	var total [6]float64
	for _, s := range states {
		v := s.values()
		for k := range total {
			total[k] += v[k]
		}
	}
	out := make([]float64, len(states))
	for i, s := range states {
		v := s.values()
		var sum float64
		for k := range total {
			if total[k] > 0 {
				sum += v[k] / total[k]
			}
		}
		out[i] = sum / 6
	}
	return out
}
