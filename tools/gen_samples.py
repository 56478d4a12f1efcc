#!/usr/bin/env python3
"""Writes the sample SOP AP Word files of samples/ (and nothing else).

Standard library only; the output is byte-reproducible (fixed zip timestamps, fixed member
order, no randomness), so `git diff` shows when a change of this script changes a sample.
Run: python3 tools/gen_samples.py [OUTDIR]   (default: samples/ next to this script's parent)

Each sample is a realistic Indonesian SOP AP with a different layout, and some carry deliberate
defects; samples/README.md lists them and the findings they should earn.
"""
import os
import struct
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape

W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'mc:Ignorable="w14"')

EMU_PER_TWIP = 635
F4_LANDSCAPE = (18709, 12242)
A4_LANDSCAPE = (16838, 11906)
A4_PORTRAIT = (11906, 16838)


# ---------------------------------------------------------------- WordprocessingML pieces

def run(text, bold=False, size=20, font=None):
    props = ''
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
    if bold:
        props += '<w:b/><w:bCs/>'
    props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    out = []
    for i, line in enumerate(text.split('\n')):
        if i:
            out.append('<w:br/>')
        out.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    return f'<w:r><w:rPr>{props}</w:rPr>{"".join(out)}</w:r>'


def para(content='', align=None, bold=False, size=20, extra_ppr='', raw=False):
    ppr = '<w:spacing w:before="0" w:after="0"/>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    ppr += extra_ppr
    body = content if raw else (run(content, bold, size) if content else '')
    return f'<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>'


def page_break():
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def cell(content, width, span=1, vmerge=None, shade=False, valign=None):
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == 'restart':
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == 'continue':
        props += '<w:vMerge/>'
    if shade:
        props += '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
    if valign:
        props += f'<w:vAlign w:val="{valign}"/>'
    if not content:
        content = para()
    return f'<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>'


def row(cells, header=False, height=None):
    props = '<w:cantSplit/>'
    if header:
        props += '<w:tblHeader/>'
    if height:
        props += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
    return f'<w:tr><w:trPr>{props}</w:trPr>{"".join(cells)}</w:tr>'


def table(widths, rows, borders=True):
    border = ''
    if borders:
        edges = ''.join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                        for e in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
        border = f'<w:tblBorders>{edges}</w:tblBorders>'
    grid = ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'{border}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'{"".join(rows)}</w:tbl>')


def lines(items, size=18):
    """Paragraphs of a cell, one per item."""
    return ''.join(para(t, size=size) for t in items) if items else para()


def section(size, last=True):
    w, h = size
    orient = ' w:orient="landscape"' if w > h else ''
    sect = (f'<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="1134" '
            f'w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" '
            f'w:gutter="0"/><w:cols w:space="708"/></w:sectPr>')
    return sect if last else f'<w:p><w:pPr>{sect}</w:pPr></w:p>'


# ---------------------------------------------------------------- drawings

class Ids:
    def __init__(self):
        self.n = 0

    def next(self):
        self.n += 1
        return self.n


DML_PRESETS = {
    'flowchart': {'terminator': 'flowChartTerminator', 'process': 'flowChartProcess',
                  'decision': 'flowChartDecision', 'connector': 'flowChartOffpageConnector'},
    'basic': {'terminator': 'roundRect', 'process': 'rect', 'decision': 'diamond',
              'connector': 'homePlate'},
}
SHAPE_NAMES = {'terminator': 'Flowchart: Terminator', 'process': 'Flowchart: Process',
               'decision': 'Flowchart: Decision', 'connector': 'Flowchart: Off-page Connector'}
VML_TYPES = {'terminator': 116, 'process': 109, 'decision': 110, 'connector': 177}


def pt(emu):
    return f'{emu / 12700:.2f}pt'


def vml_fallback(symbol, x, y, w, h, ids, text=''):
    style = (f'position:absolute;margin-left:{pt(x)};margin-top:{pt(y)};width:{pt(w)};'
             f'height:{pt(h)};z-index:{ids.n};mso-position-horizontal-relative:text;'
             f'mso-position-vertical-relative:text')
    box = (f'<v:textbox><w:txbxContent>{para(text, align="center", size=14)}</w:txbxContent>'
           f'</v:textbox>') if text else ''
    sid = f'_x0000_s{1024 + ids.n}'
    if symbol == 'terminator':
        return f'<v:roundrect id="{sid}" style="{style}" arcsize="50%" strokeweight="1pt">{box}</v:roundrect>'
    if symbol == 'process':
        return f'<v:rect id="{sid}" style="{style}" strokeweight="1pt">{box}</v:rect>'
    return (f'<v:shape id="{sid}" type="#_x0000_t{VML_TYPES[symbol]}" style="{style}" '
            f'strokeweight="1pt">{box}</v:shape>')


