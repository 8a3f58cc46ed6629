package civil

import (
	"testing"
	"time"
	"unsafe"
)

func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// refAddMonths is AddMonths worked out with time.Time: the same day n months on,
// or the last day of that month when it is shorter.
func refAddMonths(t time.Time, n int) time.Time {
	first := utc(t.Year(), t.Month()+time.Month(n), 1)
	last := utc(first.Year(), first.Month()+1, 0).Day()
	return utc(first.Year(), first.Month(), min(t.Day(), last))
}

// checkDay compares every operation on the Date of t with the same on time.Time.
func checkDay(t *testing.T, tm time.Time, base time.Time) {
	t.Helper()
	y, m, dd := tm.Date()
	d := Of(tm)
	if d.Year() != y || d.Month() != m || d.Day() != dd {
		t.Fatalf("Of(%s) = %d-%d-%d", tm, d.Year(), d.Month(), d.Day())
	}
	if d.IsZero() {
		t.Fatalf("Of(%s) is the zero Date", tm)
	}
	if n := New(y, m, dd); n != d {
		t.Fatalf("New(%d, %d, %d) = %s, want %s", y, m, dd, n, d)
	}
	if !d.Time().Equal(tm) {
		t.Fatalf("%s.Time() = %s", d, d.Time())
	}
	if y >= 0 && y <= 9999 {
		iso := tm.Format("2006-01-02")
		if d.String() != iso {
			t.Fatalf("String = %q, want %q", d.String(), iso)
		}
		p, err := Parse(iso)
		if err != nil || p != d {
			t.Fatalf("Parse(%q) = %s, %v", iso, p, err)
		}
	}
	for _, k := range []int{-1000, -366, -31, -1, 0, 1, 28, 365, 1461, 40000} {
		if got, want := d.AddDays(k), Of(tm.AddDate(0, 0, k)); got != want {
			t.Fatalf("%s + %d days = %s, want %s", d, k, got, want)
		}
	}
	for _, n := range []int{-25, -13, -12, -1, 0, 1, 2, 11, 12, 13, 120} {
		if got, want := d.AddMonths(n), Of(refAddMonths(tm, n)); got != want {
			t.Fatalf("%s + %d months = %s, want %s", d, n, got, want)
		}
	}
	b := Of(base)
	want := int((tm.Unix() - base.Unix()) / 86400) // a Duration stops at 292 years
	if got := b.DaysUntil(d); got != want {
		t.Fatalf("%s.DaysUntil(%s) = %d, want %d", b, d, got, want)
	}
	if got := d.DaysUntil(b); got != -want {
		t.Fatalf("%s.DaysUntil(%s) = %d, want %d", d, b, got, -want)
	}
	if got, want := d.Compare(b), tm.Compare(base); got != want {
		t.Fatalf("%s.Compare(%s) = %d, want %d", d, b, got, want)
	}
	if d.Before(b) != tm.Before(base) || d.After(b) != tm.After(base) {
		t.Fatalf("%s before/after %s disagree with time", d, b)
	}
	mo := MonthOf(d)
	if mo.Year() != y || mo.Month() != m || mo != NewMonth(y, m) || !mo.Contains(d) {
		t.Fatalf("MonthOf(%s) = %s", d, mo)
	}
	if mo.Contains(d.AddDays(-dd)) || mo.Contains(mo.Last().AddDays(1)) {
		t.Fatalf("%s contains a day of another month", mo)
	}
	if got, want := mo.First(), Of(utc(y, m, 1)); got != want {
		t.Fatalf("%s.First() = %s, want %s", mo, got, want)
	}
	if got, want := mo.Last(), Of(utc(y, m+1, 0)); got != want {
		t.Fatalf("%s.Last() = %s, want %s", mo, got, want)
	}
	qm := ((int(m)-1)/3)*3 + 3
	if got, want := d.QuarterEnd(), Of(utc(y, time.Month(qm)+1, 0)); got != want {
		t.Fatalf("%s.QuarterEnd() = %s, want %s", d, got, want)
	}
	if got, want := mo.QuarterStart(), NewMonth(y, time.Month(qm-2)); got != want || mo.Quarter() != qm/3 {
		t.Fatalf("%s.QuarterStart() = %s, want %s; quarter %d", mo, got, want, mo.Quarter())
	}
	for _, n := range []int{-25, -1, 0, 1, 12, 30} {
		if got, want := mo.Add(n), MonthOf(Of(utc(y, m+time.Month(n), 1))); got != want {
			t.Fatalf("%s + %d = %s, want %s", mo, n, got, want)
		}
	}
}

// TestEveryDayAgreesWithTime walks every day from 1900 to 2200 and checks each
// operation, including ordering against the day before, with time.Time's.
func TestEveryDayAgreesWithTime(t *testing.T) {
	base := utc(2026, time.October, 31)
	var prev Date
	var prevMonth Month
	days := 0
	for tm := utc(1900, 1, 1); tm.Year() <= 2200; tm = tm.AddDate(0, 0, 1) {
		checkDay(t, tm, base)
		d := Of(tm)
		if !prev.IsZero() && (prev.Compare(d) != -1 || d.Compare(prev) != 1 || !prev.Before(d) || !d.After(prev) || prev == d) {
			t.Fatalf("%s does not sort before %s", prev, d)
		}
		if m := MonthOf(d); m != prevMonth {
			if !prevMonth.IsZero() && (prevMonth.Compare(m) != -1 || m.Compare(prevMonth) != 1 || prevMonth.Add(1) != m) {
				t.Fatalf("month %s does not follow %s", m, prevMonth)
			}
			prevMonth = m
		}
		prev = d
		days++
	}
	if days != 109938 {
		t.Fatalf("walked %d days, want 109938", days)
	}
}

