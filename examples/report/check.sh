#!/usr/bin/env bash
# Opens a `redress batch --report` page in a real browser (headless Chromium), takes a
# screenshot and checks the rendered DOM holds the totals. Installs nothing: it needs
# /usr/bin/chromium (Debian: `apt-get install -y chromium`) and a debug build of the
# example (`cargo build --example redress`).
#
#   examples/report/check.sh [SCREENSHOT.png]
#
# Exit 0 when the page renders with its totals; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
browser=/usr/bin/chromium
redress=target/debug/examples/redress
shot=${1:-examples/report/report.png}
[ -x "$browser" ] || { echo "check.sh: $browser is missing (apt-get install -y chromium)" >&2; exit 1; }
[ -x "$redress" ] || { echo "check.sh: build first: cargo build --example redress" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=tests/data/batch/offer
"$redress" batch --accounts "$data/accounts-credited.csv" --outages "$data/outages.csv" \
    --policy us-ny-psc-outage-credit --as-of 2024-10-05T12:00:00-04:00 \
    --offer tests/data/batch/offer-one-day.toml --out "$work/credits.csv" \
    --report "$work/report.html" 2>/dev/null || [ $? -eq 2 ]  # one row has a bad credited value
flags=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile")
"$browser" "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2>/dev/null
"$browser" "${flags[@]}" --window-size=900,1100 --screenshot="$work/shot.png" \
    "file://$work/report.html" >/dev/null 2>&1
# Totals worked by hand in tests/batch_offer.rs: US-NY owed 32.17, offered 12.51,
# credited 11.00, short 17.66.
for total in "32.17 USD" "12.51 USD" "11.00 USD" "17.66 USD" "<svg"; do
    grep -qF "$total" "$work/dom.html" || { echo "check.sh: '$total' not in the rendered page" >&2; exit 1; }
done
! grep -qi "<script" "$work/dom.html" || { echo "check.sh: the page has a script" >&2; exit 1; }
[ -s "$work/shot.png" ] || { echo "check.sh: no screenshot" >&2; exit 1; }
cp "$work/shot.png" "$shot"
echo "check.sh: the report renders with its totals; screenshot in $shot"
