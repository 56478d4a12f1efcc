#!/usr/bin/env python3
"""Writes the hostile-input corpus of issue 7 into a directory.

Python standard library only, deterministic (fixed zip timestamps, no randomness), so the
corpus is made at test time and never committed. Each file's expected outcome is in
expected.json beside this script; `--check-expected` verifies the two agree.

    python3 tests/hostile/gen_hostile.py OUT_DIR [--secret-file PATH]

--secret-file: also write XXE files whose entity points at PATH (a file the test fills with a
unique marker), so "no byte of a local file leaks" is checked on a file whose content is known.
"""

import argparse
import hashlib
import io
import json
import os
import struct
import sys
import zipfile
import zlib

ZIP_DATE = (2020, 1, 1, 0, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_DECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def package_rels(target="word/document.xml", doctype=""):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="' + target + '"/></Relationships>'
    )


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ---------------------------------------------------------------------------------------------
# DOCX


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    """members: list of (name, bytes|str). Fixed timestamps for reproducibility."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def docx_bytes(document_xml, rels=None, extra=()):
    members = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", rels if rels is not None else package_rels()),
        ("word/document.xml", document_xml),
    ]
    members.extend(extra)
    return zip_bytes(members)


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, xml_escape(text))


def para(text, bold=False):
    return "<w:p>%s</w:p>" % (run(text, bold) if text else "")


_shape_id = [0]


def shape_run(preset):
    _shape_id[0] += 1
    n = _shape_id[0]
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="360000" cy="180000"/>'
        '<wp:docPr id="%d" name="Shape %d"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:spPr><a:prstGeom prst="%s"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/>'
        "</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>" % (n, n, preset)
    )


def cell(content, width=2000, span=1, vmerge=None, shade=False):
    pr = '<w:tcW w:w="%d" w:type="dxa"/>' % width
    if span > 1:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    if shade:
        pr += '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
    if isinstance(content, str):
        content = [content]
    body = "".join(c if c.startswith("<w:p") else para(c) for c in content) or "<w:p/>"
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (pr, body)


def row(cells, header=False):
    pr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return "<w:tr>%s%s</w:tr>" % (pr, "".join(cells))


def table(grid_widths, rows):
    borders = "".join(
        '<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % b
        for b in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in grid_widths)
    return (
        "<w:tbl><w:tblPr><w:tblBorders>%s</w:tblBorders></w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>"
        % (borders, grid, "".join(rows))
    )


DEFAULT_SOP = {
    "instansi": ["PEMERINTAH KABUPATEN CONTOH", "SEKRETARIAT DAERAH", "BAGIAN ORGANISASI"],
    "nomor": "800/021/SOP-ORG/2023",
    "tanggal_pembuatan": "2 Januari 2023",
    "tanggal_revisi": "-",
    "tanggal_efektif": "16 Januari 2023",
    "disahkan_oleh": ["KEPALA BAGIAN ORGANISASI", "Drs. CONTOH PRANATA, M.Si.",
                      "NIP. 19750812 200003 1 004"],
    "nama": "PENYUSUNAN LAPORAN KINERJA",
    "dasar_hukum": ["1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
                    "2. Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP."],
    "kualifikasi_pelaksana": ["1. Minimal S1", "2. Memahami penyusunan laporan"],
    "keterkaitan": ["1. SOP Pengumpulan Data Kinerja"],
    "peralatan_perlengkapan": ["1. Komputer", "2. Printer"],
    "peringatan": ["Apabila SOP tidak dilaksanakan, laporan terlambat disampaikan."],
    "pencatatan_pendataan": ["1. Arsip laporan kinerja"],
    "actors": ["Staf", "Kasubbag", "Kabag"],
    "steps": [
        # no, kegiatan, actor index, symbol, kelengkapan, waktu, output, keterangan
        ("1", "Menerima surat permintaan data kinerja", 0, "flowChartTerminator",
         "Surat permintaan", "15 menit", "Surat diterima", ""),
        ("2", "Menyusun konsep laporan kinerja", 1, "flowChartProcess",
         "Data kinerja", "2 hari", "Konsep laporan", ""),
        ("3", "Memeriksa konsep laporan", 2, "flowChartDecision",
         "Konsep laporan", "1 jam", "Konsep diperiksa", "Bila tidak setuju kembali ke 2"),
        ("4", "Menandatangani laporan kinerja", 2, "flowChartTerminator",
         "Laporan final", "30 menit", "Laporan ditandatangani", ""),
    ],
}

IDENTITY_LABELS = [
    ("nomor", "Nomor SOP"), ("tanggal_pembuatan", "Tanggal Pembuatan"),
    ("tanggal_revisi", "Tanggal Revisi"), ("tanggal_efektif", "Tanggal Efektif"),
    ("disahkan_oleh", "Disahkan Oleh"), ("nama", "Nama SOP"),
]
GRID_PAIRS = [
    (("dasar_hukum", "Dasar Hukum"), ("kualifikasi_pelaksana", "Kualifikasi Pelaksana")),
    (("keterkaitan", "Keterkaitan"), ("peralatan_perlengkapan", "Peralatan/Perlengkapan")),
    (("peringatan", "Peringatan"), ("pencatatan_pendataan", "Pencatatan dan Pendataan")),
]


def sop_document_xml(sop=None):
    """An SOP AP in the shape of sop-ap-format.md: identity table, then procedure table."""
    s = dict(DEFAULT_SOP)
    s.update(sop or {})
    # Identity: 4 grid columns; instansi (2 cols, 6 rows tall) beside 6 label/value rows,
    # then three label rows over content rows, half and half.
    rows = []
    for i, (key, label) in enumerate(IDENTITY_LABELS):
        cells = []
        if i == 0:
            cells.append(cell(s["instansi"], 4000, span=2, vmerge="restart"))
        else:
            cells.append(cell("", 4000, span=2, vmerge="continue"))
        cells.append(cell(label, 2000))
        cells.append(cell(s[key], 4000))
        rows.append(row(cells))
    for (k1, l1), (k2, l2) in GRID_PAIRS:
        rows.append(row([cell(l1, 5000, span=2, shade=True), cell(l2, 5000, span=2, shade=True)]))
        rows.append(row([cell(s[k1], 5000, span=2), cell(s[k2], 5000, span=2)]))
    identity = table([2000, 2000, 2000, 4000], rows)

    actors = s["actors"]
    n_act = len(actors)
    head1 = [cell("No", 600, vmerge="restart"), cell("Kegiatan", 3000, vmerge="restart"),
             cell("Pelaksana", 1200 * n_act, span=n_act), cell("Mutu Baku", 4200, span=3),
             cell("Keterangan", 1500, vmerge="restart")]
    head2 = [cell("", 600, vmerge="continue"), cell("", 3000, vmerge="continue")]
    head2 += [cell(a, 1200) for a in actors]
    head2 += [cell("Kelengkapan", 1400), cell("Waktu", 1400), cell("Output", 1400),
              cell("", 1500, vmerge="continue")]
    prows = [row(head1, header=True), row(head2, header=True)]
    for no, kegiatan, actor, symbol, kel, waktu, output, ket in s["steps"]:
        cells = [cell(no, 600), cell(kegiatan, 3000)]
        for a in range(n_act):
            if a == actor:
                cells.append(cell(["<w:p>%s</w:p>" % shape_run(symbol)], 1200))
            else:
                cells.append(cell("", 1200))
        cells += [cell(kel, 1400), cell(waktu, 1400), cell(output, 1400), cell(ket, 1500)]
        prows.append(row(cells))
    procedure = table([600, 3000] + [1200] * n_act + [1400, 1400, 1400, 1500], prows)

    body = (identity + para("") + para("PROSEDUR " + s["nama"], bold=True) + procedure +
            '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            "<w:document %s><w:body>%s</w:body></w:document>" % (NS_DECL, body))


def plain_document_xml(text, prolog=""):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog +
            "<w:document %s><w:body>%s</w:body></w:document>" % (NS_DECL, para(text)))


def xxe_document_xml(system_uri):
    prolog = '<!DOCTYPE w:document [<!ENTITY leak SYSTEM "%s">]>\n' % system_uri
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog +
            "<w:document %s><w:body><w:p><w:r><w:t>Nama SOP: &leak;</w:t></w:r></w:p>"
            "</w:body></w:document>" % NS_DECL)


def xxe_parameter_document_xml(system_uri):
    # A parameter entity pulled into the internal subset: libxml2 loads it only with DTDLOAD.
    prolog = '<!DOCTYPE w:document [<!ENTITY %% ext SYSTEM "%s"> %%ext;]>\n' % system_uri
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog +
            "<w:document %s><w:body>%s</w:body></w:document>" % (NS_DECL, para("Nama SOP")))


def billion_laughs_document_xml():
    ents = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        ents.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
    prolog = "<!DOCTYPE w:document [%s]>\n" % "".join(ents)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog +
            "<w:document %s><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
            % NS_DECL)


def deep_document_xml(depth):
    """depth nested elements under w:body: w:tbl/w:tr/w:tc repeated (what a recursive table
    reader would follow), closed properly so only the depth is wrong."""
    triple = ("<w:tbl>", "<w:tr>", "<w:tc>")
    close = ("</w:tbl>", "</w:tr>", "</w:tc>")
    opens = "".join(triple[i % 3] for i in range(depth))
    closes = "".join(close[i % 3] for i in reversed(range(depth)))
    # A w:tc must end with a paragraph; put one at the bottom when it is a cell.
    inner = "<w:p/>" if triple[(depth - 1) % 3] == "<w:tc>" else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            "<w:document %s><w:body>%s%s%s</w:body></w:document>" % (NS_DECL, opens, inner, closes))


def zip_bomb_docx(inflated_bytes):
    """document.xml of a valid prefix followed by inflated_bytes of spaces (XML white space
    between elements: a reader that inflated it all would even parse it). Streamed, so the
    generator never holds it in memory."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            "<w:document %s><w:body>" % NS_DECL).encode()
    tail = b"<w:p/></w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", package_rels())):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        info = zipfile.ZipInfo("word/document.xml", date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=inflated_bytes > (1 << 31)) as f:
            f.write(head)
            chunk = b" " * (1 << 20)
            left = inflated_bytes
            while left > 0:
                n = min(left, len(chunk))
                f.write(chunk[:n])
                left -= n
            f.write(tail)
    return buf.getvalue()


