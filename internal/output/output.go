// Package output is the only writer to the output folder: files go to a temporary
// folder beside the target and replace out/<period> in one rename when all are written.
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dir is an output folder being written.
type Dir struct {
	final string
	tmp   string
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
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	// Leftovers of a run that was killed while writing are removed first.
	if stale, _ := filepath.Glob(filepath.Join(root, "."+name+".partial-*")); len(stale) > 0 {
		for _, s := range stale {
			os.RemoveAll(s)
		}
	}
	tmp, err := os.MkdirTemp(root, "."+name+".partial-")
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary folder in %s: %w", root, err)
	}
	return &Dir{final: filepath.Join(root, name), tmp: tmp}, nil
}

// Final is where the folder lands.
func (d *Dir) Final() string { return d.final }

// Write creates rel with the bytes fill writes, and records its hash.
func (d *Dir) Write(rel string, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return d.WriteBytes(rel, buf.Bytes())
}

// WriteBytes creates rel with data.
func (d *Dir) WriteBytes(rel string, data []byte) error {
	if strings.Contains(rel, "..") || filepath.IsAbs(rel) {
		return fmt.Errorf("output path %q leaves the output folder", rel)
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	sum := sha256.Sum256(data)
	d.files = append(d.files, File{Path: rel, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
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

// Commit moves the folder into place, replacing an earlier run of the same period.
func (d *Dir) Commit() error {
	if _, err := os.Stat(d.final); err == nil {
		// Where the system can exchange two folders atomically, the old output is
		// replaced in one step; elsewhere by two renames.
		if swap(d.tmp, d.final) == nil {
			os.RemoveAll(d.tmp) // now holds the earlier output
			return nil
		}
	}
	old := ""
	if _, err := os.Stat(d.final); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.final, old); err != nil {
			d.Abort()
			return fmt.Errorf("cannot replace %s: %w", d.final, err)
		}
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if old != "" {
			os.Rename(old, d.final)
		}
		d.Abort()
		return fmt.Errorf("cannot move the results to %s: %w", d.final, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// Abort removes everything written; the earlier output stays as it was.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }

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
