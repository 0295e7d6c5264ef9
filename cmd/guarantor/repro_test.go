package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// A seed gives the same bytes in separate processes, whatever GOMAXPROCS
// and --workers: the test builds the binary and runs it several times,
// comparing each output with the first byte for byte (docs/output.md).
// Map iteration order, which Go randomises per process, must never reach a
// number or the input hash; an in-process test cannot catch that when the
// randomisation happens to agree.
func TestSameBytesAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "guarantor")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"assess", []string{"assess", "../../examples/ukraine-2025", "--format", "json", "--samples", "1000", "--seed", "3"}},
		{"assess csv", []string{"assess", "../../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml", "--format", "csv", "--samples", "1500"}},
		{"backtest", []string{"backtest", "../../examples/history", "--format", "json", "--samples", "300"}},
		{"explain", []string{"explain", "../../examples/ukraine-2025/09-nato-accession.yaml", "--format", "json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var first []byte
			for _, env := range []struct{ procs, workers string }{{"1", "0"}, {"2", "0"}, {"8", "0"}, {"2", "5"}, {"8", "1"}} {
				cmd := exec.Command(bin, append(c.args, "--workers", env.workers)...)
				if c.name == "explain" {
					cmd = exec.Command(bin, c.args...)
				}
				cmd.Env = append(os.Environ(), "GOMAXPROCS="+env.procs)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("GOMAXPROCS=%s --workers %s: %v\n%s", env.procs, env.workers, err, stderr.Bytes())
				}
				if first == nil {
					first = out
					continue
				}
				if !bytes.Equal(out, first) {
					t.Fatalf("GOMAXPROCS=%s --workers %s: output differs from the first run", env.procs, env.workers)
				}
			}
		})
	}
}
