#!/usr/bin/env bash
# Measure partnerbook at one size: build it, generate a program of DEALS deals and
# PARTNERS partners, and run `validate` and `run` under /usr/bin/time -v, printing wall
# time and peak memory (maximum resident set size) of each.
#
#   bench/run.sh 100000 10000          # deals partners [seed]
#   KEEP=1 bench/run.sh 10000 1000     # keep the generated files and output
set -euo pipefail

deals=${1:-10000}
partners=${2:-1000}
seed=${3:-1}
root=$(cd "$(dirname "$0")/.." && pwd)

if [ ! -x /usr/bin/time ]; then
	echo "run.sh: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/partnerbook-bench.XXXXXX")
if [ -z "${KEEP:-}" ]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "files kept in $work"
fi

cd "$root"
go build -o "$work/partnerbook" ./cmd/partnerbook
go build -o "$work/gen" ./bench/gen
"$work/gen" -deals "$deals" -partners "$partners" -seed "$seed" -out "$work/program"
ls -l "$work/program" | awk 'NR>1 {printf "  %-18s %8.1f MB\n", $9, $5/1e6}'

measure() { # name, command...
	local name=$1
	shift
	local status=0
	/usr/bin/time -v -o "$work/time-$name" "$@" >"$work/out-$name" 2>&1 || status=$?
	local wall rss
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-$name")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-$name")
	printf "%-9s deals=%-8s partners=%-6s wall=%-9s peak_rss=%6.0f MB exit=%s\n" \
		"$name" "$deals" "$partners" "$wall" "$(echo "$rss / 1024" | bc -l)" "$status"
	if [ "$status" -gt 1 ]; then
		tail -5 "$work/out-$name" >&2
	fi
}

measure validate "$work/partnerbook" validate -c "$work/program/partnerbook.toml"
measure run "$work/partnerbook" run -c "$work/program/partnerbook.toml" --out "$work/out" --quiet
