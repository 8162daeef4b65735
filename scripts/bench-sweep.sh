#!/bin/sh
# The sweep benchmark (docs/sweeps.md, "Speed"): a 216-run sweep of the quickstart (3 modes ×
# 3 cooldowns × 2 accumulation limits × 2 protection models = 36 points, each over the whole of
# February and five 7-day windows every 5 days) against the same runs one by one with
# `hedgesim run`. Prints runs/s, bars/s and peak RSS of both and their ratio.
#
#   scripts/bench-sweep.sh [SAMPLE]   # SAMPLE: how many of the 216 runs to time one by one
#                                     # (default all; the rate of a sample is extrapolated)
set -eu
cd "$(dirname "$0")/.."
bin=.build/release/hedgesim
[ -x "$bin" ] || { echo "build first: swift build -c release" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sample=${1:-216}
cat > "$out/bench.yaml" <<YAML
scenario: $PWD/scenarios/quickstart.yaml
grid:
  engine.same_direction: [accumulate, strongest_wins, reject_duplicates]
  engine.reentry_cooldown: [0s, 60s, 300s]
  engine.max_accumulations: [3, 10]
  protection: [per_strategy, live_compat]
windows: {length: 7d, step: 5d}
report: {path: $out/sweep.sqlite}
YAML
peak() { awk '/Maximum resident/ {print $6}' "$1"; }
start=$(date +%s.%N)
/usr/bin/time -v "$bin" sweep "$out/bench.yaml" --quiet > "$out/sweep.txt" 2> "$out/sweep.time"
end=$(date +%s.%N)
sweep_s=$(echo "$end - $start" | bc -l)
runs=$(sqlite3 "$out/sweep.sqlite" 'SELECT COUNT(*) FROM sweep_runs')
bars=$(sqlite3 "$out/sweep.sqlite" 'SELECT SUM(bars) FROM sweep_runs')
echo "sweep: $runs runs, $bars bars in ${sweep_s}s: $(echo "$runs / $sweep_s" | bc -l | cut -c1-6) runs/s," \
  "$(echo "$bars / $sweep_s" | bc -l | cut -d. -f1) bars/s, peak RSS $(peak "$out/sweep.time") kB"

# The same runs one by one: each point's whole range and windows, as `hedgesim run --set …`.
sqlite3 -separator ' ' "$out/sweep.sqlite" "
  SELECT r.run_index, p.label, CASE WHEN r.is_whole_range THEN '' ELSE
    'data.start=' || r.window_start || ' data.end=' ||
    strftime('%Y-%m-%dT%H:%M:%SZ', r.window_end, '-1 minute') END
  FROM sweep_runs r JOIN sweep_points p USING (point_id) ORDER BY r.run_index LIMIT $sample" > "$out/runs.txt"
maxrss=0
start=$(date +%s.%N)
while read -r index rest; do
  set --
  for kv in $rest; do set -- "$@" --set "$kv"; done
  /usr/bin/time -v "$bin" run scenarios/quickstart.yaml "$@" --out "$out/one.sqlite" --quiet > /dev/null 2> "$out/one.time"
  rss=$(peak "$out/one.time"); [ "$rss" -gt "$maxrss" ] && maxrss=$rss
done < "$out/runs.txt"
end=$(date +%s.%N)
one_s=$(echo "$end - $start" | bc -l)
counted=$(wc -l < "$out/runs.txt")
rate=$(echo "$counted / $one_s" | bc -l)
echo "one by one: $counted runs in ${one_s}s: $(echo "$rate" | cut -c1-6) runs/s, peak RSS $maxrss kB"
echo "ratio (sweep runs/s over one-by-one runs/s): $(echo "($runs / $sweep_s) / $rate" | bc -l | cut -c1-6)"
