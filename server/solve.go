package server

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/catalog"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/methods"
)

// MethodOut is one equilibrium method.
type MethodOut struct {
	Name   string `json:"name"`
	Help   string `json:"help"`
	Trees  bool   `json:"trees"`
	Tables bool   `json:"tables"`
}

// ModelOut is one model of the library with its parameters.
type ModelOut struct {
	Name    string         `json:"name"`
	Summary string         `json:"summary"`
	Params  []ModelParamIn `json:"params"`
	Example string         `json:"example" doc:"a valid assignment, key=value words"`
}

// ModelParamIn describes one model parameter.
type ModelParamIn struct {
	Name string `json:"name"`
	Doc  string `json:"doc"`
}

// compute admits synchronous solves (games, models) up to the number of
// run workers, so they cannot crowd out the machine.
func (s *Server) compute(ctx context.Context) (func(), error) {
	select {
	case s.solveSem <- struct{}{}:
		return func() { <-s.solveSem }, nil
	case <-ctx.Done():
		return nil, huma.Error503ServiceUnavailable("the server is busy solving; try again")
	}
}

func (s *Server) registerSolve() {
	type methodsOut struct {
		Body struct {
			Items []MethodOut `json:"items"`
		}
	}
	huma.Register(s.api, huma.Operation{OperationID: "list-methods", Method: http.MethodGet, Path: "/api/game/methods", Summary: "Equilibrium methods for game solve", Tags: []string{"games"}},
		func(ctx context.Context, _ *struct{}) (*methodsOut, error) {
			out := &methodsOut{}
			for _, m := range methods.All() {
				// A method that solves a tree through its reduced strategic form
				// (enummixed) takes trees too, as the command line does.
				out.Body.Items = append(out.Body.Items, MethodOut{m.Name, m.Help, m.Trees || m.ViaReducedForm, m.Tables})
			}
			return out, nil
		})

	type solveIn struct {
		Body struct {
			Name      string `json:"name,omitempty" maxLength:"100" pattern:"^[A-Za-z0-9][A-Za-z0-9._-]*$" doc:"file name, for messages (default game.efg)"`
			Content   string `json:"content" maxLength:"1048576" doc:"the game in Gambit's .efg or .nfg format"`
			Method    string `json:"method,omitempty" doc:"see /api/game/methods (default enumpure)"`
			Agent     bool   `json:"agent,omitempty" doc:"enumpure only: equilibria of the agent form"`
			Max       int    `json:"max,omitempty" minimum:"0" maximum:"1000" doc:"stop after this many equilibria (default 100)"`
			TimeoutMS int    `json:"timeout_ms,omitempty" minimum:"0" maximum:"20000" doc:"stop after this long (default 5000)"`
		}
	}
	type solveOut struct{ Body *contract.GameSolve }
	huma.Register(s.api, huma.Operation{OperationID: "game-solve", Method: http.MethodPost, Path: "/api/game/solve",
		Summary: "Solve an uploaded game (.efg/.nfg text); the document of `guarantor game solve --format json`", Tags: []string{"games"}, Security: security},
		func(ctx context.Context, in *solveIn) (*solveOut, error) {
			b := in.Body
			if b.Name == "" {
				b.Name = "game.efg"
			}
			if b.Method == "" {
				b.Method = "enumpure"
			}
			if b.Max == 0 {
				b.Max = 100
			}
			if b.TimeoutMS == 0 {
				b.TimeoutMS = 5000
			}
			m, ok := methods.Lookup(b.Method)
			if !ok {
				return nil, huma.Error422UnprocessableEntity("unknown method", &huma.ErrorDetail{Location: "body.method", Value: b.Method,
					Message: "expected one of " + strings.Join(methods.Names(), ", ")})
			}
			g, err := gambit.Parse([]byte(b.Content), b.Name)
			if err != nil {
				return nil, huma.Error422UnprocessableEntity("the game does not parse", &huma.ErrorDetail{Location: "body.content", Message: err.Error()})
			}
			release, err := s.compute(ctx)
			if err != nil {
				return nil, err
			}
			defer release()
			sctx, cancel := context.WithTimeout(ctx, time.Duration(b.TimeoutMS)*time.Millisecond)
			defer cancel()
			// Under the slot and the deadline: a tree's reduced form is bounded work.
			g, sv, err := m.PrepareContext(sctx, g, methods.Params{Agent: b.Agent, MemoryLimit: solve.DefaultMemoryLimit})
			if errors.Is(err, solve.ErrTooLarge) || (err != nil && sctx.Err() != nil) {
				return nil, huma.Error422UnprocessableEntity("the solver refused the game", &huma.ErrorDetail{Location: "body.content", Message: err.Error()})
			}
			if err != nil {
				loc := "body.method"
				if strings.Contains(err.Error(), "agent") {
					loc = "body.agent"
				}
				return nil, huma.Error422UnprocessableEntity("the method does not apply", &huma.ErrorDetail{Location: loc, Message: apiWords(err.Error())})
			}
			eqs, serr := sv.Solve(sctx, g, solve.Options{MaxEquilibria: b.Max})
			stopped := ""
			switch {
			case serr == nil:
			case errors.Is(serr, solve.ErrLimit):
				stopped = contract.StopLimit
			case errors.Is(serr, context.DeadlineExceeded):
				stopped = contract.StopTimeout
			case errors.Is(serr, solve.ErrUnsupported):
				// Not the game's fault: the method does not take this kind of
				// game (lp: not constant-sum; enummixed, lcp: not two players).
				return nil, huma.Error422UnprocessableEntity("the method does not apply", &huma.ErrorDetail{Location: "body.method", Value: b.Method, Message: serr.Error()})
			default:
				return nil, huma.Error422UnprocessableEntity("the solver refused the game", &huma.ErrorDetail{Location: "body.content", Message: serr.Error()})
			}
			doc, err := contract.FromSolve(b.Name, s.eng.Version(), g, b.Method, b.Agent, eqs, stopped)
			if err != nil {
				return nil, huma.Error500InternalServerError("could not write the result")
			}
			return &solveOut{doc}, nil
		})

	type modelsOut struct {
		Body struct {
			Items []ModelOut `json:"items"`
		}
	}
	huma.Register(s.api, huma.Operation{OperationID: "list-models", Method: http.MethodGet, Path: "/api/models", Summary: "The deterrence models and their parameters", Tags: []string{"models"}},
		func(ctx context.Context, _ *struct{}) (*modelsOut, error) {
			out := &modelsOut{}
			for _, e := range catalog.All() {
				mo := ModelOut{Name: e.Spec.Name, Summary: e.Spec.Summary, Example: e.Spec.Example, Params: []ModelParamIn{}}
				for _, p := range e.Spec.Params {
					mo.Params = append(mo.Params, ModelParamIn{p.Name, p.Meaning})
				}
				out.Body.Items = append(out.Body.Items, mo)
			}
			return out, nil
		})

	type modelIn struct {
		Name string `path:"name" maxLength:"32" pattern:"^[a-z0-9_-]+$"`
		Body struct {
			Params map[string]float64 `json:"params" doc:"parameter values by name (see /api/models)"`
		}
	}
	type modelOut struct{ Body *contract.ModelSolve }
	huma.Register(s.api, huma.Operation{OperationID: "model-solve", Method: http.MethodPost, Path: "/api/models/{name}/solve",
		Summary: "Solve a model; the document of `guarantor model solve --format json`", Tags: []string{"models"}},
		func(ctx context.Context, in *modelIn) (*modelOut, error) {
			e, err := catalog.Lookup(in.Name)
			if err != nil {
				return nil, huma.Error404NotFound(err.Error(), &huma.ErrorDetail{Location: "path.name", Value: in.Name})
			}
			if len(in.Body.Params) > 64 {
				return nil, huma.Error422UnprocessableEntity("too many parameters", &huma.ErrorDetail{Location: "body.params"})
			}
			inst, err := e.Build(models.Values(in.Body.Params))
			if err != nil {
				return nil, huma.Error422UnprocessableEntity("bad parameters", &huma.ErrorDetail{Location: "body.params", Message: err.Error()})
			}
			release, err := s.compute(ctx)
			if err != nil {
				return nil, err
			}
			defer release()
			sol, err := catalog.SolveChecked(inst)
			if err != nil {
				return nil, huma.Error422UnprocessableEntity("the model could not be solved", &huma.ErrorDetail{Location: "body.params", Message: err.Error()})
			}
			doc, err := contract.FromModelSolution(s.eng.Version(), sol)
			if err != nil {
				return nil, huma.Error500InternalServerError("could not write the result")
			}
			return &modelOut{doc}, nil
		})
}

// apiWords speaks of the request's fields where the shared method table
// speaks of the command line's flags ("--method spe needs…").
func apiWords(msg string) string {
	return strings.NewReplacer("--method ", "method ", "--agent", "agent", "--prior", "prior").Replace(msg)
}
