package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// Encodings a CSV file may be read in (Options.Encoding); "" detects it.
var Encodings = []string{"utf-8", "utf-16", "windows-1252", "latin-1"}

// csvRows reads CSV records and numbers them as a spreadsheet program shows them:
// an empty line is an empty row, and a quoted cell spanning lines is one row.
type csvRows struct {
	r       *csv.Reader
	decode  func([]byte) (string, bool) // nil: the bytes are UTF-8
	endLine int                         // last line of the previous record
	row     int                         // row number of the previous record
	data    []byte                      // the text read
}

func newCSVRows(data []byte, decode func([]byte) (string, bool)) *csvRows {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	return &csvRows{r: r, decode: decode, data: data}
}

// next returns the next record and its row number; nil at the end.
func (c *csvRows) next() (*rawRow, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("row %d: %v", c.row+1+max(0, pe.StartLine-c.endLine-1), pe.Err)
		}
		return nil, err
	}
	start, _ := c.r.FieldPos(0)
	last, _ := c.r.FieldPos(len(rec) - 1)
	c.row += 1 + max(0, start-c.endLine-1)
	c.endLine = last + strings.Count(rec[len(rec)-1], "\n")
	r := &rawRow{num: c.row, cells: rec, kinds: make([]Kind, len(rec))}
	for i, f := range rec {
		if c.decode != nil {
			s, ok := c.decode([]byte(f))
			if !ok {
				return nil, fmt.Errorf("row %d has a byte that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90 or 0x9D); if the file is Latin-1, set encoding = \"latin-1\"", c.row)
			}
			rec[i] = s
		}
		if rec[i] != "" {
			r.kinds[i] = Text
		}
	}
	return r, nil
}

// decode1252 decodes Windows-1252; the five bytes it leaves undefined are refused
// rather than turned into U+FFFD.
func decode1252(b []byte) (string, bool) {
	if isASCII(b) {
		return string(b), true
	}
	for _, c := range b {
		switch c {
		case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
			return "", false
		}
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(s), err == nil
}

func decodeLatin1(b []byte) (string, bool) {
	if isASCII(b) {
		return string(b), true
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r), true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decodeUTF16 turns UTF-16 (without its byte-order mark) into UTF-8; a lone
// surrogate or an odd byte count is an error at its line.
func decodeUTF16(b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("the file ends in half a UTF-16 character")
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(u))
	line := 1
	for i := 0; i < len(u); i++ {
		r := rune(u[i])
		switch {
		case utf16.IsSurrogate(r):
			if r < 0xdc00 && i+1 < len(u) {
				if d := utf16.DecodeRune(r, rune(u[i+1])); d != utf8.RuneError {
					out = utf8.AppendRune(out, d)
					i++
					continue
				}
			}
			return nil, fmt.Errorf("line %d is not valid UTF-16 (a lone surrogate)", line)
		case r == '\n':
			line++
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// rowOfOffset is the row (as csvRows numbers them) that holds byte off of data, or
// its line when the CSV cannot be parsed that far.
func rowOfOffset(data []byte, off int) (row int, where string) {
	c := newCSVRows(data, nil)
	c.r.Comma, _ = csvDelimiter(data, 0)
	for {
		r, err := c.next()
		if err != nil || r == nil {
			return 0, fmt.Sprintf("line %d", bytes.Count(data[:off], []byte("\n"))+1)
		}
		if c.r.InputOffset() > int64(off) {
			return r.num, fmt.Sprintf("row %d", r.num)
		}
	}
}

// csvWarning is a note about how a file was decoded, at a row when known.
type csvWarning struct {
	row int
	msg string
}

// readCSV reads a CSV file into memory: its encoding is settled on the whole of it.
func readCSV(path, name string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, diag.At(diag.Pos{File: name}, "cannot open: %v", err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, unzipLimit+1))
	if err != nil {
		return nil, diag.At(diag.Pos{File: name}, "cannot read: %v", err)
	}
	if len(data) > unzipLimit {
		return nil, diag.At(diag.Pos{File: name}, "larger than %d bytes", int64(unzipLimit))
	}
	return data, nil
}

// decodeCSV settles the encoding of CSV bytes: a byte-order mark decides UTF-8 or
// UTF-16, then the encoding setting; without either, text that is not valid UTF-8 is
// read as Windows-1252 with a warning naming the first such row.
func decodeCSV(data []byte, name, enc string) (*csvRows, []csvWarning, error) {
	enc = strings.ToLower(strings.TrimSpace(enc))
	switch enc {
	case "", "utf-8", "utf-16", "windows-1252", "latin-1":
	default:
		return nil, nil, diag.At(diag.Pos{File: name}, "unknown encoding %q (use %s)", enc, strings.Join(Encodings, ", "))
	}
	bom := ""
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		bom, data = "utf-8", data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		bom, data = "utf-16", data[2:]
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		bom, data = "utf-16be", data[2:]
	}
	if bom != "" && enc != "" && enc != strings.TrimSuffix(bom, "be") {
		return nil, nil, diag.At(diag.Pos{File: name}, "the file starts with a %s byte-order mark but encoding = %q", strings.ToUpper(strings.TrimSuffix(bom, "be")), enc)
	}
	if bom == "utf-16" || bom == "utf-16be" || enc == "utf-16" {
		u, err := decodeUTF16(data, bom == "utf-16be")
		if err != nil {
			return nil, nil, diag.At(diag.Pos{File: name}, "%v", err)
		}
		return newCSVRows(u, nil), nil, nil
	}
	switch enc {
	case "windows-1252":
		return newCSVRows(data, decode1252), nil, nil
	case "latin-1":
		return newCSVRows(data, decodeLatin1), nil, nil
	}
	bad, multi := -1, -1
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			if bad < 0 {
				bad = i
			}
		} else if multi < 0 {
			multi = i
		}
		i += n
		if bad >= 0 && multi >= 0 {
			break
		}
	}
	if bad < 0 {
		return newCSVRows(data, nil), nil, nil
	}
	badRow, badAt := rowOfOffset(data, bad)
	if enc == "utf-8" || bom == "utf-8" {
		return nil, nil, diag.At(diag.Pos{File: name}, "%s is not valid UTF-8 text", badAt)
	}
	if multi >= 0 {
		_, multiAt := rowOfOffset(data, multi)
		return nil, nil, diag.At(diag.Pos{File: name}, "%s is not UTF-8 text but %s is: the file mixes encodings; save it again as UTF-8, or set encoding", badAt, multiAt)
	}
	msg := "not UTF-8 text (the first such row): the file is read as Windows-1252; set encoding = \"windows-1252\" or \"latin-1\" to say which it is"
	if badRow == 0 {
		msg = badAt + " is " + msg
	}
	return newCSVRows(data, decode1252), []csvWarning{{badRow, msg}}, nil
}
