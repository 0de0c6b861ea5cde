# Per-thread running time from `perf script --show-switch-events` (switch-in to
# switch-out) next to the kernel's own count printed by remote-wakeup.c.
#   python3 spans.py SCRIPT.txt COUNTS.txt
import collections
import re
import sys

counts = [line.split() for line in open(sys.argv[2]) if line.strip()]
since, total, runs = {}, collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    m = re.search(r'^\s*\S+\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+PERF_RECORD_SWITCH(?:_CPU_WIDE)? (IN|OUT)', line)
    if not m:
        continue
    tid, (s, ns) = int(m[1]), m[3].split('.')
    t = int(s) * 10**9 + int(ns)
    if m[4] == 'IN':
        since[tid] = t
    elif tid in since:
        total[tid] += t - since.pop(tid)
        runs[tid] += 1
for name, tid, kernel in counts:
    tid, kernel = int(tid), int(kernel)
    n = max(1, runs[tid])
    print(f'{name}: switch records {total[tid] / 1e6:.1f} ms, kernel (schedstat) {kernel / 1e6:.1f} ms, '
          f'kernel - records {(kernel - total[tid]) / n / 1e3:+.1f} us per run over {runs[tid]} runs')
