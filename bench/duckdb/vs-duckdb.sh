#!/usr/bin/env bash
# bench/duckdb/vs-duckdb.sh BUILD DATA N: the DuckDB peer benchmark; run it through
# `scripts/bench --vs-duckdb [N]`, which builds BUILD (Release, tools) first.
# Writes the timings to DATA/results.md (and prints them).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

build=$1
data=$2
n=$3
rounds=${CSKPI_BENCH_ROUNDS:-5}
cases=${CSKPI_BENCH_CASES:-csv2 csv1 jsonl events}
here="$CSKPI_ROOT/bench/duckdb"
cskpi="$build/cskpi"

case $rounds in '' | *[!0-9]* | 0) cskpi_die "CSKPI_BENCH_ROUNDS: a whole number from 1" ;; esac
command -v node >/dev/null 2>&1 || cskpi_die "node (Node.js 18 or later) is needed for the DuckDB side"
[ -x /usr/bin/time ] || cskpi_die "/usr/bin/time is needed (Debian package time)"

# --- data (once per N) ---------------------------------------------------------------
if [ ! -f "$data/complete" ]; then
  cskpi_log "generating $n interactions (bench layout) into $data"
  rm -rf "$data"
  "$build/tools/cskpi-sample" --seed 42 --interactions "$n" --layout bench --out "$data"
  touch "$data/complete"
fi
du -sh "$data"/interactions.csv "$data"/surveys.csv "$data"/interactions.jsonl "$data"/surveys.jsonl \
  "$data"/interaction_events.csv

# --- DuckDB (npm, into bench/duckdb/node_modules) -----------------------------------------
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
  command -v npm >/dev/null 2>&1 || cskpi_die "npm is needed to install @duckdb/node-api"
  cskpi_log "installing @duckdb/node-api into $here/node_modules"
  (cd "$here" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi)
fi
duckdb_version=$(node -e "console.log(require('$here/node_modules/@duckdb/node-api/package.json').version)")
node "$here/report.mjs" --self-test

# --- cskpi's threads ------------------------------------------------------------------
if "$cskpi" report --help | grep -q -- '--threads'; then
  cskpi_threads=1
else
  cskpi_threads=0
  cskpi_warn "cskpi report has no --threads yet: cskpi runs with its default in every case"
fi

# case -> "interactions surveys events threads"
case_files() {
  case $1 in
    csv2) echo "interactions.csv surveys.csv - 2" ;;
    csv1) echo "interactions.csv surveys.csv - 1" ;;
    jsonl) echo "interactions.jsonl surveys.jsonl - 2" ;;
    events) echo "interactions.csv surveys.csv interaction_events.csv 2" ;;
    *) cskpi_die "unknown case '$1' (csv2, csv1, jsonl, events)" ;;
  esac
}

out="$data/out"
mkdir -p "$out"
# warm FILE...: reads the inputs once, untimed (`-` is no file), so that every timed run of
# either tool starts with its files in the page cache, as perf-notes.md measures. This machine
# pages out file cache left untouched for about a minute (DAMON reclaim, docs/performance.md):
# without it, the run after the other tool's long one (DuckDB's events run takes over a
# minute) would read its files from disk, and a run after a short one would not.
warm() {
  local f
  for f in "$@"; do [ "$f" = - ] || cat "$data/$f" >/dev/null; done
}
# run TOOL CASE OUTPUT [TIMES-FILE]: one run; with TIMES-FILE, appends "wall_s peak_kb user_s sys_s".
run() {
  local tool=$1 name=$2 output=$3 times=${4:-}
  local interactions surveys events threads
  read -r interactions surveys events threads < <(case_files "$name")
  local cmd
  if [ "$tool" = cskpi ]; then
    cmd=("$cskpi" report --interactions "$data/$interactions" --surveys "$data/$surveys")
    [ "$events" = - ] || cmd+=(--events "$data/$events")
    # shellcheck disable=SC2054  # channel,month is one argument
    cmd+=(--by channel --by topic --by month --by channel,month --tz UTC --format json --output "$output")
    [ "$cskpi_threads" = 0 ] || cmd+=(--threads "$threads")
  else
    cmd=(node "$here/report.mjs" --interactions "$data/$interactions" --surveys "$data/$surveys" --threads "$threads")
    [ "$events" = - ] || cmd+=(--events "$data/$events")
    cmd+=(--output "$output")
  fi
  if [ -n "$times" ]; then
    warm "$interactions" "$surveys" "$events"
    /usr/bin/time -f '%e %M %U %S' -o "$out/time" "${cmd[@]}" >/dev/null 2>"$out/stderr" ||
      { cat "$out/stderr" >&2; cskpi_die "$tool failed on case $name"; }
    cat "$out/time" >>"$times"
  else
    "${cmd[@]}" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; cskpi_die "$tool failed on case $name"; }
  fi
}

