#!/bin/sh
# Builds the seed corpora in .build/fuzz/corpus/<harness>/ from data/ and the test fixtures.
# Large files are cut to their first 4 KiB (libFuzzer's -max_len covers the rest).
set -eu
cd "$(dirname "$0")/.."
C=.build/fuzz/corpus
mkdir -p "$C/klines" "$C/klines-zstd" "$C/klines-zip" "$C/signals" "$C/rules"
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
for d in "$C"/*; do echo "$(ls "$d" | wc -l) seeds in $d"; done
