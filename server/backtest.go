package server

import (
	"context"
	"fmt"
	"html"
	"math"
	"net/http"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/pipeline"
)

// backtestCache keeps backtests of Config.History: they are
// deterministic, so each (seed, samples, bins) is computed once per
// process (up to backtestCacheSize, then the cache starts afresh).
type backtestCache struct {
	mu sync.Mutex
	m  map[[3]int]*contract.Backtest
}

const backtestCacheSize = 32

type backtestKey = [3]int

func (s *Server) backtest(ctx context.Context, seed uint64, samples, bins int) (*contract.Backtest, error) {
	if s.cfg.History == "" {
		return nil, huma.NewError(http.StatusNotImplemented, "this server has no history cases (start it with --history DIR)")
	}
	if seed > 1<<31 {
		return nil, huma.Error422UnprocessableEntity("seed too large", &huma.ErrorDetail{Location: "query.seed", Value: seed, Message: "at most 2^31 here"})
	}
	key := backtestKey{int(seed), samples, bins}
	s.bt.mu.Lock()
	if d, ok := s.bt.m[key]; ok {
		s.bt.mu.Unlock()
		return d, nil
	}
	s.bt.mu.Unlock()
	release, err := s.compute(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	d, err := pipeline.Backtest(ctx, []string{s.cfg.History}, pipeline.Options{Seed: seed, Samples: samples, Version: s.eng.Version()}, bins)
	if err != nil {
		return nil, huma.Error500InternalServerError("backtest failed")
	}
	s.bt.mu.Lock()
	if s.bt.m == nil || len(s.bt.m) >= backtestCacheSize {
		s.bt.m = map[backtestKey]*contract.Backtest{}
	}
	s.bt.m[key] = d
	s.bt.mu.Unlock()
	return d, nil
}

// maxBacktestSamples bounds the draws per case: the survival scores run
// the engine at eleven horizons per case (docs/backtest.md), and a
// backtest must finish within the request timeout (30 s by default) on
// a small shared machine.
const maxBacktestSamples = 5000

type backtestIn struct {
	Seed    uint64 `query:"seed" doc:"default 1"`
	Samples int    `query:"samples" minimum:"0" maximum:"5000" doc:"draws per case and horizon (default 2000; at most 5000, since the survival scores run the engine at eleven horizons per case)"`
	Bins    int    `query:"bins" minimum:"0" maximum:"20" doc:"calibration bins (default 5)"`
}

func (in *backtestIn) norm() {
	if in.Seed == 0 {
		in.Seed = 1
	}
	if in.Samples == 0 {
		in.Samples = 2000
	}
	if in.Samples < 100 {
		in.Samples = 100
	}
	if in.Bins == 0 {
		in.Bins = pipeline.DefaultBins
	}
}

func (s *Server) registerBacktest() {
	type out struct{ Body *contract.Backtest }
	huma.Register(s.api, huma.Operation{OperationID: "backtest", Method: http.MethodGet, Path: "/api/backtest",
		Summary: "Score the engine on the historical cases; the document of `guarantor backtest --format json`", Tags: []string{"runs"}},
		func(ctx context.Context, in *backtestIn) (*out, error) {
			in.norm()
			d, err := s.backtest(ctx, in.Seed, in.Samples, in.Bins)
			if err != nil {
				return nil, err
			}
			return &out{d}, nil
		})
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
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="calibration: forecast against observed share held">`, w, h)
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
