package commission

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/partnerbook/partnerbook/"

// goList runs the go tool's list in this package's folder.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	bin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	out, err := exec.Command(bin, append([]string{"list"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// The money rules and the values they read depend on no reader: no spreadsheet or
// TOML library, and none of the packages that parse input files.
func TestCoreImportsNoReader(t *testing.T) {
	forbidden := []string{"github.com/xuri/excelize", "github.com/BurntSushi/toml",
		module + "internal/terms", module + "internal/crm", module + "internal/ledger", module + "internal/sheet"}
	for _, pkg := range []string{".", "../domain"} {
		for _, dep := range goList(t, "-deps", pkg) {
			for _, f := range forbidden {
				if dep == f || strings.HasPrefix(dep, f+"/") {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}

// Renderers see the report's plain values only: of this module they import report,
// money, civil, book and templates, so no document can reach the program or the
// computed result of another partner.
func TestRenderersImportOnlyReportValues(t *testing.T) {
	allowed := map[string]bool{}
	for _, p := range []string{"internal/report", "internal/money", "internal/civil", "internal/book", "templates"} {
		allowed[module+p] = true
	}
	lines := goList(t, "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "../render/...")
	if len(lines) < 5 {
		t.Fatalf("go list found %d render packages, want finance, html, mail, pdf and xlsx", len(lines))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, module) && !allowed[imp] {
				t.Errorf("%s imports %s", fields[0], imp)
			}
		}
	}
}
