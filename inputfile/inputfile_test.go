package inputfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.yaml")
	os.WriteFile(ok, []byte("name: x\n"), 0o644)
	if b, err := Read(ok, 8); err != nil || string(b) != "name: x\n" {
		t.Fatalf("read %q %v", b, err)
	}
	if _, err := Read(ok, 7); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), ok) {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := Read(dir, 100); !errors.Is(err, ErrNotRegular) {
		t.Errorf("directory: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Read("/dev/zero", 100); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "/dev/zero") {
			t.Errorf("/dev/zero: %v", err)
		}
	}
	fifo := filepath.Join(dir, "fifo")
	if syscall.Mkfifo(fifo, 0o644) == nil {
		// Opening a FIFO with no writer would block: Read must refuse it
		// from its mode, before opening.
		if _, err := Read(fifo, 100); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("fifo: %v", err)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing"), 100); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}

// FuzzRead: any content and limit; Read returns the content exactly when
// it fits the limit and ErrTooLarge otherwise.
func FuzzRead(f *testing.F) {
	f.Add([]byte("name: x\n"), int64(8))
	f.Add([]byte{}, int64(0))
	f.Add([]byte("abc"), int64(-1))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, content []byte, limit int64) {
		limit %= 1 << 20
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := Read(p, limit)
		if int64(len(content)) > limit {
			if !errors.Is(err, ErrTooLarge) || b != nil {
				t.Fatalf("%d bytes, limit %d: %v", len(content), limit, err)
			}
			return
		}
		if err != nil || !bytes.Equal(b, content) {
			t.Fatalf("%d bytes, limit %d: %v", len(content), limit, err)
		}
	})
}
