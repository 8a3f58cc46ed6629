package domain

import (
	"math"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
)

func TestPlacePos(t *testing.T) {
	at := diag.Pos{File: "deals.xlsx", Sheet: "Opportunities", Row: 1, Column: "Status"}
	sheet := Sheet(at)
	for _, tc := range []struct {
		name  string
		place Place
		want  diag.Pos
	}{
		{"row of a sheet", PlaceIn(sheet, 17), diag.Pos{File: "deals.xlsx", Sheet: "Opportunities", Row: 17}},
		{"no row", PlaceIn(sheet, 0), diag.Pos{File: "deals.xlsx", Sheet: "Opportunities"}},
		{"row beyond int32", PlaceIn(sheet, math.MaxInt32+1), diag.Pos{File: "deals.xlsx", Sheet: "Opportunities", Row: math.MaxInt32 + 1}},
		{"a position of its own", PlaceOf(diag.Pos{File: "p.csv", Row: 3}), diag.Pos{File: "p.csv", Row: 3}},
		{"unknown", Place{}, diag.Pos{}},
		{"zero position", PlaceOf(diag.Pos{}), diag.Pos{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.place.Pos(); got != tc.want {
				t.Errorf("Pos() = %+v, want %+v", got, tc.want)
			}
		})
	}
	// Rows share their sheet's file and sheet: one value, not a copy per row.
	a, b := PlaceIn(sheet, 2), PlaceIn(sheet, 3)
	if a.sheet != b.sheet || sheet.Row != 0 || sheet.Column != "" {
		t.Errorf("rows of one sheet do not share it (%p, %p) or it keeps a row (%+v)", a.sheet, b.sheet, *sheet)
	}
	d := &Deal{At: a}
	if got := d.Pos().String(); got != `deals.xlsx: sheet "Opportunities" row 2` {
		t.Errorf("deal at %s", got)
	}
}
