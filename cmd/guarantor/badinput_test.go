//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 9's promise: every bad input gives a clear error (exit code 2 for bad
// usage or input, naming the flag or file, and the line where there is one)
// or a bounded, documented result (exit 1 for a solver stopped by
// --timeout or refused by --memory, docs/solvers.md), never a Go panic, a
// hang or a crash for memory. Each case runs the real binary in its own
// process, as a new user would, with a hang guard (not a timing assertion:
// a case that is not killed passes however long it took) and a check of the
// process's peak memory against the 1 GB.
//
// With -short only the cases that stop before any real work run; the
// others (solvers on generated 600 x 600 tables and long chains, commands
// that load the history) need the full run.
func TestBadInput(t *testing.T) {
	bin := buildOnce(t)
	dir := t.TempDir()
	in := badInputs(t, dir)
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	option := filepath.Join(examples, "ukraine-2025", "07-european-tripwire-us-backstop.yaml")
	designFile := filepath.Join(examples, "ukraine-2025", "design", "tripwire-size.yaml")
	hist := filepath.Join(examples, "history")
	chicken, err := filepath.Abs("../../testdata/games/chicken.nfg")
	if err != nil {
		t.Fatal(err)
	}
	const vary = "model.challenger.weight=0.1:1"
	out := filepath.Join(dir, "sweep-out")

	cases := []struct {
		name string
		args []string
		code int
		// want: substrings of stderr, all required (the flag or file,
		// and file:line:col where the input has lines).
		want []string
		slow bool
	}{
		// The inputs issue 9 lists.
		{"assess samples 1e12", []string{"assess", option, "-q", "--samples", "1000000000000"}, 2, []string{"--samples must be at most"}, false},
		{"assess samples maxint", []string{"assess", option, "-q", "--samples", "9223372036854775807"}, 2, []string{"--samples must be at most"}, false},
		{"backtest bins 1e9", []string{"backtest", hist, "-q", "--bins", "1000000000"}, 2, []string{"--bins must be between 1 and 100"}, false},
		{"logit 600x600 timeout", []string{"game", "solve", in["g600"], "--method", "logit", "--timeout", "1ms"}, 1, []string{"timed out after 1ms"}, true},
		{"lcp 600x600 timeout", []string{"game", "solve", in["g600"], "--method", "lcp", "--timeout", "1ms"}, 1, []string{"timed out after 1ms"}, true},
		{"enummixed 600x600 timeout", []string{"game", "solve", in["g600"], "--method", "enummixed", "--timeout", "1ms"}, 1, []string{"timed out after 1ms"}, true},
		{"lcp chain 100k", []string{"game", "solve", in["chain100k"], "--method", "lcp", "--timeout", "1ms"}, 1, []string{"game too large", "over the limit of 1.0 GiB"}, true},
		{"lcp chain 5k", []string{"game", "solve", in["chain5k"], "--method", "lcp"}, 1, []string{"game too large", "2501 x 2501 sequences", "over the limit of 1.0 GiB"}, false},
		{"enummixed 15x15 timeout", []string{"game", "solve", in["g15"], "--method", "enummixed", "--timeout", "1ms"}, 1, []string{"timed out after 1ms"}, false},
		{"enummixed chain 5k timeout", []string{"game", "solve", in["chain5k"], "--method", "enummixed", "--timeout", "1ms"}, 1, []string{"timed out after 1ms"}, false},
		{"enummixed chain 32k timeout", []string{"game", "solve", in["chain32k"], "--method", "enummixed", "--timeout", "1ms"}, 1, []string{"game too large", "8001 x 8001 strategies", "over the limit of 1.0 GiB"}, false},
		{"enummixed chain 32k", []string{"game", "solve", in["chain32k"], "--method", "enummixed"}, 1, []string{"game too large", "8001 x 8001 strategies", "over the limit of 1.0 GiB"}, false},
		{"convert chain 5k timeout", []string{"game", "convert", in["chain5k"], "--to", "nfg", "--timeout", "1ms"}, 1, []string{"timed out after 1ms"}, false},
		{"convert chain 5k memory 1 MiB", []string{"game", "convert", in["chain5k"], "--to", "nfg", "--memory", "1"}, 1, []string{"1251 x 1251 strategies", "over the limit of 1.0 MiB"}, false},
		{"logit chain 20k memory", []string{"game", "solve", in["chain20k"], "--method", "logit", "--timeout", "1ms"}, 1, []string{"game too large", "20000 strategy variables", "over the limit of 1.0 GiB"}, false},
		{"assess /dev/zero", []string{"assess", "/dev/zero", "-q"}, 2, []string{"/dev/zero", "not a regular file"}, false},
		{"assess /dev/urandom", []string{"assess", "/dev/urandom", "-q"}, 2, []string{"/dev/urandom", "not a regular file"}, false},
		{"assess fifo", []string{"assess", in["fifo"], "-q"}, 2, []string{"fifo.yaml", "named pipe"}, false},
		{"assess deep flow", []string{"assess", in["deepflow"], "-q"}, 2, []string{"deep.yaml:1:", "nested deeper than 64"}, false},

		// Numbers in flags.
		{"assess samples negative", []string{"assess", option, "-q", "--samples", "-5"}, 2, []string{"--samples must be at least 100"}, false},
		{"assess samples NaN", []string{"assess", option, "-q", "--samples", "NaN"}, 2, []string{`"NaN" for "--samples"`}, false},
		{"assess seed negative", []string{"assess", option, "-q", "--seed", "-1"}, 2, []string{`"-1" for "--seed"`}, false},
		{"assess seed 2^64", []string{"assess", option, "-q", "--seed", "18446744073709551616"}, 2, []string{"--seed", "out of range"}, false},
		{"assess workers huge", []string{"assess", option, "-q", "--workers", "9223372036854775807"}, 2, []string{"--workers must be between 0"}, false},
		{"assess as-of", []string{"assess", option, "-q", "--as-of", "2025-13-45"}, 2, []string{"--as-of", "YYYY-MM-DD"}, false},
		{"assess no args", []string{"assess", "-q"}, 2, []string{"requires at least 1 arg"}, false},
		{"unknown flag", []string{"assess", option, "--frob"}, 2, []string{"unknown flag: --frob"}, false},
		{"unknown command", []string{"frobnicate"}, 2, []string{`unknown command "frobnicate"`}, false},
		{"backtest bins 0", []string{"backtest", hist, "-q", "--bins", "0"}, 2, []string{"--bins must be between 1 and 100"}, false},
		{"backtest resamples 1e12", []string{"backtest", hist, "-q", "--resamples", "1000000000000"}, 2, []string{"--resamples must be between 2 and"}, false},
		{"backtest udg refit", []string{"backtest", hist, "-q", "--engine", "udg", "--refit"}, 2, []string{"--refit", "--engine udg", "no fitted coefficient"}, false},
		{"backtest horizon NaN", []string{"backtest", hist, "-q", "--horizon", "NaN"}, 2, []string{"--horizon must be between 0"}, false},
		{"backtest horizon Inf", []string{"backtest", hist, "-q", "--horizon", "Inf"}, 2, []string{"--horizon must be between 0"}, false},
		{"backtest samples maxint", []string{"backtest", hist, "-q", "--samples", "9223372036854775807"}, 2, []string{"--samples must be at most"}, false},
		{"solve max negative", []string{"game", "solve", chicken, "--max", "-1"}, 2, []string{"--max (or --count) must be 0"}, false},
		{"solve count negative", []string{"game", "solve", chicken, "--method", "lcp", "--count", "-5"}, 2, []string{"--max (or --count) must be 0"}, false},
		{"solve count NaN", []string{"game", "solve", chicken, "--count", "NaN"}, 2, []string{`"NaN" for "--count"`}, false},
		{"solve timeout negative", []string{"game", "solve", chicken, "--timeout", "-1s"}, 2, []string{"--timeout must be 0"}, false},
		{"solve timeout overflow", []string{"game", "solve", chicken, "--timeout", "9999999999h"}, 2, []string{"--timeout"}, false},
		{"solve memory -5", []string{"game", "solve", chicken, "--memory", "-5"}, 2, []string{"--memory must be -1"}, false},
		{"solve memory 1 MiB", []string{"game", "solve", in["chain5k"], "--method", "lcp", "--memory", "1"}, 1, []string{"over the limit of 1.0 MiB"}, false},
		{"solve unknown method", []string{"game", "solve", chicken, "--method", "foo"}, 2, []string{`unknown --method "foo"`}, false},
		{"sensitivity samples 3", []string{"sensitivity", option, "-q", "--samples", "3"}, 2, []string{"--samples 3: expected 64 to"}, false},
		{"sensitivity samples maxint", []string{"sensitivity", option, "-q", "--samples", "9223372036854775807"}, 2, []string{"--samples 9223372036854775807"}, false},
		{"sensitivity bootstrap 1e12", []string{"sensitivity", option, "-q", "--bootstrap", "1000000000000"}, 2, []string{"--bootstrap 1000000000000: expected 0 (none) to"}, false},
		{"sensitivity bootstrap negative", []string{"sensitivity", option, "-q", "--bootstrap", "-1"}, 2, []string{"--bootstrap -1"}, false},
		{"sensitivity level NaN", []string{"sensitivity", option, "-q", "--level", "NaN"}, 2, []string{"--level NaN"}, false},
		{"sensitivity horizon negative", []string{"sensitivity", option, "-q", "--horizon", "-1"}, 2, []string{"--horizon -1"}, false},
		{"sensitivity swing rows", []string{"sensitivity", option, "-q", "--swing-rows", "1000000000000"}, 2, []string{"--swing-rows"}, false},
		{"sweep levels 1e9", []string{"sweep", option, "-q", "--vary", vary, "--levels", "1000000000", "--out", out}, 2, []string{"1000000000 levels"}, false},
		{"sweep step 1e-12", []string{"sweep", option, "-q", "--vary", "model.challenger.weight=0.1:1:1e-12", "--out", out}, 2, []string{"model.challenger.weight", "more than 10000000 values"}, false},
		{"sweep lhs step 1e-12", []string{"sweep", option, "-q", "--design", "lhs", "--vary", "model.challenger.weight=0.1:1:1e-12", "--out", out}, 2, []string{"more than 10000000 values"}, false},
		{"sweep points 1e12", []string{"sweep", option, "-q", "--design", "lhs", "--vary", vary, "--points", "1000000000000", "--out", out}, 2, []string{"1000000000000 points"}, false},
		{"sweep samples maxint", []string{"sweep", option, "-q", "--vary", vary, "--samples", "9223372036854775807", "--out", out}, 2, []string{"--samples must be between"}, false},
		{"sweep workers negative", []string{"sweep", option, "-q", "--vary", vary, "--workers", "-1", "--out", out}, 2, []string{"--workers must be between"}, false},
		{"sweep later point out of range", []string{"sweep", option, "-q", "--samples", "100", "--vary", "challenge.earlier_wars=999:1001:1", "--out", out + "-late"}, 2, []string{"challenge.earlier_wars", "expected a value <= 1000", "at point challenge.earlier_wars = 1001"}, false},
		{"sweep horizon negative", []string{"sweep", option, "-q", "--vary", vary, "--horizon", "-1", "--out", out}, 2, []string{"--horizon must be"}, false},
		{"sweep vary NaN", []string{"sweep", option, "-q", "--vary", "model.challenger.weight=NaN:1", "--out", out}, 2, []string{`"NaN" is not a finite number`}, false},
		{"sweep /dev/zero", []string{"sweep", "/dev/zero", "-q", "--vary", vary, "--out", out}, 2, []string{"/dev/zero", "not a regular file"}, false},
		{"sweep fifo", []string{"sweep", in["fifo"], "-q", "--vary", vary, "--out", out}, 2, []string{"fifo.yaml", "named pipe"}, false},
		{"design samples maxint", []string{"design", designFile, "-q", "--samples", "9223372036854775807"}, 2, []string{"--samples must be between"}, false},
		{"design samples negative", []string{"design", designFile, "-q", "--samples", "-1"}, 2, []string{"--samples must be between"}, false},
		{"design target NaN", []string{"design", designFile, "-q", "--target", "NaN"}, 2, []string{"target NaN"}, false},
		{"design target-nowar NaN", []string{"design", designFile, "-q", "--target-nowar", "NaN"}, 2, []string{"--target-nowar NaN"}, false},
		{"design no target", []string{"design", designFile, "-q", "--target", "0", "--target-nowar", "0"}, 2, []string{"no target", "--target", "--target-nowar"}, false},
		{"design target-nowar 0 on a file whose target is P(no war) alone", []string{"design", designFile, "-q", "--target-nowar", "0"}, 2, []string{"no target", "--target-nowar"}, false},
		{"design horizon negative", []string{"design", designFile, "-q", "--horizon", "-1"}, 2, []string{"--horizon must be"}, false},
		{"design vary tiny step", []string{"design", option, "-q", "--vary", "guarantors[id=uk].instruments[0].troops=1000:20000:0.000001"}, 2, []string{"more than 10000000 values"}, false},
		{"design /dev/zero", []string{"design", "/dev/zero", "-q", "--vary", "a.b=1:2:1"}, 2, []string{"/dev/zero", "not a regular file"}, false},
		{"design fifo", []string{"design", in["fifo"], "-q", "--vary", "a.b=1:2:1"}, 2, []string{"fifo.yaml", "named pipe"}, false},
		{"design deep flow", []string{"design", in["deepflow"], "-q", "--vary", "a.b=1:2:1"}, 2, []string{"deep.yaml:1:", "nested deeper than 64"}, false},
		{"fit folds 0", []string{"fit", "--folds", "0"}, 2, []string{"--folds 0"}, false},
		{"fit bootstrap 1e12", []string{"fit", "--bootstrap", "1000000000000"}, 2, []string{"--bootstrap 1000000000000: expected 100 to"}, false},
		{"fit protege share NaN", []string{"fit", "--protege-share", "NaN"}, 2, []string{"--protege-share NaN"}, false},
		{"model param NaN", []string{"model", "solve", "udg", "cDC=NaN"}, 2, []string{`cDC: "NaN" is not a finite number`}, false},

		// Scenario files.
		{"assess empty file", []string{"assess", in["empty"], "-q"}, 2, []string{"empty.yaml:1:1:", "empty file"}, false},
		{"assess binary file", []string{"assess", in["binary"], "-q"}, 2, []string{"binary.yaml:"}, false},
		{"assess huge file", []string{"assess", in["huge"], "-q"}, 2, []string{"huge.yaml", "over the limit of 4.0 MiB"}, false},
		{"assess billion laughs", []string{"assess", in["laughs"], "-q"}, 2, []string{"laughs.yaml:", "more than 100000 values"}, false},
		{"assess deep block", []string{"assess", in["deepblock"], "-q"}, 2, []string{"block.yaml:", "nesting deeper than 64"}, false},
		{"assess many keys", []string{"assess", in["keys"], "-q"}, 2, []string{"keys.yaml:10001:1:", "more than 10000 entries"}, false},
		{"assess long flow list", []string{"assess", in["list"], "-q"}, 2, []string{"list.yaml:2:", "more than 10000 entries"}, false},
		{"assess many documents", []string{"assess", in["docs"], "-q"}, 2, []string{"docs.yaml:", "more than 10000 entries"}, false},
		{"assess unterminated quote", []string{"assess", in["quote"], "-q"}, 2, []string{"quote.yaml:1:7:", "double-quoted"}, false},
		{"assess empty directory", []string{"assess", in["emptydir"], "-q"}, 2, []string{"empty-dir: no scenario files"}, false},
		{"assess directory without yaml", []string{"assess", in["txtdir"], "-q"}, 2, []string{"txt-dir: no scenario files"}, false},
		{"assess symlink loop", []string{"assess", in["loop"], "-q"}, 2, []string{"loop1.yaml", "too many levels of symbolic links"}, false},
		{"assess directory loop", []string{"assess", in["loopdir"], "-q"}, 2, []string{"loop-dir: no scenario files"}, false},
		{"assess missing file", []string{"assess", filepath.Join(dir, "nosuch.yaml"), "-q"}, 2, []string{"nosuch.yaml", "no such file"}, false},
		{"assess history /dev/zero", []string{"assess", option, "-q", "--samples", "100", "--history", "/dev/zero"}, 2, []string{"/dev/zero", "not a regular file"}, true},
		{"backtest empty directory", []string{"backtest", in["emptydir"], "-q"}, 2, []string{"empty-dir: no scenario files"}, false},
		{"explain laughs", []string{"explain", in["laughs"]}, 2, []string{"laughs.yaml:", "more than 100000 values"}, false},
		{"sensitivity /dev/zero", []string{"sensitivity", "/dev/zero", "-q"}, 2, []string{"/dev/zero", "not a regular file"}, false},

		// Game files.
		{"game truncated efg", []string{"game", "info", in["truncefg"]}, 2, []string{"trunc.efg:7:", "end of file"}, false},
		{"game truncated nfg", []string{"game", "solve", in["truncnfg"]}, 2, []string{"trunc.nfg:", "end of file"}, false},
		{"game enormous nfg header", []string{"game", "solve", in["enorm"]}, 2, []string{"enorm.nfg:1:", "fits in the file"}, false},
		{"game inconsistent infoset", []string{"game", "info", in["inconsistent"]}, 2, []string{"inconsistent.efg:7:", "repeated description must be identical"}, false},
		{"game conflicting outcome", []string{"game", "info", in["outcome"]}, 2, []string{"outcome.efg:5:", "repeated definition must be identical"}, false},
		{"game player out of range", []string{"game", "info", in["player"]}, 2, []string{"player.efg:3:", "player number from 1 to 2"}, false},
		{"game zero denominator", []string{"game", "info", in["zerodenom"]}, 2, []string{"zerodenom.efg:3:", "zero denominator"}, false},
		{"game huge rational", []string{"game", "info", in["hugerat"]}, 2, []string{"hugerat.efg:4:", "longer than 4096 characters"}, false},
		{"game NaN payoff", []string{"game", "info", in["nan"]}, 2, []string{"nan.nfg:3:", `"NaN"`}, false},
		{"game over size cap", []string{"game", "solve", in["over"]}, 2, []string{"over.nfg", "over the limit of 256.0 MiB"}, false},
		{"game /dev/zero", []string{"game", "solve", "/dev/zero"}, 2, []string{"/dev/zero", "not a regular file"}, false},
		{"game fifo", []string{"game", "info", in["fifo"]}, 2, []string{"fifo.yaml", "named pipe"}, false},
		{"game directory", []string{"game", "solve", in["emptydir"]}, 2, []string{"empty-dir", "a directory"}, false},
		{"game empty", []string{"game", "solve", in["emptyefg"]}, 2, []string{"empty.efg:1:1:", `"EFG" or "NFG"`}, false},
		{"game binary", []string{"game", "info", in["binarynfg"]}, 2, []string{"binary.nfg:1:1:", `"EFG" or "NFG"`}, false},
		{"enumpure chain 100k", []string{"game", "solve", in["chain100k"], "--method", "enumpure"}, 1, []string{"game too large", "cells"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.slow && testing.Short() {
				t.Skip("does real work before it stops; skipped with -short")
			}
			if strings.Contains(strings.Join(c.args, " "), "fifo.yaml") && in["fifo"] == "" {
				t.Skip("no FIFO on this system")
			}
			code, stderr, rss := runGuarded(t, bin, c.args)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != c.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, c.code, first)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, first)
				}
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic:") || strings.Contains(stderr, "fatal error:") {
				t.Errorf("Go crash on stderr:\n%.2000s", stderr)
			}
			if rss > 1<<30 {
				t.Errorf("peak memory %d MB, over the issue's 1 GB", rss>>20)
			}
		})
	}
}

