#!/usr/bin/env python3
"""Makes the project's own scanned SOP fixtures (tests/fixtures/scans/, samples/scans/).

Draws one SOP AP page (identity table with a merged instansi cell, procedure table with a
two-row header, four steps with terminator/process/decision symbols and arrows crossing cells)
with ImageMagick, then degrades it like a scanner would: a small rotation, blur, Gaussian noise
with a fixed seed, grey JPEG; one copy stored turned 90 degrees; a binarised two-page TIFF; and
small PDFs (image-only, text layer, mixed) written by hand. Needs only ImageMagick and the
Python standard library. Deterministic: the same files every run.

    python3 tools/gen_scans.py
"""
import os
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "tests", "fixtures", "scans")
SAMPLES = os.path.join(ROOT, "samples", "scans")
DPI = 200
W_IN, H_IN = 11.69, 8.27  # A4 landscape


def px(inches):
    return int(round(inches * DPI))


def text(cmds, x, y, s, size=10, bold=False):
    font = "Helvetica-Bold" if bold else "Helvetica"
    s = s.replace("'", "\\'")
    cmds.append(f"font '{font}' font-size {size} text {px(x)},{px(y)} '{s}'")


def line(cmds, x0, y0, x1, y1, width=2):
    cmds.append(f"stroke-width {width} line {px(x0)},{px(y0)} {px(x1)},{px(y1)}")


def arrow_head(cmds, x, y, direction):
    s = 0.05
    if direction == "down":
        pts = [(x - s, y - 2 * s), (x + s, y - 2 * s), (x, y)]
    elif direction == "right":
        pts = [(x - 2 * s, y - s), (x - 2 * s, y + s), (x, y)]
    else:
        pts = [(x + 2 * s, y - s), (x + 2 * s, y + s), (x, y)]
    cmds.append("fill black polygon " + " ".join(f"{px(a)},{px(b)}" for a, b in pts))
    cmds.append("fill none")


