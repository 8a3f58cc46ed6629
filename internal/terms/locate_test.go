package terms

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// unlocated lists the keys the TOML decoder sees that locate has no position for.
func unlocated(text string) ([]string, bool) {
	var raw map[string]any
	md, err := toml.Decode(text, &raw)
	if err != nil {
		return nil, false
	}
	located := map[string]bool{}
	for p := range locate("f", text) {
		located[regexp.MustCompile(`\[\d+\]`).ReplaceAllString(p, "")] = true
	}
	var missing []string
	for _, k := range md.Keys() {
		if !located[strings.Join(k, ".")] {
			missing = append(missing, strings.Join(k, "."))
		}
	}
	sort.Strings(missing)
	return missing, true
}

func TestLocateEveryDecodedKey(t *testing.T) {
	texts := map[string]string{"base": base}
	for _, f := range []string{"../../sample-data/partnerbook.toml"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(f)] = string(b)
	}
	texts["tricky"] = "a = \"\"\"\n[[partner]]\nid = 'x'\"\"\"\n'quoted.key' = 1\n\"q\\\"k\" = 2\nb = [ # c\n  1, # ]\n  2,\n]\nc = { d = { e = 'f' }, g = [1, {h = 2}] }\nt = 1979-05-27 07:32:00Z\n[x . y]\nz.w = '''''a'''''\n"
	for name, text := range texts {
		missing, ok := unlocated(text)
		if !ok {
			t.Fatalf("%s: the decoder rejects the text", name)
		}
		if len(missing) > 0 {
			t.Errorf("%s: keys without a position: %v", name, missing)
		}
	}
}

// A table header written inside a multi-line string is text: the keys after the string
// belong to the table the string is in.
func TestLocateSkipsStrings(t *testing.T) {
	text := "[program]\nnote = \"\"\"\n[[partner]]\nid = \"x\"\n\"\"\"\nname = \"N\"\nlit = '''\n[input]\n'''\ncurrency = \"EUR\" # [x]\n[[partner]]\nid = \"a#b\"\nname = 'A'\n"
	pos := locate("f", text)
	for key, want := range map[string][2]int{
		"program.note": {2, 1}, "program.name": {6, 1}, "program.lit": {7, 1}, "program.currency": {10, 1},
		"partner[0]": {11, 1}, "partner[0].id": {12, 1}, "partner[0].name": {13, 1},
	} {
		if p, ok := pos[key]; !ok || p.Line != want[0] || p.Col != want[1] {
			t.Errorf("%s at %d:%d (found %v), want %d:%d", key, p.Line, p.Col, ok, want[0], want[1])
		}
	}
	for _, wrong := range []string{"partner[1]", "program.note.id", "input"} {
		if _, ok := pos[wrong]; ok {
			t.Errorf("located %q, which is inside a string", wrong)
		}
	}
}

func TestLocateColumnsCountCharacters(t *testing.T) {
	pos := locate("f", "[p]\nr = { \"Łódź\" = 1, k = 2 }\n")
	if p := pos["p.r.k"]; p.Line != 2 || p.Col != 19 {
		t.Errorf("p.r.k at %d:%d, want 2:19", p.Line, p.Col)
	}
}

// FuzzLocate: on any text the decoder accepts, every key it decodes has a position.
func FuzzLocate(f *testing.F) {
	f.Add(base)
	f.Add("a = \"\"\"\n[x]\n\"\"\"\nb = 1\n")
	f.Add("[[a.b]]\nc = { d = [ {e = 1}, ], f.g = 'h' }\n")
	f.Fuzz(func(t *testing.T, text string) {
		if missing, ok := unlocated(text); ok && len(missing) > 0 {
			t.Errorf("keys without a position: %v in %q", missing, text)
		}
	})
}
