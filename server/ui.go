package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"pct": func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" },
	"barw": func(x float64) template.CSS {
		return template.CSS(strconv.FormatFloat(100*min(max(x, 0), 1), 'f', 1, 64) + "%")
	},
	"barspan": func(lo, hi float64) template.CSS {
		return template.CSS(strconv.FormatFloat(100*min(max(hi-lo, 0), 1), 'f', 1, 64) + "%")
	},
	"yesno": func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	},
	"when":  func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
	"short": func(s string) string { return s[:min(len(s), 10)] },
	"inc":   func(n int) int { return n + 1 },
	"set":   setName,
	"f3":    func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) },
	"g4":    func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) },
	// The report package escapes every text it puts in its SVG.
	"tornado":   func(r *contract.Option) template.HTML { return template.HTML(scalable(report.TornadoChart(r, 8))) },
	"breakable": breakable,
}).ParseFS(templateFS, "templates/*.html"))

// page is what every template gets.
type page struct {
	Title   string
	Version string
	Token   *store.Token
	CSRF    string
	Data    any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t := tokenOf(r.Context())
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, page{title, s.eng.Version(), t, s.csrfFor(t), data}); err != nil {
		s.cfg.Logger.Error("template", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// fail renders an error page; problems from the API keep their status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "internal error"
	var se huma.StatusError
	if errors.As(err, &se) {
		status, msg = se.GetStatus(), se.Error()
		var em *huma.ErrorModel
		if errors.As(err, &em) {
			for _, d := range em.Errors {
				msg += "; " + d.Message
			}
		}
	}
	s.render(w, r, status, "error", http.StatusText(status), msg)
}

// chartData is the durability chart's data for app.js: years 0..max and
// one series of P(no war by year) per option (nulls where not computed).
type chartData struct {
	Years  []int    `json:"years"`
	Series []series `json:"series"`
}

type series struct {
	Label  string     `json:"label"`
	Values []*float64 `json:"values"`
}

func durability(vs []OptionView) chartData {
	maxY := 0
	for _, v := range vs {
		for _, h := range v.NoWar {
			maxY = max(maxY, h.Years)
		}
	}
	var c chartData
	for y := 0; y <= maxY; y++ {
		c.Years = append(c.Years, y)
	}
	for _, v := range vs {
		sr := series{Label: v.Option, Values: make([]*float64, maxY+1)}
		one := 1.0
		sr.Values[0] = &one
		for _, h := range v.NoWar {
			p := h.P.Mean
			sr.Values[h.Years] = &p
		}
		c.Series = append(c.Series, sr)
	}
	return c
}

func (s *Server) registerUI() {
	m := s.mux
	static, _ := fs.Sub(staticFS, "static")
	fileServer := http.FileServerFS(static)
	m.Handle("GET /static/", http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	})))
	m.HandleFunc("GET /{$}", s.uiDashboard)
	m.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		// A one-time sign-in link (?token=...) as printed by serve.
		if secret := r.URL.Query().Get("token"); secret != "" {
			s.login(w, r, secret)
			return
		}
		s.render(w, r, http.StatusOK, "login", "Sign in", "")
	})
	m.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) { s.login(w, r, r.PostFormValue("token")) })
	m.HandleFunc("GET /logout", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	m.HandleFunc("GET /scenarios", s.uiScenarios)
	m.HandleFunc("POST /scenarios", s.uiCreate)
	m.HandleFunc("GET /scenarios/{id}", s.uiEditor)
	m.HandleFunc("POST /scenarios/{id}/save", s.uiSave)
	m.HandleFunc("POST /scenarios/{id}/run", s.uiRun)
	m.HandleFunc("POST /ui/validate", func(w http.ResponseWriter, r *http.Request) {
		name := r.PostFormValue("name")
		if name == "" || len(name) > 100 {
			name = "scenario"
		}
		_, val := s.check(r.Context(), name, r.PostFormValue("yaml"))
		var b bytes.Buffer
		if err := pages.ExecuteTemplate(&b, "errors", val); err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(b.Bytes())
	})
	m.HandleFunc("GET /runs", s.uiRuns)
	m.HandleFunc("GET /runs/{id}", s.uiRun1)
	m.HandleFunc("POST /runs/{id}/cancel", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		if !store.ValidID(id) {
			s.fail(w, r, huma.Error404NotFound("no such run"))
			return
		}
		if ok, err := s.st.EndRun(r.Context(), id, store.Canceled, "canceled by request"); err == nil && ok {
			s.q.cancelRun(id)
		}
		http.Redirect(w, r, "/runs/"+id, http.StatusSeeOther)
	})
	m.HandleFunc("GET /compare", s.uiCompare)
	m.HandleFunc("GET /data", s.uiData)
	m.HandleFunc("GET /data/{table}", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		where := q["where"]
		if len(where) > 8 {
			where = where[:8]
		}
		var nonEmpty []string
		for _, w := range where {
			if w != "" {
				nonEmpty = append(nonEmpty, w)
			}
		}
		t, raw, total, err := tableRows(r.PathValue("table"), nonEmpty, q.Get("years"), 0, 200)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var rows []map[string]any
		json.Unmarshal(raw, &rows)
		cells := make([][]string, len(rows))
		for i, row := range rows {
			for _, c := range t.Header() {
				v := row[c]
				if v == nil {
					cells[i] = append(cells[i], "")
				} else {
					cells[i] = append(cells[i], fmt.Sprint(v))
				}
			}
		}
		ds, _ := evidence.DatasetOf(t.Name)
		s.render(w, r, http.StatusOK, "table", t.Name, map[string]any{"Name": t.Name, "Header": t.Header(), "Rows": cells, "Total": total,
			"Where": strings.Join(nonEmpty, " "), "WhereList": nonEmpty, "Years": q.Get("years"), "Dataset": ds})
	})
	m.HandleFunc("GET /backtest", s.uiBacktest)
	m.HandleFunc("GET /docs", s.uiDocs)
}

