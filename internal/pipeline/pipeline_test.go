package pipeline

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

const sampleProgram = "../../sample-data/partnerbook.toml"

// runSample runs the sample program into a new folder.
func runSample(t *testing.T) (*Outcome, string) {
	t.Helper()
	out := t.TempDir()
	o, err := Run(Config{ProgramFile: sampleProgram, OutDir: out, Keep: true})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return o, filepath.Join(out, "2026-10")
}

func pdftotext(t *testing.T, path string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	text, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(text)
}

// payoutRows reads the Payouts sheet back: payout ID -> amount and status as written.
func payoutRows(t *testing.T, path string) map[string][2]string {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(book.PayoutsSheet)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string][2]string{}
	for _, r := range rows[1:] {
		out[r[col[book.PayoutID]]] = [2]string{r[col[book.Amount]], r[col[book.Status]]}
	}
	return out
}

// Totals agree everywhere: each statement's amount is its Payouts row; report.json, the
// owner report and the dashboard carry the workbook's totals.
func TestSampleTotalsAgree(t *testing.T) {
	o, dir := runSample(t)
	pol, cur := o.Result.Program.Policy, o.Result.Program.Currency
	rows := payoutRows(t, filepath.Join(dir, "payouts.xlsx"))
	if len(rows) != len(o.Result.Payouts) || len(rows) == 0 {
		t.Fatalf("workbook has %d payouts, run has %d", len(rows), len(o.Result.Payouts))
	}
	totals := map[book.PayoutStatus]money.Amount{}
	for id, r := range rows {
		a := money.MustAmount(r[0])
		totals[book.PayoutStatus(r[1])] = totals[book.PayoutStatus(r[1])].Add(a)
		_ = id
	}
	var rj report.JSON
	data, _ := os.ReadFile(filepath.Join(dir, "report.json"))
	if err := json.Unmarshal(data, &rj); err != nil {
		t.Fatal(err)
	}
	if rj.Totals["due"] != pol.Format(totals[book.StatusDue]) || rj.Totals["receivable"] != pol.Format(totals[book.StatusReceivable]) ||
		rj.Totals["carried"] != pol.Format(totals[book.StatusCarried]) {
		t.Errorf("report.json totals %v, workbook due %s receivable %s", rj.Totals, totals[book.StatusDue], totals[book.StatusReceivable])
	}
	owner := pdftotext(t, filepath.Join(dir, "owner-report.pdf"))
	dash, _ := os.ReadFile(filepath.Join(dir, "dashboard.html"))
	for _, st := range []book.PayoutStatus{book.StatusDue, book.StatusReceivable} {
		shown := pol.Display(totals[st], cur)
		if st == book.StatusReceivable {
			shown = pol.Display(totals[st].Neg(), cur) // shown as what partners owe us
		}
		if !strings.Contains(owner, shown) {
			t.Errorf("owner report lacks the %s total %s", st, shown)
		}
		if !strings.Contains(string(dash), shown) {
			t.Errorf("dashboard lacks the %s total %s", st, shown)
		}
	}
	for _, p := range rj.Partners {
		if p.PayoutStatus == "" {
			continue
		}
		r := rows[book.MakePayoutID("2026-10", p.ID)]
		if !money.MustAmount(r[0]).Equal(money.MustAmount(p.Payout)) || r[1] != p.PayoutStatus {
			t.Errorf("report.json %s payout %s %s, workbook %v", p.ID, p.Payout, p.PayoutStatus, r)
		}
	}
	for _, s := range o.Statements.All() {
		text := pdftotext(t, filepath.Join(dir, "statements", s.Partner.ID+".pdf"))
		if s.Payout == nil {
			continue
		}
		r := rows[s.PayoutID]
		want := pol.Display(money.MustAmount(r[0]), cur)
		if !strings.Contains(text, s.PayoutID) || !strings.Contains(text, want) || !strings.Contains(text, r[1]) {
			t.Errorf("statement of %s lacks %s / %s / %s", s.Partner.ID, s.PayoutID, want, r[1])
		}
	}
}

