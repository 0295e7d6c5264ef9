package uncertainty

import (
	"encoding/json"
	"testing"
)

func TestMarshalJSON(t *testing.T) {
	cases := []struct {
		d    Dist
		want string
	}{
		{PointDist(3), `{"dist":"point","value":3}`},
		{Dist{Kind: Triangular, Min: 1, Mode: 2, Max: 3}, `{"dist":"triangular","max":3,"min":1,"mode":2}`},
		{Dist{Kind: Normal, Mean: 0, SD: 1, Min: -1, Max: 1}, `{"dist":"normal","max":1,"mean":0,"min":-1,"sd":1}`},
		{Dist{Kind: Beta, Alpha: 2, Beta: 3}, `{"alpha":2,"beta":3,"dist":"beta"}`},
		{Dist{Kind: Discrete, Values: []float64{1, 2}, Weights: []float64{1, 3}}, `{"dist":"discrete","values":[1,2],"weights":[1,3]}`},
	}
	for _, c := range cases {
		if err := c.d.Validate(); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(c.d)
		if err != nil || string(b) != c.want {
			t.Errorf("got %s (%v), want %s", b, err, c.want)
		}
	}
}
