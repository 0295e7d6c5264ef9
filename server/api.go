package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/scenario"
	"github.com/guarantor/guarantor/store"
)

// ScenarioOut is a scenario in API answers.
type ScenarioOut struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Latest    int       `json:"latest" doc:"number of the newest version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// VersionOut is one saved version; YAML is the text exactly as saved.
type VersionOut struct {
	ScenarioID string    `json:"scenario_id"`
	Version    int       `json:"version"`
	SHA256     string    `json:"sha256"`
	Author     string    `json:"author" doc:"id of the token that saved it"`
	CreatedAt  time.Time `json:"created_at"`
	YAML       string    `json:"yaml,omitempty"`
}

// ScenarioError is one problem in a scenario text.
type ScenarioError struct {
	Line    int    `json:"line" doc:"1-based; 0 when the problem has no place in the text"`
	Col     int    `json:"col"`
	Field   string `json:"field,omitempty" doc:"dotted field path, e.g. option.guarantors[0].instruments[1].troops"`
	Message string `json:"message"`
}

// ScenarioValidation is the outcome of checking a scenario text.
type ScenarioValidation struct {
	Valid  bool            `json:"valid"`
	Option string          `json:"option,omitempty" doc:"the option's name when valid"`
	Errors []ScenarioError `json:"errors"`
}

// RunOut is a run in API answers.
type RunOut struct {
	ID            string    `json:"id"`
	Kind          string    `json:"kind" enum:"assess,backtest" doc:"assess: a scenario version's assessment; backtest: the engine scored on the server's history cases (no scenario; option holds its parameters)"`
	ScenarioID    string    `json:"scenario_id"`
	Version       int       `json:"version"`
	Option        string    `json:"option"`
	InputsHash    string    `json:"inputs_hash"`
	EngineVersion string    `json:"engine_version"`
	Seed          uint64    `json:"seed"`
	Samples       int       `json:"samples"`
	Status        string    `json:"status" enum:"queued,running,done,failed,canceled"`
	Progress      float64   `json:"progress"`
	Error         string    `json:"error,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	StartedAt     time.Time `json:"started_at,omitzero"`
	FinishedAt    time.Time `json:"finished_at,omitzero"`
	Reused        bool      `json:"reused,omitempty" doc:"true when an identical run (same inputs hash, engine version, seed, samples), done or in progress, answered this request"`
}

func scenarioOut(s store.Scenario) ScenarioOut {
	return ScenarioOut{s.ID, s.Name, s.Latest, s.CreatedAt, s.UpdatedAt}
}

func versionOut(v store.Version) VersionOut {
	return VersionOut{v.ScenarioID, v.Version, v.SHA256, v.Author, v.CreatedAt, v.YAML}
}

func runOut(r store.Run) RunOut {
	if r.Kind == store.KindBacktest {
		r.ScenarioID = "" // the reserved row is no scenario of the API
	}
	return RunOut{ID: r.ID, Kind: string(r.Kind), ScenarioID: r.ScenarioID, Version: r.Version, Option: r.Option, InputsHash: r.InputsHash,
		EngineVersion: r.EngineVersion, Seed: r.Seed, Samples: r.Samples, Status: string(r.Status), Progress: r.Progress,
		Error: r.Error, CreatedAt: r.CreatedAt, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt}
}

// storeErr maps store errors to problems; anything unexpected is a 500
// without internals.
func storeErr(err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return huma.Error404NotFound(err.Error())
	case errors.Is(err, store.ErrConflict):
		return huma.Error409Conflict(err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return huma.Error503ServiceUnavailable("the request took too long")
	}
	return huma.Error500InternalServerError("database error")
}

func badID(loc, id string) error {
	return huma.Error404NotFound("no such "+strings.TrimPrefix(loc, "path."), &huma.ErrorDetail{Location: loc, Value: id, Message: "not an identifier"})
}

// check validates a scenario text. A Job comes back when it is valid.
func (s *Server) check(ctx context.Context, name string, text string) (Job, ScenarioValidation) {
	job, err := s.eng.Prepare(name+".yaml", []byte(text), s.resolver(ctx))
	if err == nil {
		return job, ScenarioValidation{Valid: true, Option: job.Option(), Errors: []ScenarioError{}}
	}
	return nil, ScenarioValidation{Errors: scenarioErrors(err)}
}

func scenarioErrors(err error) []ScenarioError {
	var list scenario.ErrorList
	var one *scenario.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = scenario.ErrorList{one}
	default:
		return []ScenarioError{{Message: err.Error()}}
	}
	out := make([]ScenarioError, 0, len(list))
	for _, e := range list {
		out = append(out, ScenarioError{Line: e.Pos.Line, Col: e.Pos.Col, Field: e.Field, Message: e.Msg})
	}
	return out
}

