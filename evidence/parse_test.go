package evidence

import (
	"math"
	"strings"
	"testing"
)

func TestParseCSV(t *testing.T) {
	tab, err := ParseCSV(strings.NewReader("a,b,c\n1,x,\n2.5,y,NA\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := tab.Col("a")
	b, _ := tab.Col("b")
	c, _ := tab.Col("c")
	if !a.IsNumeric() || a.Num[1] != 2.5 || b.IsNumeric() || b.Str[1] != "y" || !math.IsNaN(c.Num[0]) || c.Text(1) != "" {
		t.Errorf("typed columns wrong: %+v %+v %+v", a, b, c)
	}
	bad := []struct{ in, want string }{
		{"", "t.csv:1:1"},
		{"a,,c\n", "t.csv:1:2"},
		{"a,a\n", "t.csv:1:2: duplicate"},
		{"a,b\n1,2\n3\n", "t.csv:3:"},
		{"a,b\n\"x,2\n", "t.csv:2:"},
	}
	for _, c := range bad {
		_, err := ParseCSV(strings.NewReader(c.in), "t.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.in, err, c.want)
		}
	}
}

func TestParseWhereYears(t *testing.T) {
	good := map[string]Cond{
		"ccode=365": {"ccode", "=", "365"}, "year>=2010": {"year", ">=", "2010"}, "x != a b": {"x", "!=", "a b"},
		"cinc<0.1": {"cinc", "<", "0.1"},
	}
	for in, want := range good {
		if got, err := ParseWhere(in); err != nil || got != want {
			t.Errorf("ParseWhere(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "ccode", "=3", "ccode=", "a<=>b"} {
		if _, err := ParseWhere(in); err == nil {
			t.Errorf("ParseWhere(%q) accepted", in)
		}
	}
	years := map[string]Years{"2014": {2014, 2014, false, false}, "2010:2022": {2010, 2022, false, false},
		"2010:": {2010, 0, false, true}, ":1945": {0, 1945, true, false}}
	for in, want := range years {
		if got, err := ParseYears(in); err != nil || got != want {
			t.Errorf("ParseYears(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", ":", "2022:2010", "abc", "20x4", "1:2:3", "99999"} {
		if _, err := ParseYears(in); err == nil {
			t.Errorf("ParseYears(%q) accepted", in)
		}
	}
}

func TestLookupCountry(t *testing.T) {
	for q, want := range map[string]int{"365": 365, "RUS": 365, "russia": 365, "USSR": 365, "Ukr": 369,
		"UKR": 369, "United Kingdom": 200, "uk": 200, "Korea": 730, "US": 2} {
		c, err := LookupCountry(q)
		if err != nil || c.CCode != want {
			t.Errorf("LookupCountry(%q) = %d, %v; want %d", q, c.CCode, err, want)
		}
	}
	for _, q := range []string{"South", "Atlantis", "1001", "365.5", ""} {
		if _, err := LookupCountry(q); err == nil {
			t.Errorf("LookupCountry(%q) accepted", q)
		}
	}
	ukr, _ := LookupCountry("Ukraine")
	if !ukr.InSystem(1992) || ukr.InSystem(1950) {
		t.Error("Ukraine's system membership spells are wrong")
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add("a,b\n1,2\n")
	f.Add("x\n\"q\"\"\",\n")
	f.Add("a,b\n1\n")
	f.Fuzz(func(t *testing.T, s string) {
		tab, err := ParseCSV(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, c := range tab.Cols {
			n := len(c.Num) + len(c.Str)
			if n != tab.Rows {
				t.Fatalf("column %s has %d cells, table %d rows", c.Name, n, tab.Rows)
			}
		}
	})
}

func FuzzParseWhere(f *testing.F) {
	for _, s := range []string{"ccode=365", "year>=2010", "a!=b", "<", "x<=>y"} {
		f.Add(s)
	}
	tab, _ := Load("cow_nmc")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseWhere(s)
		if err != nil {
			return
		}
		if c.Col == "" || c.Val == "" {
			t.Fatalf("%q parsed to empty parts %+v", s, c)
		}
		_, _ = tab.Select([]Cond{c}, nil) // must not panic
	})
}

func FuzzParseYears(f *testing.F) {
	for _, s := range []string{"2014", "2010:2022", ":1945", "2010:", "a:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y, err := ParseYears(s)
		if err != nil {
			return
		}
		if !y.OpenFrom && !y.OpenTo && y.From > y.To {
			t.Fatalf("%q gave an empty range %+v", s, y)
		}
		if !y.OpenFrom && !y.Contains(float64(y.From)) {
			t.Fatalf("%q: range does not contain its start", s)
		}
	})
}
