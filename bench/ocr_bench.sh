#!/bin/bash
# Seconds per scanned page: sopaudit's reader (through the dump tool, one process per file)
# against `tesseract PAGE out -l ind` on the same page images, in the same run, both with
# OMP_THREAD_LIMIT=1, plus one run of each without the limit.
#
#   bench/ocr_bench.sh [PAGE_IMAGE...]     (default: the committed fixture scan, twice)
# Needs the release build and tools/build_ocr_dump.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
DUMP=build/release/ocr_dump
[ -x "$DUMP" ] || tools/build_ocr_dump.sh
PAGES=("$@")
if [ ${#PAGES[@]} -eq 0 ]; then
  PAGES=(tests/fixtures/scans/sop_scan.jpg)
fi
RUNS=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

printf "| page | pixels | sopaudit (s) | tesseract -l ind (s) | ratio |\n|---|---|---|---|---|\n"
for page in "${PAGES[@]}"; do
  dims=$(identify -format "%wx%h" "$page[0]")
  ours=(); theirs=()
  for ((i = 0; i < RUNS; i++)); do
    ours+=("$(OMP_THREAD_LIMIT=1 timeit "$DUMP" "$page")")
    theirs+=("$(OMP_THREAD_LIMIT=1 timeit tesseract "$page" "$tmp/out" -l ind)")
  done
  o=$(printf "%s\n" "${ours[@]}" | median)
  t=$(printf "%s\n" "${theirs[@]}" | median)
  printf "| %s | %s | %.2f | %.2f | %.2f |\n" "$(basename "$page")" "$dims" "$o" "$t" "$(echo "$o / $t" | bc -l)"
done
page=${PAGES[0]}
o=$(env -u OMP_THREAD_LIMIT bash -c "$(declare -f timeit); timeit $DUMP $page")
t=$(env -u OMP_THREAD_LIMIT bash -c "$(declare -f timeit); timeit tesseract $page $tmp/out -l ind")
printf "\nwithout OMP_THREAD_LIMIT (one run, %s): sopaudit %.2f s, tesseract %.2f s\n" "$(basename "$page")" "$o" "$t"
