package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/output"
	"github.com/partnerbook/partnerbook/internal/render/html"
)

const sampleProgram = "../../sample-data/partnerbook.toml"

// tree reads every file under dir, keyed by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	must(t, filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	}))
	return files
}

func TestManifestListsEveryFileWithItsHash(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", sampleProgram, "--out", out)
	files := tree(t, filepath.Join(out, "2026-10"))
	var m struct {
		Outputs []output.File `json:"outputs"`
	}
	must(t, json.Unmarshal(files["manifest.json"], &m))
	if len(m.Outputs) < 10 {
		t.Fatalf("the manifest lists %d outputs", len(m.Outputs))
	}
	listed := map[string]bool{"manifest.json": true}
	for _, f := range m.Outputs {
		listed[f.Path] = true
		data, ok := files[f.Path]
		if !ok {
			t.Errorf("%s is in the manifest but not in the folder", f.Path)
			continue
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != f.SHA256 || int64(len(data)) != f.Size {
			t.Errorf("%s: %d bytes, sha256 %s; the manifest says %d bytes, %s", f.Path, len(data), got, f.Size, f.SHA256)
		}
	}
	for p := range files {
		if !listed[p] {
			t.Errorf("%s is in the folder but not in the manifest", p)
		}
	}
}

func TestConcurrentRunsOfOneFolder(t *testing.T) {
	ref := filepath.Join(t.TempDir(), "ref")
	runOK(t, "run", "-c", sampleProgram, "--out", ref)
	want := tree(t, filepath.Join(ref, "2026-10"))

	for _, c := range []struct {
		name string
		wait time.Duration // output.LockWait
	}{
		{"the second waits its turn", 30 * time.Second},
		{"the second may be refused", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			old := output.LockWait
			output.LockWait = c.wait
			defer func() { output.LockWait = old }()
			out := filepath.Join(t.TempDir(), "out")
			runOK(t, "run", "-c", sampleProgram, "--out", out) // so the runs replace a folder
			const runs = 3
			var wg sync.WaitGroup
			codes := make([]int, runs)
			stderrs := make([]string, runs)
			for i := range runs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[i], _, stderrs[i] = cli("run", "-c", sampleProgram, "--out", out)
				}()
			}
			wg.Wait()
			ok := 0
			busy := "partnerbook: another partnerbook run is writing " + out + string(filepath.Separator) +
				" (wait for it to finish, or pass another --out folder); nothing was written\n"
			for i, code := range codes {
				switch {
				case code == 0:
					ok++
				case code == 1 && c.wait == 0 && strings.HasSuffix(stderrs[i], busy):
				default:
					t.Errorf("run %d: exit %d\n%s", i, code, stderrs[i])
				}
			}
			if c.wait > 0 && ok != runs {
				t.Errorf("%d of %d runs succeeded, want all in turn", ok, runs)
			}
			if ok == 0 {
				t.Errorf("no run succeeded")
			}
			if got := outDirs(t, out); len(got) != 1 || got[0] != "2026-10" {
				t.Errorf("out holds %v, want only 2026-10", got)
			}
			got := tree(t, filepath.Join(out, "2026-10"))
			if len(got) != len(want) {
				t.Errorf("%d files, want %d as from a single run", len(got), len(want))
			}
			for p, data := range want {
				if !bytes.Equal(got[p], data) {
					t.Errorf("%s differs from a single run's", p)
				}
			}
		})
	}
}

func TestRunRefusesAFolderAnotherRunHolds(t *testing.T) {
	old := output.LockWait
	output.LockWait = 100 * time.Millisecond
	defer func() { output.LockWait = old }()
	cfg := goodFixture().write(t)
	out := filepath.Join(t.TempDir(), "out")
	other, err := output.Begin(out, "2026-10")
	must(t, err)
	defer other.Abort()
	must(t, other.WriteBytes("payouts.xlsx", []byte("the other run's")))

	code, stdout, stderr := cli("run", "-c", cfg, "--out", out)
	want := "partnerbook: another partnerbook run is writing " + out + string(filepath.Separator) +
		" (wait for it to finish, or pass another --out folder); nothing was written\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d\nstdout %q\nstderr %q\nwant 1 and stderr %q", code, stdout, stderr, want)
	}
	must(t, other.Commit())
	if data, _ := os.ReadFile(filepath.Join(out, "2026-10", "payouts.xlsx")); string(data) != "the other run's" {
		t.Errorf("the other run's output is %q", data)
	}
}

// cancelAfter is a context that cancels itself on the n-th look at Err, that is at
// a chosen step of the run.
type cancelAfter struct {
	context.Context
	cancel context.CancelFunc
	n      atomic.Int64
}

