package server

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/store"
)

// Interval is a mean with its 90% interval over parameter draws.
type Interval struct {
	Mean float64 `json:"mean"`
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
}

// GuarantorView is one guarantor's two conditions.
type GuarantorView struct {
	Name       string   `json:"name"`
	Instrument string   `json:"instrument"`
	PFight     Interval `json:"p_fights"`
	PWin       Interval `json:"p_win"`
	Committed  bool     `json:"committed"`
	Capable    bool     `json:"capable"`
}

// HorizonView is P(no renewed war by Years).
type HorizonView struct {
	Years int      `json:"years"`
	P     Interval `json:"p"`
}

// OptionView is the dashboard's summary of one done run.
type OptionView struct {
	RunID      string          `json:"run_id"`
	Option     string          `json:"option"`
	Stage      string          `json:"stage,omitempty" doc:"the deterrence stage the structural engine used (immediate, general, postwar), which says what p_deterrence means; absent for udg"`
	PDeter     Interval        `json:"p_deterrence"`
	Committed  bool            `json:"committed"`
	Capable    bool            `json:"capable"`
	Fails      string          `json:"fails"`
	Guarantors []GuarantorView `json:"guarantors"`
	NoWar      []HorizonView   `json:"no_war"`
}

func iv(e contract.Estimate) Interval { return Interval{e.Mean, e.P05, e.P95} }

// result decodes a done run's stored result.
func (s *Server) result(ctx context.Context, r store.Run) (*contract.Assessment, error) {
	if r.Kind == store.KindBacktest {
		return nil, errBacktestRun(r)
	}
	if r.Status != store.Done {
		return nil, huma.Error409Conflict("the run is " + string(r.Status) + "; results exist for done runs only")
	}
	body, err := s.st.Result(ctx, r.ID)
	if err != nil {
		return nil, storeErr(err)
	}
	res, err := s.eng.Decode(body)
	if err != nil {
		return nil, huma.Error500InternalServerError("stored result unreadable")
	}
	return res, nil
}

func optionView(runID string, doc *contract.Assessment) OptionView {
	res := &doc.Options[0]
	v := OptionView{RunID: runID, Option: res.Name, Stage: res.Stage, PDeter: iv(res.PDeterrence), Committed: res.Committed, Capable: res.Capable,
		Fails: strings.Join(res.Fails, " and "), Guarantors: []GuarantorView{}, NoWar: []HorizonView{}}
	for _, g := range res.Guarantors {
		v.Guarantors = append(v.Guarantors, GuarantorView{g.Name, g.Instrument, iv(g.PFights), iv(g.PWin), g.Committed, g.Capable})
	}
	for _, h := range res.NoWar {
		v.NoWar = append(v.NoWar, HorizonView{h.Years, iv(h.P)})
	}
	return v
}

func (s *Server) view(ctx context.Context, r store.Run) (OptionView, error) {
	res, err := s.result(ctx, r)
	if err != nil {
		return OptionView{}, err
	}
	return optionView(r.ID, res), nil
}

// report renders (HTML) or renders and caches (PDF) a done run's report.
func (s *Server) report(ctx context.Context, r store.Run, format string) ([]byte, string, error) {
	res, err := s.result(ctx, r)
	if err != nil {
		return nil, "", err
	}
	var b bytes.Buffer
	if err := report.HTML(&b, res, r.FinishedAt); err != nil {
		return nil, "", huma.Error500InternalServerError("report rendering failed")
	}
	if format == "html" {
		return b.Bytes(), "text/html; charset=utf-8", nil
	}
	if cached, err := s.st.Report(ctx, r.ID, "pdf"); err == nil {
		return cached, "application/pdf", nil
	}
	if s.cfg.PDF == nil {
		return nil, "", huma.NewError(http.StatusNotImplemented, "PDF reports need chromium on the server")
	}
	// One browser at a time: each render starts a Chromium.
	select {
	case s.pdfSem <- struct{}{}:
		defer func() { <-s.pdfSem }()
	case <-ctx.Done():
		return nil, "", huma.Error503ServiceUnavailable("busy rendering other PDFs; try again")
	}
	pdf, err := s.cfg.PDF(ctx, b.Bytes())
	if err != nil {
		s.cfg.Logger.Warn("pdf", "run", r.ID, "err", err)
		return nil, "", huma.Error503ServiceUnavailable("PDF rendering failed")
	}
	s.st.PutReport(context.Background(), r.ID, "pdf", pdf)
	return pdf, "application/pdf", nil
}

// chartPNG renders (and caches) one of a done run's report charts as PNG:
// the same SVG the HTML and PDF reports show.
func (s *Server) chartPNG(ctx context.Context, r store.Run, chart string) ([]byte, error) {
	res, err := s.result(ctx, r)
	if err != nil {
		return nil, err
	}
	key := "png-" + chart
	if cached, err := s.st.Report(ctx, r.ID, key); err == nil {
		return cached, nil
	}
	var svg string
	switch chart {
	case "deterrence":
		svg = report.DeterrenceChart(res.Options)
	case "durability":
		svg = report.DurabilityChart(res.Options)
	case "drivers":
		if len(res.Options[0].Drivers) == 0 {
			return nil, huma.Error404NotFound("this run has no drivers")
		}
		svg = report.TornadoChart(&res.Options[0], 8)
	default:
		return nil, huma.Error404NotFound("no such chart")
	}
	if s.cfg.PNG == nil {
		return nil, huma.NewError(http.StatusNotImplemented, "PNG charts need chromium on the server")
	}
	select {
	case s.pdfSem <- struct{}{}:
		defer func() { <-s.pdfSem }()
	case <-ctx.Done():
		return nil, huma.Error503ServiceUnavailable("busy rendering; try again")
	}
	png, err := s.cfg.PNG(ctx, svg)
	if err != nil {
		s.cfg.Logger.Warn("png", "run", r.ID, "err", err)
		return nil, huma.Error503ServiceUnavailable("PNG rendering failed")
	}
	s.st.PutReport(context.Background(), r.ID, key, png)
	return png, nil
}
