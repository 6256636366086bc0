#!/usr/bin/env bash
# Generates a batch of accounts, runs `redress batch` (release build) and the Python
# baseline (benches/baseline_batch.py) on it, checks that they agree on every account,
# and prints wall time, peak memory and the ratio.
#
#     benches/run_batch_comparison.sh [ACCOUNTS] [RUST_RUNS] [PYTHON_RUNS]
#
# ACCOUNTS defaults to 1,000,000; the Rust binary runs RUST_RUNS times (default 3) and
# the Python script PYTHON_RUNS times (default 1: it takes half a minute), taking turns
# so that both meet the same machine (a shared one speeds up and slows down by a
# quarter from minute to minute); each side's median wall time is reported, and the
# ratio of the medians. Data and outputs go to $CARGO_TARGET_DIR/batch-data (default
# target/).
# Peak memory is the maximum resident set size, from /usr/bin/time -v where it exists,
# else from Python's resource module.
set -euo pipefail

accounts=${1:-1000000}
runs=${2:-3}
python_runs=${3:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
dir=$target/batch-data
as_of=2024-10-05T12:00:00-04:00
policy=us-ny-psc-outage-credit

echo "generating $accounts accounts in $dir"
python3 benches/gen_batch_data.py "$dir" "$accounts"
echo "building the release binary"
cargo build --release --quiet --example redress
redress=$target/release/examples/redress

# measure LOG CMD...: runs CMD, prints "WALL_SECONDS PEAK_KB", CMD's stderr to LOG.
measure() {
    local log=$1
    shift
    if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
        local start end
        start=$(date +%s.%N)
        /usr/bin/time -v -o "$log.time" "$@" 2>"$log"
        end=$(date +%s.%N)
        local kb
        kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log.time")
        echo "$(echo "$end - $start" | bc -l) $kb"
    else
        python3 - "$log" "$@" <<'EOF'
import resource, subprocess, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
with open(log, "w") as err:
    subprocess.run(cmd, stderr=err, check=True)
wall = time.monotonic() - start
print("%.3f %d" % (wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
EOF
    fi
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'
}

rust_times=()
rust_peak=0
python_times=()
py_kb=0
rounds=$((runs > python_runs ? runs : python_runs))
for run in $(seq 1 "$rounds"); do
    if [ "$run" -le "$runs" ]; then
        read -r wall kb < <(measure "$dir/rust.err" "$redress" batch \
            --accounts "$dir/accounts.csv" --outages "$dir/outages.csv" \
            --policy "$policy" --as-of "$as_of" --out "$dir/rust.csv")
        printf 'redress batch, run %d: %.2f s, %d MB peak\n' "$run" "$wall" $((kb / 1024))
        rust_times+=("$wall")
        [ "$kb" -gt "$rust_peak" ] && rust_peak=$kb
    fi
    if [ "$run" -le "$python_runs" ]; then
        read -r wall kb < <(measure "$dir/python.err" python3 benches/baseline_batch.py \
            "$dir/accounts.csv" "$dir/outages.csv" "$as_of" "$dir/python.csv")
        printf 'python baseline, run %d: %.2f s, %d MB peak\n' "$run" "$wall" $((kb / 1024))
        python_times+=("$wall")
        [ "$kb" -gt "$py_kb" ] && py_kb=$kb
    fi
done
rust_wall=$(median "${rust_times[@]}")
py_wall=$(median "${python_times[@]}")

echo "comparing the outputs account by account"
python3 - "$dir/rust.csv" "$dir/python.csv" <<'EOF'
import csv, sys
rust_path, python_path = sys.argv[1:]
with open(rust_path, newline="") as r, open(python_path, newline="") as p:
    rust, python = csv.reader(r), csv.reader(p)
    rows = differences = 0
    for a, b in zip(rust, python):
        rows += 1
        if a != b:
            differences += 1
            if differences <= 10:
                print("  differs:", a, "vs", b)
    extra = sum(1 for _ in rust) + sum(1 for _ in python)
if differences or extra:
    sys.exit("the outputs differ: %d rows differ, %d rows unmatched" % (differences, extra))
print("  agree on all %d accounts" % (rows - 1))
EOF

echo
printf '%-28s %10s %10s\n' "" "wall" "peak"
printf '%-28s %9.2fs %8dMB\n' "redress batch (median of $runs)" "$rust_wall" $((rust_peak / 1024))
printf '%-28s %9.2fs %8dMB\n' "python baseline (median of $python_runs)" "$py_wall" $((py_kb / 1024))
printf 'ratio: %.1fx\n' "$(echo "$py_wall / $rust_wall" | bc -l)"
