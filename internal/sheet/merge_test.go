package sheet

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"
)

// mergedBook writes a workbook whose sheet "Deals" holds rows (from A1) and the merged
// ranges given ("I2:I4").
func mergedBook(t *testing.T, rows [][]any, merges ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Deals")
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Deals", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell("Deals", a, b); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "deals.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// readLooking reads a workbook to its end after looking up the headers given, as the
// CRM readers do, with the streaming reader or encoding/xml; it returns the rows, then
// the problems.
func readLooking(t *testing.T, path string, stream bool, headers ...string) []string {
	t.Helper()
	defer func(was bool) { streaming = was }(streaming)
	streaming = stream
	tb, err := OpenWith(path, "deals.xlsx", Options{})
	if err != nil {
		return []string{"open: " + err.Error()}
	}
	defer tb.Close()
	for _, h := range headers {
		if _, ok := tb.Column(h); !ok {
			t.Fatalf("no header %q", h)
		}
	}
	var out []string
	for {
		more, err := tb.Next()
		if err != nil {
			out = append(out, "error: "+err.Error())
			break
		}
		if !more {
			break
		}
		out = append(out, fmt.Sprintf("%d %q", tb.Row(), tb.Current()))
	}
	return append(out, warnStrings(tb.Warnings())...)
}

func TestMergedCellsOverDataRowsAreRefused(t *testing.T) {
	header := []any{"id", "status", "value", "notes", "tags"}
	data := [][]any{
		header,
		{"D1", "won", 1000, "call back", "Partner: Acme"},
		{"D2", "won", 3000},
		{"D3", "won", 4000},
		{"D4", "won", 2000, nil, "Partner: Beta"},
	}
	const how = "unmerge the cells and put the value in every row (Excel: Unmerge Cells, then Find & Select > Go To Special > Blanks, type = and the cell above, Ctrl+Enter; LibreOffice: Unmerge Cells, then Sheet > Fill Cells > Fill Down)"
	for _, c := range []struct {
		name   string
		rows   [][]any
		merges []string
		want   []string // the problems
	}{
		{"tags merged over three deals", data, []string{"E2:E4"}, []string{
			`deals.xlsx: sheet "Deals" row 2 column "tags": cells E2:E4 are merged: a spreadsheet shows one value across them, but the file holds it only in E2 and the other cells read as empty; ` + how}},
		{"status and value merged", data, []string{"C3:C4", "B2:B3"}, []string{
			`deals.xlsx: sheet "Deals" row 2 column "status": cells B2:B3 are merged: a spreadsheet shows one value across them, but the file holds it only in B2 and the other cells read as empty; ` + how,
			`deals.xlsx: sheet "Deals" row 3 column "value": cells C3:C4 are merged: a spreadsheet shows one value across them, but the file holds it only in C3 and the other cells read as empty; ` + how}},
		{"across a row, into a column read", data, []string{"D2:E2"}, []string{
			`deals.xlsx: sheet "Deals" row 2 column "tags": cells D2:E2 are merged: a spreadsheet shows one value across them, but the file holds it only in D2 and the other cells read as empty; ` + how}},
		{"from the header down", data, []string{"E1:E2"}, []string{
			`deals.xlsx: sheet "Deals" row 1 column "tags": cells E1:E2 are merged: a spreadsheet shows one value across them, but the file holds it only in E1 and the other cells read as empty; ` + how}},
		{"a column that is not read", data, []string{"D2:D4"}, nil},
		{"header cells only", data, []string{"E1:F1"}, nil},
		{"blank rows above the header", append([][]any{{}, {}}, data...), []string{"A1:E2"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mergedBook(t, c.rows, c.merges...)
			got := readLooking(t, p, true, "id", "status", "value", "tags")
			if xml := readLooking(t, p, false, "id", "status", "value", "tags"); strings.Join(xml, "\n") != strings.Join(got, "\n") {
				t.Fatalf("the readers differ:\nstream:\n%s\nencoding/xml:\n%s", strings.Join(got, "\n"), strings.Join(xml, "\n"))
			}
			var probs []string
			for _, g := range got {
				if strings.HasPrefix(g, "deals.xlsx") {
					probs = append(probs, g)
				}
			}
			if strings.Join(probs, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(c.want, "\n"))
			}
			if rows := len(got) - len(probs); rows != 4 {
				t.Errorf("%d rows read, want 4: %q", rows, got)
			}
		})
	}
}