def page_mvg():
    c = ["stroke black", "fill none"]
    # identity table
    x0, x1, xl, xv = 0.5, 11.2, 4.3, 6.5
    y0, rh = 0.5, 0.34
    labels = [("Nomor SOP", "800/021/SOP-ORG/2023"), ("Tanggal Pembuatan", "12 Januari 2023"),
              ("Tanggal Revisi", "-"), ("Tanggal Efektif", "1 Februari 2023"),
              ("Disahkan Oleh", "KEPALA BAGIAN ORGANISASI"), ("Nama SOP", "PENERBITAN IZIN PENELITIAN")]
    y1 = y0 + rh * len(labels)
    c.append("stroke-width 3 rectangle %d,%d %d,%d" % (px(x0), px(y0), px(x1), px(y1)))
    line(c, xl, y0, xl, y1)
    line(c, xv, y0, xv, y1)
    for i in range(1, len(labels)):
        line(c, xl, y0 + rh * i, x1, y0 + rh * i)
    c.append("stroke none fill black")
    text(c, 0.9, y0 + 0.7, "PEMERINTAH KABUPATEN SUKAMAJU", 11, True)
    text(c, 1.2, y0 + 1.0, "SEKRETARIAT DAERAH", 11, True)
    text(c, 1.3, y0 + 1.3, "BAGIAN ORGANISASI", 11, True)
    for i, (lab, val) in enumerate(labels):
        text(c, xl + 0.08, y0 + rh * i + 0.23, lab)
        text(c, xv + 0.08, y0 + rh * i + 0.23, val)
    c.append("stroke black fill none")
    # procedure table
    cols = [0.5, 0.9, 3.7, 4.9, 6.1, 7.3, 8.6, 9.4, 10.3, 11.2]
    ty, h1, h2, sh = 2.85, 0.32, 0.32, 0.95
    steps = [("1", "Menerima permohonan izin", 0, "terminator", "Formulir", "10 menit", "Berkas"),
             ("2", "Memeriksa kelengkapan berkas", 1, "process", "Berkas", "15 menit", "Diperiksa"),
             ("3", "Menyetujui permohonan", 2, "decision", "Berkas", "1 hari", "Keputusan"),
             ("4", "Menyerahkan izin kepada pemohon", 0, "terminator", "Izin", "30 menit", "Izin terbit")]
    ybot = ty + h1 + h2 + sh * len(steps)
    c.append("stroke-width 3 rectangle %d,%d %d,%d" % (px(cols[0]), px(ty), px(cols[-1]), px(ybot)))
    # verticals: No|Kegiatan and Kegiatan|actor and Output|Keterangan full height; inner
    # actor and mutu baku rules start below the first header row
    for i in (1, 2, 5, 8):
        line(c, cols[i], ty, cols[i], ybot)
    for i in (3, 4, 6, 7):
        line(c, cols[i], ty + h1, cols[i], ybot)
    line(c, cols[2], ty + h1, cols[8], ty + h1)
    for k in range(len(steps) + 1):
        line(c, cols[0], ty + h1 + h2 + sh * k, cols[-1], ty + h1 + h2 + sh * k)
    c.append("stroke none fill black")
    text(c, 0.57, ty + 0.4, "No", 9, True)
    text(c, 1.8, ty + 0.4, "Kegiatan", 9, True)
    text(c, 5.3, ty + 0.22, "Pelaksana", 9, True)
    text(c, 8.2, ty + 0.22, "Mutu Baku", 9, True)
    text(c, 10.35, ty + 0.4, "Keterangan", 9, True)
    for i, name in enumerate(["Pemohon", "Petugas", "Kepala"]):
        text(c, cols[2 + i] + 0.25, ty + h1 + 0.22, name, 9, True)
    for i, name in enumerate(["Kelengkapan", "Waktu", "Output"]):
        text(c, cols[5 + i] + 0.08, ty + h1 + 0.22, name, 9, True)
    centers = []
    for k, (no, act, actor, sym, kel, waktu, out) in enumerate(steps):
        ry = ty + h1 + h2 + sh * k
        text(c, 0.62, ry + 0.25, no)
        text(c, 0.98, ry + 0.25, act)
        text(c, cols[5] + 0.08, ry + 0.25, kel)
        text(c, cols[6] + 0.08, ry + 0.25, waktu)
        text(c, cols[7] + 0.08, ry + 0.25, out)
        centers.append(((cols[2 + actor] + cols[3 + actor]) / 2, ry + sh / 2, sym))
    c.append("stroke black fill none stroke-width 3")
    hw, hh = 0.4, 0.2
    for cx, cy, sym in centers:
        if sym == "terminator":
            c.append("roundrectangle %d,%d %d,%d %d,%d" % (px(cx - hw), px(cy - hh), px(cx + hw), px(cy + hh), px(hh), px(hh)))
        elif sym == "process":
            c.append("rectangle %d,%d %d,%d" % (px(cx - hw), px(cy - hh), px(cx + hw), px(cy + hh)))
        else:
            c.append("polygon %d,%d %d,%d %d,%d %d,%d" % (px(cx), px(cy - 0.3), px(cx + 0.32), px(cy),
                                                          px(cx), px(cy + 0.3), px(cx - 0.32), px(cy)))
    # arrows crossing rules: 1 -> 2 (down, right), 2 -> 3 (right, down), 3 -> 4 (left, down)
    (ax, ay, _), (bx, by, _), (cx3, cy3, _), (dx, dy, _) = centers
    line(c, ax, ay + hh, ax, by)
    line(c, ax, by, bx - hw, by)
    arrow_head(c, bx - hw, by, "right")
    c.append("stroke black stroke-width 3")
    line(c, bx + hw, by, cx3, by)
    line(c, cx3, by, cx3, cy3 - 0.3)
    arrow_head(c, cx3, cy3 - 0.3, "down")
    c.append("stroke black stroke-width 3")
    line(c, cx3 - 0.32, cy3, dx, cy3)
    line(c, dx, cy3, dx, dy - hh)
    arrow_head(c, dx, dy - hh, "down")
    return "\n".join(c)


def run(*args):
    subprocess.run(list(args), check=True)


