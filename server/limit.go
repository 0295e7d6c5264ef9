package server

import (
	"sync"
	"time"
)

// limiter is a token bucket per client key (token id or remote address).
// Buckets idle long enough to be full again are dropped.
type limiter struct {
	mu    sync.Mutex
	rate  float64 // tokens per second
	burst float64
	b     map[string]*bucket
	last  time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), b: map[string]*bucket{}}
}

// allow takes one token from key's bucket, reporting false when empty.
func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.last) > time.Minute {
		for k, b := range l.b {
			if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
				delete(l.b, k)
			}
		}
		l.last = now
	}
	b := l.b[key]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.b[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
