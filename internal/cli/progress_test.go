package cli

import (
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// asTerminal makes the command see stderr as a terminal for one test.
func asTerminal(t *testing.T) {
	t.Helper()
	old := terminal
	terminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { terminal = old })
}

var summaryLines = []string{"Test Co: period 2026-10, as of 2026-10-31", "  payouts:", "  total due:", "  wrote:"}

// What run prints on stderr: on a pipe or file and with --quiet only problems; on a
// terminal also a line per stage and a bar with the statements' count.
func TestRunProgressOutput(t *testing.T) {
	cases := []struct {
		name     string
		terminal bool
		quiet    bool
		progress bool // stage lines and the bar expected
	}{
		{"pipe", false, false, false},
		{"pipe quiet", false, true, false},
		{"terminal", true, false, true},
		{"terminal quiet", true, true, false},
	}
	bar := regexp.MustCompile(`statements\s+100% \|[^|]*\| \(2/2, [0-9.]+ statements/s\)`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.terminal {
				asTerminal(t)
			}
			cfg := goodFixture().write(t)
			args := []string{"run", "-c", cfg, "--out", filepath.Join(t.TempDir(), "out")}
			if c.quiet {
				args = append(args, "--quiet")
			}
			code, stdout, stderr := cli(args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for _, s := range summaryLines {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			var other []string
			for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
				if line != "" && !strings.HasPrefix(line, "warning: ") {
					other = append(other, line)
				}
			}
			if !strings.Contains(stderr, "warning: ") {
				t.Errorf("stderr lacks the fixture's warnings:\n%s", stderr)
			}
			if !c.progress {
				if len(other) > 0 {
					t.Errorf("stderr has more than problems: %q", other)
				}
				return
			}
			for _, s := range []string{"… reading partnerbook.toml\n", "… writing 2 statements\n", "… writing dashboard.html\n"} {
				if !strings.Contains(stderr, s) && !strings.Contains(stderr, strings.Replace(s, "partnerbook.toml", cfg, 1)) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if !bar.MatchString(stderr) {
				t.Errorf("stderr has no finished statements bar matching %s:\n%q", bar, stderr)
			}
		})
	}
}