// hangGuard kills a case that has not ended: the cases all end in well under
// a second on an idle machine, so this catches hangs, not slowness.
const hangGuard = 60 * time.Second

// runGuarded runs the binary with args and returns its exit code, its
// stderr and its peak resident memory in bytes (0 when unknown).
func runGuarded(t *testing.T, bin string, args []string) (code int, stderr string, rss int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = t.TempDir()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	cmd.Stdout = nil // discarded
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("still running after %v (killed): guarantor %s", hangGuard, strings.Join(args, " "))
	}
	if cmd.ProcessState == nil {
		t.Fatalf("did not start: %v", err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss)
		if runtime.GOOS == "linux" {
			rss *= 1024 // kilobytes on Linux, bytes on the BSDs and macOS
		}
	}
	return cmd.ProcessState.ExitCode(), errb.String(), rss
}

var built struct {
	path string
	err  error
	out  []byte
}

// buildOnce builds the binary into a temporary directory once per test run
// (TestMain removes it).
func buildOnce(t *testing.T) string {
	t.Helper()
	if built.path == "" && built.err == nil {
		dir, err := os.MkdirTemp("", "guarantor-badinput-")
		if err != nil {
			t.Fatal(err)
		}
		tempDirs = append(tempDirs, dir)
		built.path = filepath.Join(dir, "guarantor")
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", built.path, ".")
		built.out, built.err = cmd.CombinedOutput()
	}
	if built.err != nil {
		t.Fatalf("build: %v\n%s", built.err, built.out)
	}
	return built.path
}

var tempDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// badInputs writes the generated inputs into dir and returns their paths by
// key. Large games are generated here, not committed.
func badInputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	in := map[string]string{}
	write := func(key, name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		in[key] = p
	}
	r := rand.New(rand.NewPCG(9, 0))
	table := func(m, n int) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "NFG 1 R \"random %dx%d\" { \"1\" \"2\" } { %d %d }\n\n", m, n, m, n)
		for k := 0; k < 2*m*n; k++ {
			fmt.Fprintf(&b, "%d ", r.IntN(100))
		}
		b.WriteString("\n")
		return b.Bytes()
	}
	// chain: a centipede of nodes nodes (decision nodes alternate between
	// the players, each with a take leaf), as in issue 9's measurements.
	chain := func(nodes int) []byte {
		var b bytes.Buffer
		k := (nodes - 1) / 2
		b.WriteString("EFG 2 R \"chain\" { \"1\" \"2\" }\n\"\"\n")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "p \"\" %d %d \"\" { \"take\" \"pass\" } 0\nt \"\" %d \"\" { %d %d }\n", 1+i%2, i+1, i+1, i+2*(1-i%2), i+2*(i%2))
		}
		fmt.Fprintf(&b, "t \"\" %d \"\" { %d %d }\n", k+1, k, k)
		return b.Bytes()
	}
	write("g15", "g15.nfg", table(15, 15))
	write("chain5k", "chain5k.efg", chain(5001))
	write("chain20k", "chain20k.efg", chain(20001))
	write("chain32k", "chain32k.efg", chain(32001))
	if !testing.Short() {
		write("g600", "g600.nfg", table(600, 600))
		write("chain100k", "chain100k.efg", chain(100001))
	}

	write("deepflow", "deep.yaml", []byte("a: "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"\n"))
	write("empty", "empty.yaml", nil)
	bin := make([]byte, 100000)
	for i := range bin {
		bin[i] = byte(r.UintN(256))
	}
	write("binary", "binary.yaml", bin)
	var laughs strings.Builder
	laughs.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		fmt.Fprintf(&laughs, "%c: &%c [%s]\n", c, c, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
		prev = string(c)
	}
	laughs.WriteString("name: *i\n")
	write("laughs", "laughs.yaml", []byte(laughs.String()))
	var block strings.Builder
	for i := 0; i < 2000; i++ {
		block.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	write("deepblock", "block.yaml", []byte(block.String()))
	var keys strings.Builder
	keys.WriteString("name: x\n")
	for i := 0; i < 200000; i++ {
		fmt.Fprintf(&keys, "k%d: 1\n", i)
	}
	write("keys", "keys.yaml", []byte(keys.String()))
	write("list", "list.yaml", []byte("name: x\nlist: ["+strings.TrimSuffix(strings.Repeat("1,", 1900000), ",")+"]\n"))
	write("docs", "docs.yaml", []byte(strings.Repeat("---\nname: x\n", 100000)))
	write("quote", "quote.yaml", []byte("name: \"abc\noption:\n  name: x\n"))
	// A file over the 4 MiB cap; sparse, so it costs no disk.
	huge := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(huge, []byte("name: huge\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 50<<20); err != nil {
		t.Fatal(err)
	}
	in["huge"] = huge
	for key, name := range map[string]string{"emptydir": "empty-dir", "txtdir": "txt-dir", "loopdir": "loop-dir"} {
		p := filepath.Join(dir, name)
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		in[key] = p
	}
	write("txt", filepath.Join("txt-dir", "readme.txt"), []byte("not a scenario\n"))
	if err := os.Symlink(in["loopdir"], filepath.Join(in["loopdir"], "self")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop2.yaml", filepath.Join(dir, "loop1.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop1.yaml", filepath.Join(dir, "loop2.yaml")); err != nil {
		t.Fatal(err)
	}
	in["loop"] = filepath.Join(dir, "loop1.yaml")
	if fifo := filepath.Join(dir, "fifo.yaml"); syscall.Mkfifo(fifo, 0o644) == nil {
		in["fifo"] = fifo
	}

	centipede, err := os.ReadFile("../../testdata/games/centipede6.efg")
	if err != nil {
		t.Fatal(err)
	}
	write("truncefg", "trunc.efg", centipede[:len(centipede)/2])
	write("truncnfg", "trunc.nfg", []byte("NFG 1 R \"pd\" { \"Row\" \"Column\" } { 2 2 }\n\n3 3 5 0 0\n"))
	write("enorm", "enorm.nfg", []byte("NFG 1 R \"big\" { \"1\" \"2\" } { 1000000000 1000000000 }\n\n1 2 3 4\n"))
	write("inconsistent", "inconsistent.efg", []byte("EFG 2 R \"x\" { \"1\" \"2\" }\n\"\"\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\np \"\" 2 1 \"\" { \"c\" \"d\" } 0\nt \"\" 1 \"\" { 1 2 }\nt \"\" 2 \"\" { 3 4 }\np \"\" 2 1 \"\" { \"c\" \"d\" \"e\" } 0\nt \"\" 3 \"\" { 1 2 }\nt \"\" 4 \"\" { 3 4 }\nt \"\" 5 \"\" { 3 4 }\n"))
	write("outcome", "outcome.efg", []byte("EFG 2 R \"x\" { \"1\" \"2\" }\n\"\"\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"\" { 1 2 }\nt \"\" 1 \"\" { 3 4 }\n"))
	write("player", "player.efg", []byte("EFG 2 R \"x\" { \"1\" \"2\" }\n\"\"\np \"\" 7 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"\" { 1 2 }\nt \"\" 2 \"\" { 3 4 }\n"))
	write("zerodenom", "zerodenom.efg", []byte("EFG 2 R \"x\" { \"1\" \"2\" }\n\"\"\nc \"\" 1 \"\" { \"h\" 1/0 \"t\" 0/0 } 0\nt \"\" 1 \"\" { 1 2 }\nt \"\" 2 \"\" { 3 4 }\n"))
	write("hugerat", "hugerat.efg", []byte("EFG 2 R \"x\" { \"1\" \"2\" }\n\"\"\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"\" { "+strings.Repeat("9", 200000)+"/7 2 }\nt \"\" 2 \"\" { 3 4 }\n"))
	write("nan", "nan.nfg", []byte("NFG 1 R \"h\" { \"1\" \"2\" } { 2 2 }\n\n1e308 NaN 1 2 3 4 5 6\n"))
	write("emptyefg", "empty.efg", nil)
	write("binarynfg", "binary.nfg", bin)
	over := filepath.Join(dir, "over.nfg")
	if err := os.WriteFile(over, []byte("NFG 1 R \"o\" { \"1\" \"2\" } { 2 2 }\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(over, 300<<20); err != nil {
		t.Fatal(err)
	}
	in["over"] = over
	return in
}
