#!/bin/sh
# Checks the log of an AddressSanitizer test run (`make test-asan`, built with
# -sanitize-recover=address so that a report does not stop the run): exits 1 when the log holds
# any report other than the known toolchain one, 0 otherwise, and prints the count of each.
#
# The known report (docs/guarantees.md, "Sanitizers"): a heap-use-after-free whose memory is the
# heap frame of a `_read` accessor coroutine, freed by that coroutine's own continuation
# (`…vr.resume.0`), read by its caller just after it ended the access. Swift 6.3's debug code
# generation reads the yielded address once more after resuming the coroutine; the project's
# code holds no pointer there (see Sources/Market/StateStorage.swift).
set -eu
log=${1:?usage: scripts/asan-check.sh LOG}
reports=$(grep -c 'ERROR: AddressSanitizer' "$log" || true)
known=$(awk '
    /ERROR: AddressSanitizer: heap-use-after-free/ { uaf = 1; next }
    uaf && /freed by thread/ { freed = 1; next }
    uaf && freed && /^ *#1 / { if ($0 ~ /vr\.resume\.0 /) n++; uaf = 0; freed = 0 }
    END { print n + 0 }' "$log")
echo "AddressSanitizer reports: $reports (known _read coroutine-frame reports: $known)"
if [ "$reports" -ne "$known" ]; then
    echo "asan-check: a report other than the known toolchain one (see $log)" >&2
    exit 1
fi
