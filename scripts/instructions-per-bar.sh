#!/usr/bin/env bash
# Instructions per bar of `hedgesim run` on a fixed workload, counted by callgrind: a figure that
# guards against performance regressions without timing anything (the count is repeatable to
# well under 1 % from run to run and does not depend on the machine's load).
#
#   scripts/instructions-per-bar.sh [BARS]        (default 100000; needs valgrind and a release build)
#
# The workload is `hedgesim bench run`'s peer workload: one symbol, BARS 1m bars, an entry with
# ±0.5 % TP/SL every 60 bars. Prints instructions per bar for the whole process and for the
# phases: read (scenario and data loading), engine (Simulation.run), report (the SQLite writer)
# and the result digest. docs/performance.md records the current figures.
#
# Under valgrind the processor's SHA extensions are hidden, so the digests count the portable
# SHA-256 (≈ 60 instructions per byte instead of ≈ 3): compare the engine line. The read phase
# loads the klines in parallel with the signals and the data digest, and callgrind counts only the
# loading thread there; the whole-process line counts every thread.
set -euo pipefail
cd "$(dirname "$0")/.."
BARS="${1:-100000}"
BIN="${HEDGESIM:-.build/release/hedgesim}"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
[ -x "$BIN" ] || swift build -c release >/dev/null
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hedgesim-ipb.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
"$BIN" bench run --bars "$BARS" --generate --dir "$WORK/workload" >/dev/null
# valgrind cannot read the DWARF of some Swift toolchains: run a copy without debug info.
cp "$BIN" "$WORK/hedgesim"
strip --strip-debug "$WORK/hedgesim" 2>/dev/null || true
valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
    "$WORK/hedgesim" run "$WORK/workload/scenario.yaml" --quiet --out "$WORK/report.sqlite" >/dev/null 2>"$WORK/valgrind.log"
callgrind_annotate --inclusive=yes --threshold=100 "$WORK/callgrind.out" >"$WORK/annotate.txt" 2>/dev/null
# The inclusive count of the first function whose mangled name contains $1.
count() { grep -F -- "$1" "$WORK/annotate.txt" | head -1 | awk '{gsub(",", "", $1); print $1}'; }
total=$(grep "PROGRAM TOTALS" "$WORK/annotate.txt" | awk '{gsub(",", "", $1); print $1}')
read=$(count '8Backtest12ScenarioDataV4load')
simulate=$(count '8Backtest10SimulationO3run_4data5label8progress')
# The writer digests through `digestReleasingRows` (which `computeDigest` calls as well).
digest=$(count '7Results9RunResultV19digestReleasingRows')
append=$(count '7Reports13ReportSessionC6append_10failBefore')
stream=$(count '7Reports13ReportSessionC6stream')
finish=$(count '7Reports13ReportSessionC6finish')
per() { awk -v n="${1:-0}" -v b="$BARS" 'BEGIN { printf "%10.0f", n / b }'; }
echo "instructions per bar, $BARS bars (hedgesim run under callgrind):"
printf "  whole process %s   (%s instructions)\n" "$(per "$total")" "$total"
printf "  read          %s\n" "$(per "$read")"
printf "  engine        %s   (simulate: bars, signals, orders, fills, books, result assembly)\n" "$(per "$simulate")"
printf "  report        %s   (the SQLite writer, on the main thread; %s of it while simulating)\n" \
    "$(per "$((${append:-0} + ${finish:-0} + ${stream:-0}))")" "$(per "${stream:-0}" | tr -d ' ')"
printf "  digest        %s   (the result digest, on another thread while the report is written)\n" "$(per "$digest")"