// A statement and its e-mail hold that partner's data only.
func TestSampleStatementsAreConfidential(t *testing.T) {
	o, dir := runSample(t)
	// Which partner's documents may mention a client: those whose deals name it.
	owners := map[string]map[string]bool{}
	for _, d := range o.Result.Deals {
		if d.Partner == nil || d.Client == "" {
			continue
		}
		if owners[d.Client] == nil {
			owners[d.Client] = map[string]bool{}
		}
		owners[d.Client][d.Partner.ID] = true
	}
	for _, s := range o.Statements.All() {
		id := s.Partner.ID
		text := pdftotext(t, filepath.Join(dir, "statements", id+".pdf"))
		raw, err := os.ReadFile(filepath.Join(dir, "emails", id+".eml"))
		body := ""
		if err == nil {
			body = emailText(t, raw, filepath.Join(dir, "statements", id+".pdf"))
		}
		for _, other := range o.Result.Program.Partners {
			if other.ID == id || strings.Contains(s.Partner.Name, other.Name) {
				continue
			}
			for _, doc := range []struct{ name, text string }{{"statement", text}, {"e-mail", body}} {
				if strings.Contains(doc.text, other.Name) {
					t.Errorf("%s of %s names partner %q", doc.name, id, other.Name)
				}
			}
		}
		for client, ps := range owners {
			if !ps[id] && strings.Contains(text, client) && !mentionsOwnClient(client, id, owners) {
				t.Errorf("statement of %s names %q, a client of %v only", id, client, ps)
			}
		}
		if !strings.Contains(text, s.Partner.Name) {
			t.Errorf("statement of %s lacks the partner's name %q", id, s.Partner.Name)
		}
	}
}

// emailText checks an e-mail's attachment is the statement and returns its body.
func emailText(t *testing.T, raw []byte, pdfPath string) string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	var walk func(r io.Reader, contentType string)
	walk = func(r io.Reader, contentType string) {
		_, params, _ := mime.ParseMediaType(contentType)
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ct := p.Header.Get("Content-Type")
			if strings.HasPrefix(ct, "multipart/") {
				walk(p, ct)
				continue
			}
			data, _ := io.ReadAll(p) // quoted-printable is decoded by the reader
			if p.FileName() != "" {
				pdf, _ := os.ReadFile(pdfPath)
				dec, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(data), "\r\n", ""))
				if !bytes.Equal(dec, pdf) {
					t.Errorf("attachment of %s is not the statement", pdfPath)
				}
				continue
			}
			body.Write(data)
			body.WriteString("\n")
		}
	}
	walk(msg.Body, msg.Header.Get("Content-Type"))
	subj, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	to, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("To"))
	if !strings.Contains(body.String(), "Hello ") {
		t.Errorf("e-mail body of %s not decoded:\n%s", pdfPath, body.String())
	}
	return subj + "\n" + to + "\n" + body.String()
}

