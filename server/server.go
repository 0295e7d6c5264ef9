package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/guarantor/guarantor/store"
)

// Config sets up a Server. Zero values take the defaults in brackets.
type Config struct {
	Store  *store.Store
	Engine Engine
	// Public opens reads (GET) to anyone; writes always need a token.
	Public bool
	// Workers is the number of runs computed at once [2]; QueueSize the
	// number that may wait beyond them [64].
	Workers, QueueSize int
	// DefaultSamples [20000] and MaxSamples [200000] per run.
	DefaultSamples, MaxSamples int
	// RunsPerToken caps a token's queued and running runs [4].
	RunsPerToken int
	// RunTimeout stops a run that takes longer [10 min].
	RunTimeout time.Duration
	// RequestTimeout bounds every request but event streams [30 s].
	RequestTimeout time.Duration
	// MaxBodyBytes caps request bodies [2 MiB].
	MaxBodyBytes int64
	// WritesPerMinute is each client's budget of write requests [120],
	// burst of the same size.
	WritesPerMinute int
	// ValidationsPerSecond is each client's budget of validation requests
	// (as-you-type checks) [10], burst 60 times that.
	ValidationsPerSecond int
	// ReadsPerSecond is each client's budget of read requests (GET and
	// HEAD, but not /healthz or /static/) [50], burst 10 times that: a
	// page polling a run or a script paging through lists stays far
	// below it, a scraper or runaway loop is slowed to it.
	ReadsPerSecond int
	// Heartbeat is how often the server refreshes the heartbeat of the
	// runs it owns and sweeps for runs of dead peers [10 s]; StaleAfter is
	// how old a peer's heartbeat may be before its unfinished runs are
	// marked failed [3 heartbeats]. Several servers may share a database.
	Heartbeat, StaleAfter time.Duration
	// Logger receives one line per run and per failure [discard].
	Logger *slog.Logger
	// Key signs CSRF tokens [random per process].
	Key []byte
	// History is the directory of historical cases the backtest scores
	// ("" disables it); an operator's flag, never a request.
	History string
	// PDF renders a report page to PDF (headless chromium); nil disables
	// PDF reports.
	PDF func(ctx context.Context, html []byte) ([]byte, error)
	// PNG rasterises an SVG chart (headless chromium); nil disables PNG
	// charts.
	PNG func(ctx context.Context, svg string) ([]byte, error)
}

func (c *Config) defaults() {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.Workers, 2)
	def(&c.QueueSize, 64)
	def(&c.DefaultSamples, 20000)
	def(&c.MaxSamples, 200000)
	def(&c.RunsPerToken, 4)
	def(&c.WritesPerMinute, 120)
	def(&c.ValidationsPerSecond, 10)
	def(&c.ReadsPerSecond, 50)
	if c.RunTimeout <= 0 {
		c.RunTimeout = 10 * time.Minute
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 2 << 20
	}
	if c.Heartbeat <= 0 {
		c.Heartbeat = 10 * time.Second
	}
	if c.StaleAfter <= c.Heartbeat {
		c.StaleAfter = 3 * c.Heartbeat
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if len(c.Key) == 0 {
		c.Key = make([]byte, 32)
		rand.Read(c.Key)
	}
	if c.DefaultSamples > c.MaxSamples {
		c.DefaultSamples = c.MaxSamples
	}
}

// Server serves the API and the UI from one handler.
type Server struct {
	cfg   Config
	st    *store.Store
	eng   Engine
	api   huma.API
	mux   *http.ServeMux
	q     *queue
	limit *limiter
	// vlimit is the validation budget (Config.ValidationsPerSecond).
	vlimit *limiter
	// rlimit is the read budget (Config.ReadsPerSecond).
	rlimit *limiter
	h      http.Handler
	once   sync.Once
	// pdfSem admits one PDF rendering at a time.
	pdfSem chan struct{}
	// keys serialises finding and creating runs per computation (startRun).
	keys keyLocks
	// btOnce reads the history set's input hash once (historyHash).
	btOnce sync.Once
	btHash string
	btErr  error
	// solveSem admits synchronous solves up to the number of workers.
	solveSem chan struct{}
	// instance names this process as the owner of the runs it queues.
	instance string
	// beatStop ends the heartbeat loop; beatDone reports it ended.
	beatStop, beatDone chan struct{}
	started            atomic.Bool
}

