package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/sse"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/store"
)

// startRun validates, deduplicates and enqueues a run of scenario id's
// version (0: latest). An identical finished run (same inputs hash, engine
// version, seed and samples) is returned instead of a new one.
func (s *Server) startRun(ctx context.Context, id string, version int, seed uint64, samples int) (store.Run, bool, error) {
	if samples == 0 {
		samples = s.cfg.DefaultSamples
	}
	if samples < 100 || samples > s.cfg.MaxSamples {
		return store.Run{}, false, huma.Error422UnprocessableEntity("samples out of range", &huma.ErrorDetail{
			Location: "body.samples", Value: samples, Message: "expected 100 to " + itoa(s.cfg.MaxSamples) + " on this server"})
	}
	if !store.ValidID(id) {
		return store.Run{}, false, huma.Error422UnprocessableEntity("no such scenario", &huma.ErrorDetail{Location: "body.scenario_id", Value: id, Message: "not an identifier"})
	}
	sc, err := s.st.GetScenario(ctx, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return store.Run{}, false, huma.Error422UnprocessableEntity("no such scenario", &huma.ErrorDetail{Location: "body.scenario_id", Value: id, Message: "no scenario has this id"})
		}
		return store.Run{}, false, storeErr(err)
	}
	v, err := s.st.GetVersion(ctx, id, version)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return store.Run{}, false, huma.Error422UnprocessableEntity("no such version", &huma.ErrorDetail{Location: "body.version", Value: version, Message: "the scenario has no such version"})
		}
		return store.Run{}, false, storeErr(err)
	}
	job, val := s.check(ctx, sc.Name, v.YAML)
	if !val.Valid {
		var details []error
		for _, e := range val.Errors {
			loc := "body.scenario_id.yaml"
			if e.Field != "" {
				loc += "." + e.Field
			}
			details = append(details, &huma.ErrorDetail{Location: loc, Message: itoa(e.Line) + ":" + itoa(e.Col) + ": " + e.Message})
		}
		return store.Run{}, false, huma.Error422UnprocessableEntity("the scenario version is not valid", details...)
	}
	return s.enqueue(ctx, store.Run{ScenarioID: id, Version: v.Version, Option: job.Option(), InputsHash: job.InputsHash(),
		EngineVersion: s.eng.Version(), Seed: seed, Samples: samples}, job)
}

// enqueue returns the active or done run of r's computation (true), or
// creates r, owned by this server, and queues it with job.
func (s *Server) enqueue(ctx context.Context, r store.Run, job runner) (store.Run, bool, error) {
	if r.Kind == "" {
		r.Kind = store.KindAssess
	}
	key := r.Key()
	// One request per computation at a time between looking for an
	// identical run and creating one, so two identical requests never both
	// compute; different computations do not wait for each other.
	unlock := s.keys.lock(key)
	defer unlock()
	// Active first: a run only moves from active to done, so looking in
	// this order cannot miss one that finishes between the two queries.
	for _, find := range []func(context.Context, store.Key) (store.Run, bool, error){s.st.FindActive, s.st.FindDone} {
		if old, ok, err := find(ctx, key); err != nil {
			return store.Run{}, false, storeErr(err)
		} else if ok {
			return old, true, nil
		}
	}
	tokID := authorOf(ctx)
	if err := s.q.reserve(tokID); err != nil {
		return store.Run{}, false, queueErr(err)
	}
	r.TokenID, r.Owner = tokID, s.instance
	r, err := s.st.CreateRun(ctx, r)
	if err != nil {
		s.q.release(tokID)
		return store.Run{}, false, storeErr(err)
	}
	if err := s.q.push(item{run: r, job: job, token: tokID}); err != nil {
		s.q.release(tokID)
		s.st.EndRun(context.Background(), r.ID, store.Failed, err.Error())
		return store.Run{}, false, queueErr(err)
	}
	return r, false, nil
}

// kindOr is the run kind a list asks for: assessments unless it names
// another, so clients from before backtests were runs see what they saw.
func kindOr(k string) store.Kind {
	if k == "" {
		return store.KindAssess
	}
	return store.Kind(k)
}