func newCancelAfter(n int64) *cancelAfter {
	ctx, cancel := context.WithCancel(context.Background())
	c := &cancelAfter{Context: ctx, cancel: cancel}
	c.n.Store(n)
	return c
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) == 0 {
		c.cancel()
	}
	return c.Context.Err()
}

func TestInterruptedRunWritesNothing(t *testing.T) {
	cfg := goodFixture().write(t)
	// How often a whole run looks at its context.
	counter := newCancelAfter(-1)
	var o, e bytes.Buffer
	if code := MainContext(counter, []string{"run", "-c", cfg, "--out", filepath.Join(t.TempDir(), "out")}, &o, &e); code != 0 {
		t.Fatalf("exit %d\n%s", code, e.String())
	}
	looks := -1 - counter.n.Load()
	if looks < 3 {
		t.Fatalf("a run looks at its context %d times", looks)
	}

	for _, at := range []int64{1, 2, looks / 2, looks - 1, looks} {
		t.Run(fmt.Sprintf("at look %d of %d", at, looks), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			must(t, os.MkdirAll(filepath.Join(out, "2026-10"), 0o755))
			must(t, os.WriteFile(filepath.Join(out, "2026-10", "payouts.xlsx"), []byte("earlier"), 0o644))
			var o, e bytes.Buffer
			code := MainContext(newCancelAfter(at), []string{"run", "-c", cfg, "--out", out}, &o, &e)
			if code != ExitInterrupted || o.String() != "" || e.String() != "partnerbook: interrupted; nothing was written\n" {
				t.Fatalf("exit %d\nstdout %q\nstderr %q", code, o.String(), e.String())
			}
			if got := outDirs(t, out); len(got) != 1 || got[0] != "2026-10" {
				t.Errorf("out holds %v, want only the earlier 2026-10", got)
			}
			if got := tree(t, filepath.Join(out, "2026-10")); len(got) != 1 || string(got["payouts.xlsx"]) != "earlier" {
				t.Errorf("the earlier output changed: %d files", len(got))
			}
		})
	}
}

func TestValidateAndExplainNeverSayNothingWasWritten(t *testing.T) {
	cfg := goodFixture().write(t)
	broken := goodFixture().write(t)
	must(t, os.WriteFile(filepath.Join(filepath.Dir(broken), "deals.xlsx"), []byte("not a workbook"), 0o644))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name string
		ctx  context.Context
		args []string
		code int
		want string // stderr's last line
	}{
		{"validate, bad input", context.Background(), []string{"validate", "-c", broken}, ExitInput, "partnerbook: 1 error in the inputs"},
		{"explain, bad input", context.Background(), []string{"explain", "-c", broken, "--partner", "acme"}, ExitInput, "partnerbook: 1 error in the inputs"},
		{"validate, interrupted", cancelled, []string{"validate", "-c", cfg}, ExitInterrupted, "partnerbook: interrupted"},
		{"explain, interrupted", cancelled, []string{"explain", "-c", cfg, "--partner", "acme"}, ExitInterrupted, "partnerbook: interrupted"},
		{"run, bad input", context.Background(), []string{"run", "-c", broken, "--out", filepath.Join(t.TempDir(), "out")}, ExitInput, "partnerbook: 1 error in the inputs; nothing was written"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var o, e bytes.Buffer
			code := MainContext(c.ctx, c.args, &o, &e)
			lines := strings.Split(strings.TrimSuffix(e.String(), "\n"), "\n")
			if code != c.code || lines[len(lines)-1] != c.want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d ending %q", code, e.String(), c.code, c.want)
			}
			if c.args[0] != "run" && strings.Contains(e.String(), "nothing was written") {
				t.Errorf("%s says nothing was written:\n%s", c.args[0], e.String())
			}
		})
	}
}

func TestMissingChartScriptMessage(t *testing.T) {
	for _, c := range []struct {
		name    string
		writing bool
		want    string
	}{
		{"run", true, "partnerbook: the dashboard's chart script is missing: run go generate ./... or pass --echarts FILE; nothing was written\n"},
		{"not writing", false, "partnerbook: the dashboard's chart script is missing: run go generate ./... or pass --echarts FILE\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var e bytes.Buffer
			err := fmt.Errorf("writing dashboard.html: %w", html.ErrEchartsScriptMissing)
			if code := fail(err, &e, c.writing, false); code != ExitInput || e.String() != c.want {
				t.Errorf("exit %d, stderr %q\nwant 1, %q", code, e.String(), c.want)
			}
		})
	}
}
