#!/bin/sh
# Installs the echarts build pinned in assets/package-lock.json and copies its
# minified bundle to assets/echarts.min.js, where the Go package embeds it.
# Run via `go generate ./internal/render/html/` (or `go generate ./...`).
#
# npm runs in a scratch folder outside assets/ so that node_modules can never
# end up inside the //go:embed tree; `npm ci` refuses to run if the lock file
# and package.json disagree and checks every tarball against the lock's
# sha512 integrity, so the result is reproducible.
#
# The registry is only asked when assets/echarts.min.js is missing or differs
# from the pinned SHA-256 below, so `go generate ./...` is quick and offline once
# the script is in place.
set -eu

cd "$(dirname "$0")"

# SHA-256 of echarts/dist/echarts.min.js in the echarts release that
# assets/package.json pins (5.4.3). Change it together with package.json.
pinned_sha256=1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 "$1" | cut -d' ' -f1
	else
		openssl dgst -sha256 -r "$1" | cut -d' ' -f1
	fi
}

if [ -f assets/echarts.min.js ] && [ "$(sha256 assets/echarts.min.js)" = "$pinned_sha256" ]; then
	exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
	echo "fetch-echarts.sh: npm is not installed; install Node.js + npm, or pass your own echarts.min.js to partnerbook run with --echarts FILE" >&2
	exit 1
fi

work=.npm-build
rm -rf "$work"
mkdir -p "$work"
cp assets/package.json assets/package-lock.json "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

src="$work/node_modules/echarts/dist/echarts.min.js"
want=$(sed -n 's/.*"echarts": *"\([^"]*\)".*/\1/p' assets/package.json | head -n 1)
got=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$work/node_modules/echarts/package.json" | head -n 1)
if [ "$want" != "$got" ]; then
	echo "fetch-echarts.sh: expected echarts $want, npm installed $got" >&2
	exit 1
fi

got_sha256=$(sha256 "$src")
if [ "$got_sha256" != "$pinned_sha256" ]; then
	echo "fetch-echarts.sh: echarts.min.js from npm has SHA-256 $got_sha256, expected $pinned_sha256 (update pinned_sha256 when changing the version)" >&2
	exit 1
fi

# Copy then rename so a failed copy never leaves a truncated file to embed.
cp "$src" assets/echarts.min.js.tmp
mv assets/echarts.min.js.tmp assets/echarts.min.js
rm -rf "$work"
echo "fetch-echarts.sh: wrote assets/echarts.min.js (echarts $got)"
