package cli

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// bar is the CLI's one progress bar, drawn on stderr when stderr is a
// terminal and the user did not ask for quiet; library packages report
// progress through callbacks and this turns them into a bar. It appears
// only after half a second, so quick runs stay clean.
type bar struct {
	mu    sync.Mutex
	w     io.Writer
	pb    *progressbar.ProgressBar
	on    bool
	start time.Time
}

func newBar(w io.Writer, quiet bool) *bar {
	f, ok := w.(*os.File)
	return &bar{w: w, on: !quiet && ok && term.IsTerminal(int(f.Fd())), start: time.Now()}
}

// set shows done of total (total <= 0: unknown, a spinner) under desc.
func (b *bar) set(desc string, done, total int64) {
	if b == nil || !b.on {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.pb == nil {
		if time.Since(b.start) < 500*time.Millisecond {
			return
		}
		if total <= 0 {
			total = -1
		}
		b.pb = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(b.w),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	b.pb.Describe(desc)
	_ = b.pb.Set64(done)
}

func (b *bar) done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.pb != nil {
		_ = b.pb.Finish()
		_ = b.pb.Clear()
	}
}
