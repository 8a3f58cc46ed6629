package ledger

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
)

// A workbook finance opens and saves in LibreOffice keeps its hidden seal, and its
// values still match it: the round trip is no edit.
func TestLibreOfficeRoundTripKeepsTheSeal(t *testing.T) {
	office := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			office = p
			break
		}
	}
	if office == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("libreoffice is missing (apt-get install libreoffice-calc-nogui): the seal's round trip through it must be checked in CI")
		}
		t.Skip("libreoffice is not installed: the seal's round trip through it is not checked")
	}
	if testing.Short() {
		t.Skip("-short: skipping the LibreOffice round trip")
	}
	dir := t.TempDir()
	src := write(t, filepath.Join(dir, "written", "payouts-2026-09.xlsx"), bookOf(t, "2026-09"))
	edit(t, src, func(f *excelize.File) {
		r := rowOf(t, f, book.PayoutsSheet, "PB-2026-09-acme")
		set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PaymentRef, r), "WISE-1")(f)
	})
	out := filepath.Join(dir, "ledger")
	must(t, os.MkdirAll(out, 0o755))
	cmd := exec.Command(office, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "xlsx", "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, b)
	}
	saved := filepath.Join(out, "payouts-2026-09.xlsx")
	f, err := excelize.OpenFile(saved)
	must(t, err)
	visible, err := f.GetSheetVisible(book.SealSheet)
	f.Close()
	if err != nil || visible {
		t.Fatalf("after LibreOffice the Seal sheet is visible=%v (%v), want kept and hidden", visible, err)
	}
	issued, errs, warns := read(t, dir, "2026-10", saved)
	if len(errs) != 0 || len(warns) != 0 {
		t.Fatalf("after LibreOffice: errors %v warnings %v", errs, warns)
	}
	want := "acme:D1:referral=1200.05,acme:D2:referral=90,lodz:D1:referral=-400"
	if got := sortedIDs(issued); got != want {
		t.Errorf("issued after LibreOffice %s, want %s", got, want)
	}
}