func TestManyMergedRangesAreCounted(t *testing.T) {
	rows := [][]any{{"id", "tags"}}
	var merges []string
	for i := range 13 {
		rows = append(rows, []any{fmt.Sprintf("D%d", 2*i+1), "Partner: Acme"}, []any{fmt.Sprintf("D%d", 2*i+2)})
		merges = append(merges, fmt.Sprintf("B%d:B%d", 2*i+2, 2*i+3))
	}
	got := readLooking(t, mergedBook(t, rows, merges...), true, "id", "tags")
	var probs []string
	for _, g := range got {
		if strings.HasPrefix(g, "deals.xlsx") {
			probs = append(probs, g)
		}
	}
	if len(probs) != 11 || !strings.Contains(probs[9], "cells B20:B21 are merged") ||
		!strings.HasPrefix(probs[10], `deals.xlsx: sheet "Deals" row 22 column "tags": 3 more merged ranges cover data rows in columns that are read (from B22:B23 on): unmerge them too`) {
		t.Errorf("problems:\n%s", strings.Join(probs, "\n"))
	}
}

// The merged-cell list is found however the sheet XML arrives: split anywhere between
// reads, with a namespace prefix, after text that merely looks like it.
func TestMergeListFoundAcrossReads(t *testing.T) {
	sheet := `<x:worksheet xmlns:x="main"><x:sheetData><x:row r="1"><x:c t="inlineStr"><x:is><x:t>mergeCells &lt;mergeCell ref="A1:A9"/&gt;</x:t></x:is></x:c></x:row></x:sheetData>` +
		strings.Repeat(" ", 200) +
		`<x:mergeCells count="3"><x:mergeCell ref="B2:B4"/><x:mergeCell ref="$C$5:$D$5"></x:mergeCell><x:mergeCell ref="E7"/><x:mergeCell ref="nonsense"/><x:mergeCell ref="A10:A9"/></x:mergeCells><x:mergeCell ref="Z1:Z9"/></x:worksheet>`
	want := "[B2:B4 C5:D5 A9:A10]"
	for _, r := range []struct {
		name string
		r    io.Reader
	}{
		{"whole", strings.NewReader(sheet)},
		{"a byte at a time", iotest.OneByteReader(strings.NewReader(sheet))},
		{"in halves", iotest.HalfReader(strings.NewReader(sheet))},
	} {
		w := &workbook{}
		if _, err := io.Copy(io.Discard, w.watchMerges("s.xml", r.r)); err != nil {
			t.Fatal(err)
		}
		got, err := w.mergedRanges("s.xml")
		if err != nil || fmt.Sprint(got) != want {
			t.Errorf("%s: %v %v, want %s", r.name, got, err, want)
		}
	}
	for _, empty := range []string{`<worksheet><sheetData/><mergeCells/><mergeCell ref="A1:A2"/></worksheet>`, `<worksheet><sheetData/></worksheet>`} {
		w := &workbook{}
		io.Copy(io.Discard, w.watchMerges("s.xml", iotest.OneByteReader(strings.NewReader(empty))))
		if got, err := w.mergedRanges("s.xml"); len(got) != 0 || err != nil {
			t.Errorf("%s: %v %v", empty, got, err)
		}
	}
}

// However the part is cut into reads, the same merged ranges are found.
func FuzzMergeListAcrossReads(f *testing.F) {
	f.Add(`<sheetData/><mergeCells count="1"><mergeCell ref="I2:I4"/></mergeCells>`, uint8(3))
	f.Add(`<x:mergeCells><x:mergeCell ref="A1:B1"></x:mergeCell><x:mergeCell  ref='C3:C9'/></x:mergeCells>`, uint8(1))
	f.Add(`<t>mergeCells</t><mergeCells/><mergeCells><mergeCell ref="A1:A2"/></mergeCells>`, uint8(7))
	f.Fuzz(func(t *testing.T, text string, step uint8) {
		ranges := func(r io.Reader) string {
			w := &workbook{}
			if _, err := io.Copy(io.Discard, w.watchMerges("s.xml", r)); err != nil {
				t.Fatal(err)
			}
			got, err := w.mergedRanges("s.xml")
			return fmt.Sprint(got, err)
		}
		whole := ranges(strings.NewReader(text))
		if cut := ranges(&chunkReader{text: text, step: int(step)%97 + 1}); cut != whole {
			t.Errorf("in reads of %d bytes: %s, whole: %s", int(step)%97+1, cut, whole)
		}
	})
}

// chunkReader hands out text step bytes at a time.
type chunkReader struct {
	text string
	step int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if c.text == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.step)], c.text)
	c.text = c.text[n:]
	return n, nil
}
