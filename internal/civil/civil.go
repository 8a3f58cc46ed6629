// Package civil holds calendar dates and months with no time of day or zone,
// because contract dates, won dates and due dates are days on a calendar, not instants.
package civil

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a day on the proleptic Gregorian calendar. The zero Date is "no date".
//
// A date is four bytes, as every deal, payment and line carries two or more: year,
// month and day packed into one int32 (year<<9 | month<<5 | day), so that the zero
// value is year 0, month 0, day 0 as before, == compares days, and the packed numbers
// order as the dates do. Years from MinYear to MaxYear are held; arithmetic beyond
// them stops at the first or last day of that range.
type Date struct{ v int32 }

// The years a Date or Month holds: 22 bits and a sign beside the month and day.
const (
	MinYear = -1 << 22
	MaxYear = 1<<22 - 1
)

const (
	dayBits   = 5 // 0..31
	monthBits = 4 // 0..15
	dayMask   = 1<<dayBits - 1
	monthMask = 1<<monthBits - 1
)

var (
	firstDate = pack(MinYear, time.January, 1)
	lastDate  = pack(MaxYear, time.December, 31)
)

// pack builds a Date from fields already in range: MinYear <= y <= MaxYear,
// 0 <= m <= 15, 0 <= d <= 31.
func pack(y int, m time.Month, d int) Date {
	return Date{int32(y)<<(monthBits+dayBits) | int32(m)<<dayBits | int32(d)}
}

// Of takes the calendar day of t as written, ignoring its zone.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	switch {
	case y < MinYear:
		return firstDate
	case y > MaxYear:
		return lastDate
	}
	return pack(y, m, d)
}

// New builds a date and normalises overflow (Jan 32 -> Feb 1), as time.Date does.
func New(y int, m time.Month, d int) Date {
	if m >= time.January && m <= time.December && d >= 1 && y >= MinYear && y <= MaxYear &&
		(d <= 28 || d <= daysIn(int64(y), m)) {
		return pack(y, m, d)
	}
	return fromDays(dayNumber(int64(y), int64(m), int64(d)))
}

// Parse reads an ISO date (2006-01-02).
func Parse(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return Of(t), nil
}

// Year is d's year (0 for the zero Date).
func (d Date) Year() int { return int(d.v >> (monthBits + dayBits)) }

// Month is d's month (0 for the zero Date).
func (d Date) Month() time.Month { return time.Month(d.v >> dayBits & monthMask) }

// Day is d's day of the month (0 for the zero Date).
func (d Date) Day() int { return int(d.v & dayMask) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.v == 0 }

// Time is midnight UTC of d, for libraries that want a time.Time.
func (d Date) Time() time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC) }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.Year(), d.Month(), d.Day()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	}
	// Written by hand: dates are printed once or more per line and deal.
	var b [10]byte
	digits(b[0:4], y)
	b[4] = '-'
	digits(b[5:7], int(m))
	b[7] = '-'
	digits(b[8:10], day)
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
func (d Date) AddDays(n int) Date { return fromDays(d.days() + clampInt(n)) }

// AddMonths moves d by n calendar months, clamping to the month's last day
// (Jan 31 + 1 month = Feb 28), so a window never skips a month.
func (d Date) AddMonths(n int) Date {
	y, m := normMonth(int64(d.Year()), int64(d.Month())+clampInt(n))
	switch {
	case y < MinYear:
		return firstDate
	case y > MaxYear:
		return lastDate
	}
	day := min(d.Day(), daysIn(y, m))
	return pack(int(y), m, day)
}

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int { return cmp.Compare(d.v, e.v) }

// Before reports d < e.
func (d Date) Before(e Date) bool { return d.v < e.v }

// After reports d > e.
func (d Date) After(e Date) bool { return d.v > e.v }

// DaysUntil is the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.days() - d.days()) }

// QuarterEnd is the last day of d's calendar quarter.
func (d Date) QuarterEnd() Date {
	qm := ((int(d.Month())-1)/3)*3 + 3
	return packMonth(d.Year(), time.Month(qm)).Last()
}

// days is d's day number (days since 1970-01-01). A month or day of 0, as in the
// zero Date, counts back as time.Date does: 0000-00-00 is -0001-11-30.
func (d Date) days() int64 { return dayNumber(int64(d.Year()), int64(d.Month()), int64(d.Day())) }

