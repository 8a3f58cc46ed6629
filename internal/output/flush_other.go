//go:build !linux

package output

import (
	"os"
	"path/filepath"
)

// flush puts everything under dir on disk, file by file.
func flush(dir string) error {
	return filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			syncDir(path) // not every system can flush a folder; the files matter most
			return nil
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}
