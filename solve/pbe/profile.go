package pbe

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/guarantor/guarantor/game"
)

// ErrProfile is wrapped by every error from ParseProfile.
var ErrProfile = errors.New("bad profile file")

// ParseProfile reads an assessment for t from JSON:
//
//	{"behavior": [[[0, 1], [1, 0]], [[0.5, 0.5]]],
//	 "beliefs": {"2:1": [0.25, 0.75]}}
//
// behavior is [player][infoset in Tree.PlayerInfosets order][action];
// beliefs maps "player:number" (the infoset's number in its player's scope)
// to a distribution over its members in tree order. Numbers are JSON
// numbers or strings holding decimals or rationals ("1/3"), read exactly.
// Errors name the field, or the line and column of a syntax error.
func ParseProfile(data []byte, t *game.Tree) (game.BehaviorProfile, [][]*big.Rat, error) {
	var raw struct {
		Behavior [][][]json.RawMessage        `json:"behavior"`
		Beliefs  map[string][]json.RawMessage `json:"beliefs"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, nil, jsonError(data, err)
	}
	if raw.Behavior == nil {
		return nil, nil, fmt.Errorf("%w: behavior: missing", ErrProfile)
	}
	if len(raw.Behavior) != t.NumPlayers() {
		return nil, nil, fmt.Errorf("%w: behavior: %d players given, the game has %d", ErrProfile, len(raw.Behavior), t.NumPlayers())
	}
	prof := make(game.BehaviorProfile, t.NumPlayers())
	for p := range raw.Behavior {
		sets := t.PlayerInfosets(p + 1)
		if len(raw.Behavior[p]) != len(sets) {
			return nil, nil, fmt.Errorf("%w: behavior[%d]: %d information sets given, player %d has %d", ErrProfile, p, len(raw.Behavior[p]), p+1, len(sets))
		}
		prof[p] = make([][]*big.Rat, len(sets))
		for i, s := range sets {
			field := fmt.Sprintf("behavior[%d][%d]", p, i)
			row, err := ratRow(field, raw.Behavior[p][i], len(t.Infosets[s].Actions), "actions")
			if err != nil {
				return nil, nil, err
			}
			prof[p][i] = row
		}
	}
	var beliefs [][]*big.Rat
	if len(raw.Beliefs) > 0 {
		beliefs = make([][]*big.Rat, len(t.Infosets))
		for key, vals := range raw.Beliefs {
			s, err := infosetByKey(t, key)
			if err != nil {
				return nil, nil, err
			}
			row, err := ratRow("beliefs["+strconv.Quote(key)+"]", vals, len(t.Infosets[s].Members), "nodes")
			if err != nil {
				return nil, nil, err
			}
			beliefs[s] = row
		}
	}
	return prof, beliefs, nil
}

func ratRow(field string, vals []json.RawMessage, want int, what string) ([]*big.Rat, error) {
	if len(vals) != want {
		return nil, fmt.Errorf("%w: %s: %d values given, the information set has %d %s", ErrProfile, field, len(vals), want, what)
	}
	row := make([]*big.Rat, len(vals))
	for a, v := range vals {
		r, err := parseRat(v)
		if err != nil {
			return nil, fmt.Errorf("%w: %s[%d]: %v", ErrProfile, field, a, err)
		}
		if r.Sign() < 0 {
			return nil, fmt.Errorf("%w: %s[%d]: probability %s is negative", ErrProfile, field, a, r.RatString())
		}
		row[a] = r
	}
	return row, nil
}

// maxExp bounds decimal exponents in profile files; probabilities never
// need more, and unbounded exponents would let a tiny file exhaust memory.
const maxExp = 400

func parseRat(v json.RawMessage) (*big.Rat, error) {
	s := strings.TrimSpace(string(v))
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(v, &s); err != nil {
			return nil, err
		}
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		// big.Rat would expand 1e999999999 digit by digit.
		if e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+")); err != nil || e > maxExp || e < -maxExp {
			return nil, fmt.Errorf("%q: exponent out of range (|e| <= %d)", s, maxExp)
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, fmt.Errorf("%q is not a number (want a decimal or a rational such as 1/3)", s)
	}
	return r, nil
}

func infosetByKey(t *game.Tree, key string) (int32, error) {
	ps, ns, ok := strings.Cut(key, ":")
	p, err1 := strconv.Atoi(ps)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || p < 1 || p > t.NumPlayers() {
		return 0, fmt.Errorf("%w: beliefs: key %q: want \"player:infoset\" with player in 1..%d", ErrProfile, key, t.NumPlayers())
	}
	for _, s := range t.PlayerInfosets(p) {
		if t.Infosets[s].Number == n {
			return s, nil
		}
	}
	return 0, fmt.Errorf("%w: beliefs: key %q: player %d has no information set %d", ErrProfile, key, p, n)
}

// jsonError adds line:column to JSON syntax and type errors.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return fmt.Errorf("%w: %v", ErrProfile, err)
	}
	line, col := 1, 1
	for _, c := range data[:min(int(off), len(data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Errorf("%w: %d:%d: %v", ErrProfile, line, col, err)
}

// FloatBeliefs converts an exact belief system to float64 (nil rows stay nil).
func FloatBeliefs(b [][]*big.Rat) [][]float64 {
	if b == nil {
		return nil
	}
	out := make([][]float64, len(b))
	for s, row := range b {
		if row == nil {
			continue
		}
		out[s] = make([]float64, len(row))
		for i, x := range row {
			out[s][i], _ = x.Float64()
		}
	}
	return out
}
