package book

import "testing"

func TestParseStatus(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     PayoutStatus
		known    bool
	}{
		{"as written", "Carried forward", StatusCarried, true},
		{"retyped by hand", "  carried   FORWARD ", StatusCarried, true},
		{"due", "due", StatusDue, true},
		{"unknown kept as written", "On hold", "On hold", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, known := ParseStatus(c.in)
			if got != c.want || known != c.known {
				t.Errorf("ParseStatus(%q) = %q, %v; want %q, %v", c.in, got, known, c.want, c.known)
			}
		})
	}
}

// A seal field escapes its separators, so values holding tabs, newlines or
// backslashes cannot run into each other.
func TestFieldEscapesSeparators(t *testing.T) {
	got := field("a\tb", `c\d`, "e\nf", "")
	if want := "a\\tb\tc\\\\d\te\\nf\t\n"; got != want {
		t.Errorf("field = %q, want %q", got, want)
	}
	if field("a\tb") == field("a", "b") {
		t.Error("a tab inside a value reads as two values")
	}
}
