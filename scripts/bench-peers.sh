#!/usr/bin/env bash
# hedgesim next to backtesting.py and vectorbt on the peers' 1 M-bar bracket workload, interleaved
# in one run so that the machine's load hits every engine alike (docs/performance.md, "Peers").
#
#   scripts/bench-peers.sh [--rounds N] [--bars N] [--setup-only]
#
# Sets the peers up when missing, from the peer-bench folder (PEER_BENCH_SOURCE, default
# ../shared/peer-bench): its scripts, two virtual environments with the versions of its
# results/requirements-*.txt (PyPI) and its generated bars (checked against
# results/data_sha256.txt), all under PEERBENCH (default ~/.cache/hedgesim/peer-bench).
# Then runs, ROUNDS times (default 3) and interleaved: `hedgesim run` on `hedgesim bench run`'s
# workload of the same size (random-walk 1m klines, a 0.01 market entry every 60 bars with
# ±0.5 % TP/SL, 0.05 % taker fee), backtesting.py (btpy_bench.py) and vectorbt with numba
# (vbt_bench.py). Prints every round, the best of each figure and the two ratios:
#   end to end   hedgesim's whole process (read .csv.zst, simulate, full SQLite report, digest)
#                against backtesting.py's load + setup + run (parquet read, simulation, its
#                statistics; Python's imports left out)
#   simulate     hedgesim's simulate phase against vectorbt's warm Portfolio.from_signals call
# Needs a release build (HEDGESIM, default .build/release/hedgesim; built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=3
BARS=1000000
SETUP_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --bars) BARS="$2"; shift 2 ;;
        --setup-only) SETUP_ONLY=1; shift ;;
        *) echo "usage: scripts/bench-peers.sh [--rounds N] [--bars N] [--setup-only]" >&2; exit 2 ;;
    esac
done
SOURCE="${PEER_BENCH_SOURCE:-../shared/peer-bench}"
ROOT="${PEERBENCH:-${XDG_CACHE_HOME:-$HOME/.cache}/hedgesim/peer-bench}"
BIN="${HEDGESIM:-.build/release/hedgesim}"
[ -d "$SOURCE" ] || { echo "$SOURCE: no peer-bench folder (set PEER_BENCH_SOURCE)" >&2; exit 1; }
mkdir -p "$ROOT/data" "$ROOT/scripts"

# The pinned versions of a requirements file, for the packages named.
pins() {
    local file="$SOURCE/results/$1"; shift
    for name in "$@"; do
        grep -i "^$name==" "$file" || echo "$name"
    done
}

