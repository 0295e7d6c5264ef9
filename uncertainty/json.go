package uncertainty

import "encoding/json"

// MarshalJSON writes d in the scenario-file form, e.g.
// {"dist":"triangular","min":1,"mode":2,"max":3}, so reports can list
// every input exactly as it could be written back.
func (d Dist) MarshalJSON() ([]byte, error) {
	m := map[string]any{"dist": d.Kind.String()}
	switch d.Kind {
	case Point:
		m["value"] = d.Value
	case Uniform:
		m["min"], m["max"] = d.Min, d.Max
	case Triangular:
		m["min"], m["mode"], m["max"] = d.Min, d.Mode, d.Max
	case Normal:
		m["mean"], m["sd"] = d.Mean, d.SD
		if d.Min < d.Max {
			m["min"], m["max"] = d.Min, d.Max
		}
	case LogNormal:
		m["mu"], m["sigma"] = d.Mu, d.Sigma
	case Beta:
		m["alpha"], m["beta"] = d.Alpha, d.Beta
		if d.Min != 0 || (d.Max != 0 && d.Max != 1) {
			m["min"], m["max"] = d.Min, d.Max
		}
	case Discrete:
		m["values"], m["weights"] = d.Values, d.Weights
	}
	return json.Marshal(m)
}