def dml_anchor(graphic, x, y, w, h, ids, name):
    n = ids.next()
    return (f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" '
            f'simplePos="0" relativeHeight="{251658240 + n}" behindDoc="0" locked="0" '
            f'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:wrapNone/><wp:docPr id="{n}" name="{name} {n}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData '
            f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'{graphic}</a:graphicData></a:graphic></wp:anchor></w:drawing>')


def dml_symbol(symbol, style, x, y, w, h, ids, text=''):
    prst = DML_PRESETS[style][symbol]
    txbx = (f'<wps:txbx><w:txbxContent>{para(text, align="center", size=14)}</w:txbxContent>'
            f'</wps:txbx>') if text else ''
    wsp = (f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
           f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>'
           f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="12700"><a:solidFill>'
           f'<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>{txbx}'
           f'<wps:bodyPr anchor="ctr"/></wps:wsp>')
    drawing = dml_anchor(wsp, x, y, w, h, ids, SHAPE_NAMES[symbol])
    # Word writes every wps shape twice: the DrawingML choice and a VML fallback.
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f'<mc:Fallback><w:pict>{vml_fallback(symbol, x, y, w, h, ids, text)}</w:pict>'
            f'</mc:Fallback></mc:AlternateContent></w:r>')


def dml_arrow(x, y, length, ids):
    """A straight arrow pointing down from the symbol toward the next row."""
    wsp = (f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
           f'<a:ext cx="0" cy="{length}"/></a:xfrm><a:prstGeom prst="straightConnector1">'
           f'<a:avLst/></a:prstGeom><a:noFill/><a:ln w="9525"><a:solidFill>'
           f'<a:srgbClr val="000000"/></a:solidFill><a:tailEnd type="triangle"/></a:ln>'
           f'</wps:spPr><wps:bodyPr/></wps:wsp>')
    drawing = dml_anchor(wsp, x, y, 0, length, ids, 'Straight Arrow Connector')
    fallback = (f'<v:line id="_x0000_s{1024 + ids.n}" style="position:absolute;z-index:{ids.n};'
                f'mso-position-horizontal-relative:text;mso-position-vertical-relative:text" '
                f'from="{pt(x)},{pt(y)}" to="{pt(x)},{pt(y + length)}" strokeweight=".75pt">'
                f'<v:stroke endarrow="block"/></v:line>')
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f'<mc:Fallback><w:pict>{fallback}</w:pict></mc:Fallback></mc:AlternateContent></w:r>')


VML_SHAPETYPES = (
    '<v:shapetype id="_x0000_t116" coordsize="21600,21600" o:spt="116" '
    'path="m3475,qx,10800,3475,21600l18125,21600qx21600,10800,18125,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    '<v:shapetype id="_x0000_t110" coordsize="21600,21600" o:spt="110" '
    'path="m10800,l,10800,10800,21600,21600,10800xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    '<v:shapetype id="_x0000_t32" coordsize="21600,21600" o:spt="32" o:oned="t" '
    'path="m,l21600,21600e" filled="f"><v:path arrowok="t" fillok="f" o:connecttype="none"/>'
    '</v:shapetype>')


def vml_symbol(symbol, x, y, w, h, ids, with_types):
    """A legacy (Word 2003) VML drawing: no DrawingML at all."""
    ids.next()
    style = (f'position:absolute;margin-left:{pt(x)};margin-top:{pt(y)};width:{pt(w)};'
             f'height:{pt(h)};z-index:{ids.n};mso-position-horizontal-relative:text;'
             f'mso-position-vertical-relative:text')
    sid = f'_x0000_s{2048 + ids.n}'
    if symbol == 'terminator':
        shape = f'<v:shape id="{sid}" type="#_x0000_t116" style="{style}" strokeweight="1pt"/>'
    elif symbol == 'process':
        shape = f'<v:rect id="{sid}" style="{style}" strokeweight="1pt"/>'
    elif symbol == 'decision':
        shape = f'<v:shape id="{sid}" type="#_x0000_t110" style="{style}" strokeweight="1pt"/>'
    else:
        shape = f'<v:shape id="{sid}" type="#_x0000_t177" style="{style}" strokeweight="1pt"/>'
    types = VML_SHAPETYPES if with_types else ''
    return f'<w:r><w:pict>{types}{shape}</w:pict></w:r>'


