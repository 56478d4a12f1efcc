#!/usr/bin/env bash
# The sopaudit benchmark, one command:
#
#   bench/run.sh [--docx N] [--scans M] [--reps R] [--sizes 100,1000,5000] [--incremental F]
#                [--peer-files P] [--growth-reps G] [--sections docx,scans,incremental,growth] [--work DIR]
#                [--samples DIR] [--build DIR]
#
# Builds the release binary if needed, the floor program (bench/floor/floor.cpp) and a corpus
# made from the project's samples (samples/*.docx from tools/gen_samples.py; scans from
# samples/scans and tests/fixtures/scans), then measures sopaudit against pandoc, python-docx,
# the unzip+parse floor, the tesseract CLI and OCRmyPDF on the same files, and writes the tables
# into bench/RESULTS.md (between the GENERATED markers) and bench/results.json.
#
# Needs (Debian 12): pandoc python3-docx tesseract-ocr tesseract-ocr-ind unzip libxml2-utils
# poppler-utils imagemagick g++ pkg-config libzip-dev libxml2-dev (`tools/setup-deps.sh --bench`
# installs them, and ocrmypdf, which is optional). Missing tools are named; the rows
# that need them are left out, never faked.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DOCX=200 SCANS=40 REPS=3 SIZES=100,1000,5000 INCREMENTAL=1000 PEER_FILES=0 GROWTH_REPS=0
SECTIONS=docx,scans,incremental,growth
SAMPLES=$ROOT/samples
WORK=${TMPDIR:-/tmp}/sopaudit-bench-corpus
BUILD=$ROOT/build/release
COMMAND="bench/run.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --docx) DOCX=$2; shift 2 ;;
    --scans) SCANS=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --incremental) INCREMENTAL=$2; shift 2 ;;
    --peer-files) PEER_FILES=$2; shift 2 ;;
    --growth-reps) GROWTH_REPS=$2; shift 2 ;;
    --sections) SECTIONS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --samples) SAMPLES=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# --- what is installed -------------------------------------------------------------------------
missing_required=() missing_optional=() have=()
need() { # need CMD PACKAGE required|optional [NAME]
  if command -v "$1" >/dev/null 2>&1; then have+=("${4:-$1}"); return; fi
  if [[ $3 == required ]]; then missing_required+=("$1 (apt-get install $2)");
  else missing_optional+=("$1 (apt-get install $2)"); fi
}
need g++ g++ required
need pkg-config pkg-config required
need unzip unzip required
need xmllint libxml2-utils required
need tesseract tesseract-ocr-ind required
need pdfinfo poppler-utils required
need pandoc pandoc optional
need ocrmypdf ocrmypdf optional
if /usr/bin/python3 -c 'import docx' >/dev/null 2>&1; then have+=(python-docx);
else missing_optional+=("python-docx for /usr/bin/python3 (apt-get install python3-docx)"); fi
if ! tesseract --list-langs 2>/dev/null | grep -qx ind; then
  missing_required+=("Tesseract's Indonesian model (apt-get install tesseract-ocr-ind)"); fi
if ((${#missing_required[@]})); then
  echo "bench/run.sh: missing, cannot run:" >&2; printf '  %s\n' "${missing_required[@]}" >&2; exit 2
fi
if ((${#missing_optional[@]})); then
  echo "bench/run.sh: missing, their rows are left out:" >&2; printf '  %s\n' "${missing_optional[@]}" >&2
fi

# --- build -------------------------------------------------------------------------------------
if [[ ! -x $BUILD/sopaudit ]]; then
  echo "bench: building the release preset" >&2
  (cd "$ROOT" && cmake --preset release >/dev/null && cmake --build --preset release -j2 --target sopaudit)
fi
mkdir -p "$ROOT/build/bench"
FLOOR=$ROOT/build/bench/floor
if [[ ! -x $FLOOR || $ROOT/bench/floor/floor.cpp -nt $FLOOR ]]; then
  g++ -O2 -std=c++20 -Wall -Wextra "$ROOT/bench/floor/floor.cpp" -o "$FLOOR" \
    $(pkg-config --cflags --libs libzip libxml-2.0)
fi

# --- corpus ------------------------------------------------------------------------------------
if ! ls "$SAMPLES"/*.docx >/dev/null 2>&1; then
  if [[ -f $ROOT/tools/gen_samples.py ]]; then
    echo "bench: generating samples/*.docx with tools/gen_samples.py" >&2
    (cd "$ROOT" && python3 tools/gen_samples.py >/dev/null)
  fi
fi
if ! ls "$SAMPLES"/*.docx >/dev/null 2>&1; then
  echo "bench/run.sh: no samples/*.docx and no tools/gen_samples.py to make them" >&2; exit 2
fi
# Regenerated every run: cheap, and the corpus then always matches the samples.
rm -rf "$WORK"; mkdir -p "$WORK"
python3 "$ROOT/bench/make_corpus.py" --docx-from "$SAMPLES" --docx "$DOCX" \
  --sizes "$SIZES,$INCREMENTAL" --scans "$SCANS" \
  --scans-from "$ROOT/samples/scans" --scans-from "$ROOT/tests/fixtures/scans" --out "$WORK" >&2

echo "bench: load average now: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
python3 "$ROOT/bench/bench.py" --sopaudit "$BUILD/sopaudit" --floor "$FLOOR" --work "$WORK" \
  --docx "$DOCX" --scans "$SCANS" --reps "$REPS" --sizes "$SIZES" --incremental "$INCREMENTAL" \
  --peer-files "$PEER_FILES" --growth-reps "$GROWTH_REPS" --sections "$SECTIONS" --have "$(IFS=,; echo "${have[*]}")" \
  --command "$COMMAND"
