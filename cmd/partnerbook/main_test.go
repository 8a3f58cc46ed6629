package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/output"
)

// The test binary doubles as the partnerbook command when this is set, so the
// tests can signal a real process.
const asCommand = "PARTNERBOOK_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asCommand) == "1" {
		os.Exit(runMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// holdsOpen reports whether process pid has path open.
func holdsOpen(pid int, path string) bool {
	fds, err := os.ReadDir(filepath.Join("/proc", strconv.Itoa(pid), "fd"))
	if err != nil {
		return false
	}
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc", strconv.Itoa(pid), "fd", fd.Name())); err == nil && target == path {
			return true
		}
	}
	return false
}

func TestSignalStopsARunCleanly(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("needs /proc to see when the run is waiting")
	}
	for _, c := range []struct {
		name string
		sig  os.Signal
	}{
		{"Ctrl-C", os.Interrupt},
		{"SIGTERM", syscall.SIGTERM},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			// Another run holds the folder, so this one is certainly mid-run (waiting
			// for the lock) when the signal arrives.
			other, err := output.Begin(out, "2026-10")
			if err != nil {
				t.Fatal(err)
			}
			defer other.Abort()

			cmd := exec.Command(os.Args[0], "run", "-c", "../../sample-data/partnerbook.toml", "--out", out)
			cmd.Env = append(os.Environ(), asCommand+"=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lock, _ := filepath.Abs(filepath.Join(out, output.LockFile))
			deadline := time.Now().Add(output.LockWait - time.Second)
			for !holdsOpen(cmd.Process.Pid, lock) && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 130 {
				t.Fatalf("exit %v, want 130\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
			}
			if got, want := stderr.String(), "partnerbook: interrupted; nothing was written\n"; got != want || stdout.Len() != 0 {
				t.Errorf("stdout %q\nstderr %q, want %q", stdout.String(), got, want)
			}
			other.Abort()
			ents, _ := os.ReadDir(out)
			if len(ents) != 1 || ents[0].Name() != output.LockFile {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Errorf("out holds %v, want nothing but the lock file", names)
			}
		})
	}
}
