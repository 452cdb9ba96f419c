"""Chinese text in a PDF that extracts, copies and searches as it reads.

The Noto CJK fonts (every variant: SC, TC, JP...) draw a Kangxi radical and its
unified ideograph with one glyph: 至 (U+81F3) and ⾄ (U+2F84), 日 and ⽇, 月 and
⽉. wkhtmltopdf's Qt writes each glyph's text in the PDF's ToUnicode map from
the font's reverse cmap, which gives the radical: a date printed 12月7日 is
copied, searched and extracted as 12⽉7⽇, and nobody finds it.

``searchable_cjk(pdf)`` maps those glyphs back to the ideographs in an
incremental update appended to the file: the original bytes, drawing and fonts
are untouched; only the text a reader extracts changes. Which ideograph a
radical's glyph is depends on the font's region: in the simplified Chinese face
⼾ is drawn as 户, in the traditional one as 戶 (the radical's own decomposition).
``RADICALS_BY_FACE`` is read from the cmaps of Noto Sans CJK SC and TC (the glyph
each radical shares with an ideograph); other fonts fall back on the
decomposition (NFKC).
"""

import io
import re
import unicodedata
import zlib

from odoo.tools.pdf import PdfReader

# a hex code in the radicals (CJK Radicals Supplement, Kangxi Radicals) or the
# compatibility ideographs, as a ToUnicode map writes it
_HEX = rb"<([0-9A-Fa-f]{4})>"
_RANGES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF))
_SECTION = re.compile(rb"(begin(bfchar|bfrange))(.*?)(end\2)", re.S)
# the region of a Noto CJK font from its PDF name (NotoSansCJKsc-Regular, ABCDEF+NotoSerifCJKtc-Bold...)
_FACE = re.compile(r"CJK(sc|tc|hk|jp|kr)", re.I)

