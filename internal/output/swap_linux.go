package output

import "golang.org/x/sys/unix"

// swap exchanges two folders in one step, so out/<period> is never missing, not even
// for an instant between two renames.
func swap(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
