package studyreport

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

// SobolSVG is the Sobol bar chart of output o (top factors by total index).
func SobolSVG(s *Sensitivity, o, top int) string { return sobolChart(s, o, top).SVG() }

// TornadoSVG is the tornado chart of output o's one-at-a-time swings.
func TornadoSVG(s *Sensitivity, o, top int) string { return tornadoChart(s, o, top).SVG() }

var sectionTmpl = template.Must(template.New("section").Funcs(template.FuncMap{
	"svg":    func(s string) template.HTML { return template.HTML(s) }, // built by this package, text escaped
	"pct":    func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) },
	"f3":     func(v float64) string { return fmt.Sprintf("%.3f", v) },
	"join":   strings.Join,
	"sobol":  func(s *Sensitivity, o int) string { return SobolSVG(s, o, 15) },
	"torn":   func(s *Sensitivity, o int) string { return TornadoSVG(s, o, 15) },
	"mul100": func(v float64) float64 { return 100 * v },
}).Parse(`<section class="sensitivity">
<h2>What drives the answer: {{.Option}}</h2>
<p>Variance-based (Sobol) sensitivity over {{len .Inputs}} uncertain inputs: N = {{.Sobol.N}} base rows,
{{.Sobol.Evals}} engine runs{{if .Sobol.Bootstrap}}, {{printf "%.0f" (mul100 .Sobol.Level)}}% bootstrap intervals ({{.Sobol.Bootstrap}} replicates){{end}}, seed {{.Seed}}.
First-order index: the share of the output's variance a factor explains alone; total index: with its interactions.</p>
{{range $o, $name := .Sobol.Outputs}}
<h3>{{$name}} (mean {{pct (index $.Sobol.Mean $o)}})</h3>
{{svg (sobol $ $o)}}
{{if $.Swings}}{{svg (torn $ $o)}}{{end}}
{{end}}
<h3>Inputs analysed</h3>
<table><tr><th>input</th><th>group</th><th>distribution</th><th>source</th></tr>
{{range .Inputs}}<tr><td>{{.Name}}</td><td>{{.Group}}</td><td>{{.Dist}}</td><td>{{.Source}}</td></tr>
{{end}}</table>
</section>`))

// SensitivitySection renders the study as an HTML section (charts as
// inline SVG) for inclusion in a report.
func SensitivitySection(s *Sensitivity) (template.HTML, error) {
	var b strings.Builder
	if err := sectionTmpl.Execute(&b, s); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;font-size:12px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}svg{display:block;margin:1em 0}</style></head>
<body><h1>{{.Title}}</h1><p>guarantor {{.Version}}, {{.When}}</p>
{{range .Sections}}{{.}}{{end}}
</body></html>
`))

// Page writes a self-contained HTML page holding sections.
func Page(w io.Writer, title, version string, when time.Time, sections ...template.HTML) error {
	return pageTmpl.Execute(w, struct {
		Title, Version, When string
		Sections             []template.HTML
	}{title, version, when.UTC().Format("2006-01-02 15:04 UTC"), sections})
}