// localPath returns p when it is a path on this server ("/x", not
// "//host" or "/\\host"), else "/": a sign-in link cannot send the browser
// elsewhere.
func localPath(p string) string {
	if len(p) < 1 || p[0] != '/' || len(p) > 1 && (p[1] == '/' || p[1] == '\\') || strings.ContainsAny(p, "\r\n") {
		return "/"
	}
	return p
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, secret string) {
	secret = strings.TrimSpace(secret)
	if _, err := s.st.CheckToken(r.Context(), secret); err != nil {
		s.render(w, r, http.StatusUnauthorized, "login", "Sign in", "That token is not valid.")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil, MaxAge: 30 * 24 * 3600})
	http.Redirect(w, r, localPath(r.FormValue("next")), http.StatusSeeOther)
}

// latestDone returns the newest done run of each scenario (up to 20
// scenarios), in scenario-name order, among the runs of this build
// (Engine.Version): a result another build computed is not shown as the
// current answer. older counts the scenarios whose finished runs are all
// from other builds (they stay on the runs page).
func (s *Server) latestDone(ctx context.Context) (out []OptionView, older int, err error) {
	runs, _, err := s.st.ListRuns(ctx, store.RunFilter{Kind: store.KindAssess, Status: store.Done}, store.Page{Limit: store.MaxLimit})
	if err != nil {
		return nil, 0, storeErr(err)
	}
	seen, other := map[string]bool{}, map[string]bool{}
	name := map[string]string{} // run id -> its scenario's name, the order
	build := s.eng.Version()
	for _, r := range runs {
		if r.EngineVersion != build {
			other[r.ScenarioID] = true
			continue
		}
		if seen[r.ScenarioID] || len(out) >= 20 {
			continue
		}
		seen[r.ScenarioID] = true
		v, err := s.view(ctx, r)
		if err != nil {
			return nil, 0, err
		}
		sc, err := s.st.GetScenario(ctx, r.ScenarioID)
		if err != nil {
			return nil, 0, storeErr(err)
		}
		name[r.ID] = sc.Name
		out = append(out, v)
	}
	for id := range other {
		if !seen[id] {
			older++
		}
	}
	// Scenario-name order, as assess lists a directory's files: options
	// written to be read in sequence (a-, b-, c-) stay in sequence.
	sort.SliceStable(out, func(i, j int) bool { return name[out[i].RunID] < name[out[j].RunID] })
	return out, older, nil
}

