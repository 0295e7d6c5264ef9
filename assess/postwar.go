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

// The post-war dyad covariates (docs/assess.md, "Post-war"; fitted on the
// post-war spells, docs/fit.md): a rivalry, a land border and earlier
// wars between the challenger and the protege raise the hazard of renewed
// war, as e^η on the non-cured hazard with η = Σ_j δ_j (x_j − centre_j).
// x is read once per option, from the file's challenge block or else the
// embedded data for the pair as of the assessment year, and listed as
// point inputs with their sources (explain shows them). Per draw only the
// coefficients δ vary, as for the general stage's challenger covariates.

// InputEarlierWars is the point input of the number of earlier wars.
const InputEarlierWars = "challenge.earlier_wars"

// InputWarOutcome is the point input of the war outcome, shown as 1 (the
// challenger won), −1 (it lost) or 0 (no decision); the term reads the two
// indicators.
const InputWarOutcome = "challenge.war_outcome"

// postWarCovariates compiles the covariates: the file's values where it
// gives them, else the embedded data for the pair in the assessment year
// (flagged when the data end before it, or cannot say).
func (s *structural) postWarCovariates() error {
	sc := s.c.Scenario
	ch := sc.Challenge
	p := &s.pw
	est := s.c.Coef().PostWarEstimates()
	if err := s.bindTerm(p, scenario.PostWarCovariateKeys(), est[:]); err != nil {
		return err
	}
	a, b, year, pair := s.pairCodes()
	var h evidence.PostWarHistory
	var herr error
	if ch.Rivalry == nil || ch.Contiguous == nil || ch.EarlierWars == nil || ch.WarOutcome == nil {
		if a == 0 || b == 0 {
			herr = fmt.Errorf("no COW code for the pair")
		} else {
			h, herr = evidence.PostWarDyad(a, b, year)
		}
	}
	var x deter.PostWarCovariates
	known := [deter.NumPostWarCovariates]bool{true, true, true}
	var srcs [deter.NumPostWarCovariates]string
	x.Rivalry, srcs[0], known[0] = s.rivalry(ch.Rivalry, herr == nil, h.Rivalry, h.RivalryYear, year, year, pair)
	x.Contiguous, srcs[1], known[1] = s.contiguity(ch.Contiguous, herr == nil, h.Contiguous, h.ContiguityYear, year, pair)
	switch {
	case ch.EarlierWars != nil:
		x.EarlierWars, srcs[2] = *ch.EarlierWars, "file: challenge.earlier_wars"
	case herr == nil:
		x.EarlierWars = h.EarlierWars
		srcs[2] = fmt.Sprintf("COW Inter-State War 4.0: %d war(s) %s-%s ended by %d (a war ending in %d or %d is the one that just ended)", h.EarlierWars, sc.Challenger.Name, pair, year-2, year-1, year)
		if !h.WarsCovered() {
			span := fmt.Sprintf("from %d to %d", evidence.WarLastYear+1, year-2)
			if year-2 == evidence.WarLastYear+1 {
				span = fmt.Sprintf("in %d", year-2)
			}
			s.flag("challenge.earlier_wars: the COW war data end in %d, so a war between the two %s is unknown and %d earlier war(s) are counted: give challenge.earlier_wars to say what happened since", evidence.WarLastYear, span, h.EarlierWars)
		}
	default:
		known[2] = false
	}
	var outcomeSrc string
	x.Outcome, outcomeSrc, known[3] = s.warOutcome(ch.WarOutcome, herr, h, year, pair)
	known[4] = known[3]
	v := x.Values()
	p.x = v[:]
	var unknown []string
	for j, f := range []string{"rivalry", "contiguous", "earlier_wars", "", ""} {
		if !known[j] {
			p.x[j] = p.centre[j] // x at the spells' mean: the term adds nothing
			srcs[j] = "unknown: the post-war spells' sample mean (flagged)"
			if f != "" {
				unknown = append(unknown, "challenge."+f)
			}
		}
	}
	if !known[3] {
		why := fmt.Sprintf("no COW war between the two ended in %d or %d (the data end in %d)", year-1, year, evidence.WarLastYear)
		if herr != nil {
			why = herr.Error()
		}
		s.flag("challenge.war_outcome: not in the file and the data cannot say (%s): the post-war spells' means are used, so the term adds nothing; give challenge.war_outcome (challenger_won, challenger_lost or no_decision)", why)
	}
	if len(unknown) > 0 {
		s.flag("%s: not in the file and the data cannot say (%v): the average post-war spell is assumed, so the term adds nothing", strings.Join(unknown, ", "), herr)
	}
	vals := []float64{p.x[0], p.x[1], float64(x.EarlierWars), p.x[3] - p.x[4]}
	if !known[2] {
		vals[2] = math.Expm1(p.centre[2]) // the mean of ln(1 + wars), shown as wars
	}
	srcs[3] = outcomeSrc
	if !known[3] {
		srcs[3] = "unknown: the post-war spells' sample means (flagged)"
	}
	for j, name := range []string{InputRivalry, InputContiguous, InputEarlierWars, InputWarOutcome} {
		p.inputs = append(p.inputs, s.add(name, uncertainty.PointDist(vals[j]), srcs[j]))
	}
	s.swapTerm(known[3])
	return nil
}

// warOutcome resolves the war that just ended's outcome for the challenger:
// the file's value, else the embedded COW data when a war between the two
// ended in the assessment year or the year before (the rule of
// earlier_wars), else unknown (the caller flags it and uses the means).
func (s *structural) warOutcome(file *string, herr error, h evidence.PostWarHistory, year int, pair string) (deter.WarOutcome, string, bool) {
	switch {
	case file != nil:
		return deter.WarOutcome(*file), "file: challenge.war_outcome", true
	case herr == nil && h.JustEnded:
		return deter.WarOutcome(h.Outcome), fmt.Sprintf("COW Inter-State War 4.0 outcome codes of the war between %s and %s that ended in %d or %d: %s",
			s.c.Scenario.Challenger.Name, pair, year-1, year, h.Outcome), true
	}
	return "", "", false
}

// swapTerm sets s.pwR, the protégé's direction's η: the same coefficients
// and centres with the war outcome swapped (challenger_won ↔
// challenger_lost; no decision, rivalry, contiguity and earlier wars are
// symmetric).
func (s *structural) swapTerm(known bool) {
	r := s.pw
	r.x = append([]float64(nil), s.pw.x...)
	if known { // else both indicators sit at their own means: the term adds nothing either way
		won, lost := 3, 4 // deter.PostWarCovariates.Values order
		r.x[won], r.x[lost] = s.pw.x[lost], s.pw.x[won]
	}
	r.inputs = nil
	s.pwR = r
}
