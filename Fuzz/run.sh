#!/bin/sh
# Runs each fuzz harness for FUZZ_SECONDS (default 60) on its seed corpus. A crash stops that
# harness, leaves its input in .build/fuzz/crashes/<harness>/ and makes the script fail: turn
# it into a regression test (docs/fuzzing.md). Usage: Fuzz/run.sh [harness…]
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
# FUZZ_SEED fixes libFuzzer's random seed (CI); unset, each run draws its own.
SEED=${FUZZ_SEED:+-seed=$FUZZ_SEED}
harnesses=${*:-"klines klines-zstd klines-zip signals rules scenario report"}
failed=""
for h in $harnesses; do
    corpus=.build/fuzz/corpus/$h
    crashes=.build/fuzz/crashes/$h
    mkdir -p "$corpus" "$crashes"
    echo "fuzz-$h: $SECONDS_EACH s"
    # -rss_limit_mb: an input that makes the reader take more memory is a finding too.
    # shellcheck disable=SC2086
    if ! .build/fuzz/fuzz-"$h" "$corpus" -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=1024 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$crashes/" $SEED >".build/fuzz/$h.log" 2>&1; then
        failed="$failed $h"
        grep -a -m 5 "ERROR\|SUMMARY\|Test unit written" ".build/fuzz/$h.log" || true
        for input in $(grep -a -o "Test unit written to [^ ]*" ".build/fuzz/$h.log" | sed 's/.* //'); do
            echo "fuzz-$h: reproducer $input (run: .build/fuzz/fuzz-$h $input)"
        done
    fi
    grep -a "stat::number_of_executed_units\|stat::average_exec_per_sec\|cov:" ".build/fuzz/$h.log" | tail -3
done
rm -f /dev/shm/hedgesim-fuzz-* 2>/dev/null || true
if [ -n "$failed" ]; then
    echo "fuzz: crashes in:$failed"
    exit 1
fi
