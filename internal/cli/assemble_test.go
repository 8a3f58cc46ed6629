package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two shards run and assembled from the command line give run's own folder, byte for
// byte; bad shard values and missing folders are usage errors.
func TestShardAndAssembleCommands(t *testing.T) {
	cfg := goodFixture().write(t)
	root := t.TempDir()
	single := filepath.Join(root, "single")
	code, runOut, stderr := cli("run", "-c", cfg, "--out", single)
	if code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	var dirs []string
	for _, s := range []string{"0", "1"} {
		out := filepath.Join(root, "shard"+s)
		code, stdout, stderr := cli("run", "-c", cfg, "--out", out, "--shard", s+"/2")
		if code != 0 {
			t.Fatalf("run --shard %s/2: exit %d\n%s", s, code, stderr)
		}
		dir := filepath.Join(out, "2026-10.shard-"+s+"-of-2")
		if !strings.Contains(stdout, "wrote:          "+dir) {
			t.Errorf("run --shard %s/2 does not say it wrote %s:\n%s", s, dir, stdout)
		}
		dirs = append(dirs, dir)
	}
	out := filepath.Join(root, "out")
	code, stdout, stderr := cli(append([]string{"assemble", "--period", "2026-10", "--out", out}, dirs...)...)
	if code != 0 {
		t.Fatalf("assemble: exit %d\n%s", code, stderr)
	}
	if want := "assembled 2 shard(s) of period 2026-10: 2 statement(s)"; !strings.Contains(stdout, want) {
		t.Errorf("stdout lacks %q:\n%s", want, stdout)
	}
	// Both count the same files: the folders are the same.
	count := func(s string) string { _, n, _ := strings.Cut(s[strings.LastIndex(s, "wrote:"):], "("); return n }
	if a, b := count(runOut), count(stdout); a != b {
		t.Errorf("run wrote (%s, assemble (%s", a, b)
	}
	for _, f := range []string{"manifest.json", "payouts.xlsx", "statements/acme.pdf", "statements/lodz.pdf", "emails/acme.eml", "emails/lodz.eml"} {
		a, err1 := os.ReadFile(filepath.Join(single, "2026-10", f))
		b, err2 := os.ReadFile(filepath.Join(out, "2026-10", f))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: assembled differs from the single run (%v, %v)", f, err1, err2)
		}
	}

	usage := []struct {
		name string
		args []string
		want string
	}{
		{"shard out of range", []string{"run", "-c", cfg, "--out", out, "--shard", "2/2"}, "from 0 to n-1"},
		{"shard not i/n", []string{"run", "-c", cfg, "--out", out, "--shard", "half"}, "is not i/n"},
		{"no shard folders", []string{"assemble", "--out", out}, "name the shard folders"},
		{"other period", append([]string{"assemble", "--period", "2026-11", "--out", out}, dirs...), "the shards are of period 2026-10"},
	}
	for _, c := range usage {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := cli(c.args...)
			if code != ExitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d with %q:\n%s", code, ExitUsage, c.want, stderr)
			}
		})
	}
	if code, _, stderr := cli("assemble", "--out", out, dirs[0]); code != ExitInput || !strings.Contains(stderr, "2 shard folder(s) are needed, 1 given; nothing was written") {
		t.Errorf("one of two shards: exit %d\n%s", code, stderr)
	}
}
