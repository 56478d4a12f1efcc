#!/bin/sh
# Measures sopaudit against the labelled evaluation folders (never used by tests):
#   tools/eval/eval.sh SHARED [OUT]
# SHARED holds real-dev/, corpus-dev/ and tools/score.py; OUT (default /tmp/sopaudit-eval) gets
# one scan output folder per split. Uses the release build (cmake --preset release).
set -eu
shared=${1:?usage: tools/eval/eval.sh SHARED [OUT]}
out=${2:-/tmp/sopaudit-eval}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/build/release/sopaudit"
score="python3 $shared/tools/score.py"
[ -x "$bin" ] || { echo "no $bin: build the release preset first" >&2; exit 2; }

echo "== real-dev (real scans; labels: real-dev/labels.json)"
"$bin" scan "$shared/real-dev" --out "$out/real-dev" --no-state --quiet || true
$score --labels "$shared/real-dev/labels.json" --report "$out/real-dev/report.json" --field-sim 0.9 | tail -n 1

echo "== corpus-dev (generated DOCX and scans)"
"$bin" scan "$shared/corpus-dev" --out "$out/corpus-dev" --no-state --quiet || true
for only in docx scan; do
    printf '%s: ' "$only"
    $score --labels "$shared/corpus-dev/labels.json" --report "$out/corpus-dev/report.json" --only "$only" | tail -n 1
done