// TestFarDaysAgreeWithTime samples days across ten thousand years either side of
// year 0, where the era arithmetic turns negative.
func TestFarDaysAgreeWithTime(t *testing.T) {
	base := utc(-1, time.December, 31)
	for tm := utc(-10000, 1, 1); tm.Year() <= 10000; tm = tm.AddDate(0, 0, 37) {
		checkDay(t, tm, base)
	}
	for _, tm := range []time.Time{utc(0, 1, 1), utc(0, 2, 29), utc(0, 3, 1), utc(-1, 12, 31), utc(-400, 2, 29), utc(400, 2, 29)} {
		checkDay(t, tm, base)
	}
}

// TestNewNormalisesAsTimeDoes builds dates from months and days outside the calendar.
func TestNewNormalisesAsTimeDoes(t *testing.T) {
	for _, y := range []int{-401, -1, 0, 1, 1999, 2000, 2024, 2026, 2100} {
		for m := time.Month(-30); m <= 30; m++ {
			for d := -70; d <= 70; d++ {
				if got, want := New(y, m, d), Of(utc(y, m, d)); got != want {
					t.Fatalf("New(%d, %d, %d) = %s, want %s", y, m, d, got, want)
				}
			}
			if got, want := NewMonth(y, m), MonthOf(Of(utc(y, m, 1))); got != want {
				t.Fatalf("NewMonth(%d, %d) = %s, want %s", y, m, got, want)
			}
		}
	}
}

// TestZeroDate checks that the zero Date is "no date" and behaves as the year 0,
// month 0, day 0 it always stood for.
func TestZeroDate(t *testing.T) {
	var z Date
	if !z.IsZero() || z.String() != "" || z.Year() != 0 || z.Month() != 0 || z.Day() != 0 {
		t.Errorf("zero Date: %v %q %d %d %d", z.IsZero(), z.String(), z.Year(), z.Month(), z.Day())
	}
	for _, tm := range []time.Time{utc(0, 1, 1), utc(1, 1, 1), utc(2026, 1, 1), {}} {
		if Of(tm).IsZero() {
			t.Errorf("Of(%s) is the zero Date", tm)
		}
	}
	first, _ := Parse("0000-01-01")
	if first.IsZero() || !z.Before(first) || !New(-1, 12, 31).Before(z) || z.Compare(z) != 0 {
		t.Errorf("the zero Date does not sort between -0001-12-31 and 0000-01-01")
	}
	if !MonthOf(z).IsZero() || (Month{}).Contains(first) || !(Month{}).Contains(z) {
		t.Errorf("the zero Date's month is not the zero Month")
	}
	// Arithmetic on the zero Date counts from 0000-00-00 as time.Date does.
	if got, want := z.AddDays(1), Of(utc(0, 0, 1)); got != want {
		t.Errorf("zero + 1 day = %s, want %s", got, want)
	}
	if got, want := z.DaysUntil(first), int(utc(0, 1, 1).Sub(utc(0, 0, 0)).Hours()/24); got != want {
		t.Errorf("zero to 0000-01-01 = %d days, want %d", got, want)
	}
	if got, want := z.Time(), utc(0, 0, 0); !got.Equal(want) {
		t.Errorf("zero Time = %s, want %s", got, want)
	}
	if got := (Month{}).Last(); got != Of(utc(0, 1, 0)) {
		t.Errorf("zero Month's last day = %s", got)
	}
}

// TestRangeEnds checks that arithmetic past MinYear and MaxYear stops at the first
// or last Date instead of wrapping round.
func TestRangeEnds(t *testing.T) {
	last, first := New(MaxYear, 12, 31), New(MinYear, 1, 1)
	if last.Year() != MaxYear || last.Month() != 12 || last.Day() != 31 || first.Year() != MinYear || first.Day() != 1 {
		t.Fatalf("range ends: %s %s", first, last)
	}
	for _, d := range []Date{last.AddDays(1), last.AddMonths(1), New(MaxYear+1, 1, 1), New(1<<62, 1, 1), New(2026, 1, 1<<62),
		Of(utc(MaxYear+5, 1, 1)), New(2026, 1, 1).AddDays(1 << 62), New(2026, 1, 1).AddMonths(1 << 62)} {
		if d != last {
			t.Errorf("past the last day: %s", d)
		}
	}
	for _, d := range []Date{first.AddDays(-1), first.AddMonths(-1), New(MinYear-1, 12, 31), New(-1<<62, 1, 1),
		Of(utc(MinYear-5, 1, 1)), New(2026, 1, 1).AddDays(-1 << 62)} {
		if d != first {
			t.Errorf("before the first day: %s", d)
		}
	}
	if !first.Before(last) || NewMonth(MaxYear, 13) != MonthOf(last) || MonthOf(last).Add(1) != MonthOf(last) || MonthOf(first).Add(-1) != MonthOf(first) {
		t.Errorf("months at the range ends")
	}
	if got, want := first.DaysUntil(last), int(dayNumber(MaxYear, 12, 31)-dayNumber(MinYear, 1, 1)); got != want || got < 3_000_000_000 {
		t.Errorf("days across the range = %d, want %d", got, want)
	}
}

// TestSizes keeps dates and months at four bytes: every deal, payment and line
// carries several.
func TestSizes(t *testing.T) {
	if s := unsafe.Sizeof(Date{}); s != 4 {
		t.Errorf("Date is %d bytes", s)
	}
	if s := unsafe.Sizeof(Month{}); s != 4 {
		t.Errorf("Month is %d bytes", s)
	}
}
