#!/usr/bin/env bash
# Renders a hedgesim HTML report in headless Chromium and checks it (docs/html-report.md,
# "Checking a report in a browser").
#
#   scripts/render-report.sh REPORT.html OUTDIR [ID...]
#
# Writes OUTDIR/report.png (a screenshot; window $WINDOW_SIZE, default 1400,4000),
# OUTDIR/dom.html (the DOM after loading) and OUTDIR/chromium.log (Chromium's stderr), then checks:
#   1. the HTML file references nothing outside itself: no http(s):// or protocol-relative
#      src/href/url(), no <script>, no <link>, no <img>, no @import;
#   2. Chromium rendered it: a non-trivial screenshot and a DOM dump ending in </html>;
#   3. the DOM holds every expected element id (the IDs given, or the standard sections, charts
#      and tables; an id ending in `-` matches any id with that prefix, e.g. chart-price-run-);
#   4. Chromium logged no console message (the page has no script, so any message is an error,
#      e.g. a Content-Security-Policy violation for a blocked request), no net::ERR_ and no
#      failed load.
# Exit status: 0 all checks passed, 1 a check failed, 2 Chromium is not installed, 64 usage.
# Chromium: $CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH.
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUTDIR [ID...]" >&2
  exit 64
fi
html=$1
out=$2
shift 2
if [ ! -f "$html" ]; then
  echo "render-report: no such file: $html" >&2
  exit 64
fi

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
  done
fi
if [ -z "$browser" ] || ! command -v "$browser" >/dev/null 2>&1; then
  echo "render-report: Chromium not found (install the chromium package or set CHROMIUM)" >&2
  exit 2
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
profile=$(mktemp -d "${TMPDIR:-/tmp}/hedgesim-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
failures=0
fail() {
  echo "render-report: FAIL: $*" >&2
  failures=$((failures + 1))
}

# 1. Self-contained.
if grep -Eiq '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(https?:)?//' "$html"; then
  fail "the HTML references an external resource: $(grep -Eio '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(https?:)?//[^"'"'"' >]*' "$html" | head -3 | tr '\n' ' ')"
fi
if grep -Eiq 'url\([[:space:]]*["'"'"']?[[:space:]]*(https?:)?//|@import' "$html"; then
  fail "the stylesheet loads an external resource"
fi
if grep -Eiq '<(script|link|img|iframe|object|embed)[[:space:]>]' "$html"; then
  fail "the HTML has a <script>, <link>, <img>, <iframe>, <object> or <embed> element"
fi

# 2. Render: a screenshot and the DOM. Flags: no sandbox (root in containers), no GPU, a fresh
# profile, console messages on stderr.
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run
  --no-default-browser-check --disable-extensions --disable-background-networking --disable-sync
  --user-data-dir="$profile" --enable-logging=stderr --v=0)
log="$out/chromium.log"
: >"$log"
rm -f "$out/report.png" "$out/dom.html"
timeout 120 "$browser" "${flags[@]}" --window-size="${WINDOW_SIZE:-1400,4000}" \
  --screenshot="$out/report.png" "$url" >/dev/null 2>>"$log" || fail "chromium --screenshot exited with $?"
timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" >"$out/dom.html" 2>>"$log" ||
  fail "chromium --dump-dom exited with $?"
size=$(stat -c %s "$out/report.png" 2>/dev/null || echo 0)
[ "$size" -gt 20000 ] || fail "the screenshot is missing or blank ($size bytes)"
grep -q '</html>' "$out/dom.html" || fail "the DOM dump is incomplete"

# 3. Expected elements.
if [ $# -eq 0 ]; then
  set -- runs equity strategy-pnl hit-rates modes costs ambiguous collaboration price \
    table-runs chart-equity chart-drawdown chart-strategy-pnl-run- table-hit-rates table-mode-comparison \
    table-strategy-by-mode chart-net-by-mode table-costs chart-fees table-ambiguous table-co-entries-run- \
    table-shared-positions-run- chart-price-run-
fi
for id in "$@"; do
  if [[ $id == *- ]]; then
    grep -q "id=\"$id[^\"]*\"" "$out/dom.html" || fail "no element with an id starting $id"
  else
    grep -q "id=\"$id\"" "$out/dom.html" || fail "no element with id $id"
  fi
done
svgs=$(grep -o '<svg ' "$out/dom.html" | wc -l)
[ "$svgs" -ge 1 ] || fail "no chart in the DOM"

# 4. Nothing failed to load, nothing complained.
if grep -E ':CONSOLE|net::ERR_|Failed to load|Content Security Policy' "$log" >"$out/errors.log"; then
  fail "Chromium reported errors: $(head -3 "$out/errors.log")"
fi

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "render-report: ok: $svgs charts, screenshot $out/report.png ($((size / 1024)) KB), DOM $out/dom.html"
