package sheet

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// A CSV file saved by Excel where a comma is the decimal separator has ';' between its
// fields: it is read as such when its header line has ';' and no ',' outside quotes,
// or when the delimiter is set.
func TestCSVDelimiter(t *testing.T) {
	for _, c := range []struct {
		name, text string
		delim      rune
		want       string // the header, then each row's cells
	}{
		{"semicolons", "Deal ID;Date;Amount\r\nD1;20.09.2026;500\r\n", 0, `["Deal ID" "Date" "Amount"] ["D1" "20.09.2026" "500"]`},
		{"a quoted comma in the header", "\"Amount, EUR\";Date\nD1;x\n", 0, `["Amount, EUR" "Date"] ["D1" "x"]`},
		{"blank lines first", "\n  \nid;name\n1;\"a;b, c\"\n", 0, `["id" "name"] ["1" "a;b, c"]`},
		{"a row of semicolons first", ";;\nid;name\n1;2\n", 0, `["id" "name"] ["1" "2"]`},
		{"commas and semicolons", "id,name;x\n1,2;3\n", 0, `["id" "name;x"] ["1" "2;3"]`},
		{"commas", "id,name\n1,\"a;b\"\n", 0, `["id" "name"] ["1" "a;b"]`},
		{"set to comma", "id;name\n1;2\n", ',', `["id;name"] ["1;2"]`},
		{"set to semicolon", "id,name;x\n1,2;3\n", ';', `["id,name" "x"] ["1,2" "3"]`},
		{"UTF-16", string(utf16LE("id;name\n1;Zoë\n", true)), 0, `["id" "name"] ["1" "Zoë"]`},
		{"Windows-1252", "id;name\n1;Zo\xeb\n", 0, `["id" "name"] ["1" "Zoë"]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb, err := OpenWith(writeFile(t, "f.csv", []byte(c.text)), "f.csv", Options{Delimiter: c.delim})
			if err != nil {
				t.Fatal(err)
			}
			defer tb.Close()
			got := []string{quoteAllCells(tb.Headers())}
			var probs diag.List
			tb.Each(&probs, func() { got = append(got, quoteAllCells(tb.Current())) })
			if strings.Join(got, " ") != c.want || probs.HasErrors() {
				t.Errorf("read %s, want %s (%v)", strings.Join(got, " "), c.want, probs.All())
			}
		})
	}
	if _, err := OpenWith(writeFile(t, "f.csv", []byte("a\tb\n")), "f.csv", Options{Delimiter: '\t'}); err == nil || err.Error() != `f.csv: unknown delimiter '\t' (use "," or ";")` {
		t.Errorf("a tab: %v", err)
	}
}

func quoteAllCells(cells []string) string {
	q := make([]string, len(cells))
	for i, c := range cells {
		q[i] = `"` + c + `"`
	}
	return "[" + strings.Join(q, " ") + "]"
}

// In a ';' file the amounts are written with a decimal comma: "1,500" may be one and a
// half, so it is refused as ambiguous from the first row; "1.234,56" is refused as
// written with a decimal comma; "1,000.00" and "1500" are read as written.
func TestSemicolonFileAmounts(t *testing.T) {
	text := "Deal ID;Amount\nD1;1,500\nD2;1.234,56\nD3;1,000.00\nD4;1500\nD5;1.500\n"
	tb, err := OpenWith(writeFile(t, "pay.csv", []byte(text)), "pay.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var probs diag.List
	var read []string
	tb.Each(&probs, func() {
		a, err := tb.AmountCell(1)
		if err != nil {
			probs.Errorf(tb.Pos(1), "%v", err)
			return
		}
		read = append(read, a.String())
	})
	var got []string
	for _, p := range diag.Sorted(probs.All()) {
		got = append(got, p.String())
	}
	want := []string{
		`pay.csv row 2 column "Amount": "1,500" is ambiguous: the file separates its fields with ";", as spreadsheets do where a comma is the decimal separator, so it may be 1.500 rather than 1500; write it without a thousands separator, with a decimal point (1500.00 or 1.50), or export the amounts with a decimal point`,
		`pay.csv row 3 column "Amount": "1.234,56" is not an amount: it has a decimal comma, which is not read; export the amounts with a decimal point`,
		`pay.csv row 6 column "Amount": "1.500" is ambiguous`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d:\n%s\nwant it to start\n%s", i, got[i], w)
		}
	}
	if strings.Join(read, "|") != "1000|1500" {
		t.Errorf("read %q", read)
	}
}

// A header line with ',' is read with ','; when its names hold ';', a missing column
// says the delimiter may be ';'.
func TestMissingColumnInASemicolonHeaderNamesTheDelimiter(t *testing.T) {
	tb, err := OpenWith(writeFile(t, "pay.csv", []byte("Deal ID;Date;Amount, EUR\nD1;20.09.2026;500\n")), "pay.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var probs diag.List
	tb.Resolve(&probs, map[string]string{"date": "Date"}, []string{"date"}, nil)
	want := `pay.csv row 1: column "Date" (date) not found; the header row has: "Deal ID;Date;Amount", " EUR"; if the file separates its fields with ";", set delimiter = ";"`
	if got := probs.All(); len(got) != 1 || got[0].String() != want {
		t.Errorf("problems %v\nwant %s", got, want)
	}
}
