package civil

import (
	"fmt"
	"testing"
	"time"
)

func TestAddMonthsClamps(t *testing.T) {
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2026-01-31", 1, "2026-02-28"}, {"2024-01-31", 1, "2024-02-29"}, {"2025-11-15", 12, "2026-11-15"},
		{"2026-03-31", -1, "2026-02-28"}, {"2026-12-31", 2, "2027-02-28"},
	}
	for _, c := range cases {
		d, _ := Parse(c.from)
		if got := d.AddMonths(c.n).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestQuarterEndAndMonths(t *testing.T) {
	for in, want := range map[string]string{"2026-08-10": "2026-09-30", "2026-01-01": "2026-03-31", "2026-12-31": "2026-12-31", "2026-04-30": "2026-06-30"} {
		d, _ := Parse(in)
		if got := d.QuarterEnd().String(); got != want {
			t.Errorf("QuarterEnd(%s) = %s, want %s", in, got, want)
		}
	}
	m, _ := ParseMonth("2024-02")
	if m.Last().String() != "2024-02-29" || m.Add(-11).String() != "2023-03" || m.QuarterStart().String() != "2024-01" {
		t.Errorf("month arithmetic: %s %s %s", m.Last(), m.Add(-11), m.QuarterStart())
	}
	for _, bad := range []string{"2026-13", "2026-1", "26-10", ""} {
		if _, err := ParseMonth(bad); err == nil {
			t.Errorf("ParseMonth(%q) accepted", bad)
		}
	}
	if _, err := Parse("2026-02-30"); err == nil {
		t.Errorf("Parse accepted February 30")
	}
	a, _ := Parse("2026-10-30")
	b, _ := Parse("2026-11-02")
	if a.DaysUntil(b) != 3 || b.DaysUntil(a) != -3 {
		t.Errorf("DaysUntil %d", a.DaysUntil(b))
	}
}

// TestStringIsTheISOForm compares the hand-written forms with fmt's for every year
// width, including years outside 0000-9999.
func TestStringIsTheISOForm(t *testing.T) {
	for _, y := range []int{-123456, -12, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2026, 9999, 10000, 123456} {
		for _, m := range []time.Month{1, 9, 10, 12} {
			mo := NewMonth(y, m)
			if got, want := mo.String(), fmt.Sprintf("%04d-%02d", y, m); got != want {
				t.Errorf("NewMonth(%d, %d) = %q, want %q", y, m, got, want)
			}
			for _, d := range []int{1, 9, 10, 28} {
				date := New(y, m, d)
				want := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				if got := date.String(); got != want {
					t.Errorf("New(%d, %d, %d) = %q, want %q", y, m, d, got, want)
				}
			}
		}
	}
	if got := (Month{}).String(); got != "0000-00" {
		t.Errorf("zero Month = %q, want 0000-00", got)
	}
	if got := (Month{}).First().String(); got != "0000-00-01" {
		t.Errorf("zero Month's first day = %q, want 0000-00-01", got)
	}
}
