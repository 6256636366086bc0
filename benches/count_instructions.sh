#!/usr/bin/env bash
# Instructions per assessment of the speed targets' one-outage account (New York's PSC
# rule), counted by callgrind: the example runs 1,000 and then 11,000 assessments, and
# the difference over 10,000 is one assessment without the start-up.
#
#     benches/count_instructions.sh
#
# Callgrind counts instructions, not time: the same binary and input give the same
# count whatever else the machine is doing. The binary is the `profiling` build (the
# release build with line tables, so `callgrind_annotate` can name source lines); its
# optimisations are the release build's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --profile profiling --quiet --example assess_loop
binary=${CARGO_TARGET_DIR:-$root/target}/profiling/examples/assess_loop

instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" "$1" "$2" 2>&1 >/dev/null |
        awk '/refs:/ {gsub(/,/, "", $4); print $4}'
}

for which in totals full; do
    few=$(instructions "$which" 1000)
    many=$(instructions "$which" 11000)
    echo "$which: $(((many - few) / 10000)) instructions per assessment"
done
