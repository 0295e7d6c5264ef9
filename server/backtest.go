package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/store"
)

// A backtest is a queued run of kind backtest (store.KindBacktest): the
// same queue, workers, progress events, cancel, stored result, dedup and
// crash recovery as an assessment. Its identity is the history set's input
// hash with the backtest's parameters, the engine version, the seed and
// the samples, so an identical request is answered from the store.

// backtestParams are a backtest's inputs besides seed and samples.
type backtestParams struct {
	Bins, Tau int
	Horizon   float64
	Refit     bool
}

// label is the run's option column: what lists show for a backtest.
func (p backtestParams) label() string {
	return fmt.Sprintf("backtest bins=%d tau=%d horizon=%s refit=%t", p.Bins, p.Tau, strconv.FormatFloat(p.Horizon, 'g', -1, 64), p.Refit)
}

// backtestJob computes the backtest document through the pipeline and
// writes it as `guarantor backtest --format json` does.
type backtestJob struct {
	history, version string
	p                backtestParams
}

func (j backtestJob) Run(ctx context.Context, seed uint64, samples int, progress func(float64)) ([]byte, error) {
	o := pipeline.Options{Seed: seed, Samples: samples, Version: j.version}
	if progress != nil {
		// The pipeline reports each case's survival horizons, then its
		// forecast, each from 0 to 1 within the case: keep the bar moving
		// forward only.
		var hi float64
		o.Progress = func(p pipeline.Progress) {
			if f := p.Fraction(); f > hi {
				hi = f
				progress(f)
			}
		}
	}
	d, err := pipeline.BacktestWith(ctx, []string{j.history}, o, pipeline.BacktestOptions{Bins: j.p.Bins, Tau: j.p.Tau, Horizon: j.p.Horizon, Refit: j.p.Refit})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := report.JSON(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// historyHash is the input hash of the server's history set, read once:
// the cases are an operator's files, fixed while the server runs (as the
// analogues of runs assume).
func (s *Server) historyHash() (string, error) {
	s.btOnce.Do(func() {
		cases, err := pipeline.Load(s.cfg.History)
		if err != nil {
			s.btErr = err
			return
		}
		hs := []string{"backtest-history"}
		for _, c := range cases {
			hs = append(hs, c.InputHash)
		}
		s.btHash = pipeline.CombineHashes(hs...)
	})
	return s.btHash, s.btErr
}

// documentVersion is the engine_version a document carries: the engine's
// DocumentVersion when it has one (a PipelineEngine keys runs by its build
// but writes its release version into documents, as the CLI does), else
// its Version.
func documentVersion(e Engine) string {
	if d, ok := e.(interface{ DocumentVersion() string }); ok {
		return d.DocumentVersion()
	}
	return e.Version()
}

// startBacktest finds the stored or running backtest of these inputs, or
// queues one.
func (s *Server) startBacktest(ctx context.Context, seed uint64, samples int, p backtestParams) (store.Run, bool, error) {
	if s.cfg.History == "" {
		return store.Run{}, false, huma.NewError(http.StatusNotImplemented, "this server has no history cases (start it with --history DIR)")
	}
	if samples < pipeline.MinSamples || samples > s.cfg.MaxSamples {
		return store.Run{}, false, huma.Error422UnprocessableEntity("samples out of range", &huma.ErrorDetail{
			Location: "query.samples", Value: samples, Message: "expected " + itoa(pipeline.MinSamples) + " to " + itoa(s.cfg.MaxSamples) + " on this server"})
	}
	if seed > 1<<31 {
		return store.Run{}, false, huma.Error422UnprocessableEntity("seed too large", &huma.ErrorDetail{Location: "query.seed", Value: seed, Message: "at most 2^31 here"})
	}
	hh, err := s.historyHash()
	if err != nil {
		s.cfg.Logger.Error("history cases", "err", err)
		return store.Run{}, false, huma.Error500InternalServerError("the server's history cases cannot be read")
	}
	hash := pipeline.CombineHashes(hh, p.label())
	r := store.Run{Kind: store.KindBacktest, Option: p.label(), InputsHash: hash, EngineVersion: s.eng.Version(), Seed: seed, Samples: samples}
	return s.enqueue(ctx, r, backtestJob{history: s.cfg.History, version: documentVersion(s.eng), p: p})
}

// awaitRun polls run id until it ends or wait passes, and returns it.
func (s *Server) awaitRun(ctx context.Context, r store.Run, wait time.Duration) (store.Run, error) {
	if r.Status.Final() || wait <= 0 {
		return r, nil
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return r, nil
		case <-deadline.C:
			return r, nil
		case <-tick.C:
		}
		cur, err := s.st.GetRun(ctx, r.ID)
		if err != nil {
			return r, storeErr(err)
		}
		if r = cur; r.Status.Final() {
			return r, nil
		}
	}
}

type backtestIn struct {
	Seed    uint64  `query:"seed" doc:"default 1"`
	Samples int     `query:"samples" minimum:"0" maximum:"2000000" doc:"draws per case and horizon (default 2000; at most the server's samples cap, as for runs: 200,000 by default)"`
	Bins    int     `query:"bins" minimum:"0" maximum:"20" doc:"calibration bins (default 5)"`
	Tau     int     `query:"tau" minimum:"0" maximum:"50" doc:"survival scores: integrate the yearly IPCW Brier scores over 1 to tau years (default 10)"`
	Horizon float64 `query:"horizon" minimum:"0" maximum:"200" doc:"also score at this many years from each case's start (0: none)"`
	Refit   bool    `query:"refit" default:"true" doc:"also score the engine refitted without each case's dyad (the fully cross-validated score, as guarantor backtest does by default); false skips it and about halves the work"`
	Wait    int     `query:"wait" default:"10" minimum:"0" maximum:"20" doc:"seconds to wait for a backtest that is not stored yet before answering 202 (0: answer at once)"`
}

func (in *backtestIn) norm() {
	if in.Seed == 0 {
		in.Seed = 1
	}
	if in.Samples == 0 {
		in.Samples = 2000
	}
	// Below the minimum rounds up, as before backtests were queued.
	in.Samples = max(in.Samples, pipeline.MinSamples)
	if in.Bins == 0 {
		in.Bins = pipeline.DefaultBins
	}
	if in.Tau == 0 {
		in.Tau = history.DefaultTau
	}
}

func (in *backtestIn) params() backtestParams {
	return backtestParams{Bins: in.Bins, Tau: in.Tau, Horizon: in.Horizon, Refit: in.Refit}
}

type backtestOut struct {
	Status          int
	Location        string `header:"Location"`
	ContentLocation string `header:"Content-Location"`
	ContentType     string `header:"Content-Type"`
	Body            []byte
}

func (s *Server) registerBacktest() {
	reg := s.api.OpenAPI().Components.Schemas
	docSchema := reg.Schema(reflect.TypeOf(contract.Backtest{}), true, "Backtest")
	runSchema := reg.Schema(reflect.TypeOf(RunOut{}), true, "RunOut")
	huma.Register(s.api, huma.Operation{OperationID: "backtest", Method: http.MethodGet, Path: "/api/backtest",
		Summary: "Score the engine on the historical cases; the document of `guarantor backtest --format json`",
		Description: "A backtest is a queued run (kind `backtest`). When the backtest of these inputs (the history set's input hash, " +
			"the parameters, the engine version, seed and samples) is stored, the answer is 200 with its document, byte for byte " +
			"what `guarantor backtest DIR --format json` prints, and Content-Location names the run's result. Otherwise the request " +
			"queues it (or joins the one running) and waits up to `wait` seconds: done in time, 200 as before; else 202 with the run " +
			"and Location `/api/runs/{id}`, whose progress streams from `/api/runs/{id}/events`, whose document is " +
			"`/api/runs/{id}/result` once done, and which `POST /api/runs/{id}/cancel` cancels. Asking again returns the stored " +
			"document. A backtest that failed or was canceled is run afresh by the next request.",
		Tags:        []string{"runs"},
		Middlewares: huma.Middlewares{s.finiteHorizon},
		Responses: map[string]*huma.Response{
			"200": {Description: "the backtest document", Content: map[string]*huma.MediaType{"application/json": {Schema: docSchema}}},
			"202": {Description: "the backtest is queued or running: the run", Headers: map[string]*huma.Param{"Location": {Description: "the run", Schema: &huma.Schema{Type: "string"}}},
				Content: map[string]*huma.MediaType{"application/json": {Schema: runSchema}}},
		}},
		func(ctx context.Context, in *backtestIn) (*backtestOut, error) {
			in.norm()
			r, _, err := s.startBacktest(ctx, in.Seed, in.Samples, in.params())
			if err != nil {
				return nil, err
			}
			// Answer well inside the request timeout.
			wait := min(time.Duration(in.Wait)*time.Second, s.cfg.RequestTimeout*2/3)
			if r, err = s.awaitRun(ctx, r, wait); err != nil {
				return nil, err
			}
			loc := "/api/runs/" + r.ID
			switch r.Status {
			case store.Done:
				body, err := s.st.Result(ctx, r.ID)
				if err != nil {
					return nil, storeErr(err)
				}
				return &backtestOut{Status: http.StatusOK, ContentLocation: loc + "/result", ContentType: "application/json", Body: body}, nil
			case store.Failed:
				return nil, huma.Error500InternalServerError("backtest run " + r.ID + " failed: " + r.Error)
			case store.Canceled:
				return nil, huma.Error409Conflict("backtest run " + r.ID + " was canceled; ask again to rerun it")
			}
			b, err := json.Marshal(runOut(r))
			if err != nil {
				return nil, err
			}
			return &backtestOut{Status: http.StatusAccepted, Location: loc, ContentType: "application/json", Body: b}, nil
		})
}

// finiteHorizon refuses a horizon of NaN or ±Inf, which Go's float parser
// accepts: NaN passes the schema's range (the run then failed, a 500) and
// Inf's range error carries a value JSON cannot encode. Both are the
// client's mistake, so 422 naming the parameter, before any run is queued.
func (s *Server) finiteHorizon(ctx huma.Context, next func(huma.Context)) {
	raw := ctx.Query("horizon")
	if v, err := strconv.ParseFloat(raw, 64); err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		huma.WriteErr(s.api, ctx, http.StatusUnprocessableEntity, "validation failed",
			&huma.ErrorDetail{Message: "expected a finite number of years from 0 to 200", Location: "query.horizon", Value: raw})
		return
	}
	next(ctx)
}