RADICALS_BY_FACE = {
    "SC": (
        "2E82:4E5B 2E83:4E5A 2E85:4EBB 2E87:20628 2E89:5202 2E8B:353E 2E8D:2D544 2E8F:5C23 2E90:5C22 "
        "2E92:5DF3 2E93:5E7A 2E94:5F51 2E95:5F50 2E96:5FC4 2E98:624C 2E99:6535 2E9B:65E1 2E9E:6B7A 2E9F:6BCD "
        "2EA0:6C11 2EA1:6C35 2EA3:706C 2EA4:722B 2EA6:4E2C 2EA8:72AD 2EA9:248E9 2EAD:793B 2EAE:25AD7 "
        "2EAF:7CF9 2EB0:7E9F 2EB1:7F53 2EB3:34C1 2EB9:8002 2EBA:8080 2EBD:26951 2EBE:8279 2EC2:8864 2EC5:89C1 "
        "2EC6:89D2 2EC7:278B2 2EC8:8BA0 2EC9:8D1D 2ECA:27FB7 2ECB:8F66 2ECC:8FB6 2ED0:9485 2ED1:9577 "
        "2ED2:9578 2ED3:957F 2ED4:95E8 2ED5:28E0F 2ED6:961D 2ED8:9752 2ED9:97E6 2EDA:9875 2EDB:98CE 2EDC:98DE "
        "2EDD:98DF 2EDE:2967F 2EDF:98E0 2EE0:9963 2EE1:29810 2EE2:9A6C 2EE3:9AA8 2EE4:9B3C 2EE5:9C7C "
        "2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE 2EEB:6589 2EEC:9F50 2EEE:9F7F 2EEF:7ADC 2EF0:9F99 "
        "2EF1:9F9C 2EF2:4E80 2EF3:9F9F 2F00:4E00 2F01:4E28 2F02:4E36 2F03:4E3F 2F04:4E59 2F05:4E85 2F06:4E8C "
        "2F07:4EA0 2F08:4EBA 2F09:513F 2F0A:5165 2F0B:516B 2F0C:5182 2F0D:5196 2F0E:51AB 2F0F:51E0 2F10:51F5 "
        "2F11:5200 2F12:529B 2F13:52F9 2F14:5315 2F15:531A 2F16:5338 2F17:5341 2F18:535C 2F19:5369 2F1A:5382 "
        "2F1B:53B6 2F1C:53C8 2F1D:53E3 2F1E:56D7 2F1F:571F 2F20:58EB 2F21:5902 2F22:590A 2F23:5915 2F24:5927 "
        "2F25:5973 2F26:5B50 2F27:5B80 2F28:5BF8 2F29:5C0F 2F2A:5C22 2F2B:5C38 2F2C:5C6E 2F2D:5C71 2F2E:5DDB "
        "2F2F:5DE5 2F30:5DF1 2F31:5DFE 2F32:5E72 2F33:5E7A 2F34:5E7F 2F35:5EF4 2F36:5EFE 2F37:5F0B 2F38:5F13 "
        "2F3A:5F61 2F3B:5F73 2F3C:5FC3 2F3D:6208 2F3E:6237 2F3F:624B 2F40:652F 2F41:6534 2F42:6587 2F43:6597 "
        "2F44:65A4 2F45:65B9 2F46:65E0 2F47:65E5 2F48:66F0 2F49:6708 2F4A:6728 2F4B:6B20 2F4C:6B62 2F4D:6B79 "
        "2F4E:6BB3 2F4F:6BCB 2F50:6BD4 2F51:6BDB 2F52:6C0F 2F53:6C14 2F54:6C34 2F55:706B 2F56:722A 2F57:7236 "
        "2F58:723B 2F59:723F 2F5A:7247 2F5B:7259 2F5C:725B 2F5D:72AC 2F5E:7384 2F5F:7389 2F60:74DC 2F61:74E6 "
        "2F62:7518 2F63:751F 2F64:7528 2F65:7530 2F66:758B 2F67:7592 2F68:7676 2F69:767D 2F6A:76AE 2F6B:76BF "
        "2F6C:76EE 2F6D:77DB 2F6E:77E2 2F6F:77F3 2F70:793A 2F71:79B8 2F72:79BE 2F73:7A74 2F74:7ACB 2F75:7AF9 "
        "2F76:7C73 2F77:7CF8 2F78:7F36 2F79:7F51 2F7A:7F8A 2F7B:7FBD 2F7C:8001 2F7D:800C 2F7F:8033 2F80:807F "
        "2F81:8089 2F82:81E3 2F83:81EA 2F84:81F3 2F85:81FC 2F86:820C 2F87:821B 2F88:821F 2F89:826E 2F8A:8272 "
        "2F8B:8278 2F8C:864D 2F8D:866B 2F8E:8840 2F8F:884C 2F90:8863 2F91:897E 2F92:898B 2F94:8A00 2F95:8C37 "
        "2F96:8C46 2F97:8C55 2F98:8C78 2F99:8C9D 2F9A:8D64 2F9B:8D70 2F9C:8DB3 2F9D:8EAB 2F9E:8ECA 2F9F:8F9B "
        "2FA0:8FB0 2FA1:8FB5 2FA2:9091 2FA3:9149 2FA4:91C6 2FA5:91CC 2FA6:91D1 2FA7:9577 2FA8:9580 2FA9:961C "
        "2FAA:96B6 2FAB:96B9 2FAC:96E8 2FAD:9751 2FAE:975E 2FAF:9762 2FB0:9769 2FB1:97CB 2FB2:97ED 2FB3:97F3 "
        "2FB4:9801 2FB5:98A8 2FB6:98DB 2FB7:98DF 2FB8:9996 2FB9:9999 2FBA:99AC 2FBC:9AD8 2FBD:9ADF 2FBE:9B25 "
        "2FBF:9B2F 2FC0:9B32 2FC1:9B3C 2FC2:9B5A 2FC3:9CE5 2FC4:9E75 2FC5:9E7F 2FC6:9EA5 2FC7:9EBB 2FC8:9EC3 "
        "2FC9:9ECD 2FCA:9ED1 2FCB:9EF9 2FCC:9EFD 2FCD:9F0E 2FCE:9F13 2FCF:9F20 2FD1:9F4A 2FD2:9F52 2FD3:9F8D "
        "2FD5:9FA0 "
    ),
    "TC": (
        "2E82:4E5B 2E83:4E5A 2E85:4EBB 2E87:20628 2E89:5202 2E8B:353E 2E8D:2D544 2E8F:5C23 2E90:5C22 "
        "2E92:5DF3 2E93:5E7A 2E94:5F51 2E96:5FC4 2E98:624C 2E99:6535 2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35 "
        "2EA3:706C 2EA4:722B 2EA6:4E2C 2EA8:72AD 2EA9:248E9 2EAD:793B 2EAE:25AD7 2EAF:7CF9 2EB0:7E9F "
        "2EB1:7F53 2EB9:8002 2EBA:8080 2EBD:26951 2EBF:8279 2EC2:8864 2EC5:89C1 2EC7:278B2 2EC8:8BA0 "
        "2EC9:8D1D 2ECA:27FB7 2ECB:8F66 2ECE:8FB6 2ED0:9485 2ED1:9577 2ED2:9578 2ED3:957F 2ED4:95E8 "
        "2ED5:28E0F 2ED6:961D 2ED9:97E6 2EDA:9875 2EDB:98CE 2EDC:98DE 2EDE:2967F 2EE0:9963 2EE1:29810 "
        "2EE2:9A6C 2EE5:9C7C 2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE 2EEB:6589 2EEC:9F50 2EEE:9F7F "
        "2EF0:9F99 2EF2:4E80 2F00:4E00 2F01:4E28 2F02:4E36 2F03:4E3F 2F04:4E59 2F05:4E85 2F06:4E8C 2F07:4EA0 "
        "2F08:4EBA 2F09:513F 2F0A:5165 2F0B:516B 2F0C:5182 2F0D:5196 2F0E:51AB 2F0F:51E0 2F10:51F5 2F11:5200 "
        "2F12:529B 2F13:52F9 2F14:5315 2F15:531A 2F16:5338 2F17:5341 2F18:535C 2F19:5369 2F1A:5382 2F1B:53B6 "
        "2F1C:53C8 2F1D:53E3 2F1E:56D7 2F1F:571F 2F20:58EB 2F21:5902 2F22:590A 2F23:5915 2F24:5927 2F25:5973 "
        "2F26:5B50 2F27:5B80 2F28:5BF8 2F29:5C0F 2F2A:5C22 2F2B:5C38 2F2C:5C6E 2F2D:5C71 2F2E:5DDB 2F2F:5DE5 "
        "2F30:5DF1 2F31:5DFE 2F32:5E72 2F33:5E7A 2F34:5E7F 2F35:5EF4 2F36:5EFE 2F37:5F0B 2F38:5F13 2F39:5F50 "
        "2F3A:5F61 2F3B:5F73 2F3C:5FC3 2F3D:6208 2F3E:6236 2F3F:624B 2F40:652F 2F41:6534 2F42:6587 2F43:6597 "
        "2F44:65A4 2F45:65B9 2F46:65E0 2F47:65E5 2F49:6708 2F4A:6728 2F4B:6B20 2F4C:6B62 2F4D:6B79 2F4E:6BB3 "
        "2F4F:6BCB 2F50:6BD4 2F51:6BDB 2F52:6C0F 2F53:6C14 2F54:6C34 2F55:706B 2F57:7236 2F58:723B 2F59:723F "
        "2F5A:7247 2F5B:7259 2F5C:725B 2F5D:72AC 2F5E:7384 2F5F:7389 2F60:74DC 2F61:74E6 2F62:7518 2F63:751F "
        "2F64:7528 2F65:7530 2F66:758B 2F67:7592 2F68:7676 2F69:767D 2F6A:76AE 2F6B:76BF 2F6C:76EE 2F6D:77DB "
        "2F6E:77E2 2F6F:77F3 2F70:793A 2F71:79B8 2F72:79BE 2F73:7A74 2F74:7ACB 2F75:7AF9 2F76:7C73 2F77:7CF8 "
        "2F78:7F36 2F79:7F51 2F7A:7F8A 2F7C:8001 2F7D:800C 2F7E:8012 2F7F:8033 2F80:807F 2F81:8089 2F82:81E3 "
        "2F83:81EA 2F84:81F3 2F85:81FC 2F86:820C 2F87:821B 2F88:821F 2F89:826E 2F8A:8272 2F8B:8278 2F8C:864D "
        "2F8D:866B 2F8E:8840 2F8F:884C 2F90:8863 2F91:897E 2F92:898B 2F93:89D2 2F94:8A00 2F95:8C37 2F96:8C46 "
        "2F97:8C55 2F98:8C78 2F99:8C9D 2F9A:8D64 2F9B:8D70 2F9C:8DB3 2F9D:8EAB 2F9E:8ECA 2F9F:8F9B 2FA0:8FB0 "
        "2FA1:8FB5 2FA2:9091 2FA3:9149 2FA4:91C6 2FA5:91CC 2FA6:91D1 2FA7:9577 2FA8:9580 2FA9:961C 2FAB:96B9 "
        "2FAC:96E8 2FAD:9751 2FAE:975E 2FAF:9762 2FB0:9769 2FB1:97CB 2FB2:97ED 2FB3:97F3 2FB4:9801 2FB5:98A8 "
        "2FB6:98DB 2FB7:98DF 2FB8:9996 2FBA:99AC 2FBB:9AA8 2FBC:9AD8 2FBD:9ADF 2FBE:9B25 2FBF:9B2F 2FC0:9B32 "
        "2FC1:9B3C 2FC2:9B5A 2FC3:9CE5 2FC4:9E75 2FC5:9E7F 2FC6:9EA5 2FC7:9EBB 2FC8:9EC3 2FCA:9ED1 2FCB:9EF9 "
        "2FCC:9EFD 2FCD:9F0E 2FCE:9F13 2FCF:9F20 2FD1:9F4A 2FD2:9F52 2FD3:9F8D 2FD4:9F9C 2FD5:9FA0 "
    ),
}
_TABLES = {
    face: {int(k, 16): int(v, 16) for k, v in (pair.split(":") for pair in pairs.split())}
    for face, pairs in RADICALS_BY_FACE.items()
}


