#!/usr/bin/env bash
# Drawn "running" of two CPU-bound CPython threads vs the GIL they really held
# (uprobes on take_gil/drop_gil via ../shared/tools/gil-truth; root), per source.
#   bash bench/experiments/gil-truth/run.sh [exact|proc ...]   (after npm run build:cli)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tool=${GIL_TRUTH:-/work/shared/tools/gil-truth}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sources=("$@")
[ ${#sources[@]} -gt 0 ] || sources=(exact proc)
for s in "${sources[@]}"; do
  "$tool" -- node "$root/bin/corelanes.js" trace --source "$s" --out "$tmp/$s.json" -- python3 "$here/two_threads.py" > "$tmp/$s.gil" 2>/dev/null
  node "$here/compare.mjs" "$tmp/$s.json" "$tmp/$s.gil" "$s"
done
