#!/usr/bin/env bash
# How the kernel's own on-CPU count (schedstat, sched_stat_runtime) charges a
# woken task, next to the switch records. On CPU 1, thread A spins and thread
# W wakes every 1 ms, spins 20 us and sleeps again; W is woken from CPU 1
# itself (a timer, "local") or by a thread on CPU 0 (a futex wake: "remote",
# through an IPI). Needs gcc, perf and perf_event_paranoid <= 2 (or root).
#   bash bench/experiments/wake-accounting/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -pthread -o "$tmp/remote-wakeup" "$here/remote-wakeup.c"
for mode in 0 1; do
  perf record -q -e dummy:u --switch-events --sample-cpu -k CLOCK_MONOTONIC -o "$tmp/p.data" -- "$tmp/remote-wakeup" "$mode" > "$tmp/counts" 2>/dev/null
  perf script -i "$tmp/p.data" --show-switch-events --ns 2>/dev/null > "$tmp/script"
  [ "$mode" = 1 ] && echo "W woken from CPU 0 (remote, IPI):" || echo "W woken by its own timer on CPU 1 (local):"
  python3 "$here/spans.py" "$tmp/script" "$tmp/counts"
done
