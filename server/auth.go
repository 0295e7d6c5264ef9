package server

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/guarantor/guarantor/store"
)

// cookieName holds a browser's token (HttpOnly, SameSite=Strict).
const cookieName = "guarantor_token"

type ctxKey int

const tokenKey ctxKey = 0

// tokenOf returns the request's authenticated token, or nil.
func tokenOf(ctx context.Context) *store.Token {
	t, _ := ctx.Value(tokenKey).(*store.Token)
	return t
}

// csrfFor is the CSRF token for a browser session: an HMAC of the token
// id under the server's key, so it needs no storage and a page from
// another origin cannot compute it.
func (s *Server) csrfFor(t *store.Token) string {
	if t == nil {
		return ""
	}
	m := hmac.New(sha256.New, s.cfg.Key)
	m.Write([]byte("csrf:" + t.ID))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// clientKey names the client for rate limits.
func clientKey(r *http.Request, t *store.Token) string {
	if t != nil {
		return "t:" + t.ID
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "a:" + host
}

// isAPIDoc reports whether path is API documentation: the OpenAPI
// document in its forms, its schemas and the /docs page. They describe
// the API and hold no data, so a server without --public serves them to
// anyone: a client needs them to learn how to send its token.
func isAPIDoc(p string) bool {
	switch p {
	case "/docs", "/openapi.json", "/openapi.yaml", "/openapi-3.0.json", "/openapi-3.0.yaml":
		return true
	}
	return strings.HasPrefix(p, "/schemas/")
}

func isRead(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// problem writes an RFC 9457 problem document.
func problem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"title": http.StatusText(status), "status": status, "detail": detail})
}

// middleware applies, in order: security headers, the body size cap,
// authentication, the access rule (reads open with --public, writes need
// a token, browser writes need the CSRF token), the per-client rate
// limits (reads, validation, writes) and
// the request timeout.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		}
		api := strings.HasPrefix(r.URL.Path, "/api/")
		// The API speaks JSON only; "curl -d" labels its body as a form.
		// Reading it as JSON is safe: a cross-site form cannot carry the
		// bearer token, and cookie writes need the CSRF header.
		if ct := r.Header.Get("Content-Type"); api && (ct == "" || ct == "application/x-www-form-urlencoded") && r.ContentLength != 0 {
			r.Header.Set("Content-Type", "application/json")
		}
		var tok *store.Token
		viaCookie := false
		if a := r.Header.Get("Authorization"); a != "" {
			secret, ok := strings.CutPrefix(a, "Bearer ")
			t, err := s.st.CheckToken(r.Context(), strings.TrimSpace(secret))
			if !ok || err != nil {
				problem(w, http.StatusUnauthorized, "invalid or revoked token")
				return
			}
			tok = &t
		} else if c, err := r.Cookie(cookieName); err == nil {
			if t, err := s.st.CheckToken(r.Context(), c.Value); err == nil {
				tok, viaCookie = &t, true
			}
		}
		// Validation and model solves keep nothing: they are reads sent as POST.
		read := isRead(r.Method) || r.URL.Path == "/api/validate" || r.URL.Path == "/ui/validate" ||
			strings.HasPrefix(r.URL.Path, "/api/models/") && strings.HasSuffix(r.URL.Path, "/solve")
		open := r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/login" || r.URL.Path == "/logout" ||
			isRead(r.Method) && isAPIDoc(r.URL.Path)
		if !open {
			switch {
			case read && tok == nil && !s.cfg.Public:
				if api {
					problem(w, http.StatusUnauthorized, "reads need a token on this server (it was started without --public)")
				} else {
					http.Redirect(w, r, "/login", http.StatusSeeOther)
				}
				return
			case !read && tok == nil:
				problem(w, http.StatusUnauthorized, "writes need a token: Authorization: Bearer gt_... (guarantor token create)")
				return
			case !read && viaCookie:
				got := r.Header.Get("X-CSRF-Token")
				if got == "" && !api {
					got = r.PostFormValue("csrf")
				}
				if !hmac.Equal([]byte(got), []byte(s.csrfFor(tok))) {
					problem(w, http.StatusForbidden, "missing or wrong CSRF token")
					return
				}
			}
		}
		// Each client (token, else address) has three budgets: reads;
		// validation as you type, larger, as an editor sends one request
		// per pause in typing; and writes. Health checks and static assets
		// are exempt: probes and page loads must not fail on a budget.
		lim, kind := s.limit, "write"
		switch {
		case isRead(r.Method):
			lim, kind = s.rlimit, "read"
		case strings.HasSuffix(r.URL.Path, "/validate"):
			lim, kind = s.vlimit, "validation"
		}
		exempt := r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, "/static/")
		if !exempt && !lim.allow(clientKey(r, tok), time.Now()) {
			w.Header().Set("Retry-After", "1")
			problem(w, http.StatusTooManyRequests, "too many "+kind+" requests; slow down")
			return
		}
		ctx := r.Context()
		if tok != nil {
			ctx = context.WithValue(ctx, tokenKey, tok)
		}
		if !strings.HasSuffix(r.URL.Path, "/events") {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, s.cfg.RequestTimeout)
			defer cancel()
		}
		if api && r.Body != nil && r.ContentLength != 0 && strings.Contains(r.Header.Get("Content-Type"), "json") {
			// JSON is UTF-8 (RFC 8259); the decoder would turn invalid bytes
			// into U+FFFD and a scenario would be stored with text its
			// author never sent, so such a body is refused, with where.
			body, err := io.ReadAll(r.Body)
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					problem(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is too large (limit %d bytes)", tooBig.Limit))
				} else {
					problem(w, http.StatusBadRequest, "cannot read the request body: "+err.Error())
				}
				return
			}
			if off := invalidUTF8(body); off >= 0 {
				problem(w, http.StatusBadRequest, fmt.Sprintf("request body is not valid UTF-8 (byte %d); JSON text must be UTF-8", off+1))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
