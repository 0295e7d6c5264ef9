package report

import (
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/guarantor/guarantor/contract"
)

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": pct, "interval": interval, "yesno": yesNo, "fails": failsText, "outcome": outcomeText,
	"svg":     func(s string) template.HTML { return template.HTML(s) }, // built by this package, text escaped
	"tornado": func(r contract.Option) string { return TornadoChart(&r, 8) },
	"f4":      func(x float64) string { return fmt.Sprintf("%.4g", x) },
	"nowar":   func(r contract.Option, y int) string { return noWar(&r, y) },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>guarantor assessment</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}
th{background:#f2f2f2}.no{color:#a33}.yes{color:#363}small{color:#666}details{margin:.5em 0 1.5em}
</style></head><body>
<h1>Will the guarantee deter?</h1>
<p><small>guarantor {{.Version}}, seed {{.Seed}}, {{.Samples}} draws per option, generated {{.When}}.
P(deterrence holds) is the mean over parameter draws of the challenger's probability of not attacking in the
Unilateral Deterrence Game's D1 equilibrium; intervals are the 5th-95th percentiles over draws.
See docs/assess.md for the method and its caveats.</small></p>
<h2>P(deterrence holds)</h2>
{{svg .Bars}}
<table><tr><th>option</th><th>P(deterrence) [90%]</th><th>no war 1y / 5y / 10y</th><th>committed?</th><th>capable?</th><th>fails</th><th>input hash</th></tr>
{{range .Results}}<tr><td>{{.Name}}</td><td>{{interval .PDeterrence}}</td><td>{{nowar . 1}} / {{nowar . 5}} / {{nowar . 10}}</td>
<td class="{{yesno .Committed}}">{{yesno .Committed}}</td><td class="{{yesno .Capable}}">{{yesno .Capable}}</td><td>{{fails .Fails}}</td><td><code>{{.InputHash}}</code></td></tr>
{{end}}</table>
<p><small>P(deterrence): the challenger does not attack when it decides now, given the guarantee; after a war
(stage postwar) P(no renewed war in the first year, whichever party starts it), from the post-war spells for each party, the deterrence index as a hazard ratio of the challenger's. No war by year T:
the same decision (an attack that ends in a climb-down is not a war), then yearly re-decisions at the same odds;
so no war at 1 year is at least P(deterrence), and it falls with T.</small></p>
<h2>Durability: P(no renewed war by year)</h2>
{{svg .Durability}}
{{range .Results}}
<h2>{{.Name}}</h2><p><small>{{.File}}; P(some guarantor fights) {{pct .PAnyFights.Mean}}; P(those who fight can win) {{pct .PCanWin.Mean}}; effective credibility {{interval .Credibility}}; coalition P(win) {{interval .PWinAll}}; P(war) {{pct .PWar.Mean}}</small></p>
{{if .Guarantors}}<table><tr><th>guarantor</th><th>instrument</th><th>P(fights) [90%]</th><th>committed?</th><th>P(win with protégé)</th><th>capable?</th><th>fails</th></tr>
{{range .Guarantors}}<tr><td>{{.Name}}</td><td>{{.Instrument}}</td><td>{{interval .PFights}}</td><td class="{{yesno .Committed}}">{{yesno .Committed}}</td><td>{{interval .PWin}}</td><td class="{{yesno .Capable}}">{{yesno .Capable}}</td><td>{{fails .Fails}}</td></tr>
{{end}}</table>{{end}}
{{if .Flags}}<ul class="flags">{{range .Flags}}<li><strong>Flag:</strong> {{.}}</li>{{end}}</ul>{{end}}
{{if .Drivers}}<h3>Drivers (one-at-a-time swings, 5th to 95th percentile)</h3>{{svg (tornado .)}}{{end}}
{{if .Analogues}}<h3>Nearest historical analogues</h3><ul>{{range .Analogues}}<li>{{.Name}} ({{outcome .Outcome}}; distance {{printf "%.2f" .Distance}})</li>{{end}}</ul>{{end}}
<details><summary>Assumptions ({{len .Assumptions}} inputs)</summary>
<table><tr><th>input</th><th>distribution</th><th>median</th><th>source</th></tr>
{{range .Assumptions}}<tr><td><code>{{.Input}}</code></td><td>{{.Distribution}}</td><td>{{f4 .Median}}</td><td>{{.Source}}</td></tr>
{{end}}</table></details>
{{end}}
</body></html>
`))

// HTML writes a self-contained report: no external scripts, styles or
// images; the charts are inline SVG.
func HTML(w io.Writer, a *contract.Assessment, when time.Time) error {
	rs := a.Options
	if len(rs) == 0 {
		return fmt.Errorf("report: no results")
	}
	return page.Execute(w, map[string]any{
		"Version": a.EngineVersion, "Seed": a.Seed, "Samples": a.Samples, "When": when.UTC().Format(time.RFC3339),
		"Results": rs, "Bars": DeterrenceChart(rs), "Durability": DurabilityChart(rs),
	})
}
