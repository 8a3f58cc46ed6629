package html

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

// The echarts bundle is fetched from npm at build time instead of being
// committed: it is 1 MB of third-party minified code that reviewers cannot
// meaningfully diff, and the lock file already pins it by sha512.
//go:generate sh fetch-echarts.sh

// EchartsVersion is the echarts release pinned in assets/package.json. It is
// the version go-echarts v2.6.7 documents as its target (docs/en-us/dive-into.md),
// so the option JSON go-echarts produces matches what the script understands.
const EchartsVersion = "5.4.3"

const embeddedScriptPath = "assets/echarts.min.js"

// A directory pattern (rather than naming echarts.min.js) keeps the package
// compiling on a fresh clone where go generate has not run yet; README.md is
// always there, so the pattern never matches nothing. The missing script then
// surfaces as ErrEchartsScriptMissing at render time instead of a build failure
// that would also break every package importing this one.
//
//go:embed assets
var embeddedAssets embed.FS

// assetFS is a variable only so tests can simulate a checkout without the
// generated script.
var assetFS fs.FS = embeddedAssets

// ErrEchartsScriptMissing reports that no echarts script was embedded at build
// time and none was supplied in Page.Script.
var ErrEchartsScriptMissing = errors.New("html: the echarts script was not embedded into this binary: " +
	"run `go generate ./internal/render/html/` (needs npm) and rebuild, " +
	"or pass the contents of an echarts " + EchartsVersion + " echarts.min.js in Page.Script")

// EmbeddedEchartsScript returns the echarts bundle compiled into the binary,
// or ErrEchartsScriptMissing if go generate never ran before the build.
func EmbeddedEchartsScript() ([]byte, error) {
	b, err := fs.ReadFile(assetFS, embeddedScriptPath)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(b) == 0) {
		return nil, ErrEchartsScriptMissing
	}
	if err != nil {
		return nil, fmt.Errorf("html: reading embedded echarts script: %w", err)
	}
	return b, nil
}
