package crm

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// TestISODayIsTheSheetReadersDay reads random ISO-like cells (valid ones, and ones a
// field, a separator or the zone makes invalid) with isoDay and with the sheet
// reader: whatever isoDay reads, the reader reads as the same day.
func TestISODayIsTheSheetReadersDay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.csv")
	if err := os.WriteFile(path, []byte("Date\n2026-01-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.Open(path, "d.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()

	for _, s := range []string{"2026-03-14", "2026-03-14T15:22:08Z", "2026-03-14T15:22:08.123Z", "2026-03-14T23:59:59+05:30",
		"2026-03-14T00:00:00-11:00", "2026-03-14T15:22:08", "2026-03-14 15:22:08", "2026-03-14 15:22", "2024-02-29", "2000-02-29T10:00:00Z"} {
		d, ok := isoDay(s)
		want, err := tab.Date(s, "")
		if !ok || err != nil || d != want {
			t.Errorf("isoDay(%q) = %s, %v; the reader reads %s, %v", s, d, ok, want, err)
		}
	}
	for _, s := range []string{"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-3-14", "26-03-14",
		"2026-03-14T24:00:00Z", "2026-03-14T10:60:00Z", "2026-03-14T10:00:60Z", "2026-03-14t10:00:00Z", "2026-03-14T10:00:00+24:00",
		"2026-03-14T10:00:00+0530", "2026-03-14T10:00", "2026-03-14 10:00:00Z", "2026-03-14T10:00:00.Z", "03/14/2026", "2026-03-14x"} {
		if d, ok := isoDay(s); ok {
			want, err := tab.Date(s, "")
			t.Errorf("isoDay(%q) = %s; the reader reads %s, %v: left to the reader is expected", s, d, want, err)
		}
	}

	rng := rand.New(rand.NewSource(3))
	two := func(hi int) string { return fmt.Sprintf("%02d", rng.Intn(hi)) }
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	read := 0
	for i := 0; i < 100000; i++ {
		s := fmt.Sprintf("%04d", rng.Intn(10000)) + pick("-", "-", "-", "/") + two(14) + "-" + two(33)
		switch rng.Intn(6) {
		case 0:
		case 1:
			s += pick("T", " ") + two(25) + ":" + two(61)
		default:
			s += pick("T", "T", " ", "t") + two(25) + ":" + two(61) + ":" + two(61)
			s += pick("", "Z", ".5Z", ".123456789Z", ".", "+"+two(25)+":"+two(61), "-"+two(25)+":"+two(61), "+0000", " ")
		}
		d, ok := isoDay(s)
		if !ok {
			continue
		}
		read++
		want, err := tab.Date(s, "")
		if err != nil || d != want || d == (civil.Date{}) {
			t.Fatalf("isoDay(%q) = %s; the reader reads %s, %v", s, d, want, err)
		}
	}
	if read < 20000 {
		t.Errorf("isoDay read only %d of the random cells", read)
	}
}
