package pipeline

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// files reads every file under dir: slash path -> bytes.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// runShards runs the sample program as n shards into root and returns their folders.
func runShards(t *testing.T, root string, n int, cfg Config) []string {
	t.Helper()
	var dirs []string
	for i := 0; i < n; i++ {
		c := cfg
		c.ProgramFile, c.OutDir, c.Shard = sampleProgram, root, Shard{I: i, N: n}
		o, err := Run(c)
		if err != nil {
			t.Fatalf("shard %d/%d: %v", i, n, err)
		}
		if want := filepath.Join(root, "2026-10.shard-"+string(rune('0'+i))+"-of-"+string(rune('0'+n))); o.Dir != want {
			t.Fatalf("shard %d/%d wrote %s, want %s", i, n, o.Dir, want)
		}
		dirs = append(dirs, o.Dir)
	}
	return dirs
}

// Three shards of the sample program, assembled, are the single run's folder: the
// same files with the same bytes, manifest.json included.
func TestAssembleThreeShardsIsTheSingleRun(t *testing.T) {
	_, single := runSample(t)
	root := t.TempDir()
	dirs := runShards(t, root, 3, Config{})

	// Each shard holds only its partners' statements, and every shard holds the
	// shared files.
	held := map[string]int{}
	for i, d := range dirs {
		got := files(t, d)
		if _, ok := got["manifest.json"]; ok {
			t.Errorf("%s has a manifest.json: a shard must not look like a whole run", d)
		}
		for _, f := range []string{"payouts.xlsx", "report.json", "owner-report.pdf", "dashboard.html", ShardFile} {
			if _, ok := got[f]; !ok {
				t.Errorf("%s lacks %s", d, f)
			}
		}
		for p := range got {
			if id, ok := partnerFile(p); ok && strings.HasPrefix(p, "statements/") {
				if ShardOf(id, 3) != i {
					t.Errorf("%s holds %s of shard %d", d, p, ShardOf(id, 3))
				}
				held[id]++
			}
		}
	}
	want := files(t, single)
	nStatements := 0
	for p := range want {
		if id, ok := partnerFile(p); ok && strings.HasPrefix(p, "statements/") {
			nStatements++
			if held[id] != 1 {
				t.Errorf("partner %q is in %d shards", id, held[id])
			}
		}
	}
	if len(held) != nStatements || nStatements < 3 {
		t.Fatalf("shards hold %d partners, the run has %d statements", len(held), nStatements)
	}

	// Assembled in another order than the shards' numbers.
	out := t.TempDir()
	a, err := Assemble(AssembleConfig{OutDir: out, Shards: []string{dirs[2], dirs[0], dirs[1]}})
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	if a.Dir != filepath.Join(out, "2026-10") || a.Statements != nStatements {
		t.Errorf("assembled %s with %d statements, want %s with %d", a.Dir, a.Statements, filepath.Join(out, "2026-10"), nStatements)
	}
	got := files(t, a.Dir)
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("assembled folder lacks %s", p)
		case !bytes.Equal(g, w):
			t.Errorf("assembled %s differs from the single run's (%d vs %d bytes)", p, len(g), len(w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("assembled folder has %s, which a single run does not write", p)
		}
	}
}

