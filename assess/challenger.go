package assess

import (
	"fmt"
	"math"
	"strings"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/scenario"
	"github.com/guarantor/guarantor/uncertainty"
)

// The challenger covariates of general deterrence (docs/assess.md; fitted
// on MID dyad-years, docs/fit.md): does the challenger quarrel with the
// protege? They are read once per option, from the file's challenge block
// or else the embedded data for the pair as of the assessment year, and
// listed as point inputs (challenge.*) with their sources, so explain
// shows them. Per draw only the coefficients vary: the term is
// Σ_j α_j (x_j − centre_j) with x fixed (generalCovariates.x).

// Input names of the covariates (point inputs, shown by explain).
const (
	InputRivalry    = "challenge.rivalry"
	InputPeaceYears = "challenge.peace_years"
	InputNoPrior    = "challenge.no_prior_dispute"
	InputContiguous = "challenge.contiguous"
)

// challengerCovariates compiles the covariates: the file's values where it
// gives them, else the embedded data for the pair in the assessment year
// (flagged when the data end before it, or cannot say).
func (s *structural) challengerCovariates() error {
	sc := s.c.Scenario
	ch := sc.Challenge
	g := &s.gen
	est := s.c.Coef().ChallengerEstimates()
	if err := s.bindTerm(g, scenario.ChallengerCovariateKeys(), est[:]); err != nil {
		return err
	}
	a, b, year, pair := s.pairCodes()
	var h evidence.DyadHistory
	var herr error
	if ch.Rivalry == nil || ch.LastDispute == nil || ch.Contiguous == nil || *ch.LastDispute == scenario.NoDispute {
		if a == 0 || b == 0 {
			herr = fmt.Errorf("no COW code for the pair")
		} else {
			h, herr = evidence.ChallengeHistory(a, b, year)
		}
	}
	var x deter.ChallengerCovariates
	known := [deter.NumChallengerCovariates]bool{true, true, true, true}
	var srcs [deter.NumChallengerCovariates]string
	// rivalry, lagged a year as in the fit (docs/fit.md)
	x.Rivalry, srcs[0], known[0] = s.rivalry(ch.Rivalry, herr == nil, h.Rivalry, h.RivalryYear, year-1, year, pair)
	// peace years and no prior dispute
	switch {
	case ch.LastDispute != nil && *ch.LastDispute != scenario.NoDispute:
		if *ch.LastDispute > year {
			pos := ch.Pos
			if pos.File == "" {
				pos.File = sc.File
			}
			// A scenario error (line and field) inside ErrOption, so the
			// server's editor marks the line as for a parse error.
			return fmt.Errorf("%w: %w", ErrOption, &scenario.Error{Pos: pos, Field: "challenge.last_dispute",
				Msg: fmt.Sprintf("expected a year on or before the assessment year %d, got %d", year, *ch.LastDispute)})
		}
		x.PeaceYears = float64(year - *ch.LastDispute)
		srcs[1], srcs[2] = fmt.Sprintf("file: challenge.last_dispute %d", *ch.LastDispute), "file: challenge.last_dispute"
	case ch.LastDispute != nil && herr == nil:
		x.NoPrior, x.PeaceYears = true, float64(year-h.ObservedFrom)
		srcs[1] = fmt.Sprintf("file: challenge.last_dispute none; years since %d, when both were states (COW NMC)", h.ObservedFrom)
		srcs[2] = "file: challenge.last_dispute none"
	case ch.LastDispute == nil && herr == nil:
		x.NoPrior, x.PeaceYears = h.LastDispute == 0, float64(h.PeaceYears())
		if h.LastDispute > 0 {
			srcs[1] = fmt.Sprintf("COW MID 5.0: last use-of-force dispute %s-%s in %d", sc.Challenger.Name, pair, h.LastDispute)
		} else {
			srcs[1] = fmt.Sprintf("COW MID 5.0: no use-of-force dispute %s-%s since %d", sc.Challenger.Name, pair, h.ObservedFrom)
		}
		srcs[2] = srcs[1]
		if !h.MIDCovered() {
			s.flag("challenge.last_dispute: the MID data end in %d, so a dispute after %d is unknown and the peace years (%d) count from the data's last dispute: give challenge.last_dispute to say what happened since", evidence.MIDLastYear, evidence.MIDLastYear, h.PeaceYears())
		}
	case ch.LastDispute != nil:
		// none, with no data for the pair: the file still says the two
		// never fought (no_prior_dispute); only the years since both
		// became states are unknown.
		x.NoPrior, srcs[2] = true, "file: challenge.last_dispute none"
		known[1] = false
		s.flag("challenge.last_dispute: none, but the years of peace since both became states cannot be read (%v): the fit's mean is assumed for them", herr)
	default:
		known[1], known[2] = false, false
	}
	// contiguity
	x.Contiguous, srcs[3], known[3] = s.contiguity(ch.Contiguous, herr == nil, h.Contiguous, h.ContiguityYear, year, pair)
	v := x.Values()
	g.x = v[:]
	var unknown []string
	for j, f := range []string{"rivalry", "last_dispute", "", "contiguous"} {
		if !known[j] {
			g.x[j] = g.centre[j] // x at the fit's mean: the term adds nothing
			srcs[j] = "unknown: the fit's sample mean (flagged)"
			if f != "" && !(j == 1 && ch.LastDispute != nil) {
				unknown = append(unknown, "challenge."+f)
			}
		}
	}
	if len(unknown) > 0 {
		s.flag("%s: not in the file and the data cannot say (%v): the average politically relevant pair is assumed, so the term adds nothing", strings.Join(unknown, ", "), herr)
	}
	vals := []float64{g.x[0], x.PeaceYears, g.x[2], g.x[3]}
	if !known[1] {
		vals[1] = math.Expm1(g.centre[1])
	}
	for j, name := range []string{InputRivalry, InputPeaceYears, InputNoPrior, InputContiguous} {
		g.inputs = append(g.inputs, s.add(name, uncertainty.PointDist(vals[j]), srcs[j]))
	}
	return nil
}