def _ideograph(code, face=None):
    """The ideograph a radical or compatibility code stands for in ``face`` ("SC", "TC" or None), or None."""
    if not any(low <= code <= high for low, high in _RANGES):
        return None
    table = _TABLES.get(face or "")
    if table and code in table:
        return table[code]
    normal = unicodedata.normalize("NFKC", chr(code))
    return ord(normal) if len(normal) == 1 and ord(normal) != code else None


def _hex(code):
    """A code point as a ToUnicode map writes it: UTF-16, big-endian."""
    return b"<" + chr(code).encode("utf-16-be").hex().upper().encode() + b">"


def _fix_line(kind, line, face):
    """One mapping line: only the text it maps to is changed, never the glyph
    codes it maps from (a glyph code may well fall in the same ranges)."""

    def destination(match):
        code = _ideograph(int(match.group(1), 16), face)
        return _hex(code) if code else match.group(0)

    parts = line.split(b"[", 1)
    if kind == b"bfrange" and len(parts) == 2:
        # <lo> <hi> [<text> <text> ...]
        return parts[0] + b"[" + re.sub(_HEX, destination, parts[1])
    codes = re.findall(_HEX, line)
    if (kind == b"bfchar" and len(codes) == 2) or (kind == b"bfrange" and len(codes) == 3 and codes[0] == codes[1]):
        # <glyph> <text>, or <lo> <lo> <text>: one glyph
        head, _sep, tail = line.rpartition(b"<")
        return head + re.sub(_HEX, destination, b"<" + tail)
    return line


