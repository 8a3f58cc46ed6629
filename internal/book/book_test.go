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

// A seal record escapes its separators, so values holding tabs, newlines or
// backslashes cannot run into each other.
func TestRecordEscapesSeparators(t *testing.T) {
	d := newDigest()
	d.record("a\tb", `c\d`, "e\nf", "")
	if got, want := string(d.buf), "a\\tb\tc\\\\d\te\\nf\t\n"; got != want {
		t.Errorf("record = %q, want %q", got, want)
	}
	one, two := newDigest(), newDigest()
	one.record("a\tb")
	two.record("a", "b")
	if one.sum() == two.sum() {
		t.Error("a tab inside a value reads as two values")
	}
}