def vml_arrow(x, y, length, ids):
    ids.next()
    return (f'<w:r><w:pict><v:shape id="_x0000_s{2048 + ids.n}" type="#_x0000_t32" '
            f'style="position:absolute;margin-left:{pt(x)};margin-top:{pt(y)};width:0;'
            f'height:{pt(length)};z-index:{ids.n};mso-position-horizontal-relative:text" '
            f'o:connectortype="straight" strokeweight=".75pt"><v:stroke endarrow="block"/>'
            f'</v:shape></w:pict></w:r>')


def logo_png():
    """A 48x48 grey emblem (a shield-like disc), as a real PNG."""
    size = 48
    rows = []
    for y in range(size):
        line = bytearray([0])
        for x in range(size):
            d = ((x - 23.5) ** 2 + (y - 23.5) ** 2) ** 0.5
            line.append(40 if d < 14 else 140 if d < 22 else 255)
        rows.append(bytes(line))
    raw = zlib.compress(b''.join(rows), 9)

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', raw) + chunk(b'IEND', b''))


def logo_run(ids):
    n = ids.next()
    cx = cy = 640080
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Logo {n}"/>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            f'</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


# ---------------------------------------------------------------- SOP content

LABELS = {
    'nomor': 'Nomor SOP', 'tanggal_pembuatan': 'Tanggal Pembuatan',
    'tanggal_revisi': 'Tanggal Revisi', 'tanggal_efektif': 'Tanggal Efektif',
    'disahkan_oleh': 'Disahkan Oleh', 'nama': 'Nama SOP', 'dasar_hukum': 'Dasar Hukum',
    'kualifikasi_pelaksana': 'Kualifikasi Pelaksana', 'keterkaitan': 'Keterkaitan',
    'peralatan_perlengkapan': 'Peralatan/Perlengkapan', 'peringatan': 'Peringatan',
    'pencatatan_pendataan': 'Pencatatan dan Pendataan',
}
TOP_FIELDS = ['nomor', 'tanggal_pembuatan', 'tanggal_revisi', 'tanggal_efektif',
              'disahkan_oleh', 'nama']
BOX_FIELDS = [('dasar_hukum', 'kualifikasi_pelaksana'), ('keterkaitan', 'peralatan_perlengkapan'),
              ('peringatan', 'pencatatan_pendataan')]


def approval(jabatan, nama, pangkat, nip):
    return [jabatan, '', '', nama, pangkat, f'NIP. {nip}']


def value_lines(sop, key):
    v = sop['fields'].get(key, '')
    if isinstance(v, list):
        return v
    return [v] if v else []


def numbered(items):
    return [f'{i}. {t}' for i, t in enumerate(items, 1)]


def identity_grid(sop, ids, colon=False, upper=False):
    """The standard header: logo + body name merged down the left, label/value rows on the
    right, the six boxes (label above, content below) underneath."""
    labels = dict(LABELS, **sop.get('labels', {}))
    lab = (lambda k: labels[k].upper()) if upper else (lambda k: labels[k])
    if colon:
        widths = [6000, 3300, 300, 7100]
    else:
        widths = [6000, 3300, 7400]
    left = para(logo_run(ids), align='center', raw=True) + ''.join(
        para(t, align='center', bold=True, size=20) for t in sop['instansi'])
    rows = []
    present = [k for k in TOP_FIELDS if k not in sop.get('omit', ())]
    for i, key in enumerate(present):
        first = cell(left if i == 0 else '', widths[0], vmerge='restart' if i == 0 else 'continue',
                     valign='center')
        label = cell(para(lab(key), bold=True, size=18), widths[1], valign='center')
        value = cell(lines(value_lines(sop, key)), widths[-1], valign='center')
        if colon:
            rows.append(row([first, label, cell(para(':', size=18), widths[2]), value], height=420))
        else:
            rows.append(row([first, label, value], height=420))
    right_span = len(widths) - 1
    right_width = sum(widths[1:])
    for a, b in BOX_FIELDS:
        boxes = [(k, 1 if k == a else right_span) for k in (a, b) if k not in sop.get('omit', ())]
        if len(boxes) < 2:  # a box left out: its neighbour takes the whole row
            k = boxes[0][0]
            rows.append(row([cell(para(lab(k), bold=True, size=18), sum(widths), span=len(widths),
                                  shade=True)]))
            rows.append(row([cell(lines(value_lines(sop, k)), sum(widths), span=len(widths))]))
            continue
        rows.append(row([cell(para(lab(a), bold=True, size=18), widths[0], shade=True),
                         cell(para(lab(b), bold=True, size=18), right_width, span=right_span,
                              shade=True)]))
        rows.append(row([cell(lines(value_lines(sop, a)), widths[0]),
                         cell(lines(value_lines(sop, b)), right_width, span=right_span)],
                        height=600))
    return table(widths, rows)


