// Package mail writes a partner's statement e-mail: an RFC 5322 message with a plain
// text body from the user's templates and the statement PDF attached.
package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"text/template"

	htmltemplate "html/template"

	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// Templates are the parsed subject and body templates, and the optional HTML body.
type Templates struct {
	subject, body *template.Template
	html          *htmltemplate.Template // nil when email-body.html.tmpl is absent
}

// Load parses email-subject.tmpl and email-body.tmpl from fsys.
func Load(fsys fs.FS) (*Templates, error) {
	funcs := template.FuncMap{"money": func(a money.Amount) string { return "" }}
	t := &Templates{}
	for _, x := range []struct {
		name string
		dst  **template.Template
	}{{"email-subject.tmpl", &t.subject}, {"email-body.tmpl", &t.body}} {
		src, err := fs.ReadFile(fsys, x.name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", x.name, err)
		}
		tt, err := template.New(x.name).Funcs(funcs).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("template %v", err)
		}
		*x.dst = tt
	}
	// The HTML body is optional: a folder of edited templates may leave it out. It is
	// an html/template, so a partner name like "<b>" stays text.
	if src, err := fs.ReadFile(fsys, "email-body.html.tmpl"); err == nil {
		ht, err := htmltemplate.New("email-body.html.tmpl").Funcs(htmltemplate.FuncMap(funcs)).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("template %v", err)
		}
		t.html = ht
	}
	return t, nil
}

// Message is what the renderer needs beside the statement.
type Message struct {
	From     *mail.Address
	Date     string // RFC 5322 date, fixed by the run date
	Filename string
	PDF      []byte
}

// Write renders the e-mail of one statement.
func (t *Templates) Write(w io.Writer, s *report.Statement, m Message) error {
	funcs := template.FuncMap{"money": func(a money.Amount) string { return s.Policy.Display(a, s.Currency) }}
	var subj, body bytes.Buffer
	if err := template.Must(t.subject.Clone()).Funcs(funcs).Execute(&subj, s); err != nil {
		return fmt.Errorf("subject template: %w", err)
	}
	if err := template.Must(t.body.Clone()).Funcs(funcs).Execute(&body, s); err != nil {
		return fmt.Errorf("body template: %w", err)
	}
	subject := strings.Join(strings.Fields(subj.String()), " ")
	to := &mail.Address{Name: s.Partner.Name, Address: s.Partner.Email}
	id := s.PayoutID
	if id == "" {
		id = "ST-" + s.Period.String() + "-" + s.Partner.ID
	}
	var buf bytes.Buffer
	// The attachment is most of the message: base64 with line ends is 1.37 times the PDF.
	buf.Grow(len(m.PDF)*137/100 + 16<<10)
	// The boundaries and Message-ID come from the statement, not from chance, so a
	// re-run writes the same bytes.
	boundary, alt := boundaries(id)
	h := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	h("From", m.From.String())
	h("To", to.String())
	// Encoded words are folded onto their own lines to keep header lines short (RFC 5322 2.1.1).
	h("Subject", strings.ReplaceAll(mime.QEncoding.Encode("utf-8", subject), "?= =?", "?=\r\n =?"))
	h("Date", m.Date)
	h("Message-ID", "<"+id+"@partnerbook.invalid>")
	h("MIME-Version", "1.0")
	h("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	buf.WriteString("\r\n")
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary(boundary); err != nil {
		return err
	}
	// The text (and HTML) body: plain text alone, or both as alternatives.
	if t.html != nil {
		var htmlBody bytes.Buffer
		ht, err := t.html.Clone()
		if err != nil {
			return err
		}
		if err := ht.Funcs(htmltemplate.FuncMap(funcs)).Execute(&htmlBody, s); err != nil {
			return fmt.Errorf("HTML body template: %w", err)
		}
		part, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {`multipart/alternative; boundary="` + alt + `"`}})
		if err != nil {
			return err
		}
		bodies := multipart.NewWriter(part)
		if err := bodies.SetBoundary(alt); err != nil {
			return err
		}
		if err := qpPart(bodies, "text/plain; charset=utf-8", body.String()); err != nil {
			return err
		}
		if err := qpPart(bodies, "text/html; charset=utf-8", htmlBody.String()); err != nil {
			return err
		}
		if err := bodies.Close(); err != nil {
			return err
		}
	} else if err := qpPart(mw, "text/plain; charset=utf-8", body.String()); err != nil {
		return err
	}
	att, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType("application/pdf", map[string]string{"name": m.Filename})},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": m.Filename})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	if _, err := att.Write(base64Lines(m.PDF)); err != nil {
		return err
	}
	if err := mw.Close(); err != nil {
		return err
	}
	// Neither boundary can occur in the parts (quoted-printable writes "=" as "=3D",
	// base64 has no "_"), but a parser splits the message wherever a line begins with
	// one, so make sure: each must begin only the delimiter lines written.
	alts := 0
	if t.html != nil {
		alts = 3 // two bodies and the close
	}
	parts := 3 // the body (or the alternatives), the PDF and the close
	if n := delimiters(buf.Bytes(), boundary); n != parts {
		return fmt.Errorf("e-mail of payout %s: the MIME boundary %q begins %d lines, not %d", id, boundary, n, parts)
	}
	if n := delimiters(buf.Bytes(), alt); n != alts {
		return fmt.Errorf("e-mail of payout %s: the MIME boundary %q begins %d lines, not %d", id, alt, n, alts)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// boundaries are the multipart/mixed and multipart/alternative boundaries of the
// message of id: 36 characters, whatever the length of the partner id (RFC 2046
// allows at most 70), made from a hash of id so that a re-run writes the same bytes.
// Neither begins with the other (RFC 2046 5.1.1: a parser matches a boundary against
// the beginning of each line, so "--outer-alt" would also be an outer delimiter), and
// "=_" cannot occur in a quoted-printable or base64 part.
func boundaries(id string) (mixed, alt string) {
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:12])
	return "=_pb_mixed_" + h + "_", "=_pb_alter_" + h + "_"
}

// delimiters counts the lines of msg that begin with "--" and boundary.
func delimiters(msg []byte, boundary string) int {
	mark := []byte("\r\n--" + boundary)
	n := bytes.Count(msg, mark)
	if bytes.HasPrefix(msg, mark[2:]) {
		n++
	}
	return n
}

// qpPart writes one quoted-printable text part with CRLF line ends.
func qpPart(mw *multipart.Writer, contentType, text string) error {
	w, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {contentType},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return err
	}
	qp := quotedprintable.NewWriter(w)
	if _, err := qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		return err
	}
	return qp.Close()
}

// base64Lines is b in base64, in lines of 76 characters ended by CRLF (RFC 2045
// 6.8), built in one buffer: 57 bytes of b make one full line.
func base64Lines(b []byte) []byte {
	const in, line = 57, 76
	n := (len(b) + in - 1) / in
	out := make([]byte, 0, base64.StdEncoding.EncodedLen(len(b))+2*max(n, 1))
	for len(b) > in {
		out = base64.StdEncoding.AppendEncode(out, b[:in])
		out = append(out, '\r', '\n')
		b = b[in:]
	}
	out = base64.StdEncoding.AppendEncode(out, b)
	return append(out, '\r', '\n')
}
