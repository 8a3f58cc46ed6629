// Package civil holds calendar dates and months with no time of day or zone,
// because contract dates, won dates and due dates are days on a calendar, not instants.
package civil

import (
	"fmt"
	"time"
)

// Date is a day on the proleptic Gregorian calendar. The zero Date is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Of takes the calendar day of t as written, ignoring its zone.
func Of(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// New builds a date and normalises overflow (Jan 32 -> Feb 1).
func New(y int, m time.Month, d int) Date { return Of(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) }

// Parse reads an ISO date (2006-01-02).
func Parse(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return Of(t), nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight UTC of d, for libraries that want a time.Time.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	// Written by hand: dates are printed once or more per line and deal.
	var b [10]byte
	digits(b[0:4], d.Year)
	b[4] = '-'
	digits(b[5:7], int(d.Month))
	b[7] = '-'
	digits(b[8:10], d.Day)
	return string(b[:])
}

// digits writes n into b in decimal, zero-padded to b's length.
func digits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// AddDays moves d by n days.
func (d Date) AddDays(n int) Date { return New(d.Year, d.Month, d.Day+n) }

// AddMonths moves d by n calendar months, clamping to the month's last day
// (Jan 31 + 1 month = Feb 28), so a window never skips a month.
func (d Date) AddMonths(n int) Date {
	first := New(d.Year, d.Month+time.Month(n), 1)
	last := MonthOf(first).Last().Day
	day := d.Day
	if day > last {
		day = last
	}
	return Date{first.Year, first.Month, day}
}

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Before reports d < e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports d > e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil is the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

// QuarterEnd is the last day of d's calendar quarter.
func (d Date) QuarterEnd() Date {
	qm := ((int(d.Month)-1)/3)*3 + 3
	return MonthOf(Date{d.Year, time.Month(qm), 1}).Last()
}

// Month is a calendar month, the unit a payout period covers.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the month d falls in.
func MonthOf(d Date) Month { return Month{d.Year, d.Month} }

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("%q is not a period (want YYYY-MM)", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

func (m Month) String() string {
	if m.Year < 0 || m.Year > 9999 || m.Month < 0 || m.Month > 99 {
		return fmt.Sprintf("%04d-%02d", m.Year, m.Month)
	}
	var b [7]byte
	digits(b[0:4], m.Year)
	b[4] = '-'
	digits(b[5:7], int(m.Month))
	return string(b[:])
}

// IsZero reports whether m is unset.
func (m Month) IsZero() bool { return m == Month{} }

// First is the month's first day.
func (m Month) First() Date { return Date{m.Year, m.Month, 1} }

// Last is the month's last day.
func (m Month) Last() Date { return New(m.Year, m.Month+1, 0) }

// Add moves m by n months.
func (m Month) Add(n int) Month { return MonthOf(New(m.Year, m.Month+time.Month(n), 1)) }

// Compare returns -1, 0 or +1.
func (m Month) Compare(o Month) int { return m.First().Compare(o.First()) }

// Contains reports whether d falls in m.
func (m Month) Contains(d Date) bool { return MonthOf(d) == m }

// Quarter is 1..4.
func (m Month) Quarter() int { return (int(m.Month)-1)/3 + 1 }

// QuarterStart is the first month of m's quarter.
func (m Month) QuarterStart() Month {
	return Month{m.Year, time.Month((m.Quarter()-1)*3 + 1)}
}
