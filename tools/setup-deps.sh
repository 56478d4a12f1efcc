#!/usr/bin/env bash
# Installs the Debian 12 packages sopaudit needs to build, test and run, when they are missing.
# Idempotent: when everything is there it only asks dpkg and returns. Runs apt-get (as root, or
# through sudo) only for what is missing. --bench adds the tools bench/run.sh compares against.
set -euo pipefail

packages=(
  # build
  cmake ninja-build pkg-config g++ libpoco-dev libxml2-dev libzip-dev
  libtesseract-dev libleptonica-dev libpoppler-cpp-dev libgtest-dev libgmock-dev
  # runtime data: OCR models (Indonesian, English, orientation detection)
  tesseract-ocr-ind tesseract-ocr-eng tesseract-ocr-osd
  # tests: report.json is validated against the JSON schema; index.html is opened in a real
  # headless browser (tests/report/browser)
  python3 python3-jsonschema chromium
)
if [[ ${1:-} == --bench ]]; then
  # bench/run.sh: the peers (pandoc, python-docx, the tesseract CLI), the floor (unzip, xmllint)
  # and the image and PDF tools it builds the scan corpus with
  packages+=(pandoc python3-docx tesseract-ocr unzip libxml2-utils poppler-utils imagemagick
    ocrmypdf)
fi

# One dpkg-query for all of them; a package dpkg has never heard of is simply not listed.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
  awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)
missing=()
for p in "${packages[@]}"; do
  if ! grep -qx "$p" <<<"$installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "setup-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
