#!/usr/bin/env bash
# The batch under every catalog policy, side by side with New York's rule: generates
# one data set per policy (benches/gen_policy_batches.py), runs `redress batch` (release
# build) on each in turns, and prints each policy's median wall time, CPU time and peak
# memory, and its ratio to New York's median.
#
#     benches/run_policy_batches.sh [ACCOUNTS] [RUNS] [POLICY...]
#
# ACCOUNTS defaults to 1,000,000 and RUNS to 3; with no POLICY, every catalog policy.
# The runs take turns (every policy once, then again), so that all meet the same
# machine: a shared one speeds up and slows down from minute to minute. Data and
# outputs go to $CARGO_TARGET_DIR/policy-batches (default target/).
set -euo pipefail

accounts=${1:-1000000}
runs=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
dir=$target/policy-batches
as_of=2025-12-31T12:00:00Z
ny=us-ny-psc-outage-credit

if [ ! -f "$dir/.accounts" ] || [ "$(cat "$dir/.accounts")" != "$accounts" ]; then
    echo "generating $accounts accounts per policy in $dir"
    python3 benches/gen_policy_batches.py "$dir" "$accounts"
    echo "$accounts" > "$dir/.accounts"
fi
echo "building the release binary"
cargo build --release --quiet --example redress
redress=$target/release/examples/redress

if [ $# -gt 0 ]; then
    policies=("$@")
else
    policies=()
    for path in "$dir"/*/; do policies+=("$(basename "$path")"); done
fi
case " ${policies[*]} " in *" $ny "*) ;; *) policies=("$ny" "${policies[@]}") ;; esac

# One run: "WALL CPU PEAK_KB", from /usr/bin/time.
measure() {
    local policy=$1 log=$dir/$1/time.log
    /usr/bin/time -f "%e %U %S %M" -o "$log" "$redress" batch \
        --accounts "$dir/$policy/accounts.csv" --outages "$dir/$policy/outages.csv" \
        --policy "$policy" --as-of "$as_of" --out "$dir/$policy/out.csv" 2>/dev/null || true
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$log"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'
}

declare -A walls cpus peaks
for ((run = 1; run <= runs; run++)); do
    for policy in "${policies[@]}"; do
        read -r wall cpu kb < <(measure "$policy")
        walls[$policy]+="$wall "
        cpus[$policy]+="$cpu "
        peaks[$policy]+="$kb "
    done
done

# shellcheck disable=SC2086
ny_wall=$(median ${walls[$ny]})
printf '%-26s %9s %9s %9s %7s\n' policy "wall (s)" "cpu (s)" "peak MB" "× NY"
for policy in "${policies[@]}"; do
    # shellcheck disable=SC2086
    wall=$(median ${walls[$policy]})
    # shellcheck disable=SC2086
    cpu=$(median ${cpus[$policy]})
    # shellcheck disable=SC2086
    kb=$(median ${peaks[$policy]})
    printf '%-26s %9s %9s %9.1f %7.2f\n' "$policy" "$wall" "$cpu" "$(echo "$kb / 1024" | bc -l)" \
        "$(echo "$wall / $ny_wall" | bc -l)"
done
echo "medians of $runs runs, $accounts accounts each, taken in turns; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
