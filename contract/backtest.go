package contract

import "github.com/guarantor/guarantor/history"

// Backtest is the document of `guarantor backtest`.
type Backtest struct {
	Header
	RunInfo
	Bins        int            `json:"bins" doc:"calibration bins"`
	LogLossClip float64        `json:"log_loss_clip" doc:"forecasts are clipped to [clip, 1-clip] in the log loss"`
	Cases       []BacktestCase `json:"cases"`
	BaseRate    float64        `json:"base_rate" doc:"share of cases where deterrence held (open cases count as held to date)"`
	Scores      []Score        `json:"scores" doc:"every case: the model, the leave-one-out base rate, always deterred"`
	ClosedCases int            `json:"closed_cases" doc:"cases whose outcome is final"`
	// ClosedBaseRate and ClosedScores leave out the open cases.
	ClosedBaseRate float64     `json:"closed_base_rate"`
	ClosedScores   []Score     `json:"closed_scores"`
	Calibration    []Bin       `json:"calibration"`
	References     []Reference `json:"references" doc:"published scores on other case sets, for scale only"`
}

// BacktestCase is one scored history case.
type BacktestCase struct {
	Name      string  `json:"name"`
	File      string  `json:"file"`
	Year      int     `json:"year"`
	InputHash string  `json:"input_hash"`
	Forecast  float64 `json:"forecast" doc:"P(the challenger does not attack over the case's horizon)"`
	Outcome   string  `json:"outcome" enum:"held,failed,held_to_date"`
}

// Score is a forecaster's Brier score and log loss (natural log).
type Score struct {
	Forecaster string  `json:"forecaster"`
	Brier      float64 `json:"brier"`
	LogLoss    float64 `json:"log_loss"`
}

// Bin is one row of the calibration table.
type Bin struct {
	Lo           float64 `json:"lo"`
	Hi           float64 `json:"hi"`
	Cases        int     `json:"cases"`
	MeanForecast float64 `json:"mean_forecast" doc:"0 when the bin is empty"`
	ObservedHeld float64 `json:"observed_held" doc:"share of the bin's cases where deterrence held; 0 when empty"`
}

// Reference is a published score on a different case set.
type Reference struct {
	Name  string  `json:"name"`
	Cases int     `json:"cases"`
	Brier float64 `json:"brier"`
}

// FromBacktest maps history's scores onto the document. hashes holds each
// case's input hash, by file.
func FromBacktest(b history.Backtest, version, hash string, run RunInfo, bins int, hashes map[string]string, refs []Reference) *Backtest {
	d := &Backtest{Header: header("backtest", version, hash), RunInfo: run, Bins: bins, LogLossClip: history.LogLossClip,
		BaseRate: b.BaseRate, Scores: scores(b.Scores), ClosedCases: b.NClosed, ClosedBaseRate: b.ClosedBaseRate,
		ClosedScores: scores(b.Closed), Cases: []BacktestCase{}, Calibration: []Bin{}, References: refs}
	if d.References == nil {
		d.References = []Reference{}
	}
	for _, c := range b.Cases {
		d.Cases = append(d.Cases, BacktestCase{Name: c.Name, File: c.File, Year: c.Year, InputHash: hashes[c.File],
			Forecast: c.P, Outcome: OutcomeWord(c.Outcome, c.Ongoing)})
	}
	for _, c := range b.Calibration {
		d.Calibration = append(d.Calibration, Bin{Lo: c.Lo, Hi: c.Hi, Cases: c.N, MeanForecast: c.MeanP, ObservedHeld: c.Observed})
	}
	return d
}

func scores(ss []history.Score) []Score {
	out := []Score{}
	for _, s := range ss {
		out = append(out, Score{Forecaster: s.Name, Brier: s.Brier, LogLoss: s.LogLoss})
	}
	return out
}