// resolver looks up extends: bases among stored scenarios by name.
func (s *Server) resolver(ctx context.Context) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		sc, err := s.st.ScenarioByName(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("no stored scenario named %q", name)
		}
		v, err := s.st.GetVersion(ctx, sc.ID, 0)
		if err != nil {
			return nil, err
		}
		return []byte(v.YAML), nil
	}
}

func authorOf(ctx context.Context) string {
	if t := tokenOf(ctx); t != nil {
		return t.ID
	}
	return ""
}

type pageIn struct {
	After string `query:"after" maxLength:"26" doc:"cursor: the next value of the previous page"`
	Limit int    `query:"limit" minimum:"0" maximum:"200" doc:"items per page (default 50)"`
}

func (p pageIn) page() (store.Page, error) {
	if p.After != "" && !store.ValidID(p.After) {
		return store.Page{}, huma.Error422UnprocessableEntity("bad cursor", &huma.ErrorDetail{Location: "query.after", Value: p.After, Message: "not a cursor from a previous page"})
	}
	return store.Page{After: p.After, Limit: p.Limit}, nil
}

var security = []map[string][]string{{"bearer": {}}}

func (s *Server) registerAPI() {
	api := s.api
	huma.Register(api, huma.Operation{OperationID: "health", Method: http.MethodGet, Path: "/healthz", Summary: "Liveness and the engine version", Tags: []string{"meta"}},
		func(ctx context.Context, _ *struct{}) (*struct {
			Body struct {
				OK      bool   `json:"ok"`
				Version string `json:"version"`
			}
		}, error) {
			out := &struct {
				Body struct {
					OK      bool   `json:"ok"`
					Version string `json:"version"`
				}
			}{}
			out.Body.OK, out.Body.Version = true, s.eng.Version()
			return out, nil
		})

	type listScenariosOut struct {
		Body struct {
			Items []ScenarioOut `json:"items"`
			Next  string        `json:"next,omitempty"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "list-scenarios", Method: http.MethodGet, Path: "/api/scenarios", Summary: "List scenarios, newest first", Tags: []string{"scenarios"}},
		func(ctx context.Context, in *pageIn) (*listScenariosOut, error) {
			p, err := in.page()
			if err != nil {
				return nil, err
			}
			list, next, err := s.st.ListScenarios(ctx, p)
			if err != nil {
				return nil, storeErr(err)
			}
			out := &listScenariosOut{}
			out.Body.Items, out.Body.Next = make([]ScenarioOut, 0, len(list)), next
			for _, sc := range list {
				out.Body.Items = append(out.Body.Items, scenarioOut(sc))
			}
			return out, nil
		})

	type savedOut struct {
		Body struct {
			Scenario           ScenarioOut        `json:"scenario"`
			Version            VersionOut         `json:"version"`
			ScenarioValidation ScenarioValidation `json:"validation" doc:"the saved text's check; invalid texts are saved too, so no work is lost, but cannot be run"`
		}
	}
	// saved answers a save: the scenario, the new version without its
	// text (the client sent it), and the text's check.
	saved := func(sc store.Scenario, v store.Version, val ScenarioValidation) *savedOut {
		out := &savedOut{}
		out.Body.Scenario, out.Body.Version, out.Body.ScenarioValidation = scenarioOut(sc), versionOut(v), val
		out.Body.Version.YAML = ""
		return out
	}
	type createIn struct {
		Body struct {
			Name string `json:"name" pattern:"^[A-Za-z0-9][A-Za-z0-9._-]*$" maxLength:"100" doc:"unique; letters, digits, '.', '_', '-'"`
			YAML string `json:"yaml" maxLength:"1048576" doc:"the scenario text (docs/scenario.md), kept verbatim"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "create-scenario", Method: http.MethodPost, Path: "/api/scenarios", Summary: "Create a scenario with its first version",
		Tags: []string{"scenarios"}, DefaultStatus: http.StatusCreated, Security: security, MaxBodyBytes: s.cfg.MaxBodyBytes},
		func(ctx context.Context, in *createIn) (*savedOut, error) {
			_, val := s.check(ctx, in.Body.Name, in.Body.YAML)
			sc, v, err := s.st.CreateScenario(ctx, in.Body.Name, in.Body.YAML, authorOf(ctx))
			if err != nil {
				return nil, storeErr(err)
			}
			return saved(sc, v, val), nil
		})

	type idIn struct {
		ID string `path:"id" maxLength:"26"`
	}
	type getScenarioOut struct {
		Body struct {
			Scenario ScenarioOut `json:"scenario"`
			Version  VersionOut  `json:"version" doc:"the latest version, with its text"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "get-scenario", Method: http.MethodGet, Path: "/api/scenarios/{id}", Summary: "A scenario and its latest text", Tags: []string{"scenarios"}},
		func(ctx context.Context, in *idIn) (*getScenarioOut, error) {
			if !store.ValidID(in.ID) {
				return nil, badID("path.id", in.ID)
			}
			sc, err := s.st.GetScenario(ctx, in.ID)
			if err != nil {
				return nil, storeErr(err)
			}
			v, err := s.st.GetVersion(ctx, in.ID, 0)
			if err != nil {
				return nil, storeErr(err)
			}
			out := &getScenarioOut{}
			out.Body.Scenario, out.Body.Version = scenarioOut(sc), versionOut(v)
			return out, nil
		})

	type saveIn struct {
		ID   string `path:"id" maxLength:"26"`
		Body struct {
			YAML string `json:"yaml" maxLength:"1048576"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "save-version", Method: http.MethodPost, Path: "/api/scenarios/{id}/versions", Summary: "Save a new version (never overwrites)",
		Tags: []string{"scenarios"}, DefaultStatus: http.StatusCreated, Security: security},
		func(ctx context.Context, in *saveIn) (*savedOut, error) {
			if !store.ValidID(in.ID) {
				return nil, badID("path.id", in.ID)
			}
			sc, err := s.st.GetScenario(ctx, in.ID)
			if err != nil {
				return nil, storeErr(err)
			}
			_, val := s.check(ctx, sc.Name, in.Body.YAML)
			v, err := s.st.SaveVersion(ctx, in.ID, in.Body.YAML, authorOf(ctx))
			if err != nil {
				return nil, storeErr(err)
			}
			sc.Latest = v.Version
			return saved(sc, v, val), nil
		})

	type versionsIn struct {
		ID     string `path:"id" maxLength:"26"`
		Before int    `query:"before" minimum:"0" doc:"versions older than this number (paging)"`
		Limit  int    `query:"limit" minimum:"0" maximum:"200"`
	}
	type versionsOut struct {
		Body struct {
			Items []VersionOut `json:"items"`
			Next  int          `json:"next,omitempty" doc:"pass as before= for the next page"`
		}
	}
	huma.Register(api, huma.Operation{OperationID: "list-versions", Method: http.MethodGet, Path: "/api/scenarios/{id}/versions", Summary: "A scenario's versions, newest first (without text)", Tags: []string{"scenarios"}},
		func(ctx context.Context, in *versionsIn) (*versionsOut, error) {
			if !store.ValidID(in.ID) {
				return nil, badID("path.id", in.ID)
			}
			if _, err := s.st.GetScenario(ctx, in.ID); err != nil {
				return nil, storeErr(err)
			}
			lim := in.Limit
			if lim <= 0 {
				lim = 50
			}
			vs, err := s.st.Versions(ctx, in.ID, in.Before, lim)
			if err != nil {
				return nil, storeErr(err)
			}
			out := &versionsOut{}
			out.Body.Items = make([]VersionOut, 0, len(vs))
			for _, v := range vs {
				out.Body.Items = append(out.Body.Items, versionOut(v))
			}
			if len(vs) == lim && vs[len(vs)-1].Version > 1 {
				out.Body.Next = vs[len(vs)-1].Version
			}
			return out, nil
		})

	type versionIn struct {
		ID      string `path:"id" maxLength:"26"`
		Version int    `path:"version" minimum:"1"`
	}
	type versionOutBody struct{ Body VersionOut }
	huma.Register(api, huma.Operation{OperationID: "get-version", Method: http.MethodGet, Path: "/api/scenarios/{id}/versions/{version}", Summary: "One version with its text", Tags: []string{"scenarios"}},
		func(ctx context.Context, in *versionIn) (*versionOutBody, error) {
			if !store.ValidID(in.ID) {
				return nil, badID("path.id", in.ID)
			}
			v, err := s.st.GetVersion(ctx, in.ID, in.Version)
			if err != nil {
				return nil, storeErr(err)
			}
			return &versionOutBody{versionOut(v)}, nil
		})

	type validateIn struct {
		Body struct {
			Name string `json:"name,omitempty" maxLength:"100" doc:"file name used in positions (default scenario)"`
			YAML string `json:"yaml" maxLength:"1048576"`
		}
	}
	type validateOut struct{ Body ScenarioValidation }
	huma.Register(api, huma.Operation{OperationID: "validate-scenario", Method: http.MethodPost, Path: "/api/validate", Summary: "Check a scenario text; errors come with line:col and the field path",
		Tags: []string{"scenarios"}},
		func(ctx context.Context, in *validateIn) (*validateOut, error) {
			name := in.Body.Name
			if name == "" {
				name = "scenario"
			}
			_, val := s.check(ctx, name, in.Body.YAML)
			return &validateOut{val}, nil
		})

	s.registerRuns()
	s.registerData()
	s.registerSolve()
	s.registerBacktest()
}
