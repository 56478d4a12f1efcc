#!/bin/sh
# Checks that the Word files `sopaudit convert` writes open in LibreOffice: converts the given
# files (default: every sample, DOCX and scans) to standard SOP AP DOCX, has LibreOffice
# (headless) turn each into a PDF, and checks each PDF is a real, non-empty PDF. Not a ctest:
# LibreOffice is not a build or test dependency (tools/setup-deps.sh does not install it); on
# Debian 12: apt-get install --no-install-recommends libreoffice-writer-nogui
#
#   tools/check_convert_libreoffice.sh [--sopaudit BIN] [--keep DIR] [FILE...]
#
# Exit 0 when every converted file gave a PDF, 1 when one did not, 2 when it could not run.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
sopaudit="$here/build/release/sopaudit"
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sopaudit) sopaudit=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --) shift; break ;;
        -*) echo "usage: $0 [--sopaudit BIN] [--keep DIR] [FILE...]" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ $# -eq 0 ]; then
    set -- "$here"/samples/*.docx "$here"/samples/scans/*
fi

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
    echo "check_convert_libreoffice: soffice not found (apt-get install libreoffice-writer-nogui)" >&2
    exit 2
fi
if [ ! -x "$sopaudit" ]; then
    echo "check_convert_libreoffice: $sopaudit not built" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${keep:-$work/out}
mkdir -p "$out/docx" "$out/pdf"

# convert exits 1 when a file gave no SOP; that file is listed, the others go on.
rc=0
"$sopaudit" convert "$@" --out "$out/docx" >"$work/convert.log" 2>&1 || rc=$?
if [ "$rc" -ge 2 ]; then
    cat "$work/convert.log" >&2
    exit 2
fi
grep -v ' -> ' "$work/convert.log" >&2 || true

# A private profile: no first-start wizard, no lock on the user's own profile.
profile="file://$work/profile"
converted=0
failed=0
for docx in "$out"/docx/*.docx; do
    [ -e "$docx" ] || continue
    converted=$((converted + 1))
    name=$(basename "$docx" .docx)
    if ! timeout 180 "$soffice" -env:UserInstallation="$profile" --headless --norestore \
        --convert-to pdf --outdir "$out/pdf" "$docx" >"$work/soffice.log" 2>&1; then
        echo "FAIL $name: soffice failed: $(tr '\n' ' ' <"$work/soffice.log")"
        failed=$((failed + 1))
        continue
    fi
    pdf="$out/pdf/$name.pdf"
    if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
        echo "FAIL $name: no PDF written"
        failed=$((failed + 1))
        continue
    fi
    pages=$(grep -a -c '/Type */Page[^s]' "$pdf" || true)
    echo "ok   $name: $(wc -c <"$pdf") bytes, $pages page(s)"
done

echo "check_convert_libreoffice: $converted converted file(s), $failed failed to open in LibreOffice"
if [ "$converted" -eq 0 ] || [ "$failed" -gt 0 ]; then
    exit 1
fi
exit 0
