#!/usr/bin/env python3
"""Builds the benchmark corpus from the project's own samples.

    make_corpus.py --docx-from DIR --docx N --scans-from DIR... --scans M --out WORK
                   [--sizes 100,1000,5000]

DOCX: N distinct files, round-robin copies of the source .docx files, each with its
word/document.xml rewritten so that its content (and hash) differs from every other copy: the
SOP register numbers (text like 800/012/SOP-ORG/2022) get the copy's serial, so copies do not
all collide on identity-nomor-duplicate, and the first text run gets a marker. Written to
WORK/docx-N; for each growth size S, WORK/docx-S holds the first S files (hard links into one
pool of max(N, sizes) files). Scans: M pages copied round-robin from the scan sources to
WORK/scans-M (images only) and the PDFs of the sources to WORK/pdfs. Standard library only.
"""
import argparse
import os
import re
import shutil
import sys
import zipfile

NOMOR = re.compile(r"(>\s*)(\d{1,4})((?:\s*/\s*[^<\s/]+){2,})")
FIRST_TEXT = re.compile(r"(<w:t(?:\s[^>]*)?>)")
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def variant(xml, serial):
    """document.xml of copy `serial`: distinct register numbers and a distinct first run."""
    xml, _ = NOMOR.subn(lambda m: f"{m.group(1)}{m.group(2)}.{serial}{m.group(3)}", xml)
    return FIRST_TEXT.sub(lambda m: f"{m.group(1)}[{serial}] ", xml, count=1)


def write_docx(source, target, serial):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = variant(data.decode("utf-8"), serial).encode("utf-8")
            zout.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)


def build_docx(sources, pool, count):
    os.makedirs(pool, exist_ok=True)
    made = []
    for i in range(count):
        src = sources[i % len(sources)]
        stem = os.path.splitext(os.path.basename(src))[0]
        # Spread over folders like a shared drive (one folder per OPD, 100 files each).
        folder = os.path.join(pool, f"opd-{i // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, f"{i:05d}-{stem}.docx")
        if not os.path.exists(target):
            write_docx(src, target, i)
        made.append(target)
    return made


def link_subset(files, pool, target_dir, size):
    if os.path.isdir(target_dir):
        shutil.rmtree(target_dir)
    for f in files[:size]:
        rel = os.path.relpath(f, pool)
        dest = os.path.join(target_dir, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.link(f, dest)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docx-from", required=True)
    ap.add_argument("--docx", type=int, default=200)
    ap.add_argument("--scans-from", action="append", default=[])
    ap.add_argument("--scans", type=int, default=40)
    ap.add_argument("--sizes", default="")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    sources = sorted(
        os.path.join(a.docx_from, f) for f in os.listdir(a.docx_from) if f.endswith(".docx")
    )
    if not sources:
        sys.exit(f"make_corpus: no .docx under {a.docx_from}")
    sizes = sorted({int(s) for s in a.sizes.split(",") if s.strip()} | {a.docx})
    pool = os.path.join(a.out, "docx-pool")
    files = build_docx(sources, pool, max(sizes))
    for size in sizes:
        link_subset(files, pool, os.path.join(a.out, f"docx-{size}"), size)
    with open(os.path.join(a.out, f"docx-{a.docx}.list"), "w") as out:
        out.write("\n".join(files[: a.docx]) + "\n")
    print(f"docx: {len(sources)} source files -> {max(sizes)} distinct copies; sets {sizes}")

    images, pdfs = [], []
    for d in a.scans_from:
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                p = os.path.join(d, f)
                if f.lower().endswith(IMAGE_EXT):
                    images.append(p)
                elif f.lower().endswith(".pdf"):
                    pdfs.append(p)
    scans_dir = os.path.join(a.out, f"scans-{a.scans}")
    pdf_dir = os.path.join(a.out, "pdfs")
    for d in (scans_dir, pdf_dir):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    if images and a.scans > 0:
        for i in range(a.scans):
            src = images[i % len(images)]
            shutil.copyfile(src, os.path.join(scans_dir, f"{i:04d}-{os.path.basename(src)}"))
    for p in pdfs:
        shutil.copyfile(p, os.path.join(pdf_dir, os.path.basename(p)))
    print(f"scans: {len(images)} source images -> {a.scans if images else 0} pages; {len(pdfs)} PDFs")


if __name__ == "__main__":
    main()
