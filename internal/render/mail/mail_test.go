package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
	"github.com/partnerbook/partnerbook/templates"
)

func statement() *report.Statement {
	part := report.PartnerInfo{ID: "zoe", Name: "Zoë Martin Consulting", Email: "zoe@martin.example"}
	return &report.Statement{
		Firm: "Northwind Digital", Currency: "USD", Policy: money.Policy{Places: 2},
		Period: civil.NewMonth(2026, 10), AsOf: civil.New(2026, 10, 31), Partner: part,
		PayoutID: "PB-2026-10-zoe",
		Payout: &report.PayoutRow{ID: "PB-2026-10-zoe", Partner: part, Amount: money.MustAmount("1851.85"),
			Status: book.StatusDue, Due: civil.New(2026, 11, 30)},
	}
}

func render(t *testing.T, tm *Templates, s *report.Statement, pdf []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := tm.Write(&buf, s, Message{From: &mail.Address{Name: "Northwind Digital", Address: "partners@northwind.example"},
		Date: "Sat, 31 Oct 2026 00:00:00 +0000", Filename: "statement-2026-10-zoe.pdf", PDF: pdf})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMessageParsesBack(t *testing.T) {
	tm, err := Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	pdf := bytes.Repeat([]byte("%PDF-1.3 \x00\xff binary "), 500)
	raw := render(t, tm, statement(), pdf)
	if !bytes.Equal(raw, render(t, tm, statement(), pdf)) {
		t.Errorf("two renders differ")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Zoë Martin Consulting" || to[0].Address != "zoe@martin.example" {
		t.Errorf("To = %v (%v)", to, err)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subj != "Northwind Digital partner statement 2026-10 for Zoë Martin Consulting (PB-2026-10-zoe)" {
		t.Errorf("Subject = %q (%v)", subj, err)
	}
	if strings.ContainsAny(msg.Header.Get("Subject"), "ë") {
		t.Errorf("Subject header is not encoded: %q", msg.Header.Get("Subject"))
	}
	if id := msg.Header.Get("Message-ID"); id != "<PB-2026-10-zoe@partnerbook.invalid>" {
		t.Errorf("Message-ID %q", id)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	alt, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	at, altParams, _ := mime.ParseMediaType(alt.Header.Get("Content-Type"))
	if at != "multipart/alternative" {
		t.Fatalf("first part is %q, want multipart/alternative", at)
	}
	ar := multipart.NewReader(alt, altParams["boundary"])
	text, err := ar.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	// The multipart reader undoes the quoted-printable encoding itself.
	body, _ := io.ReadAll(text)
	htmlPart, err := ar.NextPart()
	if err != nil || !strings.HasPrefix(htmlPart.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("second alternative: %v %v", err, htmlPart)
	}
	htmlBody, _ := io.ReadAll(htmlPart)
	for _, want := range []string{"Hello Zoë Martin Consulting,", "<strong>$1,851.85</strong>", "2026-11-30"} {
		if !strings.Contains(string(htmlBody), want) {
			t.Errorf("HTML body lacks %q:\n%s", want, htmlBody)
		}
	}
	for _, want := range []string{"Hello Zoë Martin Consulting,", "Amount:      $1,851.85", "Due date:    2026-11-30", "We will pay this amount by the due date."} {
		if !strings.Contains(string(body), want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	att, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if att.FileName() != "statement-2026-10-zoe.pdf" || att.Header.Get("Content-Type") != `application/pdf; name=statement-2026-10-zoe.pdf` {
		t.Errorf("attachment %q %q", att.FileName(), att.Header.Get("Content-Type"))
	}
	data, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, att))
	if !bytes.Equal(data, pdf) {
		t.Errorf("attachment bytes differ from the PDF (%d vs %d)", len(data), len(pdf))
	}
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("more than two parts")
	}
}

func TestEditedTemplatesAndErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"email-subject.tmpl": {Data: []byte("Statement {{.Period}}")},
		"email-body.tmpl":    {Data: []byte("Dear {{.Partner.Name}}: {{money .Payout.Amount}}")},
	}
	tm, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := mail.ReadMessage(bytes.NewReader(render(t, tm, statement(), []byte("x"))))
	if msg.Header.Get("Subject") != "Statement 2026-10" {
		t.Errorf("edited subject not used: %q", msg.Header.Get("Subject"))
	}
	if _, err := Load(fstest.MapFS{"email-subject.tmpl": {Data: []byte("x")}}); err == nil || !strings.Contains(err.Error(), "email-body.tmpl") {
		t.Errorf("missing body template: %v", err)
	}
	bad := fstest.MapFS{"email-subject.tmpl": {Data: []byte("{{.Nope")}, "email-body.tmpl": {Data: []byte("x")}}
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), "email-subject.tmpl") {
		t.Errorf("broken template: %v", err)
	}
}