def lying_size_docx(real_bytes, declared_bytes):
    """A zip whose headers declare document.xml small while its deflate stream inflates to
    real_bytes: a reader must trust no header and bound what it inflates."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            "<w:document %s><w:body>" % NS_DECL).encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [comp.compress(head)]
    chunk = b" " * (1 << 20)
    left = real_bytes
    while left > 0:
        n = min(left, len(chunk))
        parts.append(comp.compress(chunk[:n]))
        left -= n
    parts.append(comp.compress(b"</w:body></w:document>"))
    parts.append(comp.flush())
    deflated = b"".join(parts)
    crc = 0x1234ABCD  # wrong on purpose, like everything else in these headers
    name = b"word/document.xml"
    out = io.BytesIO()
    entries = []
    for n, data, method, usize, c in (
        (b"[Content_Types].xml", CONTENT_TYPES.encode(), 0, None, None),
        (b"_rels/.rels", package_rels().encode(), 0, None, None),
        (name, deflated, 8, declared_bytes, crc),
    ):
        if usize is None:
            usize, c = len(data), zlib.crc32(data)
        off = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x5021, c,
                              len(data), usize, len(n), 0))
        out.write(n)
        out.write(data)
        entries.append((n, method, c, len(data), usize, off))
    cd = out.tell()
    for n, method, c, csize, usize, off in entries:
        out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x5021, c,
                              csize, usize, len(n), 0, 0, 0, 0, 0, off))
        out.write(n)
    cd_size = out.tell() - cd
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), cd_size, cd, 0))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# OLE compound file (MS-CFB, version 3, 512-byte sectors), minimal but valid: header, one FAT
# sector, one directory sector, streams >= 4096 bytes so none belongs in the mini stream.

FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def cfb_name_key(name):
    return (len(name), name.upper())


def cfb_bytes(streams):
    """streams: list of (name, bytes). Returns the compound file."""
    sector = 512
    assert len(streams) <= 3  # one directory sector: root + 3 entries
    data_sectors = []
    fat = [FATSECT, ENDOFCHAIN]  # sector 0 = FAT, sector 1 = directory
    starts = []
    for _, data in streams:
        assert len(data) >= 4096, "keep streams out of the mini stream"
        n = (len(data) + sector - 1) // sector
        first = len(fat)
        starts.append(first)
        for i in range(n):
            fat.append(first + i + 1 if i + 1 < n else ENDOFCHAIN)
        data_sectors.append(data + b"\0" * (n * sector - len(data)))
    assert len(fat) <= sector // 4
    fat += [FREESECT] * (sector // 4 - len(fat))

    # Red-black tree of the root's children: the middle name (in CFB order) is the black root,
    # the others red leaves.
    order = sorted(range(len(streams)), key=lambda i: cfb_name_key(streams[i][0]))
    ids = {i: 1 + i for i in range(len(streams))}  # directory ids in file order
    left = {i: NOSTREAM for i in range(len(streams))}
    right = {i: NOSTREAM for i in range(len(streams))}
    mid = order[len(order) // 2]
    if len(order) >= 2:
        left[mid] = ids[order[0]] if order[0] != mid else NOSTREAM
    if len(order) == 3:
        right[mid] = ids[order[2]]
    if len(order) == 2 and order[1] != mid:
        right[mid] = ids[order[1]]

    def entry(name, kind, color, l, r, child, start, size):
        n = (name + "\0").encode("utf-16-le") if name else b""
        return (n.ljust(64, b"\0") + struct.pack("<HBBIII", len(n), kind, color, l, r, child) +
                b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    dirs = entry("Root Entry", 5, 1, NOSTREAM, NOSTREAM, ids[mid] if streams else NOSTREAM,
                 ENDOFCHAIN, 0)
    for i, (name, data) in enumerate(streams):
        color = 1 if i == mid else 0
        dirs += entry(name, 2, color, left[i], right[i], NOSTREAM, starts[i], len(data))
    while len(dirs) < sector:
        dirs += entry("", 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0)

    header = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 +
              struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\0" * 6 +
              struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0) +
              struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108)
    assert len(header) == 512
    return header + struct.pack("<%dI" % (sector // 4), *fat) + dirs + b"".join(data_sectors)


def legacy_doc_bytes():
    # WordDocument stream begins with a FIB: wIdent 0xA5EC, nFib 0x00C1 (Word 97+).
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + b"\0" * 28
    word = (fib + "Dokumen Word lama".encode("utf-16-le")).ljust(4096, b"\0")
    table = b"\0" * 4096
    return cfb_bytes([("WordDocument", word), ("1Table", table)])


def encrypted_ooxml_bytes():
    # EncryptionInfo version 4.4 (agile): an XML descriptor; EncryptedPackage: 8-byte size,
    # then ciphertext (here: bytes that are not a zip, as real ciphertext would be).
    info_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
                '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
                'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
                'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>').encode()
    info = (struct.pack("<HHI", 4, 4, 0x40) + info_xml).ljust(4096, b"\0")
    cipher = hashlib.sha256(b"sopaudit").digest() * 160
    package = struct.pack("<Q", 5000) + cipher[:5000]
    return cfb_bytes([("EncryptionInfo", info), ("EncryptedPackage", package.ljust(4096, b"\0"))])


# ---------------------------------------------------------------------------------------------
# PDF


def pdf_bytes(objects, trailer_extra=""):
    """objects: list of bytes bodies for objects 1..n. Root is object 1."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer_extra.encode(), xref))
    return out.getvalue()


