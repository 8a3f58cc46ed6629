package sheet

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// resolveAll resolves a mapping and reads every row, returning the problems.
func resolveAll(t *testing.T, path, display string, cols map[string]string, keys ...string) []string {
	t.Helper()
	tb, err := OpenWith(path, display, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var probs diag.List
	tb.Resolve(&probs, cols, keys, nil)
	tb.Each(&probs, func() {})
	var out []string
	for _, p := range diag.Sorted(probs.All()) {
		out = append(out, p.String())
	}
	return out
}

// A header held twice, in any case, is read from its first column: an error when the
// copies differ on a row (naming both columns and the first such row), a warning when
// they agree on every row.
func TestDuplicateHeaders(t *testing.T) {
	cols := map[string]string{"id": "Deal ID", "tags": "Tags", "amount": "Amount"}
	for _, c := range []struct {
		name string
		rows [][]any
		want []string
	}{
		{"the copies differ", [][]any{
			{"Deal ID", "tags", "Amount", "TAGS "},
			{"D1", "Partner: Beta", "10", "Partner: Beta"},
			{"D2", "", "20", "Partner: Acme"},
			{"D3", "x", "30", "y"},
		}, []string{
			`deals.FILE row 3 column "tags": the header "Tags" appears twice (columns B "tags" and D "TAGS") and the copies differ from this row on: "" in column B, "Partner: Acme" in column D; only column B is read (as tags): delete the copy that is wrong or make them agree`,
		}},
		{"they agree", [][]any{
			{"Deal ID", "Tags", "Amount", "amount"},
			{"D1", "Partner: Beta", "10", " 10"},
			{"D2", "", "20", "20"},
		}, []string{
			`deals.FILE row 1: the header "Amount" appears twice (columns C "Amount" and D "amount"); the copies agree on every row and column C is read as amount`,
		}},
		{"three copies, the third differs", [][]any{
			{"Deal ID", "Tags", "Amount", "amount", "AMOUNT"},
			{"D1", "", "10", "10", "10"},
			{"D2", "", "20", "20", "2000"},
		}, []string{
			`deals.FILE row 3 column "Amount": the header "Amount" appears 3 times (columns C "Amount", D "amount" and E "AMOUNT") and the copies differ from this row on: "20" in column C, "2000" in column E; only column C is read (as amount)`,
		}},
		{"a header not read", [][]any{
			{"Deal ID", "Tags", "Amount", "Notes", "notes"},
			{"D1", "", "10", "a", "b"},
		}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var csv strings.Builder
			for _, r := range c.rows {
				for i, v := range r {
					if i > 0 {
						csv.WriteByte(',')
					}
					csv.WriteString(v.(string))
				}
				csv.WriteByte('\n')
			}
			check := func(what string, got []string, file string) {
				t.Helper()
				if len(got) != len(c.want) {
					t.Fatalf("%s problems:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
				}
				for i, w := range c.want {
					if w = strings.ReplaceAll(w, "deals.FILE", file); !strings.HasPrefix(got[i], w) {
						t.Errorf("%s problem %d:\n%s\nwant it to start\n%s", what, i, got[i], w)
					}
				}
			}
			check("csv", resolveAll(t, writeFile(t, "deals.csv", []byte(csv.String())), "deals.csv", cols, "id", "tags", "amount"), "deals.csv")
			book := newWorkbook(t, c.rows)
			for _, stream := range []bool{true, false} {
				func() {
					defer func(was bool) { streaming = was }(streaming)
					streaming = stream
					check("xlsx", resolveAll(t, book, "deals.xlsx", cols, "id", "tags", "amount"), `deals.xlsx: sheet "Sheet1"`)
				}()
			}
		})
	}
}