func (s *Server) uiDashboard(w http.ResponseWriter, r *http.Request) {
	vs, older, err := s.latestDone(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", "Options", map[string]any{"Options": vs, "Durability": durability(vs), "Older": older, "Build": s.eng.Version()})
}

func (s *Server) uiCompare(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["run"]
	if v := r.URL.Query().Get("runs"); v != "" {
		ids = append(ids, strings.Split(v, ",")...)
	}
	if len(ids) == 0 || len(ids) > 20 {
		s.fail(w, r, huma.Error422UnprocessableEntity("tick between 1 and 20 done runs to compare"))
		return
	}
	var vs []OptionView
	for _, id := range ids {
		run, err := s.uiGetRun(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v, err := s.view(r.Context(), run)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		vs = append(vs, v)
	}
	s.render(w, r, http.StatusOK, "compare", "Compare", map[string]any{"Options": vs, "Durability": durability(vs)})
}

// scenarioTemplate starts a new scenario's text.
const scenarioTemplate = `# A guarantee option (docs/scenario.md). Errors appear with line:col.
name: My option
challenger: RUS
protege: UKR
horizon:
  value: 10
  source: judgment
option:
  name: My option
  guarantors:
    - country: USA
      instruments:
        - type: tripwire
          troops:
            value: 5000
            source: option under study
          source: option under study
`

func (s *Server) uiScenarios(w http.ResponseWriter, r *http.Request) {
	after := r.URL.Query().Get("after")
	if after != "" && !store.ValidID(after) {
		after = ""
	}
	list, next, err := s.st.ListScenarios(r.Context(), store.Page{After: after, Limit: 50})
	if err != nil {
		s.fail(w, r, storeErr(err))
		return
	}
	s.render(w, r, http.StatusOK, "scenarios", "Scenarios", map[string]any{"Items": list, "Next": next, "Template": scenarioTemplate,
		"Instruments": instrumentTypes})
}

// instrumentTypes are the instrument types the form offers (the schema's
// enum; the text can use any the format knows).
var instrumentTypes = []string{"tripwire", "collective_defense", "defense_pact", "security_assurance", "ceasefire_agreement",
	"air_policing", "arms_supply", "economic_stake", "nuclear_umbrella", "advisers"}

var namePattern = func(n string) bool {
	if n == "" || len(n) > 100 {
		return false
	}
	for i, c := range n {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')
		if !ok {
			return false
		}
	}
	return true
}

func (s *Server) uiCreate(w http.ResponseWriter, r *http.Request) {
	name, text := r.PostFormValue("name"), r.PostFormValue("yaml")
	if !namePattern(name) {
		s.fail(w, r, huma.Error422UnprocessableEntity("name: letters, digits, '.', '_' and '-', at most 100"))
		return
	}
	sc, _, err := s.st.CreateScenario(r.Context(), name, text, authorOf(r.Context()))
	if err != nil {
		s.fail(w, r, storeErr(err))
		return
	}
	http.Redirect(w, r, "/scenarios/"+sc.ID, http.StatusSeeOther)
}

func (s *Server) uiEditor(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if !store.ValidID(id) {
		s.fail(w, r, huma.Error404NotFound("no such scenario"))
		return
	}
	sc, err := s.st.GetScenario(ctx, id)
	if err != nil {
		s.fail(w, r, storeErr(err))
		return
	}
	n, _ := strconv.Atoi(r.URL.Query().Get("version"))
	v, err := s.st.GetVersion(ctx, id, n)
	if err != nil {
		s.fail(w, r, storeErr(err))
		return
	}
	vs, _ := s.st.Versions(ctx, id, 0, 50)
	runs, _, _ := s.st.ListRuns(ctx, store.RunFilter{ScenarioID: id}, store.Page{Limit: 20})
	_, val := s.check(ctx, sc.Name, v.YAML)
	s.render(w, r, http.StatusOK, "editor", sc.Name, map[string]any{"Scenario": sc, "Version": v, "Versions": vs, "Runs": runs,
		"Validation": val, "MaxSamples": s.cfg.MaxSamples, "DefaultSamples": s.cfg.DefaultSamples})
}

func (s *Server) uiSave(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !store.ValidID(id) {
		s.fail(w, r, huma.Error404NotFound("no such scenario"))
		return
	}
	v, err := s.st.SaveVersion(r.Context(), id, r.PostFormValue("yaml"), authorOf(r.Context()))
	if err != nil {
		s.fail(w, r, storeErr(err))
		return
	}
	http.Redirect(w, r, "/scenarios/"+id+"?version="+strconv.Itoa(v.Version), http.StatusSeeOther)
}

func (s *Server) uiRun(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	seed, _ := strconv.ParseUint(r.PostFormValue("seed"), 10, 64)
	if seed == 0 {
		seed = 1
	}
	samples, _ := strconv.Atoi(r.PostFormValue("samples"))
	run, _, err := s.startRun(r.Context(), id, version, seed, samples)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/runs/"+run.ID, http.StatusSeeOther)
}

func (s *Server) uiRuns(w http.ResponseWriter, r *http.Request) {
	after := r.URL.Query().Get("after")
	if after != "" && !store.ValidID(after) {
		after = ""
	}
	runs, next, err := s.st.ListRuns(r.Context(), store.RunFilter{Kind: store.KindAssess}, store.Page{After: after, Limit: 50})
	if err != nil {
		s.fail(w, r, storeErr(err))
		return
	}
	s.render(w, r, http.StatusOK, "runs", "Runs", map[string]any{"Items": runs, "Next": next})
}

// uiGetRun reads run id for a page: an id that cannot exist is a 404 like
// one that does not.
func (s *Server) uiGetRun(ctx context.Context, id string) (store.Run, error) {
	if !store.ValidID(id) {
		return store.Run{}, huma.Error404NotFound("no such run")
	}
	run, err := s.st.GetRun(ctx, id)
	if err != nil {
		return store.Run{}, storeErr(err)
	}
	return run, nil
}

func (s *Server) uiRun1(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	run, err := s.uiGetRun(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if run.Kind == store.KindBacktest {
		http.Redirect(w, r, "/backtest?run="+run.ID, http.StatusSeeOther)
		return
	}
	data := map[string]any{"Run": run}
	if run.Status == store.Done {
		res, err := s.result(r.Context(), run)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		vs := []OptionView{optionView(run.ID, res)}
		data["Result"], data["Options"], data["Durability"] = &res.Options[0], vs, durability(vs)
		// The game at the medians, from the run's own scenario version.
		if sc, err := s.st.GetScenario(r.Context(), run.ScenarioID); err == nil {
			if v, err := s.st.GetVersion(r.Context(), run.ScenarioID, run.Version); err == nil {
				if job, val := s.check(r.Context(), sc.Name, v.YAML); val.Valid {
					e := job.Explain()
					data["Game"] = template.HTML(GameTreeSVG(e.Game)) // numbers and escaped region only
					data["Explain"] = e
					data["Chain"] = chainView(e)
				}
			}
		}
	}
	s.render(w, r, http.StatusOK, "run", run.Option, data)
}

func (s *Server) uiData(w http.ResponseWriter, r *http.Request) {
	var tables []TableOut
	cites := map[string]CitationOut{}
	for _, t := range evidence.Tables() {
		ds, err := evidence.DatasetOf(t.Dataset)
		if err != nil {
			continue
		}
		tables = append(tables, TableOut{t.Name, ds.Name, ds.Version, ds.Years, t.Summary, ds.Licence})
		cites[ds.Name] = CitationOut{ds.Name, ds.Title, ds.Version, ds.Years, ds.Citation, ds.Licence}
	}
	s.render(w, r, http.StatusOK, "data", "Data", map[string]any{"Tables": tables, "Cites": cites})
}

type opRow struct{ Method, Path, Summary string }

func (s *Server) uiDocs(w http.ResponseWriter, r *http.Request) {
	var rows []opRow
	for path, item := range s.api.OpenAPI().Paths {
		for _, op := range []struct {
			m string
			o *huma.Operation
		}{{"GET", item.Get}, {"POST", item.Post}, {"PUT", item.Put}, {"DELETE", item.Delete}} {
			if op.o != nil {
				rows = append(rows, opRow{op.m, path, op.o.Summary})
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Path+rows[i].Method < rows[j].Path+rows[j].Method })
	s.render(w, r, http.StatusOK, "docs", "API", rows)
}

// uiBacktest shows a backtest: ?run=ID shows that backtest run, its
// progress (the run page's event stream) until it ends, then its
// document; otherwise the form's parameters find the stored backtest, or
// queue it (or join the one running) and redirect to its run.
func (s *Server) uiBacktest(w http.ResponseWriter, r *http.Request) {
	var in backtestIn
	q := r.URL.Query()
	var run store.Run
	if id := q.Get("run"); id != "" {
		var err error
		if run, err = s.uiGetRun(r.Context(), id); err == nil && run.Kind != store.KindBacktest {
			err = huma.Error404NotFound("no such backtest")
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		in.Seed, in.Samples = run.Seed, run.Samples
		fmt.Sscanf(run.Option, "backtest bins=%d tau=%d horizon=%g refit=%t", &in.Bins, &in.Tau, &in.Horizon, &in.Refit)
	} else {
		in.Seed, _ = strconv.ParseUint(q.Get("seed"), 10, 64)
		in.Samples, _ = strconv.Atoi(q.Get("samples"))
		in.Bins, _ = strconv.Atoi(q.Get("bins"))
		in.Tau, _ = strconv.Atoi(q.Get("tau"))
		in.Horizon, _ = strconv.ParseFloat(q.Get("horizon"), 64)
		in.Refit = q.Get("refit") != "false"
		in.norm()
		// A form asks for what it may: values beyond the caps are clamped.
		in.Samples, in.Bins, in.Tau = min(in.Samples, s.cfg.MaxSamples), min(max(in.Bins, 1), 20), min(max(in.Tau, 1), history.MaxTau)
		if !(in.Horizon >= 0 && in.Horizon <= pipeline.MaxHorizon) {
			in.Horizon = 0
		}
		var err error
		if run, _, err = s.startBacktest(r.Context(), in.Seed, in.Samples, in.params()); err != nil {
			s.fail(w, r, err)
			return
		}
		if run.Status != store.Done {
			http.Redirect(w, r, "/backtest?run="+run.ID, http.StatusSeeOther)
			return
		}
	}
	data := map[string]any{"In": in, "Run": run, "MaxSamples": s.cfg.MaxSamples}
	// The other stored backtests, to open one without recomputing it.
	if others, _, err := s.st.ListRuns(r.Context(), store.RunFilter{Kind: store.KindBacktest, Status: store.Done}, store.Page{Limit: 20}); err == nil {
		data["Others"] = others
	}
	if run.Status == store.Done {
		d, err := s.backtestDoc(r.Context(), run)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data["B"], data["Chart"] = d, template.HTML(CalibrationSVG(d.Calibration)) // numbers and escaped titles only
	}
	s.render(w, r, http.StatusOK, "backtest", "Backtest", data)
}

// scalable gives an SVG chart without a viewBox one from its width and
// height, so that "max-width: 100%" scales it on a narrow screen instead of
// cutting it (the drivers chart showed only its labels on a phone).
func scalable(svg string) string {
	end := strings.IndexByte(svg, '>')
	if !strings.HasPrefix(svg, "<svg") || end < 0 || strings.Contains(svg[:end], "viewBox") {
		return svg
	}
	attr := func(name string) string {
		_, rest, ok := strings.Cut(svg[:end], " "+name+`="`)
		if !ok {
			return ""
		}
		v, _, _ := strings.Cut(rest, `"`)
		return v
	}
	w, h := attr("width"), attr("height")
	if _, err := strconv.ParseFloat(w, 64); err != nil {
		return svg
	}
	if _, err := strconv.ParseFloat(h, 64); err != nil {
		return svg
	}
	return svg[:4] + ` viewBox="0 0 ` + w + " " + h + `"` + svg[4:]
}

// breakable escapes a dotted input path and lets it wrap after each dot and
// underscore (<wbr>): unbroken, a path with a guarantor id of forty
// characters made its column as wide as a phone's screen.
func breakable(path string) template.HTML {
	var b strings.Builder
	for _, c := range path {
		b.WriteString(template.HTMLEscapeString(string(c)))
		if c == '.' || c == '_' {
			b.WriteString("<wbr>")
		}
	}
	return template.HTML(b.String())
}