def identity_plain(sop, upper=True):
    """A plain two-column table: one label/value row per field."""
    labels = dict(LABELS, **sop.get('labels', {}))
    widths = [4200, 12000]
    rows = [row([cell(''.join(para(t, align='center', bold=True, size=22) for t in sop['instansi']),
                      sum(widths), span=2)])]
    for key in TOP_FIELDS + [k for pair in BOX_FIELDS for k in pair]:
        if key in sop.get('omit', ()):
            continue
        label = labels[key].upper() if upper else labels[key]
        rows.append(row([cell(para(label, bold=True, size=18), widths[0]),
                         cell(lines(value_lines(sop, key)), widths[1])]))
    return table(widths, rows)


PROC_WIDTHS = {'no': 500, 'kegiatan': 3600, 'actor': 1350, 'kelengkapan': 2000, 'waktu': 1000,
               'output': 1900, 'keterangan': 1500}
SYMBOL_W, SYMBOL_H = 640080, 274320


def procedure_header(actors):
    w = PROC_WIDTHS
    hdr = lambda t: para(t, align='center', bold=True, size=18)
    r1 = row([cell(hdr('No'), w['no'], vmerge='restart', shade=True, valign='center'),
              cell(hdr('Kegiatan'), w['kegiatan'], vmerge='restart', shade=True, valign='center'),
              cell(hdr('Pelaksana'), w['actor'] * len(actors), span=len(actors), shade=True),
              cell(hdr('Mutu Baku'), w['kelengkapan'] + w['waktu'] + w['output'], span=3,
                   shade=True),
              cell(hdr('Keterangan'), w['keterangan'], vmerge='restart', shade=True,
                   valign='center')], header=True)
    r2 = row([cell('', w['no'], vmerge='continue', shade=True),
              cell('', w['kegiatan'], vmerge='continue', shade=True)] +
             [cell(hdr(a), w['actor'], shade=True) for a in actors] +
             [cell(hdr('Kelengkapan'), w['kelengkapan'], shade=True),
              cell(hdr('Waktu'), w['waktu'], shade=True),
              cell(hdr('Output'), w['output'], shade=True),
              cell('', w['keterangan'], vmerge='continue', shade=True)], header=True)
    return [r1, r2]