// editManifest rewrites a shard's manifest through fn.
func editManifest(t *testing.T, dir string, fn func(m *ShardManifest)) {
	t.Helper()
	path := filepath.Join(dir, ShardFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m ShardManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	fn(&m)
	data, _ = json.Marshal(&m)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies a shard folder, so that each case can spoil its own copy.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	for p, data := range files(t, from) {
		full := filepath.Join(to, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Shards that are not the parts of one run are refused, naming the folder and why,
// and nothing is written.
func TestAssembleRefusesMismatchedShards(t *testing.T) {
	root := t.TempDir()
	dirs := runShards(t, root, 3, Config{})
	other := runShards(t, t.TempDir(), 3, Config{AsOf: "2026-11-15"})
	two := runShards(t, t.TempDir(), 2, Config{})

	// statementOf is a statement file of shard dir.
	statementOf := func(dir string) string {
		names, _ := filepath.Glob(filepath.Join(dir, "statements", "*.pdf"))
		if len(names) == 0 {
			t.Fatalf("%s has no statements", dir)
		}
		return names[0]
	}
	cases := []struct {
		name  string
		spoil func(t *testing.T, d []string) []string // returns the folders to assemble
		want  string
	}{
		{"a shard missing", func(t *testing.T, d []string) []string { return d[:2] }, "3 shard folder(s) are needed, 2 given"},
		{"a shard twice", func(t *testing.T, d []string) []string { return []string{d[0], d[1], d[1]} }, "are both shard 1/3"},
		{"other inputs", func(t *testing.T, d []string) []string { return []string{d[0], d[1], other[2]} }, "was run from other inputs or settings"},
		{"other split", func(t *testing.T, d []string) []string { return []string{d[0], d[1], two[1]} }, "split the run differently"},
		{"not a shard", func(t *testing.T, d []string) []string { return []string{d[0], d[1], t.TempDir()} }, "no shard-manifest.json"},
		{"damaged statement", func(t *testing.T, d []string) []string {
			os.WriteFile(statementOf(d[1]), []byte("%PDF-1.4 not this"), 0o644)
			return d
		}, "does not match its SHA-256 in shard-manifest.json"},
		{"stray file", func(t *testing.T, d []string) []string {
			os.WriteFile(filepath.Join(d[0], "statements", "zz.pdf"), []byte("x"), 0o644)
			return d
		}, "statements/zz.pdf is not in shard-manifest.json"},
		{"a partner dropped", func(t *testing.T, d []string) []string {
			drop := strings.TrimSuffix(filepath.Base(statementOf(d[2])), ".pdf")
			os.Remove(statementOf(d[2]))
			os.Remove(filepath.Join(d[2], "emails", drop+".eml"))
			editManifest(t, d[2], func(m *ShardManifest) {
				m.Partners = m.Partners[1:]
				var keep = m.Run.Outputs[:0]
				for _, f := range m.Run.Outputs {
					if id, _ := partnerFile(f.Path); id != drop {
						keep = append(keep, f)
					}
				}
				m.Run.Outputs = keep
			})
			return d
		}, "some are missing or were replaced"},
		{"a partner in the wrong shard", func(t *testing.T, d []string) []string {
			editManifest(t, d[0], func(m *ShardManifest) { m.Partners = append(m.Partners, "zz-"+m.Partners[0]) })
			return d
		}, "belongs to shard"},
		{"shared file differs", func(t *testing.T, d []string) []string {
			path := filepath.Join(d[1], "report.json")
			data, _ := os.ReadFile(path)
			data = append(data, ' ')
			os.WriteFile(path, data, 0o644)
			editManifest(t, d[1], func(m *ShardManifest) {
				for i, f := range m.Run.Outputs {
					if f.Path == "report.json" {
						m.Run.Outputs[i].SHA256 = "0000"
					}
				}
			})
			return d
		}, "report.json differs from the one in"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			var copies []string
			for i, d := range dirs {
				cp := filepath.Join(tmp, "s"+string(rune('0'+i)))
				copyDir(t, d, cp)
				copies = append(copies, cp)
			}
			out := t.TempDir()
			_, err := Assemble(AssembleConfig{OutDir: out, Shards: c.spoil(t, copies)})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error with %q", err, c.want)
			}
			if _, err := os.Stat(filepath.Join(out, "2026-10")); !os.IsNotExist(err) {
				t.Errorf("out/2026-10 was written after a refused assemble")
			}
		})
	}
}

// The shard of a partner is FNV-1a (32 bit) of its id mod n, the documented hash:
// these are the published FNV-1a test vectors.
func TestShardOfIsFNV1a(t *testing.T) {
	cases := []struct {
		id   string
		n    int
		want int
	}{
		{"a", 7, 0xe40c292c % 7},
		{"foobar", 5, 0xbf9cf968 % 5},
		{"", 3, 0x811c9dc5 % 3},
		{"anything", 1, 0},
	}
	for _, c := range cases {
		if got := ShardOf(c.id, c.n); got != c.want {
			t.Errorf("ShardOf(%q, %d) = %d, want %d", c.id, c.n, got, c.want)
		}
	}
}

func TestParseShard(t *testing.T) {
	cases := []struct {
		in   string
		want Shard
		err  string
	}{
		{"0/3", Shard{0, 3}, ""},
		{"2/3", Shard{2, 3}, ""},
		{"0/1", Shard{0, 1}, ""},
		{"3/3", Shard{}, "from 0 to n-1"},
		{"-1/3", Shard{}, "from 0 to n-1"},
		{"1/0", Shard{}, "from 0 to n-1"},
		{"1", Shard{}, "is not i/n"},
		{"a/b", Shard{}, "is not i/n"},
	}
	for _, c := range cases {
		got, err := ParseShard(c.in)
		if c.err == "" && (err != nil || got != c.want) {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
		if c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("ParseShard(%q) error %v, want %q", c.in, err, c.err)
		}
	}
}

// Shards rendered with different --templates assembled into one run whose e-mails
// mixed two wordings. The templates' contents are part of each shard's inputs, so
// assemble refuses, naming the shards; a folder holding the built-in templates is the
// built-in wording, and a run with them writes the same manifest.json as one without.
func TestAssembleRefusesShardsOfOtherTemplates(t *testing.T) {
	builtin, edited := t.TempDir(), t.TempDir()
	for _, name := range templateFiles {
		data, err := os.ReadFile(filepath.Join("..", "..", "templates", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(builtin, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if name == "email-body.tmpl" {
			data = append([]byte("EDITED WORDING: "), data...)
		}
		if err := os.WriteFile(filepath.Join(edited, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dirs := runShards(t, t.TempDir(), 3, Config{})
	same := runShards(t, t.TempDir(), 3, Config{Templates: builtin})
	other := runShards(t, t.TempDir(), 3, Config{Templates: edited})
	if a, b := files(t, dirs[1])[ShardFile], files(t, same[1])[ShardFile]; !bytes.Equal(a, b) {
		t.Errorf("a folder of the built-in templates changed %s:\n%s\n---\n%s", ShardFile, a, b)
	}

	_, err := Assemble(AssembleConfig{OutDir: t.TempDir(), Shards: []string{dirs[0], other[1], dirs[2]}})
	want := other[1] + " was rendered with other e-mail templates than " + dirs[0] + " (templates sha256:"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "vs the built-in ones)") {
		t.Fatalf("got %v, want an error with %q", err, want)
	}
	if _, err := Assemble(AssembleConfig{OutDir: t.TempDir(), Shards: []string{same[0], dirs[1], same[2]}}); err != nil {
		t.Errorf("shards of the built-in templates, from a folder or not, refused: %v", err)
	}
	out := t.TempDir()
	if _, err := Assemble(AssembleConfig{OutDir: out, Shards: other}); err != nil {
		t.Fatalf("shards of one edited wording refused: %v", err)
	}
	var m Manifest
	if err := json.Unmarshal(files(t, filepath.Join(out, "2026-10"))["manifest.json"], &m); err != nil || !strings.HasPrefix(m.Templates, "sha256:") {
		t.Errorf("the assembled manifest's templates %q (%v), want the edited templates' digest", m.Templates, err)
	}
}
