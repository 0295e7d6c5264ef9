package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/store"
)

// maxEchoBytes bounds the offending value an error echoes back: huma puts
// the whole value in errors[].value, so a 1 MiB scenario text over the
// limit came back as a 1.5 MB error. The location and message say what is
// wrong; the start of the value is enough to recognise it.
const maxEchoBytes = 256

func init() {
	base := huma.NewError
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		se := base(status, msg, errs...)
		if em, ok := se.(*huma.ErrorModel); ok {
			for _, d := range em.Errors {
				if d != nil {
					plainUnmarshalError(d)
					d.Value = clipValue(d.Value)
				}
			}
		}
		return se
	}
}

// clipValue shortens a long string to its first maxEchoBytes bytes (whole
// runes) and replaces any other value whose JSON is longer by a note of its
// size.
func clipValue(v any) any {
	if s, ok := v.(string); ok {
		if len(s) <= maxEchoBytes {
			return s
		}
		cut := maxEchoBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%s… (%d bytes in all)", s[:cut], len(s))
	}
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil || len(b) > maxEchoBytes {
		return fmt.Sprintf("(a value of %d bytes, not repeated here)", len(b))
	}
	return v
}

// goUnmarshal matches encoding/json's type errors, which huma passes on with
// the location "body" and Go's words ("Go struct field .seed of type
// uint64") when a value passes the schema but not the Go type: an integer
// written 1e5, or one beyond 64 bits.
var goUnmarshal = regexp.MustCompile(`^json: cannot unmarshal (\w+)(?: (\S+))? into Go struct field (\S*) of type (\S+)$`)

// plainUnmarshalError rewrites such an error to name the field
// ("body.seed") and say what is expected in the API's terms.
func plainUnmarshalError(d *huma.ErrorDetail) {
	m := goUnmarshal.FindStringSubmatch(d.Message)
	if m == nil || d.Location != "body" {
		return
	}
	field := m[3]
	if i := strings.IndexByte(field, '.'); i >= 0 {
		field = field[i+1:] // drop the Go struct's name
	}
	if field != "" {
		d.Location = "body." + field
	}
	want := "a value of type " + m[4]
	switch m[4] {
	case "int", "int64":
		want = "an integer from -2^63 to 2^63-1 written without a fraction or exponent"
	case "int32":
		want = "an integer from -2^31 to 2^31-1 written without a fraction or exponent"
	case "uint64", "uint":
		want = "an integer from 0 to 2^64-1 written without a fraction or exponent"
	case "uint32":
		want = "an integer from 0 to 2^32-1 written without a fraction or exponent"
	case "float64", "float32":
		want = "a number"
	case "string":
		want = "a string"
	case "bool":
		want = "true or false"
	}
	d.Message = "expected " + want
	if m[2] != "" {
		d.Value = m[2]
	} else {
		d.Value = m[1]
	}
}

// apiProblems makes every error under /api/ a problem document: the router
// answers an unknown path or method in plain text ("404 page not found"),
// and the event stream of a run that does not exist used to answer 200
// with a "failed" event, which a client cannot tell from a run that failed.
func (s *Server) apiProblems(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		if id, ok := eventsRunID(r); ok {
			if !store.ValidID(id) {
				problem(w, http.StatusNotFound, "no such run: the identifier is malformed")
				return
			}
			if _, err := s.st.GetRun(r.Context(), id); errors.Is(err, store.ErrNotFound) {
				problem(w, http.StatusNotFound, "no such run")
				return
			}
		}
		next.ServeHTTP(&plainToProblem{ResponseWriter: w, path: r.URL.Path, method: r.Method}, r)
	})
}

// eventsRunID returns the id of GET /api/runs/{id}/events.
func eventsRunID(r *http.Request) (string, bool) {
	if r.Method != http.MethodGet {
		return "", false
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/runs/")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/events")
	return id, ok && !strings.Contains(id, "/")
}

// plainToProblem turns the router's plain-text 404 and 405 into problem
// documents; every other answer passes through untouched.
type plainToProblem struct {
	http.ResponseWriter
	path, method string
	swallow      bool
}

func (p *plainToProblem) WriteHeader(code int) {
	if (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) &&
		strings.HasPrefix(p.Header().Get("Content-Type"), "text/plain") {
		p.swallow = true
		p.Header().Del("Content-Length")
		detail := "no such API path: " + p.path + " (see /docs)"
		if code == http.StatusMethodNotAllowed {
			detail = p.method + " is not allowed on " + p.path + "; allowed: " + p.Header().Get("Allow")
		}
		problem(p.ResponseWriter, code, detail)
		return
	}
	p.ResponseWriter.WriteHeader(code)
}

func (p *plainToProblem) Write(b []byte) (int, error) {
	if p.swallow {
		return len(b), nil
	}
	return p.ResponseWriter.Write(b)
}

// Flush keeps event streams flowing through the wrapper.
func (p *plainToProblem) Flush() {
	if f, ok := p.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (p *plainToProblem) Unwrap() http.ResponseWriter { return p.ResponseWriter }

// downloadName is the Content-Disposition of a run's file: shown in the
// browser (inline) but saved as guarantor-OPTION-RUN-WHAT.EXT, e.g.
// guarantor-us-tripwire-7-000-06h5504i-deterrence.png; without it a saved
// chart was called "deterrence" and a report "pdf", with no extension.
func downloadName(r store.Run, what, ext string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(r.Option) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = string(r.Kind)
	}
	id := r.ID
	if len(id) > 8 {
		id = id[:8]
	}
	return fmt.Sprintf(`inline; filename="guarantor-%s-%s-%s.%s"`, slug, id, what, ext)
}