def fix_cmap(cmap, face=None):
    """``cmap`` (a ToUnicode CMap program of a font of ``face``, "SC", "TC" or None) mapping its glyphs to the
    ideographs, not the radicals."""

    def section(match):
        kind = match.group(2)
        body = b"\n".join(_fix_line(kind, line, face) for line in match.group(3).split(b"\n"))
        return match.group(1) + body + match.group(4)

    return _SECTION.sub(section, cmap)


def _face(font):
    """ "SC" or "TC" for a Noto CJK font of that region (HK counts as traditional), else None."""
    found = _FACE.search(str(font.get("/BaseFont", "")))
    region = found.group(1).upper() if found else None
    return {"SC": "SC", "TC": "TC", "HK": "TC"}.get(region)


def searchable_cjk(pdf):
    """``pdf`` (bytes) with its ToUnicode maps fixed (see the module's docstring);
    unchanged when there is nothing to fix or it cannot be read."""
    try:
        reader = PdfReader(io.BytesIO(pdf), strict=False)
        fixed = {}
        for page in reader.pages:
            fonts = page.get("/Resources", {}).get("/Font", {})
            for ref in fonts.values():
                font = ref.get_object()
                to_unicode = font.raw_get("/ToUnicode") if "/ToUnicode" in font else None
                if to_unicode is None or not hasattr(to_unicode, "idnum") or to_unicode.idnum in fixed:
                    continue
                data = to_unicode.get_object().get_data()
                new = fix_cmap(data, _face(font))
                if new != data:
                    fixed[to_unicode.idnum] = (to_unicode.generation, new)
        if not fixed:
            return pdf
        trailer = reader.trailer
        size = trailer["/Size"]
        root = trailer.raw_get("/Root")
        info = trailer.raw_get("/Info") if "/Info" in trailer else None
    except Exception:
        return pdf
    start = re.findall(rb"startxref\s+(\d+)", pdf)
    if not start:
        return pdf
    out = io.BytesIO()
    out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for idnum, (generation, data) in sorted(fixed.items()):
        stream = zlib.compress(data)
        offsets[idnum] = (out.tell(), generation)
        out.write(b"%d %d obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (idnum, generation, len(stream)))
        out.write(stream)
        out.write(b"\nendstream\nendobj\n")
    xref = out.tell()
    # the section starts with object 0, the head of the free list, as a reader expects of every xref section
    # (PyPDF2 otherwise takes the first number for an offset and renumbers the objects)
    out.write(b"xref\n0 1\n0000000000 65535 f \n")
    for idnum, (offset, generation) in sorted(offsets.items()):
        out.write(b"%d 1\n%010d %05d n \n" % (idnum, offset, generation))
    out.write(b"trailer\n<< /Size %d /Root %d %d R" % (size, root.idnum, root.generation))
    if info is not None:
        out.write(b" /Info %d %d R" % (info.idnum, info.generation))
    out.write(b" /Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (start[-1], xref))
    return out.getvalue()
