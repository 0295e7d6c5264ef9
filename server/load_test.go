package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

// TestLoad is the loopback load test: GUARANTOR_LOADTEST=60s starts 200
// clients for that long against read and run endpoints on both databases
// and fails on any error; it prints p50/p99 latencies per endpoint class.
// Without the variable it is skipped (it is a measurement, not a check
// for every commit).
func TestLoad(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("GUARANTOR_LOADTEST"))
	if err != nil || d <= 0 {
		t.Skip("set GUARANTOR_LOADTEST=60s to run the load test")
	}
	clients := 200
	storetest.Each(t, func(t *testing.T, st *store.Store, _ string) {
		h := newHarness(t, st, func(c *Config) {
			// The 200 clients share one token, so one budget: lift the
			// per-client limits, which the test is not about.
			c.RunsPerToken, c.QueueSize, c.WritesPerMinute, c.ValidationsPerSecond, c.DefaultSamples = 1<<20, 1<<16, 1<<30, 1<<20, 2000
			c.ReadsPerSecond = 1 << 20
		})
		h.create("ukraine", example(t, "_base/ukraine.yaml"))
		var ids []string
		for _, f := range []string{"01-no-guarantee.yaml", "06-european-tripwire-12000.yaml", "09-nato-accession.yaml"} {
			ids = append(ids, h.create(f[:2], example(t, f)).Scenario.ID)
		}
		var first RunOut
		h.do("POST", "/api/runs", map[string]any{"scenario_id": ids[0], "samples": 2000}, true, &first)
		h.wait(first.ID)
		type sample struct {
			class string
			d     time.Duration
		}
		var mu sync.Mutex
		var samples []sample
		var errs []string
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 60 * time.Second}
		stop := time.Now().Add(d)
		var wg sync.WaitGroup
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(c), 9))
				var local []sample
				for time.Now().Before(stop) {
					var class, method, path string
					var body []byte
					switch x := rng.IntN(100); {
					case x < 30:
						class, method, path = "read: list scenarios", "GET", "/api/scenarios?limit=20"
					case x < 50:
						class, method, path = "read: get run", "GET", "/api/runs/"+first.ID
					case x < 65:
						class, method, path = "read: result", "GET", "/api/runs/"+first.ID+"/result"
					case x < 75:
						class, method, path = "read: dashboard page", "GET", "/"
					case x < 85:
						class, method, path = "validate", "POST", "/api/validate"
						body, _ = json.Marshal(map[string]string{"yaml": example(t, "06-european-tripwire-12000.yaml")})
					default:
						// Seeds from a small set: most requests find a stored
						// identical run, some start a new one.
						class, method, path = "run: create", "POST", "/api/runs"
						body, _ = json.Marshal(map[string]any{"scenario_id": ids[rng.IntN(len(ids))], "samples": 2000, "seed": 1 + rng.IntN(40)})
					}
					req, _ := http.NewRequest(method, h.ts.URL+path, bytes.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+h.secret)
					req.Header.Set("Content-Type", "application/json")
					t0 := time.Now()
					resp, err := client.Do(req)
					if err == nil {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
					el := time.Since(t0)
					if err != nil || resp.StatusCode >= 300 {
						msg := fmt.Sprint(err)
						if err == nil {
							msg = fmt.Sprint(resp.StatusCode)
						}
						mu.Lock()
						errs = append(errs, class+": "+msg)
						mu.Unlock()
						continue
					}
					local = append(local, sample{class, el})
				}
				mu.Lock()
				samples = append(samples, local...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		by := map[string][]time.Duration{}
		for _, s := range samples {
			by[s.class] = append(by[s.class], s.d)
			by["all"] = append(by["all"], s.d)
		}
		var classes []string
		for c := range by {
			classes = append(classes, c)
		}
		slices.Sort(classes)
		var runs int
		st.DB().QueryRow(`SELECT COUNT(*) FROM runs`).Scan(&runs)
		fmt.Printf("load %s: %d clients, %s, %d requests, %d errors, %d runs computed\n", st.Dialect(), clients, d, len(samples), len(errs), runs)
		for _, c := range classes {
			v := by[c]
			slices.Sort(v)
			q := func(p float64) time.Duration { return v[min(len(v)-1, int(p*float64(len(v))))] }
			fmt.Printf("| %s | %s | %d | %.1f | %.1f |\n", st.Dialect(), c, len(v), float64(q(0.5).Microseconds())/1000, float64(q(0.99).Microseconds())/1000)
		}
		if len(errs) > 0 {
			t.Fatalf("%d errors, first: %v", len(errs), errs[:min(5, len(errs))])
		}
	})
}
