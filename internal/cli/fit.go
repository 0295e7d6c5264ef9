package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/fit/spellindex"
	"github.com/guarantor/guarantor/history"
)

func init() { register(fitCmd) }

func fitCmd() *cobra.Command {
	var (
		format, write, date, svg string
		aggregation              string
		o                        fit.Options
	)
	cmd := &cobra.Command{
		Use:   "fit",
		Short: "Estimate the credibility engine's coefficients on the embedded data, with cross-validation",
		Long: `fit estimates every free parameter of the structural model (package deter) by penalised
maximum likelihood on the data embedded in guarantor: Huth's 58 crises (defender response and
challenger status quo, jointly), alliance fulfilment (base rates by instrument and era), and
COW war + MID post-war spells (durability). It prints standard errors, leave-one-out and k-fold
cross-validation on Huth's crises against the base rate and an ex-ante logit, and with --write
saves the coefficients (with their provenance) in the form deter.Default reads, and beside them
the general stage's x+ table (general_xplus.tsv.gz, general_xplus.json) that backtest refits read
instead of running the engine. Without --write it checks that its x+ equals the committed table
bit for bit whenever it ran on the committed coefficients.

Reproduce the committed deter/coefficients.json with:
  guarantor fit --write deter/coefficients.json --date YYYY-MM-DD`,
		Args: cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "output format: text or json")
	f.StringVar(&write, "write", "", "write the fitted coefficients as JSON to this file (and the x+ table beside it)")
	f.StringVar(&svg, "svg", "", "write a reliability diagram (SVG) of the leave-one-out forecasts on Huth's crises to this file")
	f.StringVar(&date, "date", "", "date recorded in the provenance, YYYY-MM-DD (default today, UTC)")
	f.IntVar(&o.Folds, "folds", 10, "k for k-fold cross-validation")
	f.Uint64Var(&o.Seed, "seed", 1, "seed of the fold assignment and the bootstrap")
	f.IntVar(&o.Bootstrap, "bootstrap", 2000, "bootstrap resamples for the Brier differences")
	f.Float64Var(&o.Spec.ProtegeShare, "protege-share", fit.DefaultHuthSpec.ProtegeShare,
		"judgment: the protege's share of Huth's defender-side balance (for the challenger against the protege alone)")
	f.BoolVar(&o.Sensitivity, "sensitivity", true, "also refit at protege shares 0.1 and 0.5 (reported, not used)")
	f.StringVar(&aggregation, "aggregation", "", "fit this form of the challenger's aggregation over responses (expected, geometric-cost, per-set or informed) instead of choosing it by leave-one-out log density")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if format != "text" && format != "json" {
			return usageError("--format %q: expected text or json", format)
		}
		if o.Folds < 2 || o.Folds > 58 {
			return usageError("--folds %d: expected 2..58 (Huth has 58 crises)", o.Folds)
		}
		if o.Bootstrap < 100 || o.Bootstrap > history.MaxResamples {
			return usageError("--bootstrap %d: expected 100 to %d", o.Bootstrap, history.MaxResamples)
		}
		if aggregation != "" {
			a, err := deter.ParseAggregation(aggregation)
			if err != nil {
				return usageError("--aggregation: %v", err)
			}
			o.Spec.Aggregation = a
		}
		if !(o.Spec.ProtegeShare > 0 && o.Spec.ProtegeShare < 1) {
			return usageError("--protege-share %v: expected a share in (0, 1)", o.Spec.ProtegeShare)
		}
		if date == "" {
			date = time.Now().UTC().Format("2006-01-02")
		} else if _, err := time.Parse("2006-01-02", date); err != nil {
			return usageError("--date %q: expected YYYY-MM-DD", date)
		}
		o.Date = date
		o.Command = fitCommandLine(cmd)
		if isTerminal(cmd.ErrOrStderr()) {
			o.Progress = func(s string) { fmt.Fprintln(cmd.ErrOrStderr(), "fit:", s) }
		}
		o.EngineIndex = spellindex.Index                 // the post-war slope with defence pacts (docs/fit.md)
		o.EngineDyadYearIndex = spellindex.DyadYearIndex // the general stage's guarantee test (docs/fit.md)
		res, err := fit.Run(cmd.Context(), o)
		if err != nil {
			return err
		}
		if write != "" {
			b, err := res.Coefficients.Marshal()
			if err != nil {
				return err
			}
			if err := os.WriteFile(write, b, 0o644); err != nil {
				return fmt.Errorf("--write: %w", err)
			}
			if err := writeIndexPlus(filepath.Dir(write), res, o, b); err != nil {
				return fmt.Errorf("--write: %w", err)
			}
		} else if p := res.GeneralPact.Plus; p != nil {
			// As the coefficients: the committed x⁺ table must be what this
			// run computes, bit for bit, whenever the engine read the same
			// coefficients (fit.Refit trusts it instead of the engine).
			compared, err := fit.CheckIndexPlus(p)
			if err != nil {
				return err
			}
			if !compared {
				fmt.Fprintln(cmd.ErrOrStderr(), "fit: the x+ table was not compared: this run's coefficients differ from the committed ones")
			}
		}
		if svg != "" {
			if err := writeHuthSVG(svg, res.Validation); err != nil {
				return fmt.Errorf("--svg: %w", err)
			}
		}
		w := cmd.OutOrStdout()
		if format == "json" {
			return fitJSON(w, cmd, res)
		}
		return renderFit(w, res)
	}
	return cmd
}