# stats FILE -> "median min max median_peak_MiB median_cpu_s" (median = the ⌈n/2⌉-th smallest;
# cpu = user + system time: less disturbed than wall time by other work on a shared machine)
stats() {
  local k=$(((rounds + 1) / 2))
  local median min max peak cpu
  median=$(cut -d' ' -f1 "$1" | sort -g | sed -n "${k}p")
  min=$(cut -d' ' -f1 "$1" | sort -g | head -1)
  max=$(cut -d' ' -f1 "$1" | sort -g | tail -1)
  peak=$(cut -d' ' -f2 "$1" | sort -g | sed -n "${k}p")
  cpu=$(awk '{ printf "%.2f\n", $3 + $4 }' "$1" | sort -g | sed -n "${k}p")
  echo "$median $min $max $((peak / 1024)) $cpu"
}

describe() {
  case $1 in
    csv2) echo "CSV, 2 threads" ;;
    csv1) echo "CSV, 1 thread" ;;
    jsonl) echo "JSON Lines, 2 threads" ;;
    events) echo "CSV + events, 2 threads" ;;
  esac
}

results="$data/results.md"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "N = $n interactions ($(wc -l <"$data/surveys.csv" | awk '{print $1 - 1}') surveys, $(wc -l <"$data/interaction_events.csv" | awk '{print $1 - 1}') interaction events); $rounds rounds, alternating; $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cskpi $(git -C "$CSKPI_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$([ "$cskpi_threads" = 1 ] || echo ' (no --threads: default threads in every case)'), DuckDB $duckdb_version (@duckdb/node-api), $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
  echo
  echo "| case | cskpi wall s, median (min–max) | cskpi CPU s | cskpi peak MiB | DuckDB wall s, median (min–max) | DuckDB CPU s | DuckDB peak MiB | DuckDB / cskpi (wall) |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$results.tmp"

for name in $cases; do
  case_files "$name" >/dev/null
  cskpi_log "case $name: $(describe "$name") — checking that both agree"
  run cskpi "$name" "$out/cskpi-$name.json"
  run duckdb "$name" "$out/duckdb-$name.json"
  node "$here/compare.mjs" "$out/cskpi-$name.json" "$out/duckdb-$name.json" ||
    cskpi_die "case $name: cskpi and DuckDB disagree (outputs in $out): no timings"
  : >"$out/times-cskpi-$name"
  : >"$out/times-duckdb-$name"
  for ((r = 1; r <= rounds; ++r)); do
    if ((r % 2)); then order=(cskpi duckdb); else order=(duckdb cskpi); fi
    for tool in "${order[@]}"; do
      run "$tool" "$name" "$out/$tool-$name.json" "$out/times-$tool-$name"
    done
    printf '  round %d: cskpi %s s, DuckDB %s s\n' "$r" "$(tail -1 "$out/times-cskpi-$name" | cut -d' ' -f1)" \
      "$(tail -1 "$out/times-duckdb-$name" | cut -d' ' -f1)"
  done
  read -r cm cmin cmax cpeak ccpu < <(stats "$out/times-cskpi-$name")
  read -r dm dmin dmax dpeak dcpu < <(stats "$out/times-duckdb-$name")
  ratio=$(awk -v d="$dm" -v c="$cm" 'BEGIN { printf "%.2f", (c > 0 ? d / c : 0) }')
  echo "| $(describe "$name") | $cm ($cmin–$cmax) | $ccpu | $cpeak | $dm ($dmin–$dmax) | $dcpu | $dpeak | $ratio |" >>"$results.tmp"
done
if [ -f "$out/times-cskpi-csv2" ] && [ -f "$out/times-cskpi-events" ] && [[ " $cases " == *" csv2 "* ]] &&
  [[ " $cases " == *" events "* ]]; then
  read -r without _ < <(stats "$out/times-cskpi-csv2")
  read -r with _ < <(stats "$out/times-cskpi-events")
  echo "cskpi with events ÷ without (CSV, 2 threads, medians): $(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a / b }')×" >>"$results.tmp"
fi
echo "Load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows the wall times)" >>"$results.tmp"
mv "$results.tmp" "$results"
cskpi_log "results (also in $results); ratio > 1: cskpi is faster"
cat "$results"
