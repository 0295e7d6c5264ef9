package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// TestFuzzFromOpenAPI sends random valid-looking and invalid requests to
// every operation in the OpenAPI document and fails on any 5xx.
func TestFuzzFromOpenAPI(t *testing.T) {
	h := newSQLite(t, func(c *Config) {
		c.WritesPerMinute = 1 << 20
		c.ValidationsPerSecond = 1 << 20
		c.ReadsPerSecond = 1 << 20
		c.MaxSamples = 5000
	})
	h.create("ukraine", example(t, "_base/ukraine.yaml"))
	sc := h.create("opt", example(t, "01-no-guarantee.yaml"))
	var run RunOut
	h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 500}, true, &run)
	h.wait(run.ID)

	oapi := h.srv.API().OpenAPI()
	reg := oapi.Components.Schemas
	strs := []string{"", "x", sc.Scenario.ID, run.ID, "06h50lpiu2rfb1d41qk2fpkj7c", "..", "../../etc/passwd", "%2e%2e%2f", "<script>", "'; DROP TABLE runs; --",
		strings.Repeat("a", 300), "\x00", "ünïcödé", "html", "pdf", "done", "1", "-1", "1e309", "cow_nmc", "null", "{}"}
	rng := rand.New(rand.NewPCG(1, 2))
	var value func(s *huma.Schema, depth int) any
	value = func(s *huma.Schema, depth int) any {
		if s != nil && s.Ref != "" {
			s = reg.SchemaFromRef(s.Ref)
		}
		if rng.IntN(8) == 0 || s == nil || depth > 4 { // any type at all
			switch rng.IntN(6) {
			case 0:
				return nil
			case 1:
				return rng.Int64() - rng.Int64()
			case 2:
				return strs[rng.IntN(len(strs))]
			case 3:
				return []any{1, "a"}
			case 4:
				return map[string]any{"k": 1}
			default:
				return rng.Float64() * 1e12
			}
		}
		switch s.Type {
		case "object":
			m := map[string]any{}
			for k, p := range s.Properties {
				if k == "$schema" || rng.IntN(5) == 0 {
					continue
				}
				m[k] = value(p, depth+1)
			}
			return m
		case "integer":
			return []int64{0, 1, 100, 500, 5001, -5, 1 << 62}[rng.IntN(7)]
		case "number":
			return rng.NormFloat64() * 1000
		case "boolean":
			return rng.IntN(2) == 0
		case "array":
			return []any{value(s.Items, depth+1)}
		case "string":
			if len(s.Enum) > 0 && rng.IntN(2) == 0 {
				return s.Enum[rng.IntN(len(s.Enum))]
			}
			if rng.IntN(3) == 0 {
				return example(t, "01-no-guarantee.yaml")
			}
			return strs[rng.IntN(len(strs))]
		}
		return nil
	}
	client := &http.Client{Timeout: 5 * time.Second}
	type opT struct {
		method, path string
		op           *huma.Operation
	}
	var ops []opT
	for p, item := range oapi.Paths {
		for m, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "DELETE": item.Delete} {
			if op != nil {
				ops = append(ops, opT{m, p, op})
			}
		}
	}
	if len(ops) < 10 {
		t.Fatalf("only %d operations in the document", len(ops))
	}
	n := 1200
	if testing.Short() {
		n = 300
	}
	for i := range n {
		o := ops[rng.IntN(len(ops))]
		path := o.path
		q := url.Values{}
		for _, p := range o.op.Parameters {
			v := fmt.Sprint(value(p.Schema, 0))
			if p.In == "path" {
				path = strings.Replace(path, "{"+p.Name+"}", url.PathEscape(v), 1)
			} else if p.In == "query" && rng.IntN(2) == 0 {
				q.Set(p.Name, v)
			}
		}
		var body io.Reader
		if o.op.RequestBody != nil {
			var raw []byte
			if rng.IntN(6) == 0 {
				raw = []byte(strs[rng.IntN(len(strs))]) // not JSON at all
			} else {
				raw, _ = json.Marshal(value(o.op.RequestBody.Content["application/json"].Schema, 0))
			}
			body = strings.NewReader(string(raw))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, o.method, h.ts.URL+path+"?"+q.Encode(), body)
		req.Header.Set("Content-Type", "application/json")
		if rng.IntN(4) != 0 {
			req.Header.Set("Authorization", "Bearer "+h.secret)
		}
		resp, err := client.Do(req)
		if err != nil {
			cancel()
			if strings.HasSuffix(o.path, "/events") {
				continue // a stream of a live run may outlast the timeout
			}
			t.Fatalf("request %d %s %s: %v", i, o.method, path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		if resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented {
			t.Errorf("request %d: %s %s?%s -> %d %s", i, o.method, path, q.Encode(), resp.StatusCode, b)
		}
	}
}
