#!/usr/bin/env bash
# Option (b) of docs/sampling.md: `perf record` streaming switch records of a
# Node process with N threads. Prints perf's own CPU over 5 s (all its
# threads' schedstat) and how many bytes reached the pipe during those 5 s vs
# when perf stopped: perf batches its rings, so a live view would need it to
# wake more often (and Node would still have to parse the stream).
#   bash bench/experiments/perf-record-cost/run.sh [N] [busy|bursty]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-16}
mode=${2:-busy}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
oncpu() { local s=0 a; for f in /proc/"$1"/task/*/schedstat; do read -r a _ < "$f" && s=$((s + a)); done; echo "$s"; }
node "$here/load.cjs" "$n" 9 "$mode" > "$tmp/pid" &
load=$!
sleep 1
perf record -q -e dummy:u --switch-events --sample-cpu -k CLOCK_MONOTONIC -p "$(head -1 "$tmp/pid")" -o - 2>/dev/null > "$tmp/fifo-out" &
perf=$!
sleep 1
a=$(oncpu $perf); t0=$(date +%s%N)
sleep 5
b=$(oncpu $perf); t1=$(date +%s%N); live=$(stat -c %s "$tmp/fifo-out")
kill -INT $perf; wait $perf || true
wait $load
echo "perf record, $n $mode threads: $(echo "scale=2; ($b - $a) * 100 / ($t1 - $t0)" | bc)% of a core; bytes out after 6 s: $live, at its end: $(stat -c %s "$tmp/fifo-out")"
