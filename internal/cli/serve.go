package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/internal/buildid"
	"github.com/guarantor/guarantor/server"
	"github.com/guarantor/guarantor/store"
)

func init() { register(newServeCmd) }

// dbFlag is --db, shared by serve and token.
func dbFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "db", "", "database: a SQLite file, or postgres://user:pass@host/db (default: guarantor.db in the user's data directory)")
}

func openStore(ctx context.Context, dsn string) (*store.Store, error) {
	if dsn == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, usageError("%v", err)
		}
		dsn = p
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}

func newServeCmd() *cobra.Command {
	var (
		addr, db, history, importDir string
		public                       bool
		cfg                          server.Config
		grace                        time.Duration
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI and the HTTP API (embedded SQLite by default, PostgreSQL with --db postgres://...)",
		Long: `Serve the web UI and the JSON API (OpenAPI at /openapi.json, docs at /docs).

Reads are open with --public, else they need a token like writes do. Make
tokens with "guarantor token create". On an empty database listening on
loopback, serve makes a first token and prints a sign-in link with it (once).
SIGTERM or Ctrl-C stops taking runs, lets running ones finish for --grace,
then records the rest as interrupted (rerun them from the run page).`,
		Example: `  guarantor serve
  guarantor serve --addr :8080 --public --db postgres://guarantor@localhost/guarantor
  guarantor serve --import examples/ukraine-2025 --history examples/history`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			errw := cmd.ErrOrStderr()
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			eng := &server.PipelineEngine{EngineVersion: Version, Build: buildid.Key(Version), History: history}
			if err := eng.LoadHistory(); err != nil {
				return usageError("--history: %v", err)
			}
			if importDir != "" {
				n, err := importScenarios(ctx, st, importDir)
				if err != nil {
					return usageError("--import: %v", err)
				}
				fmt.Fprintf(errw, "imported %d scenarios from %s\n", n, importDir)
			}
			cfg.Store, cfg.Engine, cfg.Public, cfg.History = st, eng, public, history
			cfg.Logger = slog.New(slog.NewTextHandler(errw, nil))
			cfg.PDF, cfg.PNG = pdfRenderer(), pngRenderer()
			srv, err := server.New(cfg)
			if err != nil {
				return err
			}
			// Listen before Start: Start marks unfinished runs as
			// interrupted, which must not happen to another server's runs
			// when this one cannot even take its address.
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usageError("--addr %s: %v", addr, err)
			}
			if err := srv.Start(ctx); err != nil {
				ln.Close()
				return err
			}
			url := "http://" + ln.Addr().String()
			if link, err := firstToken(ctx, st, ln.Addr()); err != nil {
				return err
			} else if link != "" {
				fmt.Fprintf(errw, "no API token existed: made one; sign in once at %s/login?token=%s (shown only now)\n", url, link)
			}
			hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
				IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10, ErrorLog: slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn)}
			done := make(chan error, 1)
			go func() { done <- hs.Serve(ln) }()
			fmt.Fprintf(errw, "guarantor %s (build %s: stored results of other builds are listed, not reused) serving %s (database %s, %s reads)\n", Version, eng.Build, url, st.Dialect(), map[bool]string{true: "public", false: "token-only"}[public])
			select {
			case err := <-done:
				return err
			case <-ctx.Done():
			}
			fmt.Fprintln(errw, "stopping: no new requests; running runs have", grace, "to finish")
			sctx, cancel := context.WithTimeout(context.Background(), grace)
			defer cancel()
			hs.Shutdown(sctx)
			if err := srv.Shutdown(sctx); err != nil {
				fmt.Fprintln(errw, "runs still running were stopped and recorded as interrupted")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	dbFlag(cmd, &db)
	cmd.Flags().BoolVar(&public, "public", false, "let anyone read (writes still need a token)")
	cmd.Flags().IntVar(&cfg.Workers, "workers", 2, "runs computed at once")
	cmd.Flags().IntVar(&cfg.QueueSize, "queue", 64, "runs that may wait for a worker")
	cmd.Flags().IntVar(&cfg.DefaultSamples, "samples", 20000, "default Monte Carlo draws per run")
	cmd.Flags().IntVar(&cfg.MaxSamples, "max-samples", 200000, "largest samples a request may ask for")
	cmd.Flags().IntVar(&cfg.RunsPerToken, "runs-per-token", 4, "queued and running runs per token")
	cmd.Flags().IntVar(&cfg.WritesPerMinute, "writes-per-minute", 120, "write requests per client per minute")
	cmd.Flags().IntVar(&cfg.ReadsPerSecond, "reads-per-second", 50, "read requests per client per second (burst 10 times that)")
	cmd.Flags().DurationVar(&cfg.Heartbeat, "heartbeat", 10*time.Second, "how often this server marks its runs alive; a peer's runs silent 3 times this long are failed")
	cmd.Flags().DurationVar(&cfg.RunTimeout, "run-timeout", 10*time.Minute, "stop a run after this long")
	cmd.Flags().DurationVar(&grace, "grace", 30*time.Second, "on SIGTERM, how long running runs may take to finish")
	cmd.Flags().StringVar(&history, "history", "", "directory of historical cases for analogues and the backtest page")
	cmd.Flags().StringVar(&importDir, "import", "", "import the *.yaml and *.yml scenarios of this directory (and its _base) that are not stored yet")
	return cmd
}

// firstToken makes a token when none exists and the server listens on
// loopback only, returning its secret ("" otherwise).
func firstToken(ctx context.Context, st *store.Store, a net.Addr) (string, error) {
	ta, ok := a.(*net.TCPAddr)
	if !ok || !ta.IP.IsLoopback() {
		return "", nil
	}
	var n int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM tokens`).Scan(&n); err != nil || n > 0 {
		return "", err
	}
	secret, _, err := st.CreateToken(ctx, "first (made by serve)")
	return secret, err
}

// importScenarios stores each *.yaml of dir and of dir/_base under its
// file name without extension, skipping names already stored. extends:
// paths resolve by that name on the server.
func importScenarios(ctx context.Context, st *store.Store, dir string) (int, error) {
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml", "_base/*.yaml", "_base/*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return 0, err
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	n := 0
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".yaml"), ".yml")
		text, err := os.ReadFile(f)
		if err != nil {
			return n, err
		}
		if _, err := st.ScenarioByName(ctx, name); err == nil {
			continue
		}
		if _, _, err := st.CreateScenario(ctx, name, string(text), ""); err != nil && !errors.Is(err, store.ErrConflict) {
			return n, err
		}
		n++
	}
	return n, nil
}