func TestHTMLBodyEscapesNames(t *testing.T) {
	tm, err := Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	st := statement()
	st.Partner.Name = `Evil <script>alert(1)</script> & Co`
	raw := string(render(t, tm, st, []byte("x")))
	_, htmlPart, ok := strings.Cut(raw, "Content-Type: text/html; charset=utf-8\r\n\r\n")
	if !ok {
		t.Fatalf("no HTML part:\n%s", raw)
	}
	htmlPart, _, _ = strings.Cut(htmlPart, "\r\n--partnerbook-")
	html, _ := io.ReadAll(quotedprintable.NewReader(strings.NewReader(htmlPart)))
	if strings.Contains(string(html), "<script>") || !strings.Contains(string(html), "Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co") {
		t.Errorf("the HTML body does not escape the partner name:\n%s", html)
	}
}

// An edited template reaches only the statement's own copies: the program, the
// partner's terms and other partners' campaign shares are not there to print.
func TestTemplatesSeeOnlyTheStatement(t *testing.T) {
	for _, body := range []string{
		"{{.Partner.Terms}}",
		"{{.Payout.Partner.Terms}}",
		"{{range .Lines}}{{.Deal.Partner}}{{end}}",
		"{{.Program.Campaigns}}",
	} {
		tm, err := Load(fstest.MapFS{"email-subject.tmpl": {Data: []byte("s")}, "email-body.tmpl": {Data: []byte(body)}})
		if err != nil {
			t.Fatal(err)
		}
		s := statement()
		s.Lines = []report.LineRow{{ID: "zoe:D1:referral", Amount: money.MustAmount("1851.85")}}
		var buf bytes.Buffer
		err = tm.Write(&buf, s, Message{From: &mail.Address{Address: "a@b.example"}, Filename: "s.pdf"})
		if err == nil || !strings.Contains(err.Error(), "body template") {
			t.Errorf("template %s executed (err %v): the statement exposes more than its own rows", body, err)
		}
	}
}

// plainBody renders s and returns the decoded text/plain part.
func plainBody(t *testing.T, s *report.Statement) string {
	t.Helper()
	tm, err := Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(render(t, tm, s, []byte("%PDF"))))
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	alt, err := multipart.NewReader(msg.Body, params["boundary"]).NextPart()
	if err != nil {
		t.Fatal(err)
	}
	_, altParams, _ := mime.ParseMediaType(alt.Header.Get("Content-Type"))
	text, err := multipart.NewReader(alt, altParams["boundary"]).NextPart()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(text)
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

func TestGreetingAndReceivableWording(t *testing.T) {
	tests := []struct {
		name, contact string
		receivable    bool
		want          []string
	}{
		{"contact given: first name, sentence case", "Zoë Martin", false,
			[]string{"Hello Zoë,\n\nPlease find attached your partner statement"}},
		{"no contact: the partner's name", "", false,
			[]string{"Hello Zoë Martin Consulting,\n\nPlease find attached"}},
		{"receivable: you owe us, positive", "Zoë Martin", true,
			[]string{"  You owe us:  $5,800.40\n", "You owe us: $5,800.40; our finance team will send you an invoice.",
				"  PB-2026-09-zoe  you owe us $41,153.66  Receivable"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := statement()
			s.Partner.Contact = tc.contact
			if tc.receivable {
				s.Payout.Amount, s.Payout.OwedToUs, s.Payout.Status = money.MustAmount("-5800.40"), money.MustAmount("5800.40"), book.StatusReceivable
				s.Outstanding = append(s.Outstanding, report.IssuedRow{ID: "PB-2026-09-zoe", Amount: money.MustAmount("-41153.66"), Status: book.StatusReceivable})
			}
			body := plainBody(t, s)
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			if strings.Contains(body, "-$") {
				t.Errorf("body shows a negative amount to the partner:\n%s", body)
			}
			if strings.Contains(body, "please find") {
				t.Errorf("body starts a sentence in lower case:\n%s", body)
			}
		})
	}
}

