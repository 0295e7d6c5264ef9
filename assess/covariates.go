package assess

import (
	"fmt"
	"strconv"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

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
// paths) and takes the centres of their estimates est, in the same order.
func (s *structural) bindTerm(c *covariateTerm, keys []string, est []*deter.Estimate) error {
	c.coef, c.centre = make([]int, len(keys)), make([]float64, len(est))
	for j, e := range est {
		c.centre[j] = e.Centre
	}
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

// rivalry resolves the pair's rivalry covariate: the file's value when it
// gives one, else the data's (read in year read, ok when the data could be
// read), flagged when the data end before the year want the stage reads
// (the year before the assessment for the general stage's lagged rivalry,
// the assessment year after a war); known is false when neither says.
func (s *structural) rivalry(file *bool, ok, data bool, read, want, year int, pair string) (v bool, src string, known bool) {
	switch {
	case file != nil:
		return *file, "file: challenge.rivalry", true
	case ok:
		if read < want {
			s.flag("challenge.rivalry: the rivalry data end in %d, so the pair's rivalry is read in %d for %d: give challenge.rivalry to say what happened since", evidence.RivalryLastYear, read, year)
		}
		return data, fmt.Sprintf("TSS strategic rivalries (2022): %s-%s in %d", s.c.Scenario.Challenger.Name, pair, read), true
	}
	return false, "", false
}

// contiguity resolves the pair's land-border covariate as rivalry does,
// flagged when the data are read before the assessment year.
func (s *structural) contiguity(file *bool, ok, data bool, read, year int, pair string) (v bool, src string, known bool) {
	switch {
	case file != nil:
		return *file, "file: challenge.contiguous", true
	case ok:
		if read < year {
			s.flag("challenge.contiguous: the contiguity data end in %d, so the land border is read in %d for %d", evidence.ContiguityLastYear, read, year)
		}
		return data, fmt.Sprintf("COW Direct Contiguity 3.2, land border %s-%s in %d", s.c.Scenario.Challenger.Name, pair, read), true
	}
	return false, "", false
}
