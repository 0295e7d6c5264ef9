package logit

import "github.com/guarantor/guarantor/game"

// model gives the action values of a game in a flat layout of variables
// grouped in blocks (one per player for tables, one per information set for
// trees, in Gambit's profile order).
type model interface {
	// blocks returns [start, end) of every block in the flat layout.
	blocks() [][2]int
	// values writes into u the value of every action given probabilities
	// p = exp(w).
	values(w, p, u []float64)
	// jacobian writes du[i][j] = d u_i / d w_j = p_j d u_i / d p_j, the
	// derivative in log-probabilities (which stays finite and accurate when
	// p_j underflows).
	jacobian(w, p []float64, du [][]float64)
}

// tableModel: the value of a pure strategy is its expected payoff against
// the others' mixed strategies, which is multilinear in the probabilities.
type tableModel struct {
	t      *game.Table
	pay    [][]float64 // [player][cell]
	offset []int
	n      int
	blk    [][2]int
	pure   []int
}

func newTableModel(t *game.Table) *tableModel {
	m := &tableModel{t: t, pay: t.FloatPayoffs(), pure: make([]int, t.NumPlayers())}
	for p := 0; p < t.NumPlayers(); p++ {
		m.offset = append(m.offset, m.n)
		m.blk = append(m.blk, [2]int{m.n, m.n + t.NumStrategies(p)})
		m.n += t.NumStrategies(p)
	}
	return m
}

func (m *tableModel) blocks() [][2]int { return m.blk }

func (m *tableModel) values(_, p, u []float64) {
	for i := range u {
		u[i] = 0
	}
	np := len(m.offset)
	if np == 2 {
		m.values2(p, u)
		return
	}
	pre := make([]float64, np+1)
	for c := range m.t.Cells {
		m.t.Profile(c, m.pure)
		// prefix/suffix products give prod_{q != pl} p_q without dividing,
		// which would fail for probabilities that underflowed to 0.
		pre[0] = 1
		for q := 0; q < np; q++ {
			pre[q+1] = pre[q] * p[m.offset[q]+m.pure[q]]
		}
		suf := 1.0
		for pl := np - 1; pl >= 0; pl-- {
			u[m.offset[pl]+m.pure[pl]] += m.pay[pl][c] * pre[pl] * suf
			suf *= p[m.offset[pl]+m.pure[pl]]
		}
	}
}

// values2 is the bimatrix case: two matrix-vector products.
func (m *tableModel) values2(p, u []float64) {
	r, c := m.t.NumStrategies(0), m.t.NumStrategies(1)
	for j := 0; j < c; j++ {
		y := p[r+j]
		for i := 0; i < r; i++ {
			cell := i + r*j
			u[i] += m.pay[0][cell] * y
			u[r+j] += m.pay[1][cell] * p[i]
		}
	}
}

// jacobian uses multilinearity: u_i is affine in each single p_j, so
// u_i(p_j=1) - u_i(p_j=0) is the exact partial derivative.
func (m *tableModel) jacobian(_, p []float64, du [][]float64) {
	if len(m.offset) == 2 {
		m.jacobian2(p, du)
		return
	}
	q := append([]float64(nil), p...)
	hi := make([]float64, m.n)
	lo := make([]float64, m.n)
	for j := 0; j < m.n; j++ {
		q[j] = 1
		m.values(nil, q, hi)
		q[j] = 0
		m.values(nil, q, lo)
		q[j] = p[j]
		for i := 0; i < m.n; i++ {
			du[i][j] = (hi[i] - lo[i]) * p[j]
		}
	}
}

// jacobian2: in a bimatrix game the values are linear, u = (Ay, B'x), so
// the Jacobian in p is the constant block matrix [0 A; B' 0].
func (m *tableModel) jacobian2(p []float64, du [][]float64) {
	r, c := m.t.NumStrategies(0), m.t.NumStrategies(1)
	for i := range du {
		for j := range du[i] {
			du[i][j] = 0
		}
	}
	for j := 0; j < c; j++ {
		for i := 0; i < r; i++ {
			cell := i + r*j
			du[i][r+j] = m.pay[0][cell] * p[r+j]
			du[r+j][i] = m.pay[1][cell] * p[i]
		}
	}
}
