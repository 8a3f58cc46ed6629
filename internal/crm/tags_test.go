package crm

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestSplitTagsOnRandomCells compares SplitTags with splitting on every run of
// separators and trimming, on random cells of tags, separators and spaces.
func TestSplitTagsOnRandomCells(t *testing.T) {
	want := func(s string) []string {
		var out []string
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	if got := SplitTags("Partner: Acme Ltd, inbound;; vip ,"); !reflect.DeepEqual(got, []string{"Partner: Acme Ltd", "inbound", "vip"}) {
		t.Errorf("SplitTags = %q", got)
	}
	rng := rand.New(rand.NewSource(9))
	parts := []string{",", ";", " ", "\t", "a", "Partner: Ü", "\u00a0", "x y"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n > 0; n-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		s := b.String()
		if got, w := SplitTags(s), want(s); !reflect.DeepEqual(got, w) {
			t.Fatalf("SplitTags(%q) = %q, want %q", s, got, w)
		}
	}
}
