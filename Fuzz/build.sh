#!/bin/sh
# Builds the libFuzzer harnesses into .build/fuzz/: Market, TradeEngine and Feeds compiled with
# `-sanitize=fuzzer,address` (coverage-guided, AddressSanitizer), one executable per harness in
# Fuzz/Harnesses. Usage: Fuzz/build.sh [harness…]   (default: every harness)
set -eu
cd "$(dirname "$0")/.."
OUT=.build/fuzz
mkdir -p "$OUT"
SWIFTC=${SWIFTC:-swiftc}
FLAGS="-swift-version 6 -O -g -sanitize=fuzzer,address -parse-as-library
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature InternalImportsByDefault -package-name hedgesim -I $OUT -I Sources/CZstd -I Sources/CZlib"

library() { # name, then the modules it links
    name=$1
    if [ "$OUT/lib$name.a" -nt "Sources/$name" ] && [ -z "$(find "Sources/$name" -newer "$OUT/lib$name.a")" ]; then
        return
    fi
    echo "building $name"
    # shellcheck disable=SC2046,SC2086
    $SWIFTC $FLAGS -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
        -emit-library -static -o "$OUT/lib$name.a" $(find "Sources/$name" -name '*.swift' | sort)
}

library Market
library TradeEngine
library Feeds

harnesses=${*:-"klines klines-zstd klines-zip signals rules"}
for h in $harnesses; do
    echo "building fuzz-$h"
    # shellcheck disable=SC2086
    $SWIFTC $FLAGS -module-name "Fuzz_$(echo "$h" | tr - _)" Fuzz/Harnesses/FuzzInput.swift "Fuzz/Harnesses/$h.swift" \
        -L "$OUT" -lFeeds -lTradeEngine -lMarket -lzstd -lz -o "$OUT/fuzz-$h" 2>&1 | grep -v "Cannot export local symbol" || true
    test -x "$OUT/fuzz-$h"
done
