package report

import (
	"fmt"
	"html/template"
	"io"

	"github.com/guarantor/guarantor/contract"
)

var backtestPage = template.Must(template.New("backtest").Funcs(template.FuncMap{
	"svg":      func(s string) template.HTML { return template.HTML(s) }, // built by this package, text escaped
	"diagram":  ReliabilityDiagram,
	"sdiagram": SurvivalDiagram,
	"shown": func(s contract.SurvivalSet, horizon float64) []contract.SurvivalHorizon {
		return diagramHorizons(s, horizon)
	},
	"short":    short,
	"years":    yearsText,
	"caveat":   func() string { return FileHorizonCaveat },
	"outcome":  outcomeText,
	"f3":       func(x float64) string { return fmt.Sprintf("%.3f", x) },
	"f4":       func(x float64) string { return fmt.Sprintf("%.4f", x) },
	"signed":   func(x float64) string { return fmt.Sprintf("%+.4f", x) },
	"pct":      pct,
	"inc":      func(i int) int { return i + 1 },
	"nonempty": func(s string) string { return map[bool]string{true: "-", false: s}[s == ""] },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>guarantor backtest</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}
th{background:#f2f2f2}small{color:#666}
</style></head><body>
<h1>Backtest: cross-validated scores</h1>
<p><small>guarantor {{.EngineVersion}}, seed {{.Seed}}, {{.Samples}} draws per case; bootstrap {{.Validation.Resamples}}
resamples (seed {{.Validation.BootstrapSeed}}); input hash <code>{{.InputHash}}</code>. Method: {{.Validation.Method}}.
Engine: {{.Validation.Engine}}. See docs/backtest.md.</small></p>
{{with .Survival}}{{if .Sets}}{{$sv := .}}
<h2>Survival scores (the headline)</h2>
<p>P(no attack within <i>t</i> years of the start) against each case's spell: the IPCW Brier score at <i>t</i> = 1, …,
{{.TauYears}} years and its integral over (0, {{.TauYears}}] (IBS; lower is better).<br><small>{{.Method}}. Censoring: {{.Censoring}}.
{{if .NoSpell}}{{.NoSpell}} cases give no years held and are left out.{{end}}</small></p>
<table><tr><th>set</th><th>cases</th><th>dyads</th><th>failed</th>{{range (index .Sets 0).IntegratedBrier}}<th>IBS {{short .Forecaster}}</th>{{end}}</tr>
{{range .Sets}}<tr><td>{{.Name}}</td><td>{{.Cases}}</td><td>{{.Groups}}</td><td>{{.Failed}}</td>{{range .IntegratedBrier}}<td>{{f4 .Brier}}</td>{{end}}</tr>
{{end}}</table>
<table><tr><th>set</th><th>IBS difference</th><th>estimate</th><th>95% bootstrap interval (cases)</th><th>SE</th><th>95% interval (dyads resampled)</th><th>SE</th></tr>
{{range $s := .Sets}}{{range .Differences}}<tr><td>{{$s.Name}}</td><td>{{short .Forecaster}} − {{short .Baseline}}</td><td>{{signed .Difference}}</td><td>[{{signed .Lo}}, {{signed .Hi}}]</td><td>{{f4 .SE}}</td>{{with .ByDyad}}<td>[{{signed .Lo}}, {{signed .Hi}}]</td><td>{{f4 .SE}}</td>{{else}}<td>-</td><td>-</td>{{end}}</tr>
{{end}}{{end}}</table>
{{range $s := .Sets}}{{range .Notes}}<p class="note"><b>Note ({{$s.Name}}), {{.Forecaster}}:</b> {{.Note}}.</p>
{{end}}{{end}}
{{with index .Sets 0}}{{$all := .}}
<h3>{{.Name}}, by horizon</h3>
<p><small>IPCW Brier score per forecaster; known: cases whose status then is known; KM: the set's Kaplan-Meier survival; G: P(not censored by then).</small></p>
<table><tr><th>years</th><th>known</th><th>failed by</th><th>KM</th><th>G</th>{{range .IntegratedBrier}}<th>{{short .Forecaster}}</th>{{end}}{{range .Differences}}<th>{{short .Forecaster}} − {{short .Baseline}} [95%, dyads resampled]</th>{{end}}</tr>
{{range .Horizons}}<tr><td>{{.Years}}</td><td>{{.Known}}</td><td>{{.FailedBy}}</td><td>{{f3 .KaplanMeier}}</td><td>{{f3 .Censoring}}</td>{{range .Brier}}<td>{{f4 .Brier}}</td>{{end}}{{range .Differences}}<td>{{signed .Difference}} {{with .ByDyad}}[{{signed .Lo}}, {{signed .Hi}}]{{else}}[{{signed .Lo}}, {{signed .Hi}}]{{end}}</td>{{end}}</tr>
{{end}}</table>
{{range shown . $.HorizonYears}}<h3>Reliability at {{years .Years}}, {{$all.Name}}</h3>
{{svg (sdiagram $all .)}}
{{end}}{{end}}
<h2>File-horizon scores (the former design)</h2>
<p><b>{{caveat}}</b></p>
{{end}}{{end}}
{{range .Validation.Sets}}
<h2>{{.Name}}: {{.Cases}} cases in {{.Groups}} groups, held {{pct .BaseRate}}</h2>
<p><small>{{.Method}}.</small></p>
<table><tr><th>forecaster</th><th>Brier</th><th>log loss</th></tr>
{{range .Scores}}<tr><td>{{.Forecaster}}</td><td>{{f4 .Brier}}</td><td>{{f4 .LogLoss}}</td></tr>
{{end}}</table>
{{if .Differences}}<table><tr><th>Brier difference</th><th>estimate</th><th>95% bootstrap interval (cases)</th><th>SE</th><th>95% interval (dyads resampled)</th><th>SE</th></tr>
{{range .Differences}}<tr><td>{{.Forecaster}} − {{.Baseline}}</td><td>{{signed .Difference}}</td><td>[{{signed .Lo}}, {{signed .Hi}}]</td><td>{{f4 .SE}}</td>{{with .ByDyad}}<td>[{{signed .Lo}}, {{signed .Hi}}]</td><td>{{f4 .SE}}</td>{{else}}<td>-</td><td>-</td>{{end}}</tr>
{{end}}</table>{{end}}
{{range .Notes}}<p class="note"><b>Note, {{.Forecaster}}:</b> {{.Note}}.</p>
{{end}}
{{svg (diagram .)}}
{{range .Calibration}}<h3>Calibration, {{.Forecaster}}</h3>
<table><tr><th>forecast bin</th><th>cases</th><th>mean forecast</th><th>observed held</th></tr>
{{range .Bins}}<tr><td>{{printf "%.2g-%.2g" .Lo .Hi}}</td><td>{{.Cases}}</td>{{if .Cases}}<td>{{f3 .MeanForecast}}</td><td>{{f3 .ObservedHeld}}</td>{{else}}<td>-</td><td>-</td>{{end}}</tr>
{{end}}</table>{{end}}
{{end}}
{{if .Cases}}<h2>Cases</h2>
<p><small>Ex-ante logit features: {{range $i, $f := .Validation.Features}}({{inc $i}}) {{$f}}. {{end}}</small></p>
<table><tr><th>case</th><th>year</th><th>dyad</th><th>engine</th><th>base rate</th><th>logit</th><th>outcome</th><th>in the fit data</th></tr>
{{range .Cases}}<tr><td>{{.Name}}</td><td>{{.Year}}</td><td>{{.Dyad}}</td><td>{{f3 .Forecast}}</td><td>{{f3 .BaseRateForecast}}</td><td>{{f3 .LogitForecast}}</td><td>{{outcome .Outcome}}</td><td>{{nonempty .FitOverlap}}</td></tr>
{{end}}</table>{{end}}
</body></html>
`))

// BacktestHTML writes a self-contained backtest report: the scores, the
// bootstrap intervals, a reliability diagram (inline SVG) and the
// calibration tables of every set, then the cases.
func BacktestHTML(w io.Writer, b *contract.Backtest) error {
	return backtestPage.Execute(w, b)
}