def text_pdf_objects(lines, encrypt=None):
    content = b"BT /F1 14 Tf 72 760 Td 18 TL " + b"".join(
        b"(" + l.encode("latin-1") + b") Tj T* " for l in lines) + b"ET"
    if encrypt:
        content = encrypt(4, content)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def text_pdf_bytes(lines):
    return pdf_bytes(text_pdf_objects(lines))


def no_pages_pdf_bytes():
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [] /Count 0 >>"])


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


# The 32-byte padding string of the PDF standard security handler (ISO 32000-1, 7.6.3.3).
PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf_bytes(user_password=b"hostile", owner_password=b"owner-hostile"):
    """A real RC4-40 (V1, R2) encrypted PDF: opens with the user password, not without."""
    pad = lambda p: (p + PDF_PAD)[:32]
    owner_key = hashlib.md5(pad(owner_password)).digest()[:5]
    o_value = rc4(owner_key, pad(user_password))
    permissions = -4  # all permitted; bits 1-2 must be 0
    file_id = hashlib.md5(b"sopaudit-hostile-encrypted").digest()
    file_key = hashlib.md5(pad(user_password) + o_value + struct.pack("<i", permissions) +
                           file_id).digest()[:5]
    u_value = rc4(file_key, PDF_PAD)

    def encrypt(obj_num, data):
        k = hashlib.md5(file_key + struct.pack("<I", obj_num)[:3] + b"\0\0").digest()[:10]
        return rc4(k, data)

    objects = text_pdf_objects(["RAHASIA: dokumen terkunci"], encrypt=encrypt)
    objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <" +
                   u_value.hex().encode() + b"> /P %d >>" % permissions)
    trailer = "/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(objects), file_id.hex(), file_id.hex())
    return pdf_bytes(objects, trailer)


