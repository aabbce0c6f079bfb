#!/usr/bin/env bash
# Time `liaison import roster` on a province's roster: the site is made by a generator
# (bench/gen.py province by default, or the shared one with GEN=path SCALE=hunan), its roster
# exported with `liaison export roster`, then imported
#   1. into a copy of the site without content/representatives/ (every person new), and
#   2. into the site itself (every person unchanged: what a second import costs).
#
# usage: bench/roster.sh
#
# Environment:
#   RUNS=3          imports of each kind, alternating, each into a fresh copy
#   LIAISON=path    the liaison binary (default: target/release/liaison of this repository)
#   GEN=path SCALE=name   the site generator and its scale (default: bench/gen.py, province)
#   WORKDIR=dir     where the temporary folder goes (default: /dev/shm when writable, else /tmp)
#
# Prints, for each kind, the median wall seconds and the largest peak RSS (GNU time), and the
# sheet's size and rows. Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
RUNS="${RUNS:-3}"
LIAISON="${LIAISON:-$repo/target/release/liaison}"
GEN="${GEN:-$here/gen.py}"
SCALE="${SCALE:-province}"
if [ -z "${WORKDIR:-}" ]; then
  if [ -w /dev/shm ]; then WORKDIR=/dev/shm; else WORKDIR="${TMPDIR:-/tmp}"; fi
fi
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is missing: apt-get install time" >&2; exit 1; }
[ -x "$LIAISON" ] || { echo "no liaison binary at $LIAISON: run cargo build --release" >&2; exit 1; }

tmp="$(mktemp -d "$WORKDIR/liaison-roster.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
python3 "$GEN" --scale "$SCALE" --format liaison --out "$tmp/site" >/dev/null
"$LIAISON" --root "$tmp/site" export roster "$tmp/roster.xlsx" --date 2026-11-22 >/dev/null
rows=$(find "$tmp/site/content/representatives" -name '*.md' | wc -l)
size=$(du -k "$tmp/roster.xlsx" | cut -f1)

# one timed import: prints "seconds peak_kib"
timed() {
  local root="$1" log="$tmp/time.log"
  /usr/bin/time -f '%e %M' -o "$log" "$LIAISON" --root "$root" import roster "$tmp/roster.xlsx" >"$tmp/out.log"
  cat "$log"
}
fresh() {
  rm -rf "$tmp/copy"
  cp -r "$tmp/site" "$tmp/copy"
  if [ "$1" = new ]; then
    rm -rf "$tmp/copy/content/representatives"
    mkdir "$tmp/copy/content/representatives"
  fi
}

declare -a new_s new_m same_s same_m
for ((i = 0; i < RUNS; i++)); do
  fresh new
  read -r s m < <(timed "$tmp/copy")
  grep -q "^added $rows " "$tmp/out.log" || { echo "the import did not add $rows people:" >&2; cat "$tmp/out.log" >&2; exit 1; }
  new_s+=("$s"); new_m+=("$m")
  fresh same
  read -r s m < <(timed "$tmp/copy")
  grep -q "^unchanged $rows$" "$tmp/out.log" || { echo "the second import changed something:" >&2; head "$tmp/out.log" >&2; exit 1; }
  same_s+=("$s"); same_m+=("$m")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
most() { printf '%s\n' "$@" | sort -g | tail -1; }
echo "roster: $rows rows, ${size} KiB .xlsx ($SCALE, $RUNS runs each, alternating)"
echo
echo "| import | median s | peak RSS MiB |"
echo "| --- | ---: | ---: |"
echo "| every person new | $(median "${new_s[@]}") | $(( $(most "${new_m[@]}") / 1024 )) |"
echo "| every person unchanged | $(median "${same_s[@]}") | $(( $(most "${same_m[@]}") / 1024 )) |"