// writeIndexPlus writes the general stage's x⁺ table and its provenance
// in dir, beside the coefficients (coefficientsJSON) of the same run, which
// fit.Refit reads instead of running the engine (docs/fit.md).
func writeIndexPlus(dir string, res *fit.Result, o fit.Options, coefficientsJSON []byte) error {
	p := res.GeneralPact.Plus
	if p == nil {
		return nil // the guarantee test did not run: no x⁺
	}
	table, prov, err := p.Encode(o.Command, o.Date, coefficientsJSON)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, fit.IndexPlusFile), table, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, fit.IndexPlusProvenanceFile), prov, 0o644)
}

// fitCommandLine rebuilds the command with every flag the user set (in
// name order), for the provenance.
func fitCommandLine(cmd *cobra.Command) string {
	parts := []string{"guarantor fit"}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		parts = append(parts, "--"+f.Name+" "+f.Value.String())
	})
	return strings.Join(parts, " ")
}

// fitJSON prints the result as a `data` document of the output contract
// (docs/output.md): the header, the command with its set flags (not
// --format, --write, --svg: they change where output goes, not what it
// says), the datasets read, and the result with snake_case keys.
func fitJSON(w io.Writer, cmd *cobra.Command, res *fit.Result) error {
	parts := []string{"fit"}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Name != "format" && f.Name != "write" && f.Name != "svg" {
			parts = append(parts, "--"+f.Name+"="+f.Value.String())
		}
	})
	var ds []contract.DatasetRef
	for _, n := range fit.Datasets {
		if d, err := evidence.DatasetOf(n); err == nil {
			ds = append(ds, contract.DatasetRef{Name: d.Name, Version: d.Version})
		}
	}
	doc, err := contract.NewData(Version, strings.Join(parts, " "), ds, res)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func renderFit(w io.Writer, r *fit.Result) error {
	h := r.Huth
	fmt.Fprintf(w, "Huth's crises: n = %d (status quo %d, defender backed down %d, war %d). %s\n", h.N, h.StatusQuo, h.BackDown, h.War, h.Data)
	fmt.Fprintf(w, "Structural model, one defender: q = L(d0 + d_ally*ally + BE ln(1+trade) + BA dem + BD (P(def wins) - 1/2));\n")
	if h.Spec.Aggregation == deter.AggInformed {
		// The informed challenger decides after it sees whether the
		// defender resists, so P(SQ) averages the two sets' probabilities.
		fmt.Fprintf(w, "P(SQ) = q L(A0 + A1 (ln C_D - ln pi_D)) + (1 - q) L(A0 + A1 (ln C_0 - ln pi_0)) (informed); protege share %.2f (judgment)\n", h.Spec.ProtegeShare)
	} else {
		agg := h.Spec.Aggregation
		if agg == "" {
			agg = deter.AggExpected
		}
		fmt.Fprintf(w, "P(SQ) = L(A0 + A1 (ln Cbar - ln Pi)) (%s); protege share %.2f (judgment)\n", agg, h.Spec.ProtegeShare)
	}
	fmt.Fprintf(w, "log-likelihood %.3f; optimizer BFGS, status %s after %d iterations\n\n", h.LogLik, h.Status, h.Iterations)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "parameter\testimate\tSE\tprior\tmeaning")
	for _, p := range h.Params {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%s\t%s\n", p.Name, p.Estimate, p.SE, p.Prior, p.Meaning)
	}
	tw.Flush()

	v := r.Validation
	fmt.Fprintf(w, "\nOut-of-sample Brier on Huth's 58 crises (deterrence success; every fold refitted; %d-fold seed %d)\n", v.Folds, v.Seed)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "model\tleave-one-out\t%d-fold\tin-sample\tP(war), LOO\n", v.Folds)
	for _, s := range v.Scores {
		war := "-"
		if s.WarLOO != nil {
			war = fmt.Sprintf("%.4f", *s.WarLOO)
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%s\n", s.Model, s.LOO, s.KFold, s.InSample, war)
	}
	tw.Flush()
	fmt.Fprintf(w, "LOO Brier difference, structural - base rate: %+.4f  95%% bootstrap interval [%+.4f, %+.4f] (SE %.4f, %d resamples)\n",
		v.VsBase.Estimate, v.VsBase.Lo, v.VsBase.Hi, v.VsBase.SE, v.VsBase.Draws)
	fmt.Fprintf(w, "LOO Brier difference, structural - ex-ante logit (ML): %+.4f  95%% bootstrap interval [%+.4f, %+.4f] (SE %.4f)\n",
		v.VsLogit.Estimate, v.VsLogit.Lo, v.VsLogit.Hi, v.VsLogit.SE)
	fmt.Fprintln(w, "Calibration of the leave-one-out forecasts (cases, mean forecast -> observed share of status quo):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "model")
	for _, b := range v.Scores[0].Calibration {
		fmt.Fprintf(tw, "\t[%.1f, %.1f)", b.Lo, b.Hi)
	}
	fmt.Fprintln(tw)
	for _, s := range v.Scores {
		fmt.Fprint(tw, s.Model)
		for _, b := range s.Calibration {
			if b.N == 0 {
				fmt.Fprint(tw, "\t-")
				continue
			}
			fmt.Fprintf(tw, "\t%d: %.2f -> %.2f", b.N, b.MeanForecast, b.Observed)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if len(v.Aggregations) > 0 {
		fmt.Fprintln(w, "The challenger's aggregation over responses, chosen by leave-one-out log predictive density (docs/fit.md; ties within 0.1 keep expected):")
		for _, a := range v.Aggregations {
			fmt.Fprintf(w, "  %-15s LOO log density %.3f (vs expected: %+.3f, SE %.3f); LOO Brier %.4f; in-sample log-likelihood %.3f\n",
				a.Form, a.LOOLogLik, a.LOOLogLik-v.Aggregations[0].LOOLogLik, a.DiffSE, a.LOOBrier, a.LogLik)
		}
		for _, a := range v.Aggregations {
			if a.Form.Index() || a.Form == v.Aggregation {
				continue // the chosen form's estimates are the table above; the index forms' are in docs/fit.md
			}
			fmt.Fprintf(w, "  estimates under %s (SE):", a.Form)
			for _, p := range a.Params {
				fmt.Fprintf(w, " %s %.3f (%.3f)", p.Name, p.Estimate, p.SE)
			}
			fmt.Fprintln(w)
		}
		for _, a := range v.Aggregations {
			if a.Wins && !a.Form.Index() {
				fmt.Fprintf(w, "  %s wins by the pre-registered rule; the engine runs it in the immediate stage (the general and post-war stages read the %s form's index)\n", a.Form, a.Form.StageIndex())
			}
		}
		fmt.Fprintf(w, "  chosen for the coefficients: %s\n", v.Aggregation)
	}
	if len(v.Sensitivity) > 0 {
		fmt.Fprintf(w, "Sensitivity to the protege share, the balance measure and the priors' width, each refitted under the %s form (reported, not used to choose them):\n", v.Sensitivity[0].Aggregation)
		for _, s := range v.Sensitivity {
			fmt.Fprintf(w, "  balance %s, protege share %.2f, priors x%g: log-likelihood %.3f, LOO Brier %.4f\n", s.Balance, s.ProtegeShare, s.PriorWidth, s.LogLik, s.LOO)
		}
	}

	fmt.Fprintln(w, "\nAlliance fulfilment base rates (Berkemeier & Fuhrmann 2018, LLM coding, pre-1945 cases)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "instrument\tobligation\thonoured\tposterior mean\tlogit\tSE")
	for _, b := range r.Bases {
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%.3f\t%.3f\t%.3f\n", b.Instrument, b.Obligation, b.Rate.Honoured, b.Rate.N(), b.Rate.Mean, b.Logit, b.SE)
	}
	tw.Flush()
	c := r.Coefficients
	fmt.Fprintf(w, "Post1945 = %.3f (SE %.3f): %s\n", c.Post1945.Value, c.Post1945.SE, c.Post1945.Method)
	if a, ok := c.Base["security_assurance"]; ok {
		fmt.Fprintf(w, "security_assurance (labelled judgment, not in the table: the file codes no consultation-only case) = %.3f (SE %.3f): %s\n", a.Value, a.SE, a.Method)
	}
	if len(r.Joined) > 0 {
		fmt.Fprintln(w, "What informs it (reported, not fitted): allies of a state attacked in a COW war (ATOP 5.1 dyad-years x COW 4.0), by the ally's strongest obligation")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "obligation\tera\tjoined\tstayed out\tfought the partner\twars (with a join)\tposterior mean joined")
		for _, j := range r.Joined {
			era := "pre-1945"
			if j.Post {
				era = "1945-2003"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d (%d)\t%.3f\n", j.Class, era, j.Joined, j.Stayed, j.Enemy, j.Wars, j.JoinedWars, float64(j.Joined+1)/float64(j.N()+2))
		}
		tw.Flush()
	}

	rf := r.Rho
	fmt.Fprintf(w, "\nCorrelation of allies' responses (random-intercept probit, %d cases in %d wars, %d with several cases):\n", rf.Cases, rf.Wars, rf.MultiWars)
	fmt.Fprintf(w, "rho %.3f (95%% profile upper bound %.3f); log-likelihood %.3f, %.3f with rho = 0; era term %.3f\n", rf.Rho, rf.Upper95, rf.LogLik, rf.LogLikRho0, rf.Post)

	d := r.Durability
	fmt.Fprintf(w, "\nDurability: %d post-war dyad spells, %d renewed wars. %s\n", d.Fit.N, d.Fit.Events, d.Data)
	fmt.Fprintf(w, "cure Weibull: cured share %.3f (PC0 %.3f, SE %.3f), K %.3f (SE %.3f), Lambda %.1f years (SE %.1f); log-likelihood %.2f\n",
		deter.Logistic(d.Fit.PC0), d.Fit.PC0, d.Fit.SEPC0, d.Fit.K, d.Fit.SEK, d.Fit.Lambda, d.Fit.SELam, d.Fit.LogLik)
	fmt.Fprintf(w, "plain Weibull: K %.3f, Lambda %.1f; log-likelihood %.2f; LR for the cure term %.2f\n", d.Fit.K0, d.Fit.Lambda0, d.Fit.LogLik0, d.LRCure)
	fmt.Fprintf(w, "%d-fold out-of-sample log-likelihood per spell: cure %.4f, plain Weibull %.4f\n", d.CV.Folds, d.CV.CureLogLik, d.CV.Weibull)
	u := d.UseOfForce
	fmt.Fprintf(w, "sensitivity, any use of force (hostility >= 4): %d spells, %d events, cured share %.3f, K %.3f, Lambda %.1f\n",
		u.N, u.Events, deter.Logistic(u.PC0), u.K, u.Lambda)
	pcv := d.CovCV
	fmt.Fprintf(w, "Post-war dyad covariates (pre-registered, docs/fit.md): proportional hazards on the non-cured hazard; log-likelihood %.2f; LR against the cure Weibull %.2f (3 df)\n", d.Cov.LogLik, d.LRCov)
	fmt.Fprintf(w, "cured share %.3f (PC0 %.3f, SE %.3f), K %.3f (SE %.3f), Lambda %.1f years (SE %.1f)\n",
		deter.Logistic(d.Cov.PC0), d.Cov.PC0, d.Cov.SEPC0, d.Cov.K, d.Cov.SEK, d.Cov.Lambda, d.Cov.SELam)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "covariate	log HR	SE	HR	sample mean	any use of force: log HR (SE)")
	for j, n := range fit.PostWarCovNames {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.2f\t%.3f\t%.3f (%.3f)\n", n, d.Cov.Coef[j], d.Cov.SE[j], math.Exp(d.Cov.Coef[j]), d.Cov.Centre[j], d.UseOfForceCov.Coef[j], d.UseOfForceCov.SE[j])
	}
	tw.Flush()
	verdict := "adopted"
	if !pcv.Adopted {
		verdict = "not adopted: the cure Weibull without covariates stays"
	}
	fmt.Fprintf(w, "%d-fold CV by dyad (%d dyads, seed %d), held-out log-likelihood: covariates %.2f, no covariates %.2f (difference %+.2f, SE %.2f): %s\n",
		pcv.Folds, pcv.Dyads, pcv.Seed, pcv.Covariates, pcv.Plain, pcv.Covariates-pcv.Plain, pcv.SE, verdict)
	uc := d.UseOfForceCov
	fmt.Fprintf(w, "sensitivity with covariates, any use of force: cured share %.3f, K %.3f, Lambda %.1f\n", deter.Logistic(uc.PC0), uc.K, uc.Lambda)
	printPostWarSlope(w, d)
	printPostWarGuar(w, d)
	printPostWarPact(w, d)
	printPostWarBilateral(w, d)
	g := r.General
	fmt.Fprintf(w, "\nGeneral deterrence: %d use-of-force onsets in %d %s, %d-%d (%.4f a year).\n",
		g.Onsets, g.DyadYears, g.Sample, g.From, g.To, g.Rate)
	fmt.Fprintf(w, "Penalised logit of P(no onset in a year), Newton (%d iterations); log-likelihood %.1f; data: %s\n", g.Fit.Iterations, g.Fit.LogLik, g.Data)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "term\testimate\tSE\tsample mean")
	fmt.Fprintf(tw, "intercept at the means\t%.4f\t%.4f\t\n", g.Fit.Intercept, g.Fit.InterceptSE)
	for j, n := range fit.GeneralNames {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\n", n, g.Fit.Coef[j], g.Fit.SE[j], g.Fit.Means[j])
	}
	tw.Flush()
	fmt.Fprintf(w, "largest |correlation| of the intercept with a slope %.3f\n", g.Fit.Corr)
	if c.GeneralSlopeFitted() {
		fmt.Fprintf(w, "carry-over (not used: the fitted slope below is adopted): %.4f - %.4f (mean A0 + A1 (ln Cbar - ln Pi) over Huth's crises) = %.4f (SE %.4f)\n",
			g.Fit.Intercept, g.Reference, g.Fit.Intercept-g.Reference, g.Fit.InterceptSE)
	} else {
		fmt.Fprintf(w, "AGeneral = %.4f - %.4f (mean A0 + A1 (ln Cbar - ln Pi) over Huth's crises) = %.4f (SE %.4f)\n",
			g.Fit.Intercept, g.Reference, c.AGeneral.Value, c.AGeneral.SE)
	}
	cv := g.CV
	fmt.Fprintf(w, "%d-fold cross-validation by dyad (%d undirected dyads, seed %d), per held-out dyad-year:\n", cv.Folds, cv.Dyads, cv.Seed)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "model\tmean log score\tmean log score, onset years\tBrier")
	fmt.Fprintf(tw, "covariates\t%.5f\t%.3f\t%.6f\n", cv.LogScore, cv.OnsetLogScore, cv.Brier)
	fmt.Fprintf(tw, "intercept only\t%.5f\t%.3f\t%.6f\n", cv.LogScoreIntercept, cv.OnsetLogScoreIntercept, cv.BrierIntercept)
	tw.Flush()
	fmt.Fprintln(w, "Sensitivity (refitted, reported only; estimate (SE)):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "variant\tdyad-years\tonsets\tintercept\t%s\n", strings.Join(fit.GeneralNames, "\t"))
	for _, s := range g.Sensitivity {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f (%.3f)", s.Label, s.DyadYears, s.Onsets, s.Fit.Intercept, s.Fit.InterceptSE)
		for j := range s.Fit.Coef {
			fmt.Fprintf(tw, "\t%.3f (%.3f)", s.Fit.Coef[j], s.Fit.SE[j])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	diRefUse := "the post-war stage reads it (carry-over A1: no fitted pw_slope)"
	if c.PostWarSlopeFitted() {
		diRefUse = "not read: the post-war stage reads the fitted pw_slope and pw_ref (it would read di_ref only with the carry-over A1)"
	}
	fmt.Fprintf(w, "Huth reference di_ref: mean index ln Cbar - ln Pi over Huth's crises %.3f (SE %.3f); %s\n",
		c.DIRef.Value, c.DIRef.SE, diRefUse)
	printGeneralSlope(w, r.GeneralSlope)
	printGeneralPact(w, r.GeneralPact)

	fmt.Fprintln(w, "\nCoefficients (deter.Coefficients; * = labelled judgment, the reasons are in coefficients.json)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tvalue\tSE\t\tmethod")
	for _, n := range c.All() {
		mark := ""
		if n.E.Judgment() {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s\t%.4g\t%.3g\t%s\t%s\n", n.Name, n.E.Value, n.E.SE, mark, firstClause(n.E.Method))
	}
	tw.Flush()
	fmt.Fprintf(w, "Provenance: %s; %s; data: %s\n", c.Provenance.Command, c.Provenance.Date, c.Provenance.DataVersion)
	return nil
}

func writeHuthSVG(path string, v fit.Validation) error {
	series := map[string][]fit.CalibrationBin{}
	var order []string
	for _, s := range v.Scores {
		if strings.HasPrefix(s.Model, "ex-ante logit, penalised") {
			continue // three lines are easier to read than four
		}
		series[s.Model] = s.Calibration
		order = append(order, s.Model)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fit.WriteReliabilitySVG(f, "Huth's 58 crises: leave-one-out reliability", series, order); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// firstClause cuts a method description at its first ';' or ':' for the table.
func firstClause(s string) string {
	if i := strings.IndexAny(s, ";:"); i > 0 {
		s = s[:i]
	}
	return s
}

// printPostWarSlope prints the pre-registered post-war slope of the index
// on directed spells (docs/fit.md, "Post-war hazard slope").
func printPostWarSlope(w io.Writer, d fit.DurabilityReport) {
	n, cv := d.Directed, d.SlopeCV
	fmt.Fprintf(w, "Post-war hazard slope of the index (pre-registered, docs/fit.md): %d directed spells from %d spells (%d renewed wars: %d with no first mover in the data, counted in both directions; %d spells dropped for missing CINC), %d directed events\n",
		n.Directed, n.Spells, n.Renewals, n.Ambiguous, n.DroppedCINC, n.Events)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "model\tslope a (SE)\treference\tcured share\tK\tLambda\trivalry\tcontiguous\tln(1+wars)\tlog-lik\tCV log-lik")
	for m, f := range d.Slope {
		a := fmt.Sprintf("%.3f (%.3f)", f.Slope, f.SESlope)
		if fit.SlopeModel(m) != fit.SlopeFitted {
			a = fmt.Sprintf("%.3f (held)", f.Slope)
		}
		fmt.Fprintf(tw, "%v\t%s\t%.3f\t%.3f\t%.3f\t%.1f\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\n", fit.SlopeModel(m), a, f.Ref, deter.Logistic(f.PC0), f.K, f.Lambda,
			f.Coef[0], f.Coef[1], f.Coef[2], f.LogLik, cv.Score[m])
	}
	tw.Flush()
	if m1 := d.Slope[fit.SlopeFitted]; m1.Boundary {
		fmt.Fprintf(w, "M1: the mode is at the boundary a = 0 (the unrestricted mode is negative); 95%% profile upper bound %.4f, SE reported as bound / 1.96; x / 2 SD scale %.3f\n", m1.Upper95, m1.XScale)
	} else {
		fmt.Fprintf(w, "M1: SE of a from the observed information; x / 2 SD scale %.3f\n", m1.XScale)
	}
	verdict := "M1 adopted: the engine's post-war slope and reference are pw_slope and pw_ref"
	if !cv.Adopted {
		verdict = "M1 not adopted: the engine keeps A1 and di_ref"
	}
	fmt.Fprintf(w, "%d-fold CV by dyad (%d dyads, seed %d): M1 - M0 %+.2f (SE %.2f): %s; the level is the adopted directed model's\n",
		cv.Folds, cv.Dyads, cv.Seed, cv.Score[fit.SlopeFitted]-cv.Score[fit.SlopeCarry], cv.SE, verdict)
	o, ocv, on := d.Outcome, d.OutcomeCV, d.Outcomes
	fmt.Fprintf(w, "War outcome (pre-registered, docs/fit.md): %d directed spells after a challenger's win, %d after a loss, %d no decision\n", on.Won, on.Lost, on.NoDecision)
	fmt.Fprintf(w, "M3 (M1 with the outcome): slope a %.3f (SE %.3f%s); log-likelihood %.2f (M1 %.2f)\n", o.Slope, o.SESlope, map[bool]string{true: ", boundary", false: ""}[o.Boundary], o.LogLik, d.Slope[fit.SlopeFitted].LogLik)
	for j, name := range fit.OutcomeNames {
		fmt.Fprintf(w, "  %-16s log HR %.3f (SE %.3f), HR %.2f, sample mean %.3f\n", name, o.OutCoef[j], o.OutSE[j], math.Exp(o.OutCoef[j]), o.OutCentre[j])
	}
	overdict := "M3 adopted"
	if !ocv.Adopted {
		overdict = "M3 not adopted: M1 stays"
	}
	fmt.Fprintf(w, "%d-fold CV by dyad (%d dyads, seed %d): M3 %.2f, M1 %.2f (difference %+.2f, SE %.2f): %s\n", ocv.Folds, ocv.Dyads, ocv.Seed, ocv.M3, ocv.M1, ocv.M3-ocv.M1, ocv.SE, overdict)
}

// printPostWarPact prints M4, the adopted model with the defence-pact
// indicator, and its pre-registered comparison (docs/fit.md, "Post-war
// defence-pact indicator").
func printPostWarPact(w io.Writer, d fit.DurabilityReport) {
	p := d.Pact
	n, cv, f := p.Counts, p.CV, p.M4
	if cv.Folds == 0 {
		return
	}
	rate := func(k int) float64 { return 100 * float64(n.Events[k]) / math.Max(float64(n.SpellYears[k]), 1) }
	fmt.Fprintf(w, "Post-war defence-pact indicator (pre-registered, docs/fit.md): %d directed spells, %d with a pact (p-bar %.3f); directed events per 100 spell-years: pact %.2f (%d in %d), no pact %.2f (%d in %d)\n",
		n.Spells, n.WithPact, f.PactCentre, rate(1), n.Events[1], n.SpellYears[1], rate(0), n.Events[0], n.SpellYears[0])
	dp := fmt.Sprintf("delta_pact %.3f (SE %.3f, observed information), HR %.2f", f.PactCoef, f.PactSE, math.Exp(f.PactCoef))
	if f.PactBoundary {
		dp = fmt.Sprintf("delta_pact %.3f at the boundary (95%% profile lower bound %.4f, SE = |bound| / 1.96 = %.3f)", f.PactCoef, f.PactLower95, f.PactSE)
	}
	fmt.Fprintf(w, "M4: %s; slope a %.3f (SE %.3f%s); cured share %.3f, K %.3f, Lambda %.1f; rivalry %.3f, contiguous %.3f, ln(1+wars) %.3f, challenger won %.3f, lost %.3f; log-lik %.2f (adopted %.2f)\n",
		dp, f.Slope, f.SESlope, map[bool]string{true: ", boundary", false: ""}[f.Boundary], deter.Logistic(f.PC0), f.K, f.Lambda, f.Coef[0], f.Coef[1], f.Coef[2], f.OutCoef[0], f.OutCoef[1], f.LogLik, d.Outcome.LogLik)
	printVsAdopted(w, "M4", cv.Folds, cv.Dyads, cv.Seed, cv.Candidate, cv.Adopted, cv.SE, cv.Wins)
}

// printPostWarBilateral prints M5, the adopted model with the
// bilateral-war indicator, and its pre-registered comparison (docs/fit.md,
// "Bilateral wars").
func printPostWarBilateral(w io.Writer, d fit.DurabilityReport) {
	b := d.Bilateral
	n, cv, f := b.Counts, b.CV, b.M5
	if cv.Folds == 0 {
		return
	}
	rate := func(k int) float64 { return 100 * float64(n.Events[k]) / math.Max(float64(n.SpellYears[k]), 1) }
	fmt.Fprintf(w, "Bilateral wars (pre-registered, docs/fit.md): %d directed spells, %d after a two-state war (b-bar %.3f); directed events per 100 spell-years: two-state %.2f (%d in %d), coalition %.2f (%d in %d)\n",
		n.Spells, n.Bilateral, f.BilCentre, rate(1), n.Events[1], n.SpellYears[1], rate(0), n.Events[0], n.SpellYears[0])
	u := b.Undirected
	fmt.Fprintf(w, "  undirected: %d spells, %d after a two-state war with %d renewed wars; %d after a coalition war with %d\n", u.Spells, u.Bilateral, u.Events[1], u.Spells-u.Bilateral, u.Events[0])
	fmt.Fprintf(w, "M5: delta_bil %.3f (SE %.3f, observed information), HR %.2f; slope a %.3f (SE %.3f%s); cured share %.3f, K %.3f, Lambda %.1f; rivalry %.3f, contiguous %.3f, ln(1+wars) %.3f, challenger won %.3f, lost %.3f; log-lik %.2f (adopted %.2f)\n",
		f.BilCoef, f.BilSE, math.Exp(f.BilCoef), f.Slope, f.SESlope, map[bool]string{true: ", boundary", false: ""}[f.Boundary], deter.Logistic(f.PC0), f.K, f.Lambda, f.Coef[0], f.Coef[1], f.Coef[2], f.OutCoef[0], f.OutCoef[1], f.LogLik, d.Outcome.LogLik)
	printVsAdopted(w, "M5", cv.Folds, cv.Dyads, cv.Seed, cv.Candidate, cv.Adopted, cv.SE, cv.Wins)
}

// printVsAdopted prints a pre-registered comparison of one model against
// the adopted one by held-out log-likelihood, and the rule's verdict.
func printVsAdopted(w io.Writer, model string, folds, dyads int, seed uint64, score, adopted, se float64, wins bool) {
	verdict := model + " not adopted: the engine keeps the adopted model"
	if wins {
		verdict = model + " adopted"
	}
	fmt.Fprintf(w, "%d-fold CV by dyad (%d dyads, seed %d): %s %.2f vs adopted %.2f (difference %+.2f, SE %.2f): %s\n",
		folds, dyads, seed, model, score, adopted, score-adopted, se, verdict)
}

// printPostWarGuar prints M3, the slope of the index with the target's
// defence pacts, and its pre-registered comparison (docs/fit.md, "Post-war
// hazard slope with the target's defence pacts").
func printPostWarGuar(w io.Writer, d fit.DurabilityReport) {
	g := d.Guar
	n, cv, f := g.Counts, g.CV, g.M3
	if cv.Folds == 0 {
		return // not run (fit.Options.EngineIndex unset)
	}
	fmt.Fprintf(w, "Post-war hazard slope with the target's defence pacts (pre-registered, docs/fit.md): %d directed spells, %d with at least one guarantor (%d guarantor-spell pairs, mean q %.3f); defence partners excluded: %d cross-cutting, %d belligerents, %d without CINC; %d spells had more than 10 guarantors (%d weakest left out)\n",
		n.Spells, n.WithGuarantor, n.Pairs, n.MeanQ, n.CrossCutting, n.Belligerent, n.NoCINC, n.Truncated, n.Cut)
	a := fmt.Sprintf("a+ %.3f (SE %.3f, observed information)", f.Slope, f.SESlope)
	if f.Boundary {
		a = fmt.Sprintf("a+ %.3f at the boundary (95%% profile upper bound %.4f, SE = bound / 1.96 = %.3f)", f.Slope, f.Upper95, f.SESlope)
	}
	fmt.Fprintf(w, "M3: %s, reference mean x+ %.3f, x+ / 2 SD scale %.3f; cured share %.3f, K %.3f, Lambda %.1f; rivalry %.3f, contiguous %.3f, ln(1+wars) %.3f; log-lik %.2f\n",
		a, f.Ref, f.XScale, deter.Logistic(f.PC0), f.K, f.Lambda, f.Coef[0], f.Coef[1], f.Coef[2], f.LogLik)
	printVsAdopted(w, "M3", cv.Folds, cv.Dyads, cv.Seed, cv.M3, cv.Adopted, cv.SE, cv.M3Wins)
}

// printGeneralSlope prints the pre-registered general-stage slope of the
// index on the MID dyad-years (docs/fit.md, "General-stage slope").
func printGeneralSlope(w io.Writer, g fit.GeneralSlopeReport) {
	fmt.Fprintf(w, "General-stage slope of the index (pre-registered, docs/fit.md): %d directed dyad-years with both CINCs in t-1 (%d dropped for a missing CINC), %d onsets; x from %.3f to %.3f (median %.3f), mean x of onset years %.3f\n",
		g.DyadYears, g.Dropped, g.Onsets, g.IndexMin, g.IndexMax, g.IndexMedian, g.OnsetMeanIndex)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "model\tslope b (SE)\treference x̄\tintercept (SE)\t%s\tlog-lik\tCV log-lik\n", strings.Join(fit.GeneralNames, "\t"))
	names := [3]string{"G1 fitted slope", "G0 carry-over (A1)", "G2 no slope"}
	for m, f := range g.Fits {
		b := fmt.Sprintf("%.4f (%.4f)", f.Slope, f.SlopeSE)
		if f.Held {
			b = fmt.Sprintf("%.4f (held)", f.Slope)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.4f (%.4f)", names[m], b, f.Ref, f.Intercept, f.InterceptSE)
		for j := range f.Coef {
			fmt.Fprintf(tw, "\t%.3f (%.3f)", f.Coef[j], f.SE[j])
		}
		fmt.Fprintf(tw, "\t%.2f\t%.2f\n", f.LogLik, g.CV[m])
	}
	tw.Flush()
	if g1 := g.Fits[fit.GenG1]; g1.Boundary {
		fmt.Fprintf(w, "G1: the mode is at the boundary b = 0 (the unrestricted mode is negative); 95%% profile upper bound %.4f, SE reported as bound / 1.96; x / 2 SD scale %.3f\n", g1.Upper95, g1.Scale)
	} else {
		fmt.Fprintf(w, "G1: SE of b from the observed information; x / 2 SD scale %.3f\n", g1.Scale)
	}
	verdict := "G1 adopted: the general stage reads gen_slope and gen_ref, and a_general is G1's intercept"
	if !g.Adopted {
		verdict = "G1 not adopted: the engine keeps A1 and the Huth reference"
	}
	fmt.Fprintf(w, "%d-fold CV by dyad (%d dyads, seed %d): G1 - G0 %+.2f (SE %.2f), G1 - G2 %+.2f: %s\n",
		g.Folds, g.Dyads, g.Seed, g.CV[fit.GenG1]-g.CV[fit.GenG0], g.DiffSE, g.CV[fit.GenG1]-g.CV[fit.GenG2], verdict)
}

// printGeneralPact prints the general stage's pre-registered guarantee
// test (docs/fit.md, "General-stage guarantees: the target's defence
// pacts"), in the style of printGeneralSlope.
func printGeneralPact(w io.Writer, g fit.GeneralPactReport) {
	if !g.Ran() {
		return // not run (fit.Options.EngineDyadYearIndex unset)
	}
	n := g.Counts
	fmt.Fprintf(w, "General-stage guarantees: the target's defence pacts (pre-registered, docs/fit.md): %d directed dyad-years (the G1 rows), %d onsets; %d with a guarantor in t-1 (d = 1; %d guarantor-row pairs; %d cross-cutting partners excluded)\n",
		n.Rows, g.Onsets, n.WithGuarantor, n.Pairs, n.CrossCutting)
	fmt.Fprintf(w, "x+ through the engine: %d rows with a guarantor (%d pairs, mean q %.3f); %d pairs dropped without CINC; %d rows had more than 10 (%d weakest left out); x+ - x from %.4f to %.4f (median %.4f); without a guarantor max |x+ - x| %.1e\n",
		n.IndexRows, n.IndexPairs, n.MeanQ, n.NoCINC, n.Truncated, n.Cut, n.MinDiff, n.MaxDiff, n.MedianDiff, n.MaxBareDiff)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "model\tindex\tslope (SE)\treference\tdelta (SE)\tintercept (SE)\t%s\tlog-lik\tCV log-lik\tCV - G1 (SE)\n", strings.Join(fit.GeneralNames, "\t"))
	names := [4]string{"G1 adopted", "G3 index with guarantors", "G4 G1 + pact indicator", "G5 G3 + indicator (reported only)"}
	index := [4]string{"x", "x+", "x", "x+"}
	for m, f := range g.Fits {
		b := fmt.Sprintf("%.4f (%.4f)", f.Slope, f.SlopeSE)
		if f.Boundary {
			b = fmt.Sprintf("%.4f (%.4f)b", f.Slope, f.SlopeSE)
		}
		d := "-"
		if f.HasPact {
			d = fmt.Sprintf("%.4f (%.4f)", f.Pact, f.PactSE)
			if f.PactBoundary {
				d += "b"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%s\t%.4f (%.4f)", names[m], index[m], b, f.Ref, d, f.Intercept, f.InterceptSE)
		for j := range f.Coef {
			fmt.Fprintf(tw, "\t%.3f (%.3f)", f.Coef[j], f.SE[j])
		}
		diff := "-"
		if m > 0 {
			diff = fmt.Sprintf("%+.2f (%.2f)", g.CV[m]-g.CV[0], g.SE[m])
		}
		fmt.Fprintf(tw, "\t%.2f\t%.2f\t%s\n", f.LogLik, g.CV[m], diff)
	}
	tw.Flush()
	for m, f := range g.Fits {
		if f.Boundary {
			fmt.Fprintf(w, "%s: slope at the boundary 0 (b; the unrestricted mode has slope %.4f, delta %.4f); 95%% profile upper bound %.4f, SE = bound / 1.96\n", names[m][:2], f.FreeSlope, f.FreePact, f.Upper95)
		}
		if f.PactBoundary {
			fmt.Fprintf(w, "%s: delta at the boundary 0 (b; the unrestricted mode has delta %.4f, slope %.4f); 95%% profile upper bound %.4f, SE = bound / 1.96\n", names[m][:2], f.FreePact, f.FreeSlope, f.PactUpper95)
		}
	}
	fmt.Fprintf(w, "d centred at its share %.4f; x / 2 SD scale %.3f, x+ / 2 SD scale %.3f; SEs from the observed information unless at a boundary\n",
		g.Fits[2].PactMean, g.Fits[0].Scale, g.Fits[1].Scale)
	verdict := "neither G3 nor G4 beats G1: G1 stays, nothing in the engine changes"
	switch g.Adopted {
	case fit.GenG3:
		verdict = "G3 adopted: the general stage reads its slope and reference on the index with the file's guarantors"
	case fit.GenG4:
		verdict = "G4 adopted: the general stage adds delta when a defence pact is in force"
	}
	fmt.Fprintf(w, "%d-fold CV by dyad (%d dyads, seed %d): G3 - G1 %+.2f (SE %.2f), G4 - G1 %+.2f (SE %.2f), G5 - G1 %+.2f (SE %.2f, not eligible): %s\n",
		g.Folds, g.Dyads, g.Seed, g.CV[1]-g.CV[0], g.SE[1], g.CV[2]-g.CV[0], g.SE[2], g.CV[3]-g.CV[0], g.SE[3], verdict)
}
