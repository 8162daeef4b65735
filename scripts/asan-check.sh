#!/bin/sh
# Checks the logs of an AddressSanitizer test run (`make test-asan`, built with
# -sanitize-recover=address so that a report does not stop the run; its reports go to the files of
# ASAN_OPTIONS=log_path): exits 1 when the logs hold any report other than the known toolchain one,
# 0 otherwise, and prints the count of each. Usage: scripts/asan-check.sh LOG…
#
# The known report (docs/guarantees.md, "Sanitizers"): a heap-use-after-free whose memory is the
# heap frame of a `_read` accessor coroutine, freed by that coroutine's own continuation
# (`…vr.resume.0`), read by its caller just after it ended the access. Swift 6.3's debug code
# generation reads the yielded address once more after resuming the coroutine; the project's
# code holds no pointer there (see Sources/Market/StateStorage.swift).
set -eu
[ $# -gt 0 ] || { echo "usage: scripts/asan-check.sh LOG…" >&2; exit 2; }
# A glob that matched nothing (no report at all) stays as its pattern: skip what does not exist.
logs=""
for f in "$@"; do [ -f "$f" ] && logs="$logs $f"; done
# shellcheck disable=SC2086
reports=$(cat /dev/null $logs | grep -c 'ERROR: AddressSanitizer' || true)
# shellcheck disable=SC2086
known=$(cat /dev/null $logs | awk '
    /ERROR: AddressSanitizer: heap-use-after-free/ { uaf = 1; next }
    uaf && /freed by thread/ { freed = 1; next }
    uaf && freed && /^ *#1 / { if ($0 ~ /vr\.resume\.0 /) n++; uaf = 0; freed = 0 }
    END { print n + 0 }')
echo "AddressSanitizer reports: $reports (known _read coroutine-frame reports: $known)"
if [ "$reports" -ne "$known" ]; then
    echo "asan-check: a report other than the known toolchain one (see$logs)" >&2
    exit 1
fi
