package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Token is an API token's record; the secret itself is never stored.
type Token struct {
	ID        string
	Name      string
	CreatedAt time.Time
	Revoked   bool
}

// TokenPrefix starts every token, so a leaked one is recognisable.
const TokenPrefix = "gt_"

// hashToken is SHA-256: tokens are 256 random bits, so a slow password
// hash would add cost without adding safety.
func hashToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// CreateToken makes a token called name and returns its secret, which is
// shown once and kept nowhere.
func (s *Store) CreateToken(ctx context.Context, name string) (string, Token, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", Token{}, err
	}
	secret := TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	now := s.ms()
	t := Token{ID: NewID(), Name: name, CreatedAt: fromMS(now)}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO tokens (id, name, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, 0)`),
		t.ID, name, hashToken(secret), now)
	if err != nil {
		return "", Token{}, err
	}
	return secret, t, nil
}

// CheckToken returns the live token whose secret is given, or
// ErrNotFound.
func (s *Store) CheckToken(ctx context.Context, secret string) (Token, error) {
	if !strings.HasPrefix(secret, TokenPrefix) || len(secret) > 100 {
		return Token{}, fmt.Errorf("token: %w", ErrNotFound)
	}
	var t Token
	var c, r int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, name, created_at, revoked_at FROM tokens WHERE hash = ?`), hashToken(secret)).
		Scan(&t.ID, &t.Name, &c, &r)
	if errors.Is(err, sql.ErrNoRows) || err == nil && r != 0 {
		return Token{}, fmt.Errorf("token: %w", ErrNotFound)
	}
	t.CreatedAt = fromMS(c)
	return t, err
}

// RevokeToken disables token id.
func (s *Store) RevokeToken(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0`), s.ms(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("token %s: %w", id, ErrNotFound)
	}
	return nil
}
