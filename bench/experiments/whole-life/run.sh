#!/usr/bin/env bash
# Whole-life on-CPU per worker as Corelanes draws it vs the kernel's own count
# (sum of sched:sched_stat_runtime per tid under `perf sched record`, via
# ../shared/tools/kernel-oncpu), for each source. Root and perf needed.
#   bash bench/experiments/whole-life/run.sh [exact|proc ...]   (after npm run build:cli)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tool=${KERNEL_ONCPU:-$root/../../shared/tools/kernel-oncpu}
[ -x "$tool" ] || tool=/work/shared/tools/kernel-oncpu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sources=("$@")
[ ${#sources[@]} -gt 0 ] || sources=(exact proc)
for s in "${sources[@]}"; do
  "$tool" -- node "$root/bin/corelanes.js" run --kind thread --workload mixed --workers 3 --duration 3 --source "$s" --out "$tmp/$s.json" > "$tmp/$s.kernel" 2>/dev/null
  node "$here/compare.mjs" "$tmp/$s.json" "$tmp/$s.kernel" "$s"
done
