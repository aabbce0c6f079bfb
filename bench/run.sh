#!/usr/bin/env bash
# Time liaison and Hugo building the same synthetic site (made by gen.py next to this script).
#
# usage: bench/run.sh SCALE        SCALE: county, city or province
#
# Environment:
#   RUNS=3        builds per tool, alternating tools, each into an empty output folder
#   LIAISON=path  the liaison binary (default: target/release/liaison of this repository)
#   LIAISON_B=path  a second liaison binary (another version), timed as `liaison-b` on the same
#                 site, alternating with the first; prints its time relative to the first
#   LEDGERS=1     also time `liaison` on the same site with a year of ledgers (gen.py --ledgers:
#                 about 11 activities and 5 suggestions per station), as `liaison+ledgers`
#   HUGO=path     the hugo binary (default: hugo on PATH); HUGO=none leaves Hugo out
#   WORKDIR=dir   where the temporary folder goes (default: /dev/shm when writable, else $TMPDIR or /tmp)
#   KEEP=1        keep the temporary folder (sites, logs, last output)
#
# Prints a Markdown table: tool, version, pages (*.html written), median wall seconds,
# pages per second, peak RSS in MiB (the largest of the runs); then liaison's ratios to Hugo.
# Installs nothing; needs python3 and GNU time (/usr/bin/time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
scale="${1:-}"
case "$scale" in
  county | city | province) ;;
  *) echo "usage: $0 county|city|province   (env: RUNS LIAISON LIAISON_B HUGO WORKDIR KEEP)" >&2; exit 2 ;;
esac
RUNS="${RUNS:-3}"
LIAISON="${LIAISON:-$repo/target/release/liaison}"
HUGO="${HUGO:-hugo}"
DATE=2024-07-01
hint="apt-get install hugo time"

if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then
  echo "GNU time (/usr/bin/time -v) is missing; install it with: $hint" >&2
  exit 1
fi
if [ ! -x "$LIAISON" ]; then
  echo "no liaison binary at $LIAISON: run \`cargo build --release\` or set LIAISON=path" >&2
  exit 1
fi
tools=(liaison)
if [ -n "${LIAISON_B:-}" ]; then
  if [ ! -x "$LIAISON_B" ]; then
    echo "no liaison binary at LIAISON_B=$LIAISON_B" >&2
    exit 1
  fi
  tools+=(liaison-b)
fi
if [ "${LEDGERS:-0}" = 1 ]; then
  tools+=(liaison+ledgers)
fi
if [ "$HUGO" = none ]; then
  :
elif command -v "$HUGO" >/dev/null 2>&1; then
  tools+=(hugo)
else
  echo "hugo is not installed (install it with: $hint); timing liaison only" >&2
fi

if [ -z "${WORKDIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORKDIR=/dev/shm; else WORKDIR="${TMPDIR:-/tmp}"; fi
fi
WORKDIR="$(cd "$WORKDIR" && pwd)"
tmp="$(mktemp -d "$WORKDIR/liaison-bench.XXXXXX")"
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

summary=""
for tool in "${tools[@]}"; do
  [ "$tool" = liaison-b ] && continue # builds the site of `liaison`
  if [ "$tool" = liaison+ledgers ]; then
    python3 "$here/gen.py" --scale "$scale" --format liaison --ledgers --out "$tmp/site-$tool" | head -n 1 >&2
    continue
  fi
  summary="$(python3 "$here/gen.py" --scale "$scale" --format "$tool" --out "$tmp/site-$tool")"
done

version() {
  case "$1" in
    liaison | liaison+ledgers) "$LIAISON" --version 2>/dev/null | awk 'NR == 1 {print $NF}' ;;
    liaison-b) "$LIAISON_B" --version 2>/dev/null | awk 'NR == 1 {print $NF}' ;;
    hugo) "$HUGO" version 2>/dev/null | awk 'NR == 1 {print $2}' ;;
  esac
}

command_for() { # tool → the build command in the array `cmd`
  case "$1" in
    liaison) cmd=("$LIAISON" --root "$tmp/site-liaison" build --output "$tmp/out-liaison" --date "$DATE" --quiet) ;;
    liaison-b) cmd=("$LIAISON_B" --root "$tmp/site-liaison" build --output "$tmp/out-liaison-b" --date "$DATE" --quiet) ;;
    liaison+ledgers) cmd=("$LIAISON" --root "$tmp/site-liaison+ledgers" build --output "$tmp/out-liaison+ledgers" --date "$DATE" --quiet) ;;
    hugo) cmd=("$HUGO" --quiet --source "$tmp/site-hugo" --destination "$tmp/out-hugo" --minify) ;;
  esac
}

# seconds from GNU time's "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34"
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]
    printf "%.2f\n", s }' "$1"
}
max_rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

declare -A walls rss pages failed largest
for tool in "${tools[@]}"; do walls[$tool]=""; rss[$tool]=0; pages[$tool]=0; failed[$tool]=""; largest[$tool]=""; done