def procedure_table(actors, steps, ids, symbols='dml', style='flowchart', anchor='cell',
                    first_no=1, connector_in=None, connector_out=None, last_table=True):
    """steps: (kegiatan, actor index, symbol, kelengkapan, waktu, output, keterangan).
    symbols: dml | vml | marks; anchor: cell (the actor's cell) | kegiatan (anchored in the
    Kegiatan cell, pushed by its offset into the actor's column)."""
    w = PROC_WIDTHS
    widths = [w['no'], w['kegiatan']] + [w['actor']] * len(actors) + [
        w['kelengkapan'], w['waktu'], w['output'], w['keterangan']]
    rows = procedure_header(actors)
    centre = (w['actor'] * EMU_PER_TWIP - SYMBOL_W) // 2
    vml_types_written = False
    for i, (kegiatan, actor, symbol, kelengkapan, waktu, output, ket) in enumerate(steps):
        runs = {}

        def add(col, xml):
            runs[col] = runs.get(col, '') + xml

        last = last_table and i == len(steps) - 1
        if symbols == 'marks':
            add(actor, run('\u2713', size=22) if i % 2 == 0 else
                '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>')
        else:
            host = actor if anchor == 'cell' else 'kegiatan'
            x = centre if anchor == 'cell' else (w['kegiatan'] + w['actor'] * actor) * EMU_PER_TWIP + centre
            if symbols == 'dml':
                add(host, dml_symbol(symbol, style, x, 91440, SYMBOL_W, SYMBOL_H, ids))
                if not last:
                    add(host, dml_arrow(x + SYMBOL_W // 2, 91440 + SYMBOL_H, 182880, ids))
            else:
                add(host, vml_symbol(symbol, x, 91440, SYMBOL_W, SYMBOL_H, ids,
                                     not vml_types_written))
                vml_types_written = True
                if not last:
                    add(host, vml_arrow(x + SYMBOL_W // 2, 91440 + SYMBOL_H, 182880, ids))
            # Off-page connectors share the cell of the step they continue from / into.
            if (connector_in is not None and i == 0) or (connector_out is not None and
                                                         i == len(steps) - 1):
                label = connector_in if i == 0 else connector_out
                cx = x + SYMBOL_W + 45720
                if symbols == 'dml':
                    add(host, dml_symbol('connector', style, cx, 91440, 274320, 274320, ids, label))
                else:
                    add(host, vml_symbol('connector', cx, 91440, 274320, 274320, ids, False))
        cells = [cell(para(str(first_no + i) + '.', align='center', size=18), w['no']),
                 cell(para(kegiatan, size=18) +
                      (para(runs['kegiatan'], raw=True) if 'kegiatan' in runs else ''),
                      w['kegiatan'])]
        for a in range(len(actors)):
            cells.append(cell(para(runs.get(a, ''), align='center', raw=True), w['actor']))
        cells += [cell(para(kelengkapan, size=18), w['kelengkapan']),
                  cell(para(waktu, align='center', size=18), w['waktu']),
                  cell(para(output, size=18), w['output']),
                  cell(para(ket, size=18), w['keterangan'])]
        rows.append(row(cells, height=700))
    return table(widths, rows)


def title(text):
    return para(text, align='center', bold=True, size=24)


# ---------------------------------------------------------------- the samples

INSTANSI_ORG = ['PEMERINTAH KABUPATEN PANDEGLANG', 'SEKRETARIAT DAERAH', 'BAGIAN ORGANISASI']
INSTANSI_BKPSDM = ['PEMERINTAH KABUPATEN PANDEGLANG',
                   'BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA']
INSTANSI_DPMPTSP = ['PEMERINTAH KABUPATEN PANDEGLANG',
                    'DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU']
INSTANSI_KEC = ['PEMERINTAH KABUPATEN PANDEGLANG', 'KECAMATAN LABUAN']

BASE_LAWS = [
    'Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah',
    'Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan',
    'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 '
    'tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan',
]


def with_overrides(sop, over):
    """The SOP with keyword overrides applied: 'fields' is merged into its fields, any other key
    (instansi, actors, steps, labels, omit) replaces the default."""
    for k, v in over.items():
        if k == 'fields':
            sop['fields'] = dict(sop['fields'], **v)
        else:
            sop[k] = v
    return sop


def sop_cuti(**over):
    sop = {
        'instansi': INSTANSI_BKPSDM,
        'fields': {
            'nomor': '800/014/SOP-BKPSDM/2023',
            'tanggal_pembuatan': '2 Januari 2023',
            'tanggal_revisi': '-',
            'tanggal_efektif': '16 Januari 2023',
            'disahkan_oleh': approval('KEPALA BKPSDM KABUPATEN PANDEGLANG,', 'Drs. Ahmad Fauzi, M.Si.',
                                      'Pembina Utama Muda', '19750812 200003 1 004'),
            'nama': 'Pelayanan Permohonan Cuti Tahunan Pegawai Negeri Sipil',
            'dasar_hukum': numbered(BASE_LAWS + [
                'Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil',
                'Peraturan Badan Kepegawaian Negara Nomor 24 Tahun 2017 tentang Tata Cara Pemberian Cuti PNS']),
            'kualifikasi_pelaksana': numbered(['Minimal SMA/sederajat', 'Memahami peraturan cuti PNS',
                                               'Mampu mengoperasikan komputer']),
            'keterkaitan': numbered(['SOP Pelayanan Administrasi Kepegawaian', 'SOP Pengelolaan Surat Keluar']),
            'peralatan_perlengkapan': numbered(['Formulir permohonan cuti', 'Komputer dan printer',
                                                'Buku agenda']),
            'peringatan': 'Apabila SOP ini tidak dilaksanakan, permohonan cuti terlambat diproses dan hak cuti pegawai terganggu',
            'pencatatan_pendataan': numbered(['Buku register cuti', 'Arsip surat izin cuti']),
        },
        'actors': ['Pegawai', 'Staf Kepegawaian', 'Kasubbid Mutasi', 'Kepala BKPSDM'],
        'steps': [
            ('Mengajukan permohonan cuti dengan mengisi formulir', 0, 'terminator',
             'Formulir permohonan cuti', '15 menit', 'Formulir terisi', ''),
            ('Menerima dan memeriksa kelengkapan berkas permohonan', 1, 'decision',
             'Formulir, sisa hak cuti', '30 menit', 'Berkas lengkap',
             'Tidak lengkap: dikembalikan ke pegawai'),
            ('Membuat konsep surat izin cuti', 1, 'process', 'Berkas lengkap', '1 jam',
             'Konsep surat izin cuti', ''),
            ('Memeriksa dan memaraf konsep surat izin cuti', 2, 'process', 'Konsep surat',
             '30 menit', 'Konsep terparaf', ''),
            ('Menandatangani surat izin cuti', 3, 'process', 'Konsep terparaf', '1 hari',
             'Surat izin cuti', ''),
            ('Menerima surat izin cuti', 0, 'terminator', 'Surat izin cuti', '10 menit',
             'Surat diterima', ''),
        ],
    }
    return with_overrides(sop, over)


def sop_penelitian(**over):
    sop = {
        'instansi': INSTANSI_DPMPTSP,
        'fields': {
            'nomor': '503/021/SOP-DPMPTSP/2022',
            'tanggal_pembuatan': '10 Maret 2022',
            'tanggal_revisi': '-',
            'tanggal_efektif': '1 April 2022',
            'disahkan_oleh': approval('KEPALA DINAS PENANAMAN MODAL DAN PTSP,', 'Hj. Siti Rohmah, S.H., M.H.',
                                      'Pembina Tingkat I', '19700305 199503 2 002'),
            'nama': 'Penerbitan Surat Keterangan Penelitian',
            'dasar_hukum': numbered(BASE_LAWS + [
                'Peraturan Menteri Dalam Negeri Nomor 3 Tahun 2018 tentang Penerbitan Surat Keterangan Penelitian']),
            'kualifikasi_pelaksana': numbered(['Minimal D3 semua jurusan', 'Memahami pelayanan perizinan']),
            'keterkaitan': numbered(['SOP Pelayanan Informasi Perizinan']),
            'peralatan_perlengkapan': numbered(['Aplikasi perizinan daring', 'Komputer, printer dan jaringan internet']),
            'peringatan': 'Jika SOP tidak dilaksanakan, surat keterangan penelitian tidak terbit tepat waktu',
            'pencatatan_pendataan': numbered(['Register surat keterangan penelitian', 'Basis data pemohon']),
        },
        'actors': ['Pemohon', 'Petugas Front Office', 'Verifikator', 'Kepala Bidang'],
        'steps': [
            ('Mengajukan permohonan beserta proposal penelitian', 0, 'terminator',
             'Surat pengantar, proposal, KTP', '10 menit', 'Berkas permohonan', ''),
            ('Menerima berkas dan mencatat dalam register', 1, 'process', 'Berkas permohonan',
             '15 menit', 'Tanda terima', ''),
            ('Memverifikasi kelengkapan dan keabsahan berkas', 2, 'decision', 'Berkas permohonan',
             '1 jam', 'Berkas terverifikasi', 'Tidak sah: permohonan ditolak'),
            ('Mencetak draf surat keterangan penelitian', 1, 'process', 'Berkas terverifikasi',
             '30 menit', 'Draf surat', ''),
            ('Menandatangani surat keterangan penelitian', 3, 'process', 'Draf surat', '1 hari',
             'Surat keterangan penelitian', ''),
            ('Menyerahkan surat kepada pemohon', 1, 'process', 'Surat keterangan', '10 menit',
             'Tanda terima surat', ''),
            ('Menerima surat keterangan penelitian', 0, 'terminator', 'Tanda terima', '5 menit',
             'Surat diterima', ''),
        ],
    }
    return with_overrides(sop, over)


def sop_surat_masuk(**over):
    sop = {
        'instansi': INSTANSI_KEC,
        'fields': {
            'nomor': '000.8/005/SOP-KEC.LBN/2021',
            'tanggal_pembuatan': '4 Oktober 2021',
            'tanggal_revisi': '11 Juli 2023',
            'tanggal_efektif': '1 November 2021',
            'disahkan_oleh': approval('CAMAT LABUAN,', 'Rahmat Hidayat, S.STP., M.Si.', 'Pembina',
                                      '19820417 200112 1 003'),
            'nama': 'Penerimaan dan Pengagendaan Surat Masuk',
            'dasar_hukum': numbered(BASE_LAWS[:2] + [
                'Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan Pemerintah Daerah']),
            'kualifikasi_pelaksana': numbered(['Minimal SMA/sederajat', 'Memahami tata naskah dinas']),
            'keterkaitan': numbered(['SOP Pengelolaan Surat Keluar', 'SOP Disposisi Surat']),
            'peralatan_perlengkapan': numbered(['Buku agenda surat masuk', 'Lembar disposisi', 'Komputer']),
            'peringatan': 'Surat masuk tidak tercatat dan tidak sampai kepada pejabat yang berwenang',
            'pencatatan_pendataan': numbered(['Buku agenda surat masuk', 'Arsip lembar disposisi']),
        },
        'actors': ['Petugas Agenda', 'Sekretaris Camat', 'Camat'],
        'steps': [
            ('Menerima surat masuk dari pengantar surat', 0, 'terminator', 'Surat masuk',
             '5 menit', 'Surat diterima', ''),
            ('Mencatat surat dalam buku agenda', 0, 'process', 'Buku agenda', '10 menit',
             'Surat tercatat', ''),
            ('Meneruskan surat kepada Sekretaris Camat', 0, 'process', 'Lembar disposisi',
             '10 menit', 'Surat dan lembar disposisi', ''),
            ('Menelaah surat dan memberi catatan', 1, 'process', 'Surat, lembar disposisi',
             '30 menit', 'Catatan telaahan', ''),
            ('Memberikan disposisi surat', 2, 'decision', 'Surat, catatan telaahan', '1 hari',
             'Disposisi', 'Perlu tindak lanjut: ke unit terkait'),
            ('Mendistribusikan surat sesuai disposisi', 0, 'terminator', 'Disposisi', '15 menit',
             'Surat terdistribusi', ''),
        ],
    }
    return with_overrides(sop, over)


def one_sop_document(sop, ids, identity, symbols='dml', style='flowchart', anchor='cell',
                     size=F4_LANDSCAPE):
    heading = title('PROSEDUR ' + sop['fields']['nama'].upper())
    return (identity + page_break() + heading +
            procedure_table(sop['actors'], sop['steps'], ids, symbols, style, anchor) +
            section(size))


def sample_01(ids):
    sop = sop_cuti()
    return one_sop_document(sop, ids, identity_grid(sop, ids))


def sample_02(ids):
    sop = sop_penelitian(
        labels={'tanggal_pembuatan': 'Tgl. Pembuatan', 'tanggal_efektif': 'Tanggal Berlaku',
                'dasar_hukum': 'Landasan Hukum', 'keterkaitan': 'Keterkaitan SOP'},
        fields={'tanggal_pembuatan': '31 Februari 2022',
                'disahkan_oleh': approval('KEPALA DINAS PENANAMAN MODAL DAN PTSP,',
                                          'Hj. Siti Rohmah, S.H., M.H.', 'Pembina Tingkat I',
                                          '19701345 199503 3 002')})
    return one_sop_document(sop, ids, identity_grid(sop, ids, colon=True, upper=True),
                            anchor='kegiatan')


def sample_03(ids):
    steps = list(sop_surat_masuk()['steps'])
    keg, actor, sym, kel, _, out, ket = steps[3]
    steps[3] = (keg, actor, sym, kel, '', out, ket)  # Waktu left empty
    sop = sop_surat_masuk(
        steps=steps,
        fields={'dasar_hukum': numbered([
            'Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah',
            'Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan',
            'Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan Pemerintah Daerah'])})
    return one_sop_document(sop, ids, identity_plain(sop, upper=False), symbols='vml',
                            size=A4_LANDSCAPE)


def sample_04(ids):
    sop = sop_cuti(omit=('peringatan',), fields={'tanggal_efektif': '....'},
                   instansi=['PEMERINTAH KABUPATEN PANDEGLANG', 'SEKRETARIAT DAERAH',
                             'BAGIAN UMUM'])
    sop['fields']['nomor'] = '800/022/SOP-UMUM/2020'
    return one_sop_document(sop, ids, identity_grid(sop, ids, upper=True), symbols='marks')


def sample_05(ids):
    """A legacy SOP: identity table, then the steps as a numbered list; no procedure table."""
    sop = sop_surat_masuk()
    body = identity_plain(sop) + para() + para('Uraian Prosedur:', bold=True, size=22)
    for keg, *_ in sop['steps']:
        body += para(keg, size=20, extra_ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    return body + section(A4_PORTRAIT)


def sample_06(ids):
    """A Buku SOP: cover, a list of contents, then two SOPs one after another."""
    cover = (para() * 6 + title('BUKU') + title('STANDAR OPERASIONAL PROSEDUR') +
             title('ADMINISTRASI PEMERINTAHAN') + para() +
             para(logo_run(ids), align='center', raw=True) + para() +
             title('BAGIAN ORGANISASI SEKRETARIAT DAERAH') + title('KABUPATEN PANDEGLANG') +
             title('TAHUN 2023') + page_break() +
             title('DAFTAR ISI') + para('1. SOP Pelayanan Permohonan Cuti Tahunan\t3') +
             para('2. SOP Penerimaan dan Pengagendaan Surat Masuk\t5') + page_break())
    first = sop_cuti(instansi=INSTANSI_ORG)
    steps = list(sop_surat_masuk()['steps'])
    keg, actor, _, kel, wkt, out, ket = steps[-1]
    steps[-1] = (keg, actor, 'process', kel, wkt, out, ket)  # ends without a terminator
    second = sop_surat_masuk(instansi=INSTANSI_ORG, steps=steps)
    second['fields']['nomor'] = '000.8/031/SOP-ORG/2023'
    body = cover
    body += identity_grid(first, ids) + page_break() + title('PROSEDUR PELAYANAN PERMOHONAN CUTI')
    body += procedure_table(first['actors'], first['steps'], ids) + page_break()
    body += identity_grid(second, ids) + page_break() + title('PROSEDUR PENERIMAAN SURAT MASUK')
    body += procedure_table(second['actors'], second['steps'], ids, style='basic')
    return body + section(F4_LANDSCAPE)


def sample_07(ids):
    """A long procedure over two pages: the table is split, the header repeated, off-page
    connectors (A) link the two parts."""
    sop = sop_penelitian()
    steps = list(sop['steps'])
    keg, actor, sym, kel, wkt, _, ket = steps[5]
    steps[5] = (keg, actor, sym, kel, wkt, '', ket)  # Output left empty
    part1, part2 = steps[:4], steps[4:]
    body = identity_grid(sop, ids) + page_break() + title('PROSEDUR ' + sop['fields']['nama'].upper())
    body += procedure_table(sop['actors'], part1, ids, connector_out='A', last_table=False)
    body += page_break()
    body += procedure_table(sop['actors'], part2, ids, first_no=5, connector_in='A')
    return body + section(A4_LANDSCAPE)


def sample_08(ids):
    """Hostile text in the fields: the reports must show it as text, never run it."""
    steps = list(sop_cuti()['steps'])
    keg, actor, sym, kel, wkt, out, ket = steps[2]
    steps[2] = ('Membuat konsep surat "><img src=x onerror=alert(1)>', actor, sym, kel, wkt,
                out, "'; DROP TABLE files; --")
    sop = sop_cuti(steps=steps, fields={
        'nama': '<script>alert(1)</script> Pelayanan Cuti',
        'nomor': '800/099/SOP-BKPSDM/2023 "><img src=x onerror=alert(1)>'})
    return one_sop_document(sop, ids, identity_grid(sop, ids))


SAMPLES = [
    ('sop-01-standar.docx', sample_01),
    ('sop-02-titik-dua-offset.docx', sample_02),
    ('sop-03-vml-dua-kolom.docx', sample_03),
    ('sop-04-tanda-centang.docx', sample_04),
    ('sop-05-daftar-langkah.docx', sample_05),
    ('sop-06-buku-sop.docx', sample_06),
    ('sop-07-bersambung.docx', sample_07),
    ('sop-08-teks-berbahaya.docx', sample_08),
]

# ---------------------------------------------------------------- the package

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Default Extension="png" ContentType="image/png"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                 '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                 '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                 '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
             '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/>'
            '</Relationships>')
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
          '<w:sz w:val="20"/><w:lang w:val="id-ID"/></w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '</w:styles>')
NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
             '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
             '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def core_props(title_text):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title_text)}</dc:title><dc:creator>Bagian Organisasi</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-02T08:00:00Z</dcterms:created>'
            '</cp:coreProperties>')


def write_docx(path, body, title_text):
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document {W_NS}><w:body>{body}</w:body></w:document>')
    members = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
               ('docProps/core.xml', core_props(title_text)), ('word/document.xml', document),
               ('word/styles.xml', STYLES), ('word/numbering.xml', NUMBERING),
               ('word/_rels/document.xml.rels', DOC_RELS), ('word/media/logo.png', logo_png())]
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data,
                       compresslevel=9)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(here), 'samples')
    os.makedirs(out, exist_ok=True)
    for name, build in SAMPLES:
        ids = Ids()
        write_docx(os.path.join(out, name), build(ids), name[:-5])
        print('wrote', os.path.join(out, name))


if __name__ == '__main__':
    main()
