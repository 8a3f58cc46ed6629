package output

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
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
	if got := names(t, root); len(got) != 2 || got[0] != LockFile || got[1] != "2026-10" {
		t.Errorf("root holds %v", got)
	}

	// Leftovers of a killed run are cleaned up by the next one.
	must(os.MkdirAll(filepath.Join(root, ".2026-10.partial-123"), 0o755))
	d, err = Begin(root, "2026-10")
	must(err)
	must(d.Commit())
	if got := names(t, root); len(got) != 2 {
		t.Errorf("root holds %v after a run, want only the lock file and 2026-10", got)
	}
	if err := d.WriteBytes("../escape", nil); err == nil {
		t.Errorf("a path leaving the folder was accepted")
	}
}

// names lists a folder, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// shortWait makes a busy folder give up quickly.
func shortWait(t *testing.T, d time.Duration) {
	old := LockWait
	LockWait = d
	t.Cleanup(func() { LockWait = old })
}

func TestSecondRunOfAFolderWaitsThenRefuses(t *testing.T) {
	shortWait(t, 150*time.Millisecond)
	root := filepath.Join(t.TempDir(), "out")
	first, err := Begin(root, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteBytes("a.txt", []byte("first")); err != nil {
		t.Fatal(err)
	}

	// Another period of the same folder is refused too: the lock is per folder.
	for _, period := range []string{"2026-10", "2026-11"} {
		start := time.Now()
		_, err := Begin(root, period)
		var busy *BusyError
		if !errors.As(err, &busy) {
			t.Fatalf("%s: second Begin = %v, want a BusyError", period, err)
		}
		if waited := time.Since(start); waited < LockWait {
			t.Errorf("%s: refused after %v, want a wait of %v first", period, waited, LockWait)
		}
		want := "another partnerbook run is writing " + root + string(filepath.Separator) + " (wait for it to finish, or pass another --out folder)"
		if err.Error() != want {
			t.Errorf("%s: message\n got %q\nwant %q", period, err, want)
		}
	}
	// The refused runs did not touch the live run's temporary folder.
	if data, err := os.ReadFile(filepath.Join(first.tmp, "a.txt")); err != nil || string(data) != "first" {
		t.Fatalf("the live run's temporary file is gone: %v", err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	// Once the first run committed, the next one gets in.
	next, err := Begin(root, "2026-10")
	if err != nil {
		t.Fatalf("Begin after Commit: %v", err)
	}
	next.Abort()
	next.Abort() // twice is harmless
	if again, err := Begin(root, "2026-10"); err != nil {
		t.Fatalf("Begin after Abort: %v", err)
	} else {
		again.Abort()
	}
}

func TestSecondRunGetsInWhenTheFirstFinishesInTime(t *testing.T) {
	shortWait(t, 5*time.Second)
	root := t.TempDir()
	first, err := Begin(root, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		d, err := Begin(root, "2026-10")
		if err == nil {
			err = d.WriteBytes("b.txt", []byte("second"))
		}
		if err == nil {
			err = d.Commit()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	if err := first.WriteBytes("a.txt", []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the waiting run: %v", err)
	}
	if got := names(t, filepath.Join(root, "2026-10")); len(got) != 1 || got[0] != "b.txt" {
		t.Errorf("2026-10 holds %v, want the second run's b.txt", got)
	}
}

func TestStaleTemporaryFoldersGoLiveOnesStay(t *testing.T) {
	shortWait(t, 50*time.Millisecond)
	root := t.TempDir()
	// A killed run's leftovers: no process holds the lock.
	for _, s := range []string{".2026-10.partial-99999", ".2026-10.partial-7.old"} {
		if err := os.MkdirAll(filepath.Join(root, s, "statements"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Begin(root, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, root); len(got) != 2 || got[0] != filepath.Base(d.tmp) || got[1] != LockFile {
		t.Errorf("root holds %v, want the lock file and only the live temporary folder", got)
	}
	// A run that cannot get the lock removes nothing.
	if _, err := Begin(root, "2026-10"); err == nil {
		t.Fatal("a second run got in")
	}
	if _, err := os.Stat(d.tmp); err != nil {
		t.Errorf("the live temporary folder was removed: %v", err)
	}
	d.Abort()
}

func TestFoldersAndFilesFollowTheUmask(t *testing.T) {
	for _, c := range []struct {
		name      string
		umask     int
		dir, file os.FileMode
	}{
		{"umask 022", 0o022, 0o755, 0o644},
		{"umask 002", 0o002, 0o775, 0o664},
		{"umask 077", 0o077, 0o700, 0o600},
	} {
		t.Run(c.name, func(t *testing.T) {
			old := syscall.Umask(c.umask)
			defer syscall.Umask(old)
			root := filepath.Join(t.TempDir(), "out")
			// Twice, so the second run goes through the exchange with an earlier folder.
			for run := 1; run <= 2; run++ {
				d, err := Begin(root, "2026-10")
				if err != nil {
					t.Fatal(err)
				}
				if err := d.WriteBytes("statements/acme.pdf", []byte("pdf")); err != nil {
					t.Fatal(err)
				}
				if err := d.WriteBytes("report.json", []byte("{}")); err != nil {
					t.Fatal(err)
				}
				if err := d.Commit(); err != nil {
					t.Fatal(err)
				}
				for _, w := range []struct {
					path string
					mode os.FileMode
				}{
					{root, c.dir},
					{filepath.Join(root, "2026-10"), c.dir},
					{filepath.Join(root, "2026-10", "statements"), c.dir},
					{filepath.Join(root, "2026-10", "report.json"), c.file},
					{filepath.Join(root, "2026-10", "statements", "acme.pdf"), c.file},
					{filepath.Join(root, LockFile), c.file},
				} {
					st, err := os.Stat(w.path)
					if err != nil {
						t.Fatal(err)
					}
					if got := st.Mode().Perm(); got != w.mode {
						t.Errorf("run %d: %s is %v, want %v", run, w.path, got, w.mode)
					}
				}
			}
		})
	}
}

func TestCancelledRunLeavesNoTrace(t *testing.T) {
	for _, c := range []struct {
		name   string
		cancel string // the step after which the context is cancelled
	}{
		{"before Begin", "start"},
		{"before the first write", "begin"},
		{"between writes", "write"},
		{"before Commit", "written"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			earlier := filepath.Join(root, "2026-10")
			if err := os.MkdirAll(earlier, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(earlier, "a.txt"), []byte("earlier"), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			step := func(s string) {
				if s == c.cancel {
					cancel()
				}
			}
			err := func() error {
				step("start")
				d, err := BeginContext(ctx, root, "2026-10")
				if err != nil {
					return err
				}
				defer d.Abort()
				step("begin")
				if err := d.WriteBytes("a.txt", []byte("new")); err != nil {
					return err
				}
				step("write")
				if err := d.Write("b.txt", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
					return err
				}
				step("written")
				return d.Commit()
			}()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("run = %v, want context.Canceled", err)
			}
			if got := names(t, root); len(got) > 2 || got[len(got)-1] != "2026-10" {
				t.Errorf("root holds %v, want the earlier 2026-10 (and the lock file)", got)
			}
			if got := names(t, earlier); len(got) != 1 {
				t.Errorf("the earlier output holds %v", got)
			}
			if data, _ := os.ReadFile(filepath.Join(earlier, "a.txt")); string(data) != "earlier" {
				t.Errorf("the earlier output changed: %q", data)
			}
			// The lock was let go.
			shortWait(t, 0)
			if d, err := Begin(root, "2026-10"); err != nil {
				t.Errorf("Begin after the cancelled run: %v", err)
			} else {
				d.Abort()
			}
		})
	}
}

func TestCancelWhileWaitingForTheLock(t *testing.T) {
	shortWait(t, time.Minute)
	root := t.TempDir()
	first, err := Begin(root, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	if _, err := BeginContext(ctx, root, "2026-10"); !errors.Is(err, context.Canceled) {
		t.Fatalf("BeginContext = %v, want context.Canceled", err)
	}
	if waited := time.Since(start); waited > 10*time.Second {
		t.Errorf("cancelling took %v", waited)
	}
	if _, err := os.Stat(first.tmp); err != nil {
		t.Errorf("the live run's temporary folder is gone: %v", err)
	}
}