for ((i = 1; i <= RUNS; i++)); do
  for tool in "${tools[@]}"; do
    out="$tmp/out-$tool"
    rm -rf "$out"
    mkdir "$out"
    command_for "$tool"
    echo "run $i/$RUNS: $tool" >&2
    if /usr/bin/time -v -o "$tmp/time-$tool" "${cmd[@]}" >"$tmp/log-$tool" 2>&1; then
      walls[$tool]+="$(wall_seconds "$tmp/time-$tool") "
      kb="$(max_rss_kb "$tmp/time-$tool")"
      if [ "$kb" -gt "${rss[$tool]}" ]; then rss[$tool]=$kb; fi
      find "$out" -name '*.html' -printf '%s /%P\n' | sort -n >"$tmp/sizes-$tool"
      pages[$tool]="$(wc -l <"$tmp/sizes-$tool")"
      largest[$tool]="$(tail -n 1 "$tmp/sizes-$tool")"
    else
      status="$(grep -E 'exited with|terminated by' "$tmp/time-$tool" || true)"
      echo "$tool failed on run $i: ${status:-see log}" >&2
      tail -n 20 "$tmp/log-$tool" >&2
      failed[$tool]+="run $i: ${status:-failed}; "
    fi
  done
done

median() { tr ' ' '\n' | awk NF | sort -n | awk '{a[NR] = $1} END {
  if (NR == 0) exit; if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo
echo "$summary" | sed -E "s/^.*site for [a-z]+: /$scale: /; s/ \([0-9]+ files\)$//"
echo "$RUNS run(s) per tool, alternating, output on $(df -P "$tmp" | awk 'NR == 2 {print $1}') ($WORKDIR);" \
  "$(nproc) CPU(s): $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)"
echo
echo "| tool | version | pages | median wall s | pages/s | peak RSS MiB |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
declare -A rate mib
for tool in "${tools[@]}"; do
  med="$(echo "${walls[$tool]}" | median)"
  if [ -z "$med" ]; then
    echo "| $tool | $(version "$tool") | – | failed | – | – |"
    continue
  fi
  rate[$tool]="$(awk -v p="${pages[$tool]}" -v s="$med" 'BEGIN {printf "%.0f", (s > 0 ? p / s : 0)}')"
  mib[$tool]="$(awk -v k="${rss[$tool]}" 'BEGIN {printf "%.0f", k / 1024}')"
  printf '| %s | %s | %s | %.2f | %s | %s |\n' "$tool" "$(version "$tool")" "${pages[$tool]}" "$med" "${rate[$tool]}" "${mib[$tool]}"
done
echo
for tool in "${tools[@]}"; do
  list="$(echo ${walls[$tool]} | sed 's/ /, /g')"
  echo "- $tool runs (wall s): ${list:-none}${failed[$tool]:+ (failed: ${failed[$tool]})}"
done
if [ -n "${rate[liaison]:-}" ] && [ -n "${rate[hugo]:-}" ]; then
  awk -v lr="${rate[liaison]}" -v hr="${rate[hugo]}" -v lm="${rss[liaison]}" -v hm="${rss[hugo]}" 'BEGIN {
    printf "\nliaison vs Hugo: %.2fx the pages per second, %.2fx the peak memory\n", lr / hr, lm / hm }'
fi
# The targets of the provincial round (docs/performance.md), each met or missed and by how much.
if [ -n "${rate[liaison]:-}" ]; then
  echo
  awk -v p="${pages[liaison]}" -v s="$(echo "${walls[liaison]}" | median)" 'BEGIN {
    printf "- liaison time per page: %.0f µs (province within 1.1x of city: compare the two runs)\n", s / p * 1e6 }'
  echo "- largest HTML page of liaison's output: ${largest[liaison]#* } (${largest[liaison]%% *} bytes)"
  if [ "$scale" = province ]; then
    awk -v l="${largest[liaison]%% *}" 'BEGIN {
      printf "- target no HTML page over 1 MB: %s (%.2f MB)\n", (l + 0 <= 1000000 ? "met" : "missed"), l / 1e6 }'
  fi
fi
if [ -n "${rate[liaison]:-}" ] && [ -n "${rate[hugo]:-}" ]; then
  want=2
  if [ "$scale" = province ]; then want=3; fi
  awk -v lr="${rate[liaison]}" -v hr="${rate[hugo]}" -v w="$want" 'BEGIN { r = lr / hr
    printf "- target at least %dx Hugo'"'"'s pages per second: %s (%.2fx, %s by %.0f%%)\n", w, (r >= w ? "met" : "missed"), r, (r >= w ? "above" : "short"), (r >= w ? r / w - 1 : 1 - r / w) * 100 }'
  if [ "$scale" = province ]; then
    awk -v lm="${rss[liaison]}" -v hm="${rss[hugo]}" 'BEGIN { r = lm / hm
      printf "- target peak memory at most 0.25x Hugo'"'"'s: %s (%.2fx, %.0f of %.0f MiB allowed)\n", (r <= 0.25 ? "met" : "missed"), r, lm / 1024, hm / 1024 * 0.25 }'
  fi
fi
if [ -n "${LIAISON_B:-}" ]; then
  a="$(echo "${walls[liaison]}" | median)"
  b="$(echo "${walls[liaison-b]}" | median)"
  if [ -n "$a" ] && [ -n "$b" ]; then
    awk -v a="$a" -v b="$b" 'BEGIN { printf "\nliaison-b vs liaison: %.3fx the median wall time (%+.1f%%)\n", b / a, (b / a - 1) * 100 }'
  fi
fi
for tool in "${tools[@]}"; do
  if [ -n "${failed[$tool]}" ]; then exit 1; fi
done
