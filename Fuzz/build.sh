#!/bin/sh
# Builds the libFuzzer harnesses into .build/fuzz/: Market, TradeEngine and Feeds compiled with
# `-sanitize=fuzzer,address` (coverage-guided, AddressSanitizer), one executable per harness in
# Fuzz/Harnesses. Usage: Fuzz/build.sh [harness…]   (default: every harness)
set -eu
cd "$(dirname "$0")/.."
OUT=.build/fuzz
mkdir -p "$OUT"
SWIFTC=${SWIFTC:-swiftc}
BASEFLAGS="-swift-version 6 -O -g -sanitize=fuzzer,address -parse-as-library
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature InternalImportsByDefault -package-name hedgesim"
FLAGS="$BASEFLAGS -I $OUT -I Sources/CZstd -I Sources/CZlib"

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

libraries_built=""
libraries() { # the static libraries of the reader harnesses, once
    [ -n "$libraries_built" ] && return
    library Market
    library TradeEngine
    library Feeds
    libraries_built=1
}

# The harnesses over Backtest (Yams, swift-collections) and Reports (SQLite, SHA-256): SwiftPM
# builds those targets and their dependencies with the same instrumentation into
# .build/fuzz-spm-cov (debug, so `@testable import` reaches the loader's internals and the
# invariant checks are on); the harness is linked against their object files.
SPM=.build/fuzz-spm-cov
spm() { # SwiftPM target, then the targets whose objects the harness links
    target=$1
    shift
    echo "building $target (SwiftPM, fuzzer and address sanitizers)"
    # SwiftPM's --sanitize=fuzzer adds no coverage to Swift code: ask for libFuzzer's. SwiftPM does
    # not recompile for a changed -Xswiftc flag, so the flags are part of the folder's name.
    ${SWIFT:-swift} build --sanitize=fuzzer --sanitize=address --target "$target" --scratch-path "$SPM" \
        -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table | grep -v "^\[" || true
    BIN=$(${SWIFT:-swift} build --scratch-path "$SPM" --show-bin-path)
    # The object files, quoted in a response file (some names hold spaces).
    OBJECTS="@$OUT/$target.objects"
    : >"$OUT/$target.objects"
    for t in "$@"; do
        test -d "$BIN/$t.build" || { echo "missing $BIN/$t.build"; exit 1; }
        find "$BIN/$t.build" -name '*.o' | sort | sed 's/.*/"&"/' >>"$OUT/$target.objects"
    done
    MAPS=""
    for map in "$BIN"/*.build/module.modulemap "$SPM"/checkouts/Yams/Sources/CYaml/include/module.modulemap; do
        [ -f "$map" ] && MAPS="$MAPS -Xcc -fmodule-map-file=$map"
    done
}

harnesses=${*:-"klines klines-zstd klines-zip signals rules scenario report"}
for h in $harnesses; do
    echo "building fuzz-$h"
    case $h in
    scenario)
        spm Backtest Backtest Market Feeds TradeEngine Exchange Results CSHA256 Yams CYaml OrderedCollections \
            InternalCollectionsUtilities HeapModule
        # shellcheck disable=SC2086
        $SWIFTC $BASEFLAGS -module-name Fuzz_scenario -I "$BIN/Modules" -I Sources/CZstd -I Sources/CZlib $MAPS \
            "Fuzz/Harnesses/$h.swift" $OBJECTS -lzstd -lz -o "$OUT/fuzz-$h" 2>&1 \
            | grep -v "Cannot export local symbol" || true
        ;;
    report)
        spm Reports Reports Market TradeEngine Results CSHA256
        # shellcheck disable=SC2086
        $SWIFTC $BASEFLAGS -module-name Fuzz_report -I "$BIN/Modules" -I Sources/CSQLite $MAPS \
            Fuzz/Harnesses/FuzzFile.swift "Fuzz/Harnesses/$h.swift" $OBJECTS -lsqlite3 -o "$OUT/fuzz-$h" 2>&1 \
            | grep -v "Cannot export local symbol" || true
        ;;
    *)
        libraries
        # shellcheck disable=SC2086
        $SWIFTC $FLAGS -module-name "Fuzz_$(echo "$h" | tr - _)" Fuzz/Harnesses/FuzzInput.swift \
            Fuzz/Harnesses/FuzzFile.swift "Fuzz/Harnesses/$h.swift" -L "$OUT" -lFeeds -lTradeEngine -lMarket \
            -lzstd -lz -o "$OUT/fuzz-$h" 2>&1 | grep -v "Cannot export local symbol" || true
        ;;
    esac
    test -x "$OUT/fuzz-$h"
done