// New builds a server. Call Start before serving and Shutdown at the end.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Engine == nil {
		return nil, errors.New("server: Store and Engine are required")
	}
	cfg.defaults()
	s := &Server{cfg: cfg, st: cfg.Store, eng: cfg.Engine, mux: http.NewServeMux(),
		limit: newLimiter(float64(cfg.WritesPerMinute)/60, cfg.WritesPerMinute), vlimit: newLimiter(float64(cfg.ValidationsPerSecond), 60*cfg.ValidationsPerSecond),
		rlimit: newLimiter(float64(cfg.ReadsPerSecond), 10*cfg.ReadsPerSecond)}
	s.instance = store.NewID()
	s.beatStop, s.beatDone = make(chan struct{}), make(chan struct{})
	s.q = newQueue(s)
	s.pdfSem = make(chan struct{}, 1)
	s.solveSem = make(chan struct{}, cfg.Workers)
	hc := huma.DefaultConfig("guarantor", cfg.Engine.Version())
	hc.Info.Description = "Will this security guarantee deter? Scenarios, assessment runs and their results. " +
		"Writes need a token (`Authorization: Bearer gt_...`, made with `guarantor token create`)."
	hc.OpenAPIPath = "/openapi"
	hc.DocsPath = "" // huma's page loads scripts from a CDN; /docs is served from embedded HTML instead
	hc.SchemasPath = "/schemas"
	hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "an API token from `guarantor token create`"},
	}
	hc.Components.Schemas = huma.NewMapRegistry("#/components/schemas/", schemaNamer)
	s.api = humago.New(s.mux, hc)
	s.registerAPI()
	s.registerUI()
	s.h = s.middleware(s.apiProblems(s.mux))
	return s, nil
}

// Handler is the server's root handler.
func (s *Server) Handler() http.Handler { return s.h }

// API exposes the huma API (its OpenAPI document) for tests and tools.
func (s *Server) API() huma.API { return s.api }

// Instance is this server process's id, the owner of the runs it queues.
func (s *Server) Instance() string { return s.instance }

// Start marks failed the runs that servers which stopped left unfinished
// (they can be rerun), starts the workers and the heartbeat. Servers
// sharing the database keep their runs: only runs whose owner's
// heartbeat is older than StaleAfter are taken as interrupted.
func (s *Server) Start(ctx context.Context) error {
	n, err := s.st.RecoverStale(ctx, s.instance, s.cfg.StaleAfter)
	if err != nil {
		return fmt.Errorf("recover interrupted runs: %w", err)
	}
	if n > 0 {
		s.cfg.Logger.Info("marked interrupted runs failed", "runs", n)
	}
	s.q.start()
	s.started.Store(true)
	go s.beat()
	return nil
}

// beat refreshes this process's runs' heartbeat, stops its runs that
// another server ended (canceled through a peer), and fails the runs of
// peers that stopped beating (a peer killed while this server runs, or
// this server's own predecessor killed moments before it started, whose
// heartbeat was still fresh at Start).
func (s *Server) beat() {
	defer close(s.beatDone)
	t := time.NewTicker(s.cfg.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-s.beatStop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Heartbeat)
		if _, err := s.st.Heartbeat(ctx, s.instance); err != nil {
			s.cfg.Logger.Warn("heartbeat", "err", err)
		}
		s.q.stopEnded(ctx)
		if n, err := s.st.RecoverStale(ctx, s.instance, s.cfg.StaleAfter); err != nil {
			s.cfg.Logger.Warn("recover stale runs", "err", err)
		} else if n > 0 {
			s.cfg.Logger.Info("marked runs of a stopped server failed", "runs", n)
		}
		cancel()
	}
}

// Shutdown stops taking runs, lets running ones finish until ctx ends,
// then cancels the rest and records them as interrupted. The heartbeat
// goes on until the queue is down, so a peer does not fail runs that are
// finishing.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	s.once.Do(func() {
		err = s.q.shutdown(ctx)
		close(s.beatStop)
		if !s.started.Load() {
			return
		}
		select {
		case <-s.beatDone:
		case <-ctx.Done():
		}
	})
	return err
}

// schemaNamer names OpenAPI schemas as huma does, prefixing types from
// packages other than server and contract with their package name, so
// that models.Equilibrium and contract.Equilibrium do not collide.
func schemaNamer(t reflect.Type, hint string) string {
	name := huma.DefaultSchemaNamer(t, hint)
	e := t
	for e.Kind() == reflect.Pointer || e.Kind() == reflect.Slice || e.Kind() == reflect.Array || e.Kind() == reflect.Map {
		e = e.Elem()
	}
	pkg := path.Base(e.PkgPath())
	if e.Name() == "" || pkg == "server" || pkg == "contract" || pkg == "." || pkg == "" || strings.Contains(e.PkgPath(), "/huma/") {
		return name
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:] + name
}