# The scripts read `$PEERBENCH/data/…` literally: point them at ROOT.
for script in "$SOURCE"/*.py; do
    sed "s#\\\$PEERBENCH#$ROOT#g" "$script" >"$ROOT/scripts/$(basename "$script")"
done
if [ ! -x "$ROOT/venv/bin/python" ] || ! "$ROOT/venv/bin/python" -c 'import backtesting, pyarrow' 2>/dev/null; then
    echo "setting up $ROOT/venv (backtesting.py)" >&2
    python3 -m venv "$ROOT/venv"
    "$ROOT/venv/bin/pip" install -q $(pins requirements-venv.txt backtesting numpy pandas pyarrow bokeh)
fi
if [ ! -x "$ROOT/venv-vbt/bin/python" ] || ! "$ROOT/venv-vbt/bin/python" -c 'import vectorbt, pyarrow' 2>/dev/null; then
    echo "setting up $ROOT/venv-vbt (vectorbt)" >&2
    python3 -m venv "$ROOT/venv-vbt"
    "$ROOT/venv-vbt/bin/pip" install -q $(pins requirements-venv-vbt.txt vectorbt numba numpy pandas pyarrow)
fi
if [ ! -f "$ROOT/data/bars_$BARS.parquet" ]; then
    echo "generating $ROOT/data/bars_$BARS.{csv,parquet}" >&2
    "$ROOT/venv/bin/python" "$ROOT/scripts/gen_data.py" --n "$BARS" --out "$ROOT/data" >/dev/null
    expected=$(grep " bars_$BARS.csv\$" "$SOURCE/results/data_sha256.txt" | cut -d' ' -f1 || true)
    actual=$(sha256sum "$ROOT/data/bars_$BARS.csv" | cut -d' ' -f1)
    if [ -n "$expected" ] && [ "$expected" != "$actual" ]; then
        echo "bars_$BARS.csv: SHA-256 $actual, expected $expected" >&2
        exit 1
    fi
fi
[ -x "$BIN" ] || swift build -c release --product hedgesim >/dev/null
WORKLOAD="$ROOT/hedgesim-$BARS"
[ -f "$WORKLOAD/scenario.yaml" ] || "$BIN" bench run --bars "$BARS" --generate --dir "$WORKLOAD" >/dev/null
[ "$SETUP_ONLY" = 1 ] && { echo "peers set up in $ROOT"; exit 0; }

now() { date +%s.%N; }
# The value of a key in the last JSON line of a file.
field() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])[sys.argv[2]])' "$1" "$2"; }
OUT="$(mktemp -d "${TMPDIR:-/tmp}/hedgesim-peers.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
echo "peer bench $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $BARS bars, $ROUNDS rounds"
printf "%-6s %12s %12s %14s %14s\n" round "hedgesim e2e" "hs simulate" "btpy e2e" "vbt simulate"
best() { printf "%s\n" "$@" | sort -g | head -1; }
hs_e2e=(); hs_sim=(); bt_e2e=(); vb_sim=()
for round in $(seq "$ROUNDS"); do
    start=$(now)
    "$BIN" run "$WORKLOAD/scenario.yaml" --quiet --out "$OUT/report.sqlite" >"$OUT/hedgesim.txt"
    end=$(now)
    hs_e2e+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
    hs_sim+=("$(sed -n 's/.*simulate \([0-9.]*\)s.*/\1/p' "$OUT/hedgesim.txt" | tail -1)")
    "$ROOT/venv/bin/python" "$ROOT/scripts/btpy_bench.py" --n "$BARS" >"$OUT/btpy.json" 2>/dev/null
    bt_e2e+=("$(awk -v l="$(field "$OUT/btpy.json" load_s)" -v s="$(field "$OUT/btpy.json" setup_s)" \
        -v r="$(field "$OUT/btpy.json" run_s)" 'BEGIN { printf "%.3f", l + s + r }')")
    "$ROOT/venv-vbt/bin/python" "$ROOT/scripts/vbt_bench.py" --n "$BARS" --engine numba >"$OUT/vbt.json" 2>/dev/null
    vb_sim+=("$(field "$OUT/vbt.json" run_s)")
    i=$((round - 1))
    printf "%-6s %11ss %11ss %13ss %13ss\n" "$round" "${hs_e2e[$i]}" "${hs_sim[$i]}" "${bt_e2e[$i]}" "${vb_sim[$i]}"
done
he=$(best "${hs_e2e[@]}"); hsim=$(best "${hs_sim[@]}"); be=$(best "${bt_e2e[@]}"); vs=$(best "${vb_sim[@]}")
printf "%-6s %11ss %11ss %13ss %13ss\n" best "$he" "$hsim" "$be" "$vs"
echo "trades: hedgesim $(sed -n 's/.*signals: \([0-9]*\) executed.*/\1/p' "$OUT/hedgesim.txt" | tail -1) entries; backtesting.py $(field "$OUT/btpy.json" closed_trades) closed trades; vectorbt $(field "$OUT/vbt.json" trades) trades"
awk -v he="$he" -v be="$be" 'BEGIN { printf "end to end: hedgesim %.2fx backtesting.py (%.3f s against %.3f s)\n", be / he, he, be }'
awk -v hs="$hsim" -v vs="$vs" 'BEGIN { printf "simulate:   hedgesim %.2fx vectorbt (%.3f s against %.3f s)\n", vs / hs, hs, vs }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
