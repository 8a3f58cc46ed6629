package diag

import (
	"fmt"
	"testing"
)

func TestErrKeepsThePlace(t *testing.T) {
	at := Pos{File: "deals.xlsx", Sheet: "Deals"}
	tests := []struct {
		name string
		err  error
		pos  Pos
		msg  string
	}{
		{"positioned", At(at, "no sheet %q", "X"), at, `no sheet "X"`},
		{"wrapped", fmt.Errorf("%w (is it a payouts.xlsx?)", At(at, "not a workbook")), at, "not a workbook (is it a payouts.xlsx?)"},
		{"plain", fmt.Errorf("disk full"), Pos{}, "disk full"},
	}
	for _, tc := range tests {
		var l List
		l.Err(tc.err)
		got := l.Errors()
		if len(got) != 1 || got[0].Pos != tc.pos || got[0].Msg != tc.msg {
			t.Errorf("%s: Err(%v) = %+v, want %v %q", tc.name, tc.err, got, tc.pos, tc.msg)
		}
	}
}