// BenchmarkWrite renders the e-mail of a statement with a 60 KB PDF, about
// the size of a ten-page statement.
func BenchmarkWrite(b *testing.B) {
	tm, err := Load(templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	s := statement()
	pdf := bytes.Repeat([]byte("%PDF-1.3 binary\x00\xff stream data "), 60_000/32)
	m := Message{From: &mail.Address{Name: "Northwind Digital", Address: "partners@northwind.example"},
		Date: "Sat, 31 Oct 2026 00:00:00 +0000", Filename: "statement-2026-10-zoe.pdf", PDF: pdf}
	b.ReportAllocs()
	for b.Loop() {
		if err := tm.Write(io.Discard, s, m); err != nil {
			b.Fatal(err)
		}
	}
}

// The attachment is the PDF in base64 lines of 76 characters, the last one
// shorter, each ended by CRLF, at every length around a line's 57 bytes.
func TestBase64Lines(t *testing.T) {
	for n := 0; n <= 400; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*7 + n)
		}
		enc := base64.StdEncoding.EncodeToString(b)
		var want strings.Builder
		for len(enc) > 76 {
			want.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		want.WriteString(enc + "\r\n")
		if got := string(base64Lines(b)); got != want.String() {
			t.Fatalf("%d bytes: got %q, want %q", n, got, want.String())
		}
	}
}

// A partner id may have 63 characters, so a boundary made of the payout ID could pass
// RFC 2046's 70; and a boundary that begins with the other is a delimiter of both to a
// parser that compares the beginnings of lines (RFC 2046 5.1.1). Both boundaries are
// of fixed length, neither begins the other, and each begins only its own delimiter
// lines, with and without the HTML alternative.
func TestBoundaries(t *testing.T) {
	full, err := Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Load(fstest.MapFS{
		"email-subject.tmpl": {Data: []byte("Statement {{.Period}}")},
		"email-body.tmpl":    {Data: []byte("-- \n--\n=_pb_mixed_ Dear {{.Partner.Name}}")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"zoe", strings.Repeat("a", 44), "a" + strings.Repeat("-b", 31)} {
		s := statement()
		s.Partner.ID, s.PayoutID, s.Payout.ID = id, "PB-2026-10-"+id, "PB-2026-10-"+id
		for name, tm := range map[string]*Templates{"html": full, "plain": plain} {
			raw := render(t, tm, s, bytes.Repeat([]byte("%PDF-1.3 \x00\xff binary "), 50))
			msg, err := mail.ReadMessage(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("%s %s: %v", id, name, err)
			}
			_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
			outer := params["boundary"]
			if len(outer) == 0 || len(outer) > 70 {
				t.Errorf("%s %s: outer boundary %q has %d characters", id, name, outer, len(outer))
			}
			lines := strings.Split(string(raw), "\r\n")
			count := func(b string) int {
				n := 0
				for _, l := range lines {
					if strings.HasPrefix(l, "--"+b) {
						n++
					}
				}
				return n
			}
			if n := count(outer); n != 3 {
				t.Errorf("%s %s: %d lines begin with --%s, want 3 (two parts and the close)", id, name, n, outer)
			}
			mr := multipart.NewReader(msg.Body, outer)
			first, err := mr.NextPart()
			if err != nil {
				t.Fatalf("%s %s: %v", id, name, err)
			}
			ct, p, _ := mime.ParseMediaType(first.Header.Get("Content-Type"))
			if name == "html" {
				inner := p["boundary"]
				if ct != "multipart/alternative" || len(inner) == 0 || len(inner) > 70 {
					t.Fatalf("%s: first part %s, boundary %q", id, ct, inner)
				}
				if strings.HasPrefix(inner, outer) || strings.HasPrefix(outer, inner) {
					t.Errorf("%s: boundaries %q and %q: one begins the other", id, outer, inner)
				}
				if n := count(inner); n != 3 {
					t.Errorf("%s: %d lines begin with --%s, want 3", id, n, inner)
				}
				ar := multipart.NewReader(first, inner)
				for _, want := range []string{"text/plain; charset=utf-8", "text/html; charset=utf-8"} {
					ap, err := ar.NextPart()
					if err != nil || ap.Header.Get("Content-Type") != want {
						t.Errorf("%s: alternative %v, want %s", id, err, want)
					}
				}
			} else if ct != "text/plain" {
				t.Errorf("%s plain: first part %s", id, ct)
			}
			if pdf, err := mr.NextPart(); err != nil || pdf.Header.Get("Content-Type") != `application/pdf; name=statement-2026-10-zoe.pdf` {
				t.Errorf("%s %s: attachment %v %v", id, name, pdf, err)
			}
			if _, err := mr.NextPart(); err != io.EOF {
				t.Errorf("%s %s: more parts after the PDF: %v", id, name, err)
			}
		}
	}
}
