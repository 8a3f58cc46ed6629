package sheet

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// threeSheets writes a workbook of three sheets, every text a shared string: "Deals"
// with cells merged over data rows, "Payouts" with a date, a formula and a TRUE cell,
// and "Notes", hidden.
func threeSheets(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Deals")
	sheets := map[string][][]any{
		"Deals":   {{"id", "status", "value", "notes", "tags"}, {"D1", "won", 1000, "call", "Partner: Acme"}, {"D2", "won", 3000}, {"D3", "lost", 4000}},
		"Payouts": {{"Payout ID", "Amount", "Paid", "Check"}, {"PB-1", "12.50", 46000, true}, {"PB-2", "-3", nil, false}},
		"Notes":   {{"Note"}, {"shared: won"}, {"PB-1"}},
	}
	for _, name := range []string{"Deals", "Payouts", "Notes"} {
		if name != "Deals" {
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
		}
		for i, r := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.MergeCell("Deals", "E2", "E4"))
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle("Payouts", "C2", "C2", style))
	must(f.SetCellFormula("Payouts", "B3", "=1-4"))
	must(f.SetSheetVisible("Notes", false))
	p := filepath.Join(t.TempDir(), "book.xlsx")
	must(f.SaveAs(p))
	return p
}

// readTable is everything a table hands out: each row's number, cells, kinds and
// formula columns, the Paid dates read, then the problems.
func readTable(tb *Table, err error, headers ...string) string {
	if err != nil {
		return "open: " + err.Error()
	}
	defer tb.Close()
	for _, h := range headers {
		if _, ok := tb.Column(h); !ok {
			return "no header " + h
		}
	}
	var out []string
	var probs diag.List
	tb.Each(&probs, func() {
		var kinds, formulas []string
		for i := range tb.Current() {
			kinds = append(kinds, tb.Kind(i).String())
			if tb.Formula(i) {
				formulas = append(formulas, fmt.Sprint(i))
			}
		}
		line := fmt.Sprintf("%d %q %v formulas %v", tb.Row(), tb.Current(), kinds, formulas)
		if c, ok := tb.Column("Paid"); ok {
			d, err := tb.DateCell(c, "")
			line += fmt.Sprintf(" paid %v %v", d, err)
		}
		out = append(out, line)
	})
	for _, p := range probs.All() {
		out = append(out, p.String())
	}
	return strings.Join(out, "\n")
}

// A sheet read from a Book reads as Open reads it, in any order and more than once:
// the shared strings, date formats, formulas and merged cells of each sheet its own.
func TestBookTablesReadAsOpen(t *testing.T) {
	p := threeSheets(t)
	want := map[string]string{}
	headers := map[string][]string{"Deals": {"id", "tags"}, "Payouts": {"Payout ID", "Paid"}, "Notes": {"Note"}}
	for _, s := range []string{"Deals", "Payouts", "Notes"} {
		tb, err := Open(p, "book.xlsx", s)
		want[s] = readTable(tb, err, headers[s]...)
	}
	if !strings.Contains(want["Deals"], "cells E2:E4 are merged") || !strings.Contains(want["Payouts"], "paid 2025-12-09") ||
		!strings.Contains(want["Payouts"], "formulas [1]") || !strings.Contains(want["Notes"], `"shared: won"`) {
		t.Fatalf("the workbook does not read as written:\n%s\n%s\n%s", want["Deals"], want["Payouts"], want["Notes"])
	}
	for _, stream := range []bool{true, false} {
		t.Run(fmt.Sprintf("streaming=%v", stream), func(t *testing.T) {
			defer func(was bool) { streaming = was }(streaming)
			streaming = stream
			b, err := OpenBook(p, "book.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if got := strings.Join(b.Sheets(), ","); got != "Deals,Payouts,Notes" {
				t.Errorf("sheets %s", got)
			}
			if (b.Stream() != nil) != stream {
				t.Errorf("streaming reader opened: %v, want %v", b.Stream() != nil, stream)
			}
			for _, s := range []string{"Notes", "Payouts", "Deals", "Payouts", "Notes", "Deals"} {
				tb, err := b.Table(s)
				if got := readTable(tb, err, headers[s]...); got != want[s] {
					t.Errorf("sheet %s from the book:\n%s\nwant:\n%s", s, got, want[s])
				}
			}
			if _, err := b.Table("Missing"); err == nil || !strings.Contains(err.Error(), `no sheet "Missing"`) {
				t.Errorf("a missing sheet: %v", err)
			}
		})
	}
}
