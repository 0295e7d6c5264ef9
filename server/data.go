package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guarantor/guarantor/contract"
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

// tableRows selects rows of an embedded table (conditions COLUMN OP VALUE,
// a year range), returns them as JSON objects with the columns in table
// order (numbers as numbers, missing cells null), offset and limit
// applied, with the total count.
func tableRows(name string, where []string, years string, offset, limit int) (*evidence.Table, json.RawMessage, int, error) {
	t, err := evidence.Load(name)
	if err != nil {
		return nil, nil, 0, huma.Error404NotFound(err.Error(), &huma.ErrorDetail{Location: "path.table", Value: name})
	}
	var conds []evidence.Cond
	for i, w := range where {
		c, err := evidence.ParseWhere(w)
		if err != nil {
			return nil, nil, 0, huma.Error422UnprocessableEntity("bad condition", &huma.ErrorDetail{Location: "query.where[" + strconv.Itoa(i) + "]", Value: w, Message: err.Error()})
		}
		conds = append(conds, c)
	}
	var yr *evidence.Years
	if years != "" {
		y, err := evidence.ParseYears(years)
		if err != nil {
			return nil, nil, 0, huma.Error422UnprocessableEntity("bad years", &huma.ErrorDetail{Location: "query.years", Value: years, Message: err.Error()})
		}
		yr = &y
	}
	rows, err := t.Select(conds, yr)
	if err != nil {
		return nil, nil, 0, huma.Error422UnprocessableEntity("bad condition", &huma.ErrorDetail{Location: "query.where", Message: err.Error()})
	}
	total := len(rows)
	rows = rows[min(offset, len(rows)):]
	rows = rows[:min(limit, len(rows))]
	b := []byte{'['}
	for k, i := range rows {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		for j := range t.Cols {
			c := &t.Cols[j]
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, c.Name)
			b = append(b, ':')
			switch v := c.Text(i); {
			case v == "":
				b = append(b, "null"...)
			case c.Str == nil:
				b = append(b, v...)
			default:
				q, _ := json.Marshal(v)
				b = append(b, q...)
			}
		}
		b = append(b, '}')
	}
	return t, append(b, ']'), total, nil
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
	type showIn struct {
		Table  string   `path:"table" maxLength:"64" pattern:"^[A-Za-z0-9_.-]+$"`
		Where  []string `query:"where,explode" maxItems:"8" doc:"COLUMN OP VALUE (OP one of = != < <= > >=), repeat for AND; on ccode columns a country name or COW abbreviation works too"`
		Years  string   `query:"years" maxLength:"20" doc:"2014, 2010:2022, 2010: or :1945"`
		Offset int      `query:"offset" minimum:"0"`
		Limit  int      `query:"limit" minimum:"0" maximum:"1000" doc:"rows (default 100)"`
	}
	type showOut struct {
		Body struct {
			*contract.Data
			Total int `json:"total" doc:"rows matching, before offset and limit"`
		}
	}
	huma.Register(s.api, huma.Operation{OperationID: "show-data", Method: http.MethodGet, Path: "/api/data/{table}", Summary: "Rows of an embedded table; the document of `guarantor data show --format json`", Tags: []string{"data"}},
		func(ctx context.Context, in *showIn) (*showOut, error) {
			if in.Limit == 0 {
				in.Limit = 100
			}
			t, raw, total, err := tableRows(in.Table, in.Where, in.Years, in.Offset, in.Limit)
			if err != nil {
				return nil, err
			}
			var refs []contract.DatasetRef
			if d, err := evidence.DatasetOf(t.Name); err == nil {
				refs = append(refs, contract.DatasetRef{Name: d.Name, Version: d.Version})
			}
			cmd := "data show " + t.Name
			for _, w := range in.Where {
				cmd += " --where=" + w
			}
			if in.Years != "" {
				cmd += " --years=" + in.Years
			}
			doc, err := contract.NewData(s.eng.Version(), cmd, refs, raw)
			if err != nil {
				return nil, huma.Error500InternalServerError("could not write the rows")
			}
			out := &showOut{}
			out.Body.Data, out.Body.Total = doc, total
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
