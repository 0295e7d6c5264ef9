package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

// example reads a file of the Ukraine example set (part of the repository).
func example(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "ukraine-2025", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type harness struct {
	t      testing.TB
	st     *store.Store
	srv    *Server
	ts     *remoteTS
	secret string
}

// remoteTS is the part of httptest.Server the tests use, so a harness
// can also point at a server in another process.
type remoteTS struct {
	URL    string
	client *http.Client
	close  func()
}

func (r *remoteTS) Client() *http.Client { return r.client }
func (r *remoteTS) Close()               { r.close() }

func newRemoteTS(base string) *remoteTS {
	return &remoteTS{URL: base, client: &http.Client{Timeout: 30 * time.Second}, close: func() {}}
}

func newHarness(t testing.TB, st *store.Store, mod func(*Config)) *harness {
	t.Helper()
	cfg := Config{Store: st, Engine: &PipelineEngine{EngineVersion: "test"}, Public: true, DefaultSamples: 2000, MaxSamples: 50000}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	hts := httptest.NewServer(srv.Handler())
	ts := &remoteTS{URL: hts.URL, client: hts.Client(), close: hts.Close}
	t.Cleanup(func() {
		ts.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	secret, _, err := st.CreateToken(context.Background(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, st: st, srv: srv, ts: ts, secret: secret}
}

func newSQLite(t testing.TB, mod func(*Config)) *harness {
	st, _ := storetest.Open(t, store.SQLite)
	return newHarness(t, st, mod)
}

// tryDo is do without failing the test on a transport error (status 0).
func (h *harness) tryDo(method, path string, body any, out any) (int, []byte) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, h.ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+h.secret)
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	rb, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil
	}
	if out != nil && resp.StatusCode < 300 && json.Unmarshal(rb, out) != nil {
		return 0, nil
	}
	return resp.StatusCode, rb
}

// do sends a JSON request (auth: use the harness token) and decodes a
// JSON answer into out when out is non-nil. It returns the status and body.
func (h *harness) do(method, path string, body any, auth bool, out any) (int, []byte) {
	h.t.Helper()
	var rd io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			rd = strings.NewReader(s)
		} else {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
	}
	req, _ := http.NewRequest(method, h.ts.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+h.secret)
	}
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			h.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	return resp.StatusCode, b
}

type savedResp struct {
	Scenario           ScenarioOut        `json:"scenario"`
	Version            VersionOut         `json:"version"`
	ScenarioValidation ScenarioValidation `json:"validation"`
}

// create stores a scenario through the API.
func (h *harness) create(name, text string) savedResp {
	h.t.Helper()
	var out savedResp
	code, b := h.do("POST", "/api/scenarios", map[string]string{"name": name, "yaml": text}, true, &out)
	if code != http.StatusCreated {
		h.t.Fatalf("create %s: %d %s", name, code, b)
	}
	return out
}

// wait polls a run until it ends.
func (h *harness) wait(id string) RunOut {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Minute) // a loaded CI machine: not a timing test
	for {
		var r RunOut
		if code, b := h.do("GET", "/api/runs/"+id, nil, false, &r); code != 200 {
			h.t.Fatalf("get run: %d %s", code, b)
		}
		if store.Status(r.Status).Final() {
			return r
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("run %s still %s after 5 min", id, r.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