// Identical inputs give byte-identical outputs, every file of them.
func TestSampleOutputsAreByteIdentical(t *testing.T) {
	_, a := runSample(t)
	// The same program named another way gives the same bytes: messages and the
	// manifest show paths relative to the program file, never as -c spelled them.
	abs, err := filepath.Abs(sampleProgram)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Run(Config{ProgramFile: filepath.Join(filepath.Dir(abs), ".", "..", "sample-data", "partnerbook.toml"), OutDir: out}); err != nil {
		t.Fatalf("run: %v", err)
	}
	b := filepath.Join(out, "2026-10")
	ma, _ := os.ReadFile(filepath.Join(a, "manifest.json"))
	mb, _ := os.ReadFile(filepath.Join(b, "manifest.json"))
	if !bytes.Equal(ma, mb) {
		t.Fatalf("manifests differ:\n%s\n%s", ma, mb)
	}
	var m Manifest
	if err := json.Unmarshal(ma, &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"dashboard.html", "owner-report.pdf", "payouts.xlsx", "report.json",
		"finance/xero-bills.csv", "finance/quickbooks-bills.csv", "finance/xero-invoices.csv",
		"finance/quickbooks-invoices.csv", "finance/paypal-payouts-USD.csv", "finance/wise-batch-USD-business-iban.csv"}
	got := map[string]bool{}
	for _, f := range m.Outputs {
		got[f.Path] = true
		x, _ := os.ReadFile(filepath.Join(a, filepath.FromSlash(f.Path)))
		y, _ := os.ReadFile(filepath.Join(b, filepath.FromSlash(f.Path)))
		if !bytes.Equal(x, y) || len(x) == 0 {
			t.Errorf("%s differs between runs", f.Path)
		}
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("manifest lacks %s", w)
		}
	}
	if len(m.Inputs) != 4 || m.Inputs[0].Path != "partnerbook.toml" || m.Inputs[3].Path != "ledger/payouts-2026-09.xlsx" {
		t.Errorf("manifest inputs %+v", m.Inputs)
	}
}

// mentionsOwnClient reports whether client is part of the name of one of partner id's own
// clients ("Lakeside Outfitters" inside "Lakeside Outfitters Ltd").
func mentionsOwnClient(client, id string, owners map[string]map[string]bool) bool {
	for c, ps := range owners {
		if ps[id] && c != client && strings.Contains(c, client) {
			return true
		}
	}
	return false
}

// A program without [input.payments] runs on deals alone and writes every output; the
// manifest lists the inputs it has.
func TestRunWithoutPayments(t *testing.T) {
	dir := t.TempDir()
	text, err := os.ReadFile(sampleProgram)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(text, []byte("[input.payments]"))
	end := bytes.Index(text, []byte("[input.ledger]"))
	if start < 0 || end < start {
		t.Fatal("the sample program has no [input.payments] section before [input.ledger] to remove")
	}
	text = append(text[:start:start], text[end:]...)
	for _, f := range []string{"deals.xlsx", "ledger/payouts-2026-09.xlsx"} {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(sampleProgram), f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "partnerbook.toml")
	if err := os.WriteFile(cfg, text, 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := Run(Config{ProgramFile: cfg, OutDir: filepath.Join(dir, "out")})
	var failed *diag.Failed
	if errors.As(err, &failed) {
		t.Fatalf("run without payments: %v", failed.Problems)
	}
	if err != nil {
		t.Fatalf("run without payments: %v", err)
	}
	m, err := os.ReadFile(filepath.Join(o.Dir, "manifest.json"))
	if err != nil || bytes.Contains(m, []byte("payments")) || !bytes.Contains(m, []byte(`"deals.xlsx"`)) {
		t.Errorf("manifest (%v):\n%s", err, m)
	}
}

// A run lets go of the computed result and the statements once its outputs are
// written, and writes the same bytes as a run that keeps them for its caller.
func TestRunLetsGoOfTheResult(t *testing.T) {
	kept, keptDir := runSample(t)
	if kept.Result == nil || kept.Statements == nil || kept.Statements.Len() == 0 {
		t.Fatal("Keep: the outcome has no result or statements")
	}
	out := t.TempDir()
	o, err := Run(Config{ProgramFile: sampleProgram, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if o.Result != nil || o.Statements != nil {
		t.Error("the outcome still holds the result or the statements")
	}
	if !slices.Equal(o.Warnings, kept.Warnings) || len(o.Warnings) == 0 {
		t.Errorf("warnings %q, kept %q", o.Warnings, kept.Warnings)
	}
	want, got := files(t, keptDir), files(t, filepath.Join(out, "2026-10"))
	if len(got) != len(want) || len(got) < 10 {
		t.Fatalf("%d files, kept run %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from the kept run's", name)
		}
	}
}