def pdf_bytes(pages, dpi=DPI):
    """A minimal PDF. pages: list of ('jpeg', data, w, h) or ('text', [(x, y, size, str)], w_pt, h_pt)."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    contents = []
    for kind, data, w, h in pages:
        if kind == "jpeg":
            wpt, hpt = w * 72.0 / dpi, h * 72.0 / dpi
            img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                      b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(data))
                      + data + b"\nendstream")
            stream = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (wpt, hpt)
            res = b"<< /XObject << /Im0 %d 0 R >> >>" % img
        else:
            wpt, hpt = w, h
            ops = []
            for x, y, size, s in data:
                s = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append("BT /F1 %d Tf %.1f %.1f Td (%s) Tj ET" % (size, x, hpt - y, s))
            stream = "\n".join(ops).encode("latin-1")
            res = b"<< /Font << /F1 %d 0 R >> >>" % font
        cs = zlib.compress(stream, 9)
        cid = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(cs) + cs + b"\nendstream")
        contents.append((cid, res, wpt, hpt))
    pages_id = len(objs) + len(contents) + 1
    for cid, res, wpt, hpt in contents:
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources %s /Contents %d 0 R >>"
                        % (pages_id, wpt, hpt, res, cid)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


def jpeg_size(path):
    out = subprocess.run(["identify", "-format", "%w %h", path], check=True, capture_output=True, text=True).stdout
    w, h = out.split()
    return int(w), int(h)


def main():
    os.makedirs(FIX, exist_ok=True)
    os.makedirs(SAMPLES, exist_ok=True)
    strip = ["-define", "png:exclude-chunks=date,time", "+set", "date:create", "+set", "date:modify", "-strip"]
    with tempfile.TemporaryDirectory() as tmp:
        mvg = os.path.join(tmp, "page.mvg")
        with open(mvg, "w") as f:
            f.write(page_mvg())
        clean = os.path.join(tmp, "clean.png")
        run("convert", "-size", f"{px(W_IN)}x{px(H_IN)}", "xc:white", "-density", str(DPI), "-units",
            "PixelsPerInch", "-draw", page_mvg(), "-colorspace", "Gray", clean)
        # the scan: rotated 1.2 degrees, blurred, noisy (fixed seed), grey JPEG
        scan = os.path.join(FIX, "sop_scan.jpg")
        run("convert", clean, "-background", "white", "-rotate", "1.2", "-gravity", "center", "-extent",
            f"{px(W_IN)}x{px(H_IN)}", "+repage", "-blur", "0x0.7", "-seed", "42", "-attenuate", "0.25", "+noise",
            "Gaussian", "-colorspace", "Gray", "-density", str(DPI), "-units", "PixelsPerInch", *strip,
            "-quality", "60", scan)
        # the same scan stored turned a quarter (the page reads after a clockwise turn)
        run("convert", scan, "-rotate", "-90", "-density", str(DPI), "-units", "PixelsPerInch", *strip,
            "-quality", "60", os.path.join(SAMPLES, "sop_scan_rot90.jpg"))
        # binarised two-page TIFF (G4): upright, then skewed the other way and stored turned 90
        p1 = os.path.join(tmp, "p1.tif")
        p2 = os.path.join(tmp, "p2.tif")
        run("convert", clean, "-rotate", "-0.8", "-gravity", "center", "-extent", f"{px(W_IN)}x{px(H_IN)}",
            "+repage", "-threshold", "60%", "-monochrome", p1)
        run("convert", clean, "-rotate", "90", "-threshold", "60%", "-monochrome", p2)
        run("convert", p1, p2, "-density", str(DPI), "-units", "PixelsPerInch", "-compress", "Group4",
            *strip, os.path.join(FIX, "sop_two_pages.tif"))
        # small image for the PDF tests: the identity table region only
        crop = os.path.join(tmp, "crop.jpg")
        run("convert", scan, "-crop", f"{px(W_IN)}x{px(2.8)}+0+0", "+repage", "-resize", "50%",
            "-strip", "-quality", "50", crop)
        with open(crop, "rb") as f:
            jpg = f.read()
        w, h = jpeg_size(crop)
        # the crop is 100 DPI now; the PDF places it at its real size
        text_page = ("text", [(36, 60, 14, "SOP Penerbitan Izin Penelitian"),
                              (36, 90, 11, "Nomor SOP: 800/021/SOP-ORG/2023"),
                              (36, 110, 11, "Tanggal Pembuatan: 12 Januari 2023"),
                              (36, 130, 11, "Disahkan Oleh: Kepala Bagian Organisasi")], 595.0, 420.0)
        image_page = ("jpeg", jpg, w, h)
        with open(os.path.join(FIX, "text_layer.pdf"), "wb") as f:
            f.write(pdf_bytes([text_page], 100))
        with open(os.path.join(FIX, "image_only.pdf"), "wb") as f:
            f.write(pdf_bytes([image_page], 100))
        with open(os.path.join(FIX, "mixed.pdf"), "wb") as f:
            f.write(pdf_bytes([text_page, image_page], 100))
        # samples: the scan as a one-page image-only PDF too
        with open(scan, "rb") as f:
            full = f.read()
        fw, fh = jpeg_size(scan)
        with open(os.path.join(SAMPLES, "sop_scan.pdf"), "wb") as f:
            f.write(pdf_bytes([("jpeg", full, fw, fh)]))
    for d in (FIX, SAMPLES):
        for name in sorted(os.listdir(d)):
            print(f"{os.path.join(os.path.relpath(d, ROOT), name)}: {os.path.getsize(os.path.join(d, name))} bytes")


if __name__ == "__main__":
    sys.exit(main())
