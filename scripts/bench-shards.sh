#!/bin/sh
# The shard benchmark (docs/performance.md, "Sharded sweeps"): one sweep split into N = 1, 2 and
# 4 shards, run as separate processes on this machine at the same time (each with cores / N
# simulation threads, at least 1), then merged. Prints per N the total wall time of the shards,
# the largest peak RSS of a shard, the merge's wall time, the rows it wrote and its rows/s and
# ms per 100 runs, and checks that every N gives the same report.
#
#   scripts/bench-shards.sh [SWEEP] [COUNTS]   # default: scenarios/quickstart-sweep.yaml (450 runs), "1 2 4"
set -eu
cd "$(dirname "$0")/.."
bin=.build/release/hedgesim
[ -x "$bin" ] || { echo "build first: swift build -c release" >&2; exit 1; }
sweep=${1:-scenarios/quickstart-sweep.yaml}
counts=${2:-1 2 4}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cores=$(nproc)
peak() { awk '/Maximum resident/ {print $6}' "$1"; }
now() { date +%s.%N; }
tables="sweeps sweep_points sweep_runs sweep_strategy_runs sweep_run_days sweep_comparisons
  v_sweep_ranking v_sweep_vs_baseline v_sweep_by_window v_strategy_marginal"
fingerprint() {
  for t in $tables; do sqlite3 "$1" "SELECT * FROM $t"; done | sha256sum | cut -c1-16
}
printf '%-6s %10s %12s %10s %10s %12s %14s %s\n' shards "shards s" "peak RSS kB" "merge s" rows rows/s \
  "ms/100 runs" report
for n in $counts; do
  threads=$((cores / n)); [ "$threads" -ge 1 ] || threads=1
  mkdir -p "$out/$n"
  start=$(now)
  k=0
  while [ "$k" -lt "$n" ]; do
    /usr/bin/time -v "$bin" sweep "$sweep" --shard "$k/$n" --threads "$threads" --out "$out/$n/" --quiet \
      > /dev/null 2> "$out/$n/time-$k" &
    k=$((k + 1))
  done
  wait
  end=$(now)
  shards_s=$(echo "$end - $start" | bc -l)
  rss=0
  for f in "$out/$n"/time-*; do r=$(peak "$f"); [ "$r" -gt "$rss" ] && rss=$r; done
  start=$(now)
  "$bin" sweep merge "$out/$n" --out "$out/merged-$n.sqlite" > /dev/null
  end=$(now)
  merge_s=$(echo "$end - $start" | bc -l)
  runs=$(sqlite3 "$out/merged-$n.sqlite" 'SELECT COUNT(*) FROM sweep_runs')
  rows=$(sqlite3 "$out/merged-$n.sqlite" 'SELECT (SELECT COUNT(*) FROM sweep_runs) +
    (SELECT COUNT(*) FROM sweep_strategy_runs) + (SELECT COUNT(*) FROM sweep_run_days)')
  printf '%-6s %10.2f %12s %10.3f %10s %12.0f %14.1f %s\n' "$n" "$shards_s" "$rss" "$merge_s" "$rows" \
    "$(echo "$rows / $merge_s" | bc -l)" "$(echo "$merge_s * 1000 * 100 / $runs" | bc -l)" \
    "$(fingerprint "$out/merged-$n.sqlite")"
done
echo "(rows: sweep_runs + sweep_strategy_runs + sweep_run_days of the merged report; report: a hash of every"
echo " sweep table and view, the same for every N)"
