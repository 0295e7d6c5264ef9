package server

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/evidence"
)

// TableOut describes one embedded table.
type TableOut struct {
	Table   string `json:"table"`
	Dataset string `json:"dataset"`
	Version string `json:"version"`
	Years   string `json:"years"`
	Row     string `json:"row" doc:"what one row is"`
	Licence string `json:"licence"`
}

// CitationOut is how to cite a dataset.
type CitationOut struct {
	Dataset  string `json:"dataset"`
	Title    string `json:"title"`
	Version  string `json:"version"`
	Years    string `json:"years"`
	Citation string `json:"citation"`
	Licence  string `json:"licence"`
}

func (s *Server) registerData() {
	type listOut struct {
		Body struct {
			Items []TableOut `json:"items"`
		}
	}
	huma.Register(s.api, huma.Operation{OperationID: "list-data", Method: http.MethodGet, Path: "/api/data", Summary: "The embedded tables with dataset, version and years", Tags: []string{"data"}},
		func(ctx context.Context, _ *struct{}) (*listOut, error) {
			out := &listOut{}
			for _, t := range evidence.Tables() {
				ds, err := evidence.DatasetOf(t.Dataset)
				if err != nil {
					return nil, huma.Error500InternalServerError("dataset table")
				}
				out.Body.Items = append(out.Body.Items, TableOut{t.Name, ds.Name, ds.Version, ds.Years, t.Summary, ds.Licence})
			}
			return out, nil
		})
	type citeIn struct {
		Name string `path:"name" maxLength:"64" pattern:"^[A-Za-z0-9_.-]+$"`
	}
	type citeOut struct{ Body CitationOut }
	huma.Register(s.api, huma.Operation{OperationID: "cite-data", Method: http.MethodGet, Path: "/api/data/{name}/cite", Summary: "How to cite a dataset (or the dataset of a table)", Tags: []string{"data"}},
		func(ctx context.Context, in *citeIn) (*citeOut, error) {
			ds, err := evidence.DatasetOf(in.Name)
			if err != nil {
				return nil, huma.Error404NotFound(err.Error(), &huma.ErrorDetail{Location: "path.name", Value: in.Name})
			}
			return &citeOut{CitationOut{ds.Name, ds.Title, ds.Version, ds.Years, ds.Citation, ds.Licence}}, nil
		})
}