// backtestDoc reads a done backtest run's document for the UI.
func (s *Server) backtestDoc(ctx context.Context, r store.Run) (*contract.Backtest, error) {
	body, err := s.st.Result(ctx, r.ID)
	if err != nil {
		return nil, storeErr(err)
	}
	var d contract.Backtest
	if err := json.Unmarshal(body, &d); err != nil {
		return nil, huma.Error500InternalServerError("stored backtest unreadable")
	}
	return &d, nil
}

// CalibrationSVG is the backtest's reliability diagram: each bin's mean
// forecast against the share of its cases where deterrence held, the dot's
// area proportional to its cases; on the diagonal a forecaster is
// calibrated.
func CalibrationSVG(bins []contract.Bin) string {
	const w, h, pad = 360, 360, 50
	px := func(p float64) float64 { return pad + (w-pad-10)*p }
	py := func(p float64) float64 { return h - pad - (h-pad-10)*p }
	var b strings.Builder
	// The x axis's last label, "100%" centred on px(1) = w-10, needs some
	// 12 px right of it (10 px type): the drawing is that much wider.
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="calibration: forecast against observed share held">`, w+12, h)
	fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="%.0f" height="%.0f" fill="none" stroke="#888"/>`, px(0), py(1), px(1)-px(0), py(0)-py(1))
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#bbb" stroke-dasharray="4,3"/>`, px(0), py(0), px(1), py(1))
	for k := 0; k <= 4; k++ {
		p := float64(k) / 4
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="10" text-anchor="middle">%d%%</text>`, px(p), py(0)+14, 25*k)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="10" text-anchor="end">%d%%</text>`, px(0)-4, py(p)+3, 25*k)
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%d" font-size="11" text-anchor="middle">forecast P(deterrence held over the horizon)</text>`, px(0.5), h-12)
	fmt.Fprintf(&b, `<text x="12" y="%.0f" font-size="11" transform="rotate(-90 12 %.0f)" text-anchor="middle">observed share held</text>`, py(0.5), py(0.5))
	for _, bn := range bins {
		if bn.Cases == 0 {
			continue
		}
		r := 3 + 2.5*math.Sqrt(float64(bn.Cases))
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="#4a7fb5" fill-opacity="0.7"><title>%s</title></circle>`,
			px(bn.MeanForecast), py(bn.ObservedHeld), r,
			html.EscapeString(fmt.Sprintf("forecasts %.0f-%.0f%%: %d cases, mean forecast %.0f%%, held %.0f%%", 100*bn.Lo, 100*bn.Hi, bn.Cases, 100*bn.MeanForecast, 100*bn.ObservedHeld)))
	}
	b.WriteString("</svg>")
	return b.String()
}