// errBacktestRun refuses an assessment's view (report, chart, explain,
// comparison) of a backtest run.
func errBacktestRun(r store.Run) error {
	return huma.Error409Conflict("run " + r.ID + " is a backtest: its document is /api/runs/" + r.ID + "/result; reports, charts, explanations and comparisons are for assessments")
}

func queueErr(err error) error {
	switch {
	case errors.Is(err, errTooMany):
		return huma.NewError(http.StatusTooManyRequests, err.Error())
	default:
		return huma.Error503ServiceUnavailable(err.Error())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

type runOutBody struct {
	Status   int
	Location string `header:"Location"`
	Body     RunOut
}

// ProgressEvent is one server-sent event of a run's progress.
type ProgressEvent struct {
	Status   string  `json:"status"`
	Progress float64 `json:"progress"`
	Error    string  `json:"error,omitempty"`
}

func (s *Server) registerRuns() {
	api := s.api
	type createRunIn struct {
		Body struct {
			ScenarioID string `json:"scenario_id" maxLength:"26"`
			Version    int    `json:"version,omitempty" minimum:"0" doc:"0 or absent: the latest"`
			Seed       uint64 `json:"seed,omitempty" doc:"random seed; results are identical for a seed (default 1)"`
			Samples    int    `json:"samples,omitempty" minimum:"0" doc:"Monte Carlo draws (default and cap set by the server)"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "create-run", Method: http.MethodPost, Path: "/api/runs",
		Summary: "Start an assessment run (asynchronous); an identical finished run is returned instead (200)",
		Tags:    []string{"runs"}, DefaultStatus: http.StatusAccepted, Security: security},
		func(ctx context.Context, in *createRunIn) (*runOutBody, error) {
			seed := in.Body.Seed
			if seed == 0 {
				seed = 1
			}
			r, reused, err := s.startRun(ctx, in.Body.ScenarioID, in.Body.Version, seed, in.Body.Samples)
			if err != nil {
				return nil, err
			}
			out := &runOutBody{Status: http.StatusAccepted, Location: "/api/runs/" + r.ID, Body: runOut(r)}
			out.Body.Reused = reused
			if reused {
				out.Status = http.StatusOK
			}
			return out, nil
		})

	type listRunsIn struct {
		// The page fields are spelt out: the API framework does not read
		// query parameters from an embedded struct, so an embedded pageIn
		// left ?limit= and ?after= ignored (TestRunsListPages).
		After    string `query:"after" maxLength:"26" doc:"cursor: the next value of the previous page"`
		Limit    int    `query:"limit" minimum:"0" maximum:"200" doc:"items per page (default 50)"`
		Scenario string `query:"scenario" maxLength:"26"`
		Status   string `query:"status" enum:"queued,running,done,failed,canceled,"`
		Kind     string `query:"kind" enum:"assess,backtest," doc:"assess (the default) or backtest"`
	}
	type listRunsOut struct {
		Body struct {
			Items []RunOut `json:"items"`
			Next  string   `json:"next,omitempty"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "list-runs", Method: http.MethodGet, Path: "/api/runs", Summary: "List runs, newest first", Tags: []string{"runs"}},
		func(ctx context.Context, in *listRunsIn) (*listRunsOut, error) {
			p, err := pageIn{After: in.After, Limit: in.Limit}.page()
			if err != nil {
				return nil, err
			}
			if in.Scenario != "" && !store.ValidID(in.Scenario) {
				return nil, huma.Error422UnprocessableEntity("bad scenario", &huma.ErrorDetail{Location: "query.scenario", Value: in.Scenario, Message: "not an identifier"})
			}
			rs, next, err := s.st.ListRuns(ctx, store.RunFilter{Kind: kindOr(in.Kind), ScenarioID: in.Scenario, Status: store.Status(in.Status)}, p)
			if err != nil {
				return nil, storeErr(err)
			}
			out := &listRunsOut{}
			out.Body.Items, out.Body.Next = make([]RunOut, 0, len(rs)), next
			for _, r := range rs {
				out.Body.Items = append(out.Body.Items, runOut(r))
			}
			return out, nil
		})

	type runIDIn struct {
		ID string `path:"id" maxLength:"26"`
	}
	get := func(ctx context.Context, id string) (store.Run, error) {
		if !store.ValidID(id) {
			return store.Run{}, badID("path.id", id)
		}
		r, err := s.st.GetRun(ctx, id)
		if err != nil {
			return r, storeErr(err)
		}
		return r, nil
	}
	huma.Register(api, huma.Operation{OperationID: "get-run", Method: http.MethodGet, Path: "/api/runs/{id}", Summary: "A run's status, progress and timings", Tags: []string{"runs"}},
		func(ctx context.Context, in *runIDIn) (*runOutBody, error) {
			r, err := get(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return &runOutBody{Status: http.StatusOK, Body: runOut(r)}, nil
		})

	huma.Register(api, huma.Operation{OperationID: "cancel-run", Method: http.MethodPost, Path: "/api/runs/{id}/cancel", Summary: "Cancel a queued or running run", Tags: []string{"runs"}, Security: security},
		func(ctx context.Context, in *runIDIn) (*runOutBody, error) {
			r, err := get(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			if r.Status.Final() {
				return nil, huma.Error409Conflict("the run has already ended (" + string(r.Status) + ")")
			}
			if _, err := s.st.EndRun(ctx, r.ID, store.Canceled, "canceled by request"); err != nil {
				return nil, storeErr(err)
			}
			s.q.cancelRun(r.ID)
			r, err = get(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return &runOutBody{Status: http.StatusOK, Body: runOut(r)}, nil
		})

	sse.Register(api, huma.Operation{OperationID: "run-events", Method: http.MethodGet, Path: "/api/runs/{id}/events",
		Summary: "A run's progress as Server-Sent Events until it ends", Tags: []string{"runs"}},
		map[string]any{"progress": ProgressEvent{}},
		func(ctx context.Context, in *runIDIn, send sse.Sender) {
			if !store.ValidID(in.ID) {
				send.Data(ProgressEvent{Status: "failed", Error: "no such run"})
				return
			}
			last := ProgressEvent{Progress: -1}
			tick := time.NewTicker(250 * time.Millisecond)
			defer tick.Stop()
			for {
				r, err := s.st.GetRun(ctx, in.ID)
				if err != nil {
					send.Data(ProgressEvent{Status: "failed", Error: "no such run"})
					return
				}
				ev := ProgressEvent{Status: string(r.Status), Progress: r.Progress, Error: r.Error}
				if ev != last {
					if send.Data(ev) != nil {
						return
					}
					last = ev
				}
				if r.Status.Final() {
					return
				}
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
			}
		})

	type rawOut struct {
		ContentType        string `header:"Content-Type"`
		ContentDisposition string `header:"Content-Disposition"`
		Body               []byte
	}
	huma.Register(api, huma.Operation{OperationID: "get-result", Method: http.MethodGet, Path: "/api/runs/{id}/result",
		Summary: "A done run's result: the output contract's JSON, byte for byte as computed", Tags: []string{"runs"},
		Responses: map[string]*huma.Response{"200": {Description: "the result", Content: map[string]*huma.MediaType{"application/json": {}}}}},
		func(ctx context.Context, in *runIDIn) (*rawOut, error) {
			r, err := get(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			if r.Status != store.Done {
				return nil, huma.Error409Conflict("the run is " + string(r.Status) + "; results exist for done runs only")
			}
			body, err := s.st.Result(ctx, r.ID)
			if err != nil {
				return nil, storeErr(err)
			}
			return &rawOut{"application/json", downloadName(r, "result", "json"), body}, nil
		})

	type reportIn struct {
		ID     string `path:"id" maxLength:"26"`
		Format string `path:"format" enum:"html,pdf"`
	}
	huma.Register(api, huma.Operation{OperationID: "get-report", Method: http.MethodGet, Path: "/api/runs/{id}/report/{format}",
		Summary: "A done run's report: self-contained HTML, or PDF (rendered by headless chromium)", Tags: []string{"runs"},
		Responses: map[string]*huma.Response{"200": {Description: "the report", Content: map[string]*huma.MediaType{"text/html": {}, "application/pdf": {}}}}},
		func(ctx context.Context, in *reportIn) (*rawOut, error) {
			r, err := get(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			body, ctype, err := s.report(ctx, r, in.Format)
			if err != nil {
				return nil, err
			}
			return &rawOut{ctype, downloadName(r, "report", in.Format), body}, nil
		})

	type explainOut struct{ Body *contract.Explanation }
	huma.Register(api, huma.Operation{OperationID: "explain-run", Method: http.MethodGet, Path: "/api/runs/{id}/explain",
		Summary: "The run's option traced at its medians: commitment terms, capability, the deterrence game; the document of `guarantor explain --format json`", Tags: []string{"runs"}},
		func(ctx context.Context, in *runIDIn) (*explainOut, error) {
			r, err := get(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			if r.Kind == store.KindBacktest {
				return nil, errBacktestRun(r)
			}
			sc, err := s.st.GetScenario(ctx, r.ScenarioID)
			if err != nil {
				return nil, storeErr(err)
			}
			v, err := s.st.GetVersion(ctx, r.ScenarioID, r.Version)
			if err != nil {
				return nil, storeErr(err)
			}
			job, val := s.check(ctx, sc.Name, v.YAML)
			if !val.Valid {
				return nil, huma.Error409Conflict("the run's scenario no longer compiles (a stored extends: base changed)")
			}
			return &explainOut{job.Explain()}, nil
		})

	type chartIn struct {
		ID    string `path:"id" maxLength:"26"`
		Chart string `path:"chart" enum:"deterrence,durability,drivers"`
	}
	huma.Register(api, huma.Operation{OperationID: "get-chart", Method: http.MethodGet, Path: "/api/runs/{id}/charts/{chart}",
		Summary: "One of a done run's report charts as PNG (the report's SVG, rasterised at twice its size)", Tags: []string{"runs"},
		Responses: map[string]*huma.Response{"200": {Description: "the chart", Content: map[string]*huma.MediaType{"image/png": {}}}}},
		func(ctx context.Context, in *chartIn) (*rawOut, error) {
			r, err := get(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			body, err := s.chartPNG(ctx, r, in.Chart)
			if err != nil {
				return nil, err
			}
			return &rawOut{"image/png", downloadName(r, in.Chart, "png"), body}, nil
		})

	type compareIn struct {
		Runs string `query:"runs" required:"true" maxLength:"540" doc:"comma-separated run ids (2 to 20)"`
	}
	type compareOut struct {
		Body struct {
			Runs    []RunOut     `json:"runs"`
			Options []OptionView `json:"options"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "compare-runs", Method: http.MethodGet, Path: "/api/compare", Summary: "Several done runs side by side", Tags: []string{"runs"}},
		func(ctx context.Context, in *compareIn) (*compareOut, error) {
			ids := strings.Split(in.Runs, ",")
			if len(ids) > 20 {
				return nil, huma.Error422UnprocessableEntity("too many runs", &huma.ErrorDetail{Location: "query.runs", Message: "at most 20 runs"})
			}
			out := &compareOut{}
			for i, id := range ids {
				id = strings.TrimSpace(id)
				if !store.ValidID(id) {
					return nil, huma.Error422UnprocessableEntity("bad run id", &huma.ErrorDetail{Location: "query.runs[" + itoa(i) + "]", Value: id, Message: "not an identifier"})
				}
				r, err := s.st.GetRun(ctx, id)
				if err != nil {
					return nil, storeErr(err)
				}
				if r.Status != store.Done {
					return nil, huma.Error422UnprocessableEntity("run not done", &huma.ErrorDetail{Location: "query.runs[" + itoa(i) + "]", Value: id, Message: "the run is " + string(r.Status)})
				}
				v, err := s.view(ctx, r)
				if err != nil {
					return nil, err
				}
				out.Body.Runs = append(out.Body.Runs, runOut(r))
				out.Body.Options = append(out.Body.Options, v)
			}
			return out, nil
		})
}

// keyLocks is a mutex per run key, dropped when nobody holds or waits.
type keyLocks struct {
	mu sync.Mutex
	m  map[store.Key]*keyLock
}

type keyLock struct {
	mu sync.Mutex
	n  int
}

func (l *keyLocks) lock(k store.Key) func() {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[store.Key]*keyLock{}
	}
	e := l.m[k]
	if e == nil {
		e = &keyLock{}
		l.m[k] = e
	}
	e.n++
	l.mu.Unlock()
	e.mu.Lock()
	return func() {
		e.mu.Unlock()
		l.mu.Lock()
		if e.n--; e.n == 0 {
			delete(l.m, k)
		}
		l.mu.Unlock()
	}
}
