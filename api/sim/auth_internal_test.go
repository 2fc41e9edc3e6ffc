package sim

import (
	"testing"
	"time"
)

// TestTokenStoreIsBounded: expired tokens are pruned, and past the bound
// the tokens closest to expiry make room.
func TestTokenStoreIsBounded(t *testing.T) {
	store := newTokenStore()
	now := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	var first, last string
	for i := range maxTokens + 100 {
		token, err := store.issue(now, time.Duration(i+1)*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = token
		}
		last = token
	}
	if n := len(store.expiry); n > maxTokens {
		t.Fatalf("%d tokens kept, bound %d", n, maxTokens)
	}
	if store.check(first, now) || !store.check(last, now) {
		t.Error("pruned the wrong tokens")
	}

	later := now.Add(time.Duration(maxTokens+100) * time.Second)
	if store.check(last, later) {
		t.Error("an expired token was accepted")
	}
	if _, err := store.issue(later, time.Hour); err != nil {
		t.Fatal(err)
	}
	if n := len(store.expiry); n > maxTokens {
		t.Fatalf("%d tokens after expiry", n)
	}
}
