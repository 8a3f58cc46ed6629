package html

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeNpm stands in for npm: it records that it ran and installs the file named
// by FAKE_ECHARTS as echarts 5.4.3's echarts.min.js.
const fakeNpm = `#!/bin/sh
echo "$*" >> "$NPM_CALLS"
mkdir -p node_modules/echarts/dist
echo '{"name": "echarts", "version": "5.4.3"}' > node_modules/echarts/package.json
cp "$FAKE_ECHARTS" node_modules/echarts/dist/echarts.min.js
`

func TestFetchEchartsOnlyWhenMissingOrChanged(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("needs sh")
	}
	script, err := os.ReadFile("fetch-echarts.sh")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^pinned_sha256=([0-9a-f]{64})$`).FindSubmatch(script)
	if m == nil {
		t.Fatal("fetch-echarts.sh pins no SHA-256")
	}
	pinned := string(m[1])
	real, err := os.ReadFile(embeddedScriptPath)
	if err != nil {
		real = nil // a fresh checkout: the cases that need the genuine file are skipped
	} else if sum := sha256.Sum256(real); hex.EncodeToString(sum[:]) != pinned {
		t.Fatalf("assets/echarts.min.js has SHA-256 %x, fetch-echarts.sh pins %s", sum, pinned)
	}

	for _, c := range []struct {
		name     string
		present  string // what assets/echarts.min.js holds first; "" = missing
		npmGives string // what npm installs
		npm      bool   // npm is asked
		ok       bool
		want     string // assets/echarts.min.js afterwards; "" = missing
		stderr   string
	}{
		{name: "pinned script present", present: "real", npmGives: "real", want: "real", ok: true},
		{name: "missing", npmGives: "real", npm: true, want: "real", ok: true},
		{name: "edited", present: "edited", npmGives: "real", npm: true, want: "real", ok: true},
		{name: "npm gives another build", npmGives: "other", npm: true, stderr: "expected " + pinned},
		{name: "edited, npm gives another build", present: "edited", npmGives: "other", npm: true, want: "edited", stderr: "expected " + pinned},
	} {
		t.Run(c.name, func(t *testing.T) {
			content := map[string][]byte{"real": real, "edited": []byte("/* edited */"), "other": []byte("/* another build */")}
			if real == nil && (c.present == "real" || c.npmGives == "real") {
				if os.Getenv("CI") != "" {
					t.Fatal("assets/echarts.min.js is not there: CI must run go generate first")
				}
				t.Skip("assets/echarts.min.js is not there (go generate has not run)")
			}
			dir := t.TempDir()
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(os.MkdirAll(filepath.Join(dir, "assets"), 0o755))
			must(os.MkdirAll(filepath.Join(dir, "bin"), 0o755))
			must(os.WriteFile(filepath.Join(dir, "fetch-echarts.sh"), script, 0o644))
			for _, f := range []string{"package.json", "package-lock.json"} {
				data, err := os.ReadFile(filepath.Join("assets", f))
				must(err)
				must(os.WriteFile(filepath.Join(dir, "assets", f), data, 0o644))
			}
			target := filepath.Join(dir, "assets", "echarts.min.js")
			if c.present != "" {
				must(os.WriteFile(target, content[c.present], 0o644))
			}
			must(os.WriteFile(filepath.Join(dir, "bin", "npm"), []byte(fakeNpm), 0o755))
			gives := filepath.Join(dir, "npm-gives.js")
			must(os.WriteFile(gives, content[c.npmGives], 0o644))
			calls := filepath.Join(dir, "npm-calls")

			cmd := exec.Command("sh", filepath.Join(dir, "fetch-echarts.sh"))
			cmd.Env = append(os.Environ(),
				"PATH="+filepath.Join(dir, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"),
				"NPM_CALLS="+calls, "FAKE_ECHARTS="+gives)
			outb, err := cmd.CombinedOutput()
			if (err == nil) != c.ok {
				t.Fatalf("fetch-echarts.sh: %v, want ok=%v\n%s", err, c.ok, outb)
			}
			if c.stderr != "" && !strings.Contains(string(outb), c.stderr) {
				t.Errorf("output lacks %q:\n%s", c.stderr, outb)
			}
			_, err = os.Stat(calls)
			if asked := err == nil; asked != c.npm {
				t.Errorf("npm asked: %v, want %v", asked, c.npm)
			}
			got, err := os.ReadFile(target)
			switch {
			case c.want == "" && err == nil:
				t.Errorf("assets/echarts.min.js was written (%d bytes)", len(got))
			case c.want != "" && string(got) != string(content[c.want]):
				t.Errorf("assets/echarts.min.js holds %d bytes, want the %s script", len(got), c.want)
			}
		})
	}
}
