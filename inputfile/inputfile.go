// Package inputfile reads a user's input file with bounded work: only
// regular files are read (a device such as /dev/zero or a FIFO would
// block or never end), and only up to a size cap, so that a wrong path
// fails at once with a message naming the file instead of hanging or
// exhausting memory.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxScenarioBytes caps a scenario file. The largest shipped scenario is
// a few kB; 4 MiB leaves three orders of magnitude for generated files
// while keeping YAML parsing (several times the text in memory) small.
const MaxScenarioBytes = 4 << 20

// MaxGameBytes caps a Gambit .efg/.nfg file. A million-node tree, the
// largest the engine is benchmarked on, is about 60 MB in Gambit's format.
const MaxGameBytes = 256 << 20

// MaxProfileBytes caps a profile file (game check --profile).
const MaxProfileBytes = 16 << 20

// ErrTooLarge and ErrNotRegular are wrapped by Read's refusals.
var (
	ErrTooLarge   = errors.New("file too large")
	ErrNotRegular = errors.New("not a regular file")
)

// Read returns the contents of the regular file name, refusing devices,
// FIFOs, sockets, directories and files over limit bytes. Errors are *os.PathError values naming
// the file.
func Read(name string, limit int64) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := check(name, st, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Check the opened file too: the path may have changed since Stat.
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := check(name, st, limit); err != nil {
		return nil, err
	}
	// A file that grows while we read is cut at limit+1 bytes and refused.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &os.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: more than %s (the limit)", ErrTooLarge, size(limit))}
	}
	return data, nil
}

// check refuses what Read does not read, as an *os.PathError so that
// callers that print the path themselves can take the reason alone.
func check(name string, st os.FileInfo, limit int64) error {
	if err := reason(st, limit); err != nil {
		return &os.PathError{Op: "read", Path: name, Err: err}
	}
	return nil
}

func reason(st os.FileInfo, limit int64) error {
	m := st.Mode()
	switch {
	case m.IsDir():
		return fmt.Errorf("%w: a directory", ErrNotRegular)
	case m&os.ModeNamedPipe != 0:
		return fmt.Errorf("%w: a named pipe (FIFO); save the input to a file first", ErrNotRegular)
	case m&os.ModeDevice != 0:
		return fmt.Errorf("%w: a device", ErrNotRegular)
	case !m.IsRegular():
		return fmt.Errorf("%w (mode %v)", ErrNotRegular, m.Type())
	case st.Size() > limit:
		return fmt.Errorf("%w: %s, over the limit of %s", ErrTooLarge, size(st.Size()), size(limit))
	}
	return nil
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}
