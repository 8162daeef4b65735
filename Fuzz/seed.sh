#!/bin/sh
# Builds the seed corpora in .build/fuzz/corpus/<harness>/ from data/ and the test fixtures.
# Large files are cut to their first 4 KiB (libFuzzer's -max_len covers the rest).
set -eu
cd "$(dirname "$0")/.."
C=.build/fuzz/corpus
mkdir -p "$C/klines" "$C/klines-zstd" "$C/klines-zip" "$C/signals" "$C/rules" "$C/scenario" "$C/report"
seed() { # corpus, file: the first 4 KiB of the file
    head -c 4096 "$2" > "$C/$1/$(basename "$2")"
}
for f in Tests/FeedsTests/Fixtures/klines/*.csv Tests/FeedsTests/Fixtures/bad/*-1m-*.csv; do seed klines "$f"; done
for f in data/klines/*.zst; do zstd -dc "$f" | head -c 4096 > "$C/klines/$(basename "$f" .zst)"; done
for f in Tests/FeedsTests/Fixtures/klines/*.zst Tests/FeedsTests/Fixtures/bad/*.zst; do cp "$f" "$C/klines-zstd/"; done
for f in Tests/FeedsTests/Fixtures/klines/*.zip Tests/FeedsTests/Fixtures/bad/*.zip; do cp "$f" "$C/klines-zip/"; done
for f in data/signals/*.zst; do zstd -dc "$f" | head -n 20 > "$C/signals/$(basename "$f" .zst)"; done
for f in Tests/FeedsTests/Fixtures/funding/*.json Tests/FeedsTests/Fixtures/bad/*.json; do seed signals "$f"; done
for f in data/rules/*.json Tests/FeedsTests/Fixtures/bad/exchange-info-*.json Tests/FeedsTests/Fixtures/bad/leverage-*.json; do
    cp "$f" "$C/rules/"
done
# Scenarios: the repository's, and `--set` lines (a first line with `=` is also applied as an
# override of scenarios/quickstart.yaml).
for f in scenarios/*.yaml; do cp "$f" "$C/scenario/"; done
n=0
for line in "engine.signal_ttl=5m" "account.leverage={AVAXUSDT: 20, DOTUSDT: 5}" "signals=[a.jsonl, b.jsonl]" \
    "exchange.taker_fee=0.0004" "data.start=2026-02-03T00:00:00Z" "account.initial_balance=1e3" \
    "engine.allowed_symbols=[AVAXUSDT]" "a: &a [x, *a]" "k: [[[[{a: [1]}]]]]"; do
    n=$((n + 1))
    printf '%s\n' "$line" > "$C/scenario/set-$n"
done
# Reports: two small runs of the quickstart (one hour, one and two modes), cut to 40 decisions and
# vacuumed to 512-byte pages so that a whole report (about 55 KB) fits -max_len.
HEDGESIM=${HEDGESIM:-.build/debug/hedgesim}
[ -x "$HEDGESIM" ] || swift build --product hedgesim >/dev/null
T=$(mktemp -d)
"$HEDGESIM" run scenarios/quickstart.yaml -q --set data.end=2026-02-01T01:00:00Z --out "$T/run.sqlite" >/dev/null
"$HEDGESIM" compare scenarios/quickstart.yaml -q --set data.end=2026-02-01T00:30:00Z --out "$T/compare.sqlite" \
    >/dev/null
for f in "$T"/run.sqlite "$T"/compare.sqlite; do
    # Most of a report is the 3 786 decisions of signals outside the hour: keep 40.
    sqlite3 "$f" "DELETE FROM signal_decisions WHERE rowid NOT IN (SELECT rowid FROM signal_decisions ORDER BY rowid
        LIMIT 40); PRAGMA page_size=512; VACUUM;"
    cp "$f" "$C/report/"
done
rm -rf "$T"
for d in "$C"/*; do echo "$(ls "$d" | wc -l) seeds in $d"; done
