#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz preset: clang++, ASan+UBSan) and runs each for N seconds.
#   tools/fuzz.sh [SECONDS] [TARGET...]      default: 60 s, every target in fuzz/
# Seeds come from fuzz/corpus/<target>/ (committed, small); what the fuzzer adds goes to
# build/fuzz/work/<target>/ so the repo stays clean. Crashes land in build/fuzz/artifacts/<target>/;
# turn each into a regression file under fuzz/regressions/<target>/ once fixed.
# Exit status: 0 when no target crashed, 1 otherwise.
set -u
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

cmake --preset fuzz >/dev/null || exit 2
cmake --build --preset fuzz -j2 --target "${targets[@]}" || exit 2

status=0
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  work=build/fuzz/work/$name
  artifacts=build/fuzz/artifacts/$name
  mkdir -p "$work" "$artifacts"
  dict=()
  [ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
  seeds=()
  [ -d "fuzz/corpus/$name" ] && seeds=("fuzz/corpus/$name")
  [ -d "fuzz/regressions/$name" ] && seeds+=("fuzz/regressions/$name")
  echo "== $t: ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "build/fuzz/fuzz/$t" "$work" "${seeds[@]}" "${dict[@]}" -max_total_time="$seconds" \
      -rss_limit_mb=2048 -timeout=10 -max_len=262144 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" >"build/fuzz/$name.log" 2>&1
  rc=$?
  grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "build/fuzz/$name.log" | tail -1
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added' "build/fuzz/$name.log"
  if [ $rc -ne 0 ]; then
    echo "!! $t exited $rc; see build/fuzz/$name.log and $artifacts/"
    status=1
  fi
done
exit $status
