package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/contract"
)

// Explain writes the chain from inputs to game to equilibrium to
// probabilities for one option, as `guarantor explain` prints it.
func Explain(w io.Writer, e *contract.Explanation) error {
	if e.Structural != nil {
		return explainStructural(w, e)
	}
	fmt.Fprintf(w, "%s (%s), input hash %s, guarantor %s\n", e.Option, e.File, e.InputHash, e.EngineVersion)
	fmt.Fprintf(w, "Challenger %s, protégé %s, year %d. Every input at its median.\n", e.Challenger, e.Protege, e.Year)
	// The UDG engine's caveat and what it does not read, as the structural
	// chain prints its own flags (the document carried them; the text did not).
	for _, f := range e.Flags {
		fmt.Fprintf(w, "FLAG: %s\n", f)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "1. Commitment: logit P(fights) = logit(base rate) + tripwire + air + stake/audience + war cost + signals")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "   guarantor\tinstrument\tbase rate\tlogit")
	if len(e.Guarantors) > 0 {
		for _, t := range e.Guarantors[0].Terms {
			fmt.Fprintf(tw, "\t%s", t.Name)
		}
	}
	fmt.Fprintln(tw, "\t= P(fights)\t")
	for _, g := range e.Guarantors {
		fmt.Fprintf(tw, "   %s\t%s\t%.3f\t%+.2f", g.Name, g.Instrument, g.BaseRate, contract.LogitBaseRate(g.BaseRate))
		for _, t := range g.Terms {
			fmt.Fprintf(tw, "\t%+.2f", t.Logit)
		}
		fmt.Fprintf(tw, "\t%.3f\t\n", g.PFights)
	}
	tw.Flush()
	if len(e.Guarantors) == 0 {
		fmt.Fprintln(w, "   (no guarantor)")
	}
	fmt.Fprintln(w, "\n2. Capability (contest success on CINC x deploy x reach)")
	for _, g := range e.Guarantors {
		fmt.Fprintf(w, "   %s with the protégé: P(win) %.3f\n", g.Name, g.PWin)
	}
	fmt.Fprintf(w, "   every guarantor with the protégé: P(win) %.3f\n", e.PWinAll)
	fmt.Fprintf(w, "\n3. Effective credibility = P(a coalition that can win responds) = %.3f  (the game's pDef)\n", e.Credibility)
	fmt.Fprintln(w, "\n4. Unilateral Deterrence Game (Zagare-Kilgour; SPEC.md §1.2), payoffs (Challenger; Defender)")
	if g := e.Game; g == nil {
		fmt.Fprintln(w, "   the challenger gains nothing by attacking an abandoned protégé: no attack")
	} else {
		c, d := g.Challenger, g.Defender
		fmt.Fprintf(w, "   SQ (%.3f; %.3f)  DC (%.3f; %.3f)  CD (%.3f; %.3f)  DD Hard/Soft Ch (%.3f / %.3f; Def %.3f / %.3f)\n",
			c.SQ, d.SQ, c.DC, d.DC, c.CD, d.CD, c.DDHard, c.DDSoft, d.DDHard, d.DDSoft)
		fmt.Fprintf(w, "   pCh %.3f, pDef %.3f\n", g.PHardChallenger, g.PHardDefender)
		fmt.Fprintf(w, "   thresholds: gammaH %.3f, gammaS %.3f, delta %.3f\n", g.GammaH, g.GammaS, g.Delta)
		fmt.Fprintf(w, "   D1 equilibrium: %s; Hard Ch initiates %.3f, Soft Ch %.3f; Soft Def resists %.3f\n", g.Region, g.HardInitiates, g.SoftInitiates, g.SoftResists)
		o := g.Outcomes
		fmt.Fprintf(w, "   outcomes among the types that play: SQ %.3f  DC %.3f  CD %.3f  DD (war) %.3f\n", o.SQ, o.DC, o.CD, o.DD)
	}
	fmt.Fprintf(w, "   challenger types that never attack (war costs more than even an unguarded protégé is worth): %.3f\n", e.Satisfied)
	fmt.Fprintf(w, "   challenger types that prefer war with the responders to the status quo (attack whatever): %.3f\n", e.Determined)
	fmt.Fprintf(w, "   P(deterrence holds) %.3f = %.3f + %.3f x SQ; P(war) %.3f\n", e.PDeterrence, e.Satisfied, max(1-e.Satisfied-e.Determined, 0), e.PWar)
	fmt.Fprintf(w, "\n5. Durability: the challenger decides now (above), then re-decides yearly; hazard after the first year %.4f;", e.Hazard)
	return explainTail(w, e)
}

