package assess

import "strconv"

// covariateTerm is a linear term Σ_j δ_j (x_j − centre_j) whose values x
// are fixed per option (the file's, or the embedded data's for the pair)
// and whose coefficients δ are drawn: the general stage's challenger
// covariates (x'α) and the post-war stage's dyad covariates (η). Centring
// at the fit's sample means makes an unknown value, set to its mean, add
// nothing.
type covariateTerm struct {
	x      []float64 // the values, fixed per option
	centre []float64 // the fit's sample means (deter.Default, or the compiled coefficients)
	coef   []int     // slots of the coefficients δ_j
	inputs []int     // slots of the challenge.* point inputs (explain lists them)
}

// term is the covariate term for the draw's coefficients in.
func (c *covariateTerm) term(in []float64) float64 {
	var s float64
	for j, i := range c.coef {
		s += in[i] * (c.x[j] - c.centre[j])
	}
	return s
}

// bindTerm looks up the slots of the coefficients named keys (catalogue
// paths) and takes their centres.
func (s *structural) bindTerm(c *covariateTerm, keys []string, centres []float64) error {
	c.coef, c.centre = make([]int, len(keys)), append([]float64(nil), centres...)
	for j, name := range keys {
		i, err := s.slot(name)
		if err != nil {
			return err
		}
		c.coef[j] = i
	}
	return nil
}

// pairCodes returns the COW codes of the challenger and the protégé (a
// territory's sovereign; 0 when a side has none), the assessment year, and
// the protégé's name as sources should give it.
func (s *structural) pairCodes() (a, b, year int, pair string) {
	sc := s.c.Scenario
	year, _ = strconv.Atoi(s.asOf[:4])
	a, b = sc.Challenger.Code, sc.Protege.Code
	pair = sc.Protege.Name
	if sc.Territory != nil {
		b = 0
		if sc.Territory.Sovereign != nil {
			b, pair = sc.Territory.Sovereign.Code, sc.Territory.Sovereign.Name+" (sovereign of "+sc.Territory.Name+")"
		}
	}
	return a, b, year, pair
}
