#!/bin/sh
# The sweep benchmark (docs/performance.md, "Sweeps"), now `hedgesim bench sweep`: a 216-run
# sweep of the quickstart against the same runs one by one with `hedgesim run`.
#
#   scripts/bench-sweep.sh [SAMPLE]   # SAMPLE: how many of the 216 runs to time one by one
#                                     # (default all; the rate of a sample stands for all)
set -eu
cd "$(dirname "$0")/.."
bin=.build/release/hedgesim
[ -x "$bin" ] || { echo "build first: swift build -c release" >&2; exit 1; }
if [ $# -gt 0 ]; then exec "$bin" bench sweep --sample "$1"; fi
exec "$bin" bench sweep