# ---------------------------------------------------------------------------------------------
# Images


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(width, height, gray=255, rows=None):
    """8-bit grayscale PNG. rows: how many rows of pixel data to store (all by default); fewer
    makes a file whose header promises more than it holds."""
    rows = height if rows is None else rows
    raw = (b"\0" + bytes([gray]) * width) * rows
    return (b"\x89PNG\r\n\x1a\n" +
            png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            png_chunk(b"pHYs", struct.pack(">IIB", 11811, 11811, 1)) +  # 300 dpi
            png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b""))


def huge_png_bytes():
    # Header: 100000 x 100000 gray (10^10 pixels); data for 4 rows only. A reader must refuse it
    # from the header, before allocating anything.
    return png_bytes(100000, 100000, rows=4)


def jpeg_bytes(width, height):
    """A baseline grayscale JPEG that decodes to flat mid-grey: quantisation all 1, a DC table
    and an AC table of one 1-bit code each (DC difference category 0, end of block), so every
    8x8 block is the two bits '00'."""
    def seg(marker, payload):
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload
    one_code = bytes([1] + [0] * 15)
    out = b"\xFF\xD8"
    out += seg(0xE0, b"JFIF\0\x01\x01\x01\x01\x2c\x01\x2c\0\0")  # 300 dpi
    out += seg(0xDB, b"\0" + b"\x01" * 64)
    out += seg(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    out += seg(0xC4, b"\x00" + one_code + b"\x00")
    out += seg(0xC4, b"\x10" + one_code + b"\x00")
    out += seg(0xDA, b"\x01\x01\x00\x00\x3F\x00")
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = 2 * blocks
    scan = b"\0" * (bits // 8)
    if bits % 8:
        scan += bytes([(0xFF >> (bits % 8))])
    return out + scan + b"\xFF\xD9"


def truncated_jpeg_bytes():
    full = jpeg_bytes(640, 480)
    sos = full.index(b"\xFF\xDA")
    return full[: sos + 14 + 400]  # the scan data stops a quarter of the way in; no EOI


# ---------------------------------------------------------------------------------------------
# The corpus


def noise(alphabet, n, seed):
    """n characters of alphabet, pseudo-random but fixed: SHA-256 in counter mode."""
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(b"%d:%d" % (seed, counter)).digest()
        counter += 1
    return "".join(alphabet[b % len(alphabet)] for b in out[:n])


XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


def corpus(secret_file=None):
    """Returns (files, symlinks): files maps relative path -> bytes; symlinks maps relative path ->
    link target. The costly entries (zip bombs, long fields) are callables that make the bytes,
    so a caller that wants a few files does not pay for all of them."""

    valid = docx_bytes(sop_document_xml())
    f = {}
    f["sop-valid.docx"] = valid
    f["empty.docx"] = b""
    f["truncated.docx"] = valid[: len(valid) * 6 // 10]
    f["garbage-xml.docx"] = docx_bytes(
        '<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>Nomor SOP & <<'
        " </w:p></w:tbl>" % NS_DECL)
    f["xxe-passwd.docx"] = docx_bytes(xxe_document_xml("file:///etc/passwd"))
    f["xxe-hostname-param.docx"] = docx_bytes(xxe_parameter_document_xml("file:///etc/hostname"))
    f["xxe-in-rels.docx"] = docx_bytes(
        sop_document_xml(),
        rels=package_rels("word/document.xml",
                          '<!DOCTYPE Relationships [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'))
    f["xinclude-passwd.docx"] = docx_bytes(
        '<?xml version="1.0" encoding="UTF-8"?>\n<w:document %s xmlns:xi="http://www.w3.org/2001/'
        'XInclude"><w:body><w:p><w:r><w:t><xi:include href="file:///etc/passwd" parse="text"/>'
        "</w:t></w:r></w:p></w:body></w:document>" % NS_DECL)
    f["rels-traversal.docx"] = docx_bytes(
        plain_document_xml("bukan dokumen utama"),
        rels=package_rels("../../../../../../etc/passwd"))
    f["billion-laughs.docx"] = docx_bytes(billion_laughs_document_xml())
    f["zip-bomb-member.docx"] = lambda: zip_bomb_docx(160 << 20)
    f["zip-bomb-ratio.docx"] = lambda: zip_bomb_docx(20 << 20)
    f["zip-bomb-lying-size.docx"] = lambda: lying_size_docx(160 << 20, 2048)
    f["deep-nesting.docx"] = docx_bytes(deep_document_xml(10000))
    f["zip-slip.docx"] = docx_bytes(
        sop_document_xml(), extra=[("../../../../../tmp/sopaudit-zip-slip-evil.txt", "owned")])
    f["text-named.docx"] = b"Ini hanya berkas teks biasa, bukan dokumen Word.\n"
    f["pdf-named.docx"] = text_pdf_bytes(["Laporan bulanan", "Ini bukan SOP."])
    f["image-named.pdf"] = png_bytes(400, 200)
    f["legacy.doc"] = legacy_doc_bytes()
    f["password-protected.docx"] = encrypted_ooxml_bytes()
    f["huge-pixels.png"] = huge_png_bytes()
    f["truncated.jpg"] = truncated_jpeg_bytes()
    f["no-pages.pdf"] = no_pages_pdf_bytes()
    f["encrypted.pdf"] = encrypted_pdf_bytes()
    f["~$sop-valid.docx"] = ("\x0bPengguna A" + " " * 43).encode("latin-1").ljust(162, b"\0")
    f["SOP Pelayanan Ümum – Kecamatan Cibeber ñ 日本.docx"] = valid
    f["sub dir/nested ☃/sop spasi.docx"] = valid
    f["loop/sop-in-loop.docx"] = valid
    f["xss.docx"] = docx_bytes(sop_document_xml({
        "nama": XSS_SCRIPT,
        "instansi": ["PEMERINTAH KABUPATEN " + XSS_IMG, "BAGIAN ORGANISASI"],
        "tanggal_revisi": XSS_SCRIPT,
        "keterkaitan": ['=HYPERLINK("http://contoh.invalid","klik")'],
        "steps": [
            ("1", "Menerima " + XSS_SCRIPT, 0, "flowChartTerminator", XSS_IMG, "15 menit",
             XSS_IMG, ""),
            ("2", "Memeriksa berkas", 1, "flowChartProcess", "Berkas", "1 jam", "Berkas diperiksa", ""),
            ("3", "Menandatangani surat", 2, "flowChartTerminator", "Surat", "30 menit",
             "Surat ditandatangani", ""),
        ],
    }))
    # Field values of 300,000 characters: a backtracking regex (std::regex recurses per
    # character) or a quadratic loop over a field would crash or stall on them. Pseudo-random
    # characters so document.xml stays under the compression-ratio limit.
    n = 150000
    f["long-fields.docx"] = lambda: docx_bytes(sop_document_xml({
        "nomor": "8" + noise("0123456789", n, 1) + "/1/2",
        "tanggal_pembuatan": noise("0123456789", n, 2) + " Januari 2023",
        "disahkan_oleh": ["KEPALA " + noise("ABCDEFGHIJKLMNOPQRSTUVWXYZ", n, 3),
                          "Drs. " + noise("abcdefghijklmnopqrstuvwxyz ", n, 4),
                          "NIP. " + noise("0123456789", n, 5)],
        "dasar_hukum": ["1. Undang-Undang Nomor " + noise("0123456789", n, 6) +
                        " Tahun 2014 tentang X;"],
        "steps": [
            ("1", "Menerima " + noise("abcdefghijklmnopqrstuvwxyz ", n, 7), 0,
             "flowChartTerminator", "Surat", noise("0123456789", n, 8) + " menit",
             "Surat diterima", ""),
            ("2", "Menandatangani surat", 2, "flowChartTerminator", "Surat", "30 menit",
             "Surat ditandatangani", ""),
        ],
    }))
    # One paragraph of 400,000 characters that starts like a numbered step ("1. ..."), and
    # cells and a field of 60 paragraphs of 4,000 characters each with no space at all: the
    # text a recogniser or check sees is bounded by max_paragraph_bytes per paragraph, but a
    # cell or field joins its paragraphs, so the joined text is long too. The Waktu cell holds
    # 60 paragraphs of digits: a duration regex searched over the whole cell backtracks for
    # minutes on it, in the parent process where no time limit applies.
    long_paras = lambda alphabet, seed: [noise(alphabet, 4000, seed + k) for k in range(60)]
    f["long-paragraph.docx"] = lambda: docx_bytes(
        sop_document_xml({
            "dasar_hukum": ["1. Peraturan Daerah Nomor " + p + " Tahun 2020"
                            for p in long_paras("0123456789/", 100)],
            "steps": [
                ("1", long_paras("abcdefghijklmnopqrstuvwxyz", 200), 0, "flowChartTerminator",
                 "Surat", long_paras("0123456789", 300),
                 long_paras("abcdefghijklmnopqrstuvwxyz0123456789", 400),
                 ""),
                ("2", "Menandatangani surat", 2, "flowChartTerminator", "Surat", "30 menit",
                 "Surat ditandatangani", ""),
            ],
        }).replace("<w:body>", "<w:body>" + para("1. " + noise("abcdefghij", 400000, 500)), 1))
    f['<img src=x onerror=alert(1)>.docx'] = valid
    f["=cmd+1.docx"] = valid
    if secret_file:
        f["xxe-secret.docx"] = docx_bytes(xxe_document_xml("file://" + os.path.abspath(secret_file)))
        f["xxe-secret-relative.docx"] = docx_bytes(xxe_document_xml(os.path.abspath(secret_file)))
    links = {
        "loop/again": ".",                       # a directory loop
        "loop/up": "..",                         # and one to the root
        "link-loop-a.docx": "link-loop-b.docx",  # a file symlink loop (ELOOP)
        "link-loop-b.docx": "link-loop-a.docx",
    }
    return f, links


def materialise(files, only=None):
    """Makes the lazily built entries (callables) of the selected files."""
    return {k: (v() if callable(v) else v) for k, v in files.items() if only is None or k in only}


def write_corpus(out_dir, secret_file=None, only=None):
    files, links = corpus(secret_file)
    files = materialise(files, only)
    links = {k: v for k, v in links.items() if only is None or k in only}
    os.makedirs(out_dir, exist_ok=True)
    for rel, data in sorted(files.items()):
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
    for rel, target in sorted(links.items()):
        path = os.path.join(out_dir, rel)
        if os.path.lexists(path):
            os.remove(path)
        os.symlink(target, path)
    return files, links


FUZZ_SEEDS = {
    "docx": ["sop-valid.docx", "xss.docx", "garbage-xml.docx", "xxe-passwd.docx",
             "xxe-in-rels.docx", "billion-laughs.docx", "deep-nesting.docx", "truncated.docx",
             "rels-traversal.docx", "zip-slip.docx", "xinclude-passwd.docx"],
    "sniff": ["sop-valid.docx", "truncated.docx", "legacy.doc", "password-protected.docx",
              "pdf-named.docx", "encrypted.pdf", "no-pages.pdf", "image-named.pdf",
              "huge-pixels.png", "truncated.jpg", "text-named.docx", "rels-traversal.docx"],
}


def write_fuzz_seeds(out_dir):
    """The small files of the corpus as libFuzzer seeds: out_dir/<target>/<name>."""
    files = materialise(corpus()[0], {n for names in FUZZ_SEEDS.values() for n in names})
    for target, names in FUZZ_SEEDS.items():
        os.makedirs(os.path.join(out_dir, target), exist_ok=True)
        for name in names:
            with open(os.path.join(out_dir, target, name), "wb") as fh:
                fh.write(files[name])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out_dir", nargs="?")
    ap.add_argument("--secret-file")
    ap.add_argument("--check-expected", action="store_true",
                    help="check that expected.json names exactly the files the corpus holds")
    ap.add_argument("--fuzz-seeds", metavar="DIR",
                    help="write the libFuzzer seed corpora (fuzz/corpus) to DIR instead")
    ap.add_argument("--only", help="comma-separated names: write just these entries")
    args = ap.parse_args()
    if args.fuzz_seeds:
        write_fuzz_seeds(args.fuzz_seeds)
        return 0
    if args.check_expected:
        files, links = corpus("/nonexistent-secret")
        expected = json.load(open(os.path.join(os.path.dirname(__file__), "expected.json"),
                                  encoding="utf-8"))["files"]
        names = set(files) | set(links)
        missing = sorted(names - set(expected))
        extra = sorted(set(expected) - names)
        if missing or extra:
            print("not in expected.json:", missing, "\nnot in the corpus:", extra)
            return 1
        print("expected.json covers all %d entries" % len(names))
        return 0
    if not args.out_dir:
        ap.error("out_dir is required")
    only = set(args.only.split(",")) if args.only else None
    files, links = write_corpus(args.out_dir, args.secret_file, only)
    print("wrote %d files and %d symlinks to %s" % (len(files), len(links), args.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
