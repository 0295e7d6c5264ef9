// Package cli implements guarantor's command-line interface: one file per
// command, each parsing flags, calling a library package and rendering the
// result. Library packages never print; this package and server do.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = "dev"

// exitError carries a specific exit code up to Main.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// NewRoot builds the command tree from the constructors that command files
// register in their init functions (one file per command keeps parallel work
// on different commands from colliding).
func NewRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "guarantor",
		Short: "Will this security guarantee deter? Game-theoretic answers with numbers and sources.",
		Long: `guarantor assesses third-party security guarantees (tripwires, alliances,
assurances) with a general game engine, real data and explicit uncertainty.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	for _, mk := range commands {
		root.AddCommand(mk())
	}
	// A malformed flag value (--samples NaN), an unknown flag or command
	// and a wrong number of arguments are bad usage: exit code 2, like
	// the checks the commands make themselves.
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &exitError{code: 2, err: err} })
	usageArgs(root)
	return root
}

// usageArgs makes every command's argument-count error a usage error.
func usageArgs(c *cobra.Command) {
	for _, sub := range c.Commands() {
		if check := sub.Args; check != nil {
			sub.Args = func(cmd *cobra.Command, args []string) error {
				if err := check(cmd, args); err != nil {
					return &exitError{code: 2, err: err}
				}
				return nil
			}
		}
		usageArgs(sub)
	}
}

// commands lists the top-level command constructors.
var commands []func() *cobra.Command

// register adds a top-level command constructor; call it from init.
func register(mk func() *cobra.Command) { commands = append(commands, mk) }

// usageError marks bad usage or bad input (exit code 2).
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// Main runs the CLI and returns the process exit code: 0 success, 1 a failed
// run, 2 bad usage or input, 130 interrupted.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := NewRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "guarantor:", err)
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return ee.code
	case strings.HasPrefix(err.Error(), "unknown command "): // cobra's, from finding the command
		return 2
	case errors.Is(err, context.Canceled):
		return 130
	default:
		return 1
	}
}