// Month is a calendar month, the unit a payout period covers: year and month packed
// into an int32 (year<<4 | month), the zero Month unset, ordered as the months are.
type Month struct{ v int32 }

func packMonth(y int, m time.Month) Month { return Month{int32(y)<<monthBits | int32(m)} }

// NewMonth is month m of year y, normalising overflow (month 13 is January of y+1).
func NewMonth(y int, m time.Month) Month {
	return clampMonth(normMonth(int64(y), int64(m)))
}

// clampMonth packs a normalised year and month, held to MinYear's January and
// MaxYear's December.
func clampMonth(y int64, m time.Month) Month {
	switch {
	case y < MinYear:
		return packMonth(MinYear, time.January)
	case y > MaxYear:
		return packMonth(MaxYear, time.December)
	}
	return packMonth(int(y), m)
}

// MonthOf is the month d falls in.
func MonthOf(d Date) Month { return Month{d.v >> dayBits} }

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("%q is not a period (want YYYY-MM)", s)
	}
	return packMonth(t.Year(), t.Month()), nil
}

// Year is m's year (0 for the zero Month).
func (m Month) Year() int { return int(m.v >> monthBits) }

// Month is m's month of the year (0 for the zero Month).
func (m Month) Month() time.Month { return time.Month(m.v & monthMask) }

func (m Month) String() string {
	y, mo := m.Year(), m.Month()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d", y, mo)
	}
	var b [7]byte
	digits(b[0:4], y)
	b[4] = '-'
	digits(b[5:7], int(mo))
	return string(b[:])
}

// IsZero reports whether m is unset.
func (m Month) IsZero() bool { return m.v == 0 }

// First is the month's first day.
func (m Month) First() Date { return Date{m.v<<dayBits | 1} }

// Last is the month's last day.
func (m Month) Last() Date {
	y, mo := m.Year(), m.Month()
	if mo < time.January || mo > time.December {
		return New(y, mo+1, 0)
	}
	return pack(y, mo, daysIn(int64(y), mo))
}

// Add moves m by n months.
func (m Month) Add(n int) Month {
	return clampMonth(normMonth(int64(m.Year()), int64(m.Month())+clampInt(n)))
}

// Compare returns -1, 0 or +1.
func (m Month) Compare(o Month) int { return cmp.Compare(m.v, o.v) }

// Contains reports whether d falls in m.
func (m Month) Contains(d Date) bool { return MonthOf(d) == m }

// Quarter is 1..4.
func (m Month) Quarter() int { return (int(m.Month())-1)/3 + 1 }

// QuarterStart is the first month of m's quarter.
func (m Month) QuarterStart() Month {
	return packMonth(m.Year(), time.Month((m.Quarter()-1)*3+1))
}

// limit bounds the years, months and days arithmetic works with, far beyond any
// Date, so that no sum or product below overflows an int64.
const limit = 1 << 40

func clampInt(n int) int64 { return clamp(int64(n)) }

func clamp(n int64) int64 { return max(-limit, min(n, limit)) }

// normMonth carries a month outside 1..12 into the year, as time.Date does.
func normMonth(y, m int64) (int64, time.Month) {
	y, m = clamp(y), clamp(m)-1
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	return y, time.Month(m + 1)
}

// daysIn is the number of days in month m of year y.
func daysIn(y int64, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// dayNumber is the number of days from 1970-01-01 to day d of month m of year y,
// with m and d normalised as time.Date does. The arithmetic is Howard Hinnant's
// days_from_civil, on years that start in March.
func dayNumber(y, m, d int64) int64 {
	y, mo := normMonth(y, m)
	mm := int64(mo)
	if mm <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400  // 0..399
	mp := (mm + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + clamp(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the date n days after 1970-01-01 (Hinnant's civil_from_days), or the
// first or last Date when it falls outside MinYear..MaxYear.
func fromDays(n int64) Date {
	z := n + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097                                  // 0..146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // 0..399
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // 0..365, from March 1
	mp := (5*doy + 2) / 153                  // 0..11, March = 0
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
		y++
	}
	switch {
	case y < MinYear:
		return firstDate
	case y > MaxYear:
		return lastDate
	}
	return pack(int(y), time.Month(m), int(d))
}
