// Package output is the only writer to the output folder: files go to a temporary
// folder beside the target and replace out/<period> in one rename when all are written.
//
// One run at a time writes an output folder: Begin takes an exclusive lock on
// <folder>/.partnerbook.lock and holds it until Commit or Abort. Because the lock is
// held for the whole run, any temporary folder found while holding it was left by a
// run that no longer exists, and only those are removed.
//
// Folders are created 0777 and files 0666, so the user's umask decides who may read
// the results (0755 and 0644 under the usual umask 022).
package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// LockFile is the file in the output folder whose lock admits one run at a time.
const LockFile = ".partnerbook.lock"

// LockWait is how long Begin waits for another run of the same folder to finish
// before giving up; lockPoll is how often it looks.
var (
	LockWait = 5 * time.Second
	lockPoll = 20 * time.Millisecond
)

// BusyError reports that another run holds the output folder.
type BusyError struct {
	Root string // the output folder, as given
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("another partnerbook run is writing %s (wait for it to finish, or pass another --out folder)",
		strings.TrimSuffix(e.Root, string(filepath.Separator))+string(filepath.Separator))
}

// Dir is an output folder being written.
type Dir struct {
	ctx   context.Context
	final string
	tmp   string
	lock  *os.File // nil once released
	done  bool     // committed or aborted
	files []File
}

// File is one written output, for the manifest.
type File struct {
	Path   string `json:"path"` // slash-separated, relative to the period folder
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Begin starts writing root/name. Nothing under root/name changes until Commit.
func Begin(root, name string) (*Dir, error) {
	return BeginContext(context.Background(), root, name)
}

// BeginContext is Begin for a run that ctx can stop: once ctx is done, waiting for
// the lock, Write and Commit fail with ctx's error and Abort leaves no trace.
func BeginContext(ctx context.Context, root, name string) (*Dir, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(root, 0o777); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	lock, err := acquire(ctx, root)
	if err != nil {
		return nil, err
	}
	// Holding the lock, every temporary folder here belongs to a run that was
	// killed while writing: no live run can own one.
	stale, _ := filepath.Glob(filepath.Join(root, "."+name+".partial-*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
	tmp := filepath.Join(root, fmt.Sprintf(".%s.partial-%d", name, os.Getpid()))
	// Mkdir rather than MkdirTemp, whose 0700 would survive the rename into place.
	if err := os.Mkdir(tmp, 0o777); err != nil {
		lock.Close()
		return nil, fmt.Errorf("cannot create a temporary folder in %s: %w", root, err)
	}
	return &Dir{ctx: ctx, final: filepath.Join(root, name), tmp: tmp, lock: lock}, nil
}

// acquire locks root's lock file, waiting up to LockWait for another run.
func acquire(ctx context.Context, root string) (*os.File, error) {
	path := filepath.Join(root, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock file %s: %w", path, err)
	}
	deadline := time.Now().Add(LockWait)
	for {
		busy, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("cannot lock %s: %w", path, err)
		}
		if !busy {
			return f, nil
		}
		if !time.Now().Before(deadline) {
			f.Close()
			return nil, &BusyError{Root: root}
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// release lets the next run in; closing the file drops its lock.
func (d *Dir) release() {
	if d.lock != nil {
		d.lock.Close()
		d.lock = nil
	}
}

// usable reports why nothing more may be written, if so.
func (d *Dir) usable() error {
	if d.done {
		return errors.New("the output folder was already committed or aborted")
	}
	return d.ctx.Err()
}

// Final is where the folder lands.
func (d *Dir) Final() string { return d.final }

// Write creates rel with the bytes fill writes, and records its hash.
func (d *Dir) Write(rel string, fill func(io.Writer) error) error {
	if err := d.usable(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return d.WriteBytes(rel, buf.Bytes())
}

// WriteBytes creates rel with data.
func (d *Dir) WriteBytes(rel string, data []byte) error {
	if err := d.usable(); err != nil {
		return err
	}
	if strings.Contains(rel, "..") || filepath.IsAbs(rel) {
		return fmt.Errorf("output path %q leaves the output folder", rel)
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o777); err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	if err := os.WriteFile(full, data, 0o666); err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	sum := sha256.Sum256(data)
	d.files = append(d.files, File{Path: rel, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	return nil
}

func syncDir(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// Files lists what was written so far, sorted by path.
func (d *Dir) Files() []File {
	out := append([]File(nil), d.files...)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// WriteJSON writes v as indented JSON with a final newline.
func (d *Dir) WriteJSON(rel string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return d.WriteBytes(rel, append(data, '\n'))
}

// Commit moves the folder into place, replacing an earlier run of the same period,
// and lets the next run in. Once Commit returns nil the folder is complete on disk.
func (d *Dir) Commit() error {
	if err := d.usable(); err != nil {
		d.Abort()
		return err
	}
	// Flushed before the rename, so a committed folder holds every file its
	// manifest lists even after a power cut.
	if err := flush(d.tmp); err != nil {
		d.Abort()
		return fmt.Errorf("cannot flush the results to disk: %w", err)
	}
	defer d.release()
	d.done = true
	root := filepath.Dir(d.final)
	if _, err := os.Stat(d.final); err == nil {
		// Where the system can exchange two folders atomically, the old output is
		// replaced in one step; elsewhere by two renames.
		if swap(d.tmp, d.final) == nil {
			os.RemoveAll(d.tmp) // now holds the earlier output
			syncDir(root)
			return nil
		}
	}
	old := ""
	if _, err := os.Stat(d.final); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.final, old); err != nil {
			os.RemoveAll(d.tmp)
			return fmt.Errorf("cannot replace %s: %w", d.final, err)
		}
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if old != "" {
			os.Rename(old, d.final)
		}
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot move the results to %s: %w", d.final, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	syncDir(root)
	return nil
}

// Abort removes everything written and lets the next run in; the earlier output
// stays as it was. It may be called more than once, and after Commit does nothing.
func (d *Dir) Abort() {
	if !d.done {
		os.RemoveAll(d.tmp)
		d.done = true
	}
	d.release()
}

// Hash is the SHA-256 of a file, for the manifest's inputs.
func Hash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