// explainStructural writes the structural engine's chain (MODEL.md §3,
// docs/assess.md) at the inputs' medians.
func explainStructural(w io.Writer, e *contract.Explanation) error {
	c := e.Structural
	fmt.Fprintf(w, "%s (%s), input hash %s, guarantor %s, structural engine\n", e.Option, e.File, e.InputHash, e.EngineVersion)
	fmt.Fprintf(w, "Assessed as of %s. Every input at its median.\n", c.AsOf)
	if c.Equation != "" {
		fmt.Fprintf(w, "Stage %s: %s\n", stageName(c.Stage), c.Equation)
	}
	for _, f := range e.Flags {
		fmt.Fprintf(w, "FLAG: %s\n", f)
	}
	fmt.Fprintf(w, "\n1. Forces in the theatre: challenger %.4g, protégé %.4g\n", c.ChallengerForce, c.ProtegeForce)
	fmt.Fprintln(w, "\n2. Responses: q_g = L(base + post1945 + troops + stake + audience + balance + challenge + signals)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "   guarantor\tinstrument\tbase")
	if len(e.Guarantors) > 0 {
		for _, t := range e.Guarantors[0].Terms {
			fmt.Fprintf(tw, "\t%s", t.Name)
		}
	}
	fmt.Fprintln(tw, "\t= q\tforce\tP(win with protégé)\t")
	for i, g := range e.Guarantors {
		fmt.Fprintf(tw, "   %s\t%s\t%+.2f", g.Name, g.Instrument, c.BaseLogits[i])
		for _, t := range g.Terms {
			fmt.Fprintf(tw, "\t%+.2f", t.Logit)
		}
		fmt.Fprintf(tw, "\t%.3f\t%.4g\t%.3f\t\n", g.PFights, c.GuarantorForces[i], g.PWin)
	}
	tw.Flush()
	if len(e.Guarantors) == 0 {
		fmt.Fprintln(w, "   (no guarantor)")
	}
	fmt.Fprintln(w, "\n3. Responding sets (Gaussian copula over the responses): P(S), challenger's π_S and cost C_S")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if c.Informed {
		fmt.Fprintln(tw, "   set\tP(S)\tF_S\tπ_S\tC_S\tP(SQ | S)\t")
	} else {
		fmt.Fprintln(tw, "   set\tP(S)\tF_S\tπ_S\tC_S\t")
	}
	for _, s := range c.Sets {
		fmt.Fprintf(tw, "   {%s}\t%.4f\t%.4g\t%.3f\t%.3f\t", strings.Join(s.Members, ","), s.P, s.Force, s.Pi, s.Cost)
		if c.Informed && s.PSQ != nil {
			fmt.Fprintf(tw, "%.4f\t", *s.PSQ)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if c.Informed {
		// The informed challenger decides after it sees the set: Π, C̄ and
		// DI are not its inputs, only the cure share's (DI).
		fmt.Fprintln(w, "\n4. Challenger's best response (informed: it sees which guarantors resist before it decides): P(SQ | S) = L(A0 + A1·(ln C_S − ln π_S)),")
		fmt.Fprintf(w, "   averaged over the sets: P(deterrence holds) = Σ_S P(S)·P(SQ | S) = %.3f; P(war) %.3f\n", e.PDeterrence, e.PWar)
		fmt.Fprintf(w, "   not the decision's inputs: Π = E[π_S] = %.4f, C̄ = E[C_S] = %.4f, DI = %.3f (the expected form's index; the cure share reads it)\n", c.Pi, c.CostBar, c.Index)
		fmt.Fprintf(w, "\n5. Durability (cure Weibull, hazard ratio of the mechanisms %.3f, %d phase(s) of instruments in force):", c.HazardRatio, c.Phases)
		return explainTail(w, e)
	}
	fmt.Fprintf(w, "\n4. Challenger's best response: Π = E[π_S] = %.4f, C̄ = E[C_S] = %.4f, deterrence index DI = %.3f\n", c.Pi, c.CostBar, c.Index)
	if p := c.PostWar; p != nil {
		fmt.Fprintln(w, "   Stage: post-war (the challenger and the protégé have just ended a war): the crisis decision L(DI) is not used;")
		fmt.Fprintln(w, "   the post-war spells give the level and the index enters as a hazard ratio.")
		fmt.Fprintf(w, "\n5. Post-war durability: x = ln C̄ − ln Π = %.3f against the reference %.3f; z = a·(x − x_ref) = %.3f·%.3f = %.3f\n",
			p.X, p.XRef, p.Weight, p.X-p.XRef, p.Z)
		fmt.Fprintf(w, "   hazard ratio of the index e^−z = %.3f × the mechanisms' %.3f × the dyad's e^η = %.3f (η = %.3f: rivalry, contiguity, earlier wars; inputs challenge.*) = %.3f\n",
			p.IndexHazardRatio, c.HazardRatio, math.Exp(p.DyadTerm), p.DyadTerm, p.HazardRatioTotal)
		fmt.Fprintf(w, "   cured share pc = %.3f; Weibull K %.3f, Λ %.1f years\n", p.CuredShare, p.Shape, p.Scale)
		fmt.Fprintf(w, "   challenger renews (C→P): S(T) = pc + (1 − pc)·exp(−(T/Λ)^K · %.3f); S(1) = %.3f, S(10) = %.3f\n",
			p.HazardRatioTotal, p.S1, p.S10)
		r := p.Protege
		fmt.Fprintf(w, "   protégé renews (P→C; index at the reference, war outcome swapped, only the ceasefire's own mechanisms):\n")
		fmt.Fprintf(w, "   hazard ratio = the ceasefire's mechanisms' %.3f × e^η = %.3f (η = %.3f) = %.3f; pc = %.3f; S(1) = %.3f, S(10) = %.3f\n",
			r.MechanismHR, math.Exp(r.DyadTerm), r.DyadTerm, r.HazardRatioTotal, r.CuredShare, r.S1, r.S10)
		fmt.Fprintf(w, "   renewed war by either party: P(deterrence) = S_C→P(1)·S_P→C(1) = %.3f; P(war in the first year) %.3f\n",
			e.PDeterrence, e.PWar)
		fmt.Fprintf(w, "   %d phase(s) of instruments in force, S chained across them:", c.Phases)
		return explainTail(w, e)
	}
	if c.ChallengerTerm != nil {
		fmt.Fprintf(w, "   general deterrence (per year): DI includes the challenger covariates' x'α = %.3f (inputs challenge.*)\n", *c.ChallengerTerm)
	}
	if g := c.GeneralSlope; g != nil {
		fmt.Fprintf(w, "   general stage's own slope (fitted on MID dyad-years): DI = general + x'α + b·(x − x̄) = %.3f + x'α + %.4f·(%.3f − %.3f); b·(x − x̄) = %.3f\n",
			g.Intercept, g.Slope, g.X, g.Reference, g.Slope*(g.X-g.Reference))
	}
	if c.ChallengerTerm != nil || c.GeneralSlope != nil || c.Stage == "general" {
		// Peacetime: the challenger decides each year.
		fmt.Fprintf(w, "   P(deterrence holds per year) = L(DI) = %.3f; P(war in the year) %.3f\n", e.PDeterrence, e.PWar)
	} else {
		fmt.Fprintf(w, "   P(deterrence holds) = L(DI) = %.3f; P(war) %.3f\n", e.PDeterrence, e.PWar)
	}
	fmt.Fprintf(w, "\n5. Durability (cure Weibull, hazard ratio of the mechanisms %.3f, %d phase(s) of instruments in force):", c.HazardRatio, c.Phases)
	return explainTail(w, e)
}

// explainTail ends both engines' explanations: the rest of the durability
// line (P(no war) at each horizon) and the inputs with their sources.
func explainTail(w io.Writer, e *contract.Explanation) error {
	for _, h := range e.NoWar {
		fmt.Fprintf(w, " P(no war by %dy) %.3f;", h.Years, h.P)
	}
	fmt.Fprintln(w, "\n\n6. Inputs and sources")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range e.Assumptions {
		fmt.Fprintf(tw, "   %s\t%s\tmedian %.4g\t%s\n", a.Input, a.Distribution, a.Median, a.Source)
	}
	tw.Flush()
	_, err := fmt.Fprintln(w)
	return err
}

// stageName is the stage a chain was computed at ("" from an older
// document reads immediate, as the JSON's stage is omitted there).
func stageName(s string) string {
	if s == "" {
		return "immediate"
	}
	return s
}
