#!/usr/bin/env bash
# Whether two liaison binaries write byte-identical sites: the demo, the test fixture
# tests/fixtures/good, and a synthetic site of gen.py at the given scale (default: city).
#
# usage: bench/same-output.sh OLD NEW [SCALE]
#   GEN=path/to/gen.py   the generator (default: bench/gen.py; ../shared/bench/gen.py takes
#                        county, city or hunan)
#
# Each site is built by both binaries with the same --date into folders of a temporary
# folder (on /dev/shm when writable), then compared with `diff -r`. Prints one line per site
# and exits non-zero at the first difference, naming the files that differ.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
old="${1:?usage: $0 OLD NEW [scale]}"
new="${2:?usage: $0 OLD NEW [scale]}"
scale="${3:-city}"
DATE=2026-11-22
if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; else base="${TMPDIR:-/tmp}"; fi
tmp="$(mktemp -d "$base/liaison-same.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# The demo without the repository's theme folder (the built-in theme is the one to compare).
mkdir -p "$tmp/demo"
cp -r "$repo/site.toml" "$repo/content" "$tmp/demo/"
cp -r "$repo/tests/fixtures/good" "$tmp/good"
python3 "${GEN:-$here/gen.py}" --scale "$scale" --format liaison --out "$tmp/gen" >/dev/null

for site in demo good gen; do
  for which in old new; do
    bin="$old"; [ "$which" = new ] && bin="$new"
    "$bin" --root "$tmp/$site" build --quiet --date "$DATE" --output "$tmp/out-$site-$which"
  done
  if diff -r -q "$tmp/out-$site-old" "$tmp/out-$site-new" >"$tmp/diff" 2>&1; then
    echo "$site: identical ($(find "$tmp/out-$site-new" -type f | wc -l) files)"
  else
    echo "$site: DIFFERENT"
    head -20 "$tmp/diff"
    exit 1
  fi
done
