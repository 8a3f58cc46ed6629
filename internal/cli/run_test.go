package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRunGoodFixture(t *testing.T) {
	cfg := goodFixture().write(t)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := cli("run", "-c", cfg, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	t.Logf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
	for _, f := range []string{"payouts.xlsx", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(out, "2026-10", f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
}
