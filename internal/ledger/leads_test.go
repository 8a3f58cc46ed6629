package ledger

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/render/xlsx"
	"github.com/partnerbook/partnerbook/internal/report"
)

// bookWithLeads is bookOf with the webinar's leads as the run reported them.
func bookWithLeads(t testing.TB, period string) *report.Book {
	b := bookOf(t, period)
	b.Leads = []book.SealedLead{
		{Deal: "OPP-2", Campaign: "web", Owner: "acme", By: book.LeadByTag, Period: "2026-09"},
		{Deal: "OPP-1", Campaign: "web", Owner: "us", By: book.LeadByRotation, Period: period},
	}
	return b
}

// The lead owners a workbook seals are read back; a later month's record of a lead wins.
func TestLeadOwnersRoundTrip(t *testing.T) {
	dir := t.TempDir()
	sep := write(t, filepath.Join(dir, "sep.xlsx"), bookWithLeads(t, "2026-09"))
	octBook := bookWithLeads(t, "2026-10")
	octBook.Leads[1].Owner, octBook.Leads[1].Period = "lodz", "2026-09" // only to tell the months apart
	oct := writeAfter(t, filepath.Join(dir, "oct.xlsx"), octBook, sep)
	var probs diag.List
	l := Read([]string{oct, sep}, month(t, "2026-11"), Display(dir), &probs)
	if probs.HasErrors() || l.LeadsUnrecorded != "" {
		t.Fatalf("errors %v, unrecorded %q", texts(probs.Errors()), l.LeadsUnrecorded)
	}
	var got []string
	for _, id := range []string{"OPP-1", "OPP-2"} {
		r := l.Leads[id]
		got = append(got, strings.Join([]string{r.Deal, r.Campaign, r.Owner, r.By, r.Since.String(), r.Workbook}, " "))
	}
	want := "OPP-1 web lodz rotation 2026-09 oct.xlsx|OPP-2 web acme tag 2026-09 oct.xlsx"
	if strings.Join(got, "|") != want {
		t.Errorf("leads %q, want %q", strings.Join(got, "|"), want)
	}
	// A run of October reads September's records only.
	l = Read([]string{oct, sep}, month(t, "2026-10"), Display(dir), &probs)
	if r := l.Leads["OPP-1"]; r == nil || r.Owner != "us" || r.Workbook != "sep.xlsx" {
		t.Errorf("October's ledger has OPP-1 %+v, want September's record (us)", r)
	}
}

// A lead record edited in the Seal sheet breaks the seal.
func TestLeadRecordEdited(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "sep.xlsx"), bookWithLeads(t, "2026-09"))
	edit(t, p, func(f *excelize.File) {
		r := rowOf(t, f, book.SealSheet, book.SealLead) // OPP-1, ours
		set(t, book.SealSheet, cell(t, book.SealColumns, book.PartnerID, r), "acme")(f)
	})
	var probs diag.List
	l := Read([]string{p}, month(t, "2026-10"), Display(dir), &probs)
	containsAll(t, "errors", texts(probs.Errors()), `sep.xlsx: sheet "Seal": the Seal sheet was edited (its digest does not match its contents)`)
	if len(l.Leads) != 0 || l.LeadsUnrecorded != "sep.xlsx" {
		t.Errorf("leads %v unrecorded %q, want none read from a broken seal", l.Leads, l.LeadsUnrecorded)
	}
}

// A workbook sealed by the previous version (seal v1, no lead columns) still reads:
// its payouts are issued and the ledger says its lead owners are unrecorded.
func TestSealV1Accepted(t *testing.T) {
	dir := t.TempDir()
	b := bookOf(t, "2026-09")
	p := write(t, filepath.Join(dir, "sep.xlsx"), b)
	s := xlsx.Seal(b, book.Link{})
	s.Version = book.SealVersionV1
	digest := s.Compute()
	edit(t, p, func(f *excelize.File) {
		for _, c := range []struct{ cell, v string }{{"B2", book.SealVersionV1}, {"N2", digest}} {
			set(t, book.SealSheet, c.cell, c.v)(f)
		}
		// A v1 seal has no record of the workbook it was issued after.
		if r := rowOf(t, f, book.SealSheet, book.SealAfter); r > 0 {
			if err := f.RemoveRow(book.SealSheet, r); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []string{"O1", "P1"} {
			if err := f.SetCellValue(book.SealSheet, c, nil); err != nil {
				t.Fatal(err)
			}
		}
		r := rowOf(t, f, book.SummarySheet, book.SealRow)
		set(t, book.SummarySheet, "B"+strconv.Itoa(r), digest)(f)
	})
	var probs diag.List
	l := Read([]string{p}, month(t, "2026-10"), Display(dir), &probs)
	if probs.HasErrors() || len(probs.Warnings()) != 0 {
		t.Fatalf("errors %v warnings %v", texts(probs.Errors()), texts(probs.Warnings()))
	}
	if l.LeadsUnrecorded != "sep.xlsx" || l.IssuedCount() != 3 {
		t.Errorf("unrecorded %q, %d lines issued; want sep.xlsx and acme's and lodz's 3", l.LeadsUnrecorded, l.IssuedCount())
	}
}
