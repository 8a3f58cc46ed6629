package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	d, err := Begin(root, "2026-10")
	must(err)
	must(d.WriteBytes("a.txt", []byte("first")))
	if _, err := os.Stat(filepath.Join(root, "2026-10")); !os.IsNotExist(err) {
		t.Fatalf("the folder is visible before Commit")
	}
	must(d.Commit())

	// A second run replaces the first as a whole.
	d, err = Begin(root, "2026-10")
	must(err)
	must(d.WriteBytes("b/b.txt", []byte("second")))
	must(d.Commit())
	if _, err := os.Stat(filepath.Join(root, "2026-10", "a.txt")); !os.IsNotExist(err) {
		t.Errorf("a file of the earlier run survived the replacement")
	}
	if data, _ := os.ReadFile(filepath.Join(root, "2026-10", "b", "b.txt")); string(data) != "second" {
		t.Errorf("b.txt = %q", data)
	}

	// An aborted run leaves the last good output and no temporary folder.
	d, err = Begin(root, "2026-10")
	must(err)
	must(d.WriteBytes("c.txt", []byte("third")))
	d.Abort()
	ents, _ := os.ReadDir(root)
	if len(ents) != 1 || ents[0].Name() != "2026-10" {
		t.Errorf("root holds %v", ents)
	}

	// Leftovers of a killed run are cleaned up by the next one.
	must(os.MkdirAll(filepath.Join(root, ".2026-10.partial-123"), 0o755))
	d, err = Begin(root, "2026-10")
	must(err)
	must(d.Commit())
	ents, _ = os.ReadDir(root)
	if len(ents) != 1 {
		t.Errorf("root holds %v after a run, want only 2026-10", ents)
	}
	if err := d.WriteBytes("../escape", nil); err == nil {
		t.Errorf("a path leaving the folder was accepted")
	}
}
