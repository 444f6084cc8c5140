#!/usr/bin/env python3
"""Make the font bridge's test fonts from Debian's fonts-dejavu-core (DejaVu: free licence,
see LICENSE-DejaVu.txt) with fontTools (PyPI):

    python3 -m venv /tmp/fv && /tmp/fv/bin/pip install fonttools
    /tmp/fv/bin/python make_fonts.py /usr/share/fonts/truetype/dejavu

- DejaVuSans-subset.ttf: TrueType outlines with the font's own bytecode hinting, Latin-1,
  the legacy `kern` table (what FT_Get_Kerning reads).
- DejaVuSans-subset.woff: the same font as WOFF 1 (zlib-compressed tables).
- DejaVuSans-Bold-subset.ttf: the bold face, ASCII only.
- DejaVuSans-cff.otf: the subset's outlines redrawn as CFF (OpenType/CFF: cubic curves, no
  hints, so FreeType's CFF driver and auto-hinter run), ASCII only.
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

here = Path(__file__).resolve().parent
src = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")


def make_subset(font, out, unicodes, flavor=None):
    options = subset.Options()
    options.legacy_kern = True
    options.hinting = True
    options.name_IDs = ["*"]
    options.flavor = flavor
    f = TTFont(src / font)
    s = subset.Subsetter(options)
    s.populate(unicodes=unicodes)
    s.subset(f)
    f.flavor = flavor
    f.save(here / out)


latin1 = list(range(0x20, 0x7F)) + list(range(0xA0, 0x100))
ascii_ = list(range(0x20, 0x7F))
make_subset("DejaVuSans.ttf", "DejaVuSans-subset.ttf", latin1)
make_subset("DejaVuSans.ttf", "DejaVuSans-subset.woff", latin1, flavor="woff")
make_subset("DejaVuSans-Bold.ttf", "DejaVuSans-Bold-subset.ttf", ascii_)

# OpenType/CFF: the ASCII subset's glyphs redrawn as Type 2 charstrings.
make_subset("DejaVuSans.ttf", "_ascii.ttf", ascii_)
tt = TTFont(here / "_ascii.ttf")
glyphs = tt.getGlyphOrder()
gs = tt.getGlyphSet()
charstrings = {}
for name in glyphs:
    pen = T2CharStringPen(gs[name].width, gs)
    gs[name].draw(pen)
    charstrings[name] = pen.getCharString()
fb = FontBuilder(tt["head"].unitsPerEm, isTTF=False)
fb.setupGlyphOrder(glyphs)
fb.setupCharacterMap(tt.getBestCmap())
fb.setupCFF("DejaVuSansCFF", {"FullName": "DejaVu Sans CFF"}, charstrings, {})
fb.setupHorizontalMetrics({n: tt["hmtx"][n] for n in glyphs})
fb.setupHorizontalHeader(ascent=tt["hhea"].ascent, descent=tt["hhea"].descent)
fb.setupNameTable({"familyName": "DejaVu Sans CFF", "styleName": "Book"})
fb.setupOS2(sTypoAscender=tt["OS/2"].sTypoAscender, usWinAscent=tt["OS/2"].usWinAscent,
            usWinDescent=tt["OS/2"].usWinDescent)
fb.setupPost()
fb.save(here / "DejaVuSans-cff.otf")
(here / "_ascii.ttf").unlink()

# Hostile fonts, each one valid table structure with one absurd part:
# - hostile-prep-loop.ttf: the `prep` program (run at every size change) is an endless loop,
#   PUSHW -3, JMPR (jump back to the PUSHW), forever.
# - hostile-glyph-loop.ttf: glyph "A"'s own instructions loop the same way.
# - hostile-composite-cycle.ttf: glyph "A" is a composite of itself (endless recursion).
# - hostile-maxp.ttf: maxp claims 65535 glyphs, and huge twilight/storage/stack sizes.
from fontTools.ttLib.tables import ttProgram  # noqa: E402
from fontTools.ttLib.tables._g_l_y_f import GlyphComponent  # noqa: E402

LOOP = bytes([0xB8, 0xFF, 0xFD, 0x1C])


def hostile(out, change):
    f = TTFont(here / "DejaVuSans-Bold-subset.ttf", recalcBBoxes=False)
    change(f)
    f.save(here / out)


def prep_loop(f):
    f["prep"].program = ttProgram.Program()
    f["prep"].program.fromBytecode(LOOP)


def glyph_loop(f):
    glyph = f["glyf"]["A"]
    glyph.program = ttProgram.Program()
    glyph.program.fromBytecode(LOOP)


def composite_cycle(f):
    glyph = f["glyf"]["A"]
    component = GlyphComponent()
    component.glyphName = "A"
    component.x = component.y = 0
    component.flags = 0x0003  # ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
    glyph.numberOfContours = -1
    glyph.components = [component]
    glyph.xMin = glyph.yMin = 0
    glyph.xMax = glyph.yMax = 1000
    for attr in ("coordinates", "endPtsOfContours", "flags", "program"):
        if hasattr(glyph, attr):
            delattr(glyph, attr)


def absurd_maxp(f):
    maxp = f["maxp"]
    maxp.numGlyphs = 65535
    maxp.maxTwilightPoints = 65535
    maxp.maxStorage = 65535
    maxp.maxStackElements = 65535
    maxp.maxFunctionDefs = 65535
    maxp.maxSizeOfInstructions = 65535


hostile("hostile-prep-loop.ttf", prep_loop)
hostile("hostile-glyph-loop.ttf", glyph_loop)
hostile("hostile-composite-cycle.ttf", composite_cycle)
# fontTools recomputes maxp on save; write the absurd values after it, into the file's bytes.
hostile("hostile-maxp.ttf", lambda f: None)
raw = bytearray((here / "hostile-maxp.ttf").read_bytes())
tables = {bytes(raw[12 + 16 * i:16 + 16 * i]): int.from_bytes(raw[20 + 16 * i:24 + 16 * i], "big")
          for i in range(int.from_bytes(raw[4:6], "big"))}
at = tables[b"maxp"]
# numGlyphs, maxTwilightPoints, maxStorage, maxFunctionDefs, maxInstructionDefs,
# maxStackElements, maxSizeOfInstructions, maxComponentElements (big-endian uint16 each)
for offset in (4, 16, 18, 20, 22, 24, 26, 28):
    raw[at + offset:at + offset + 2] = (65535).to_bytes(2, "big")
(here / "hostile-maxp.ttf").write_bytes(bytes(raw))

# A collection (TTC) of two faces, regular and bold, letters, digits and space only: face
# indices select between them.
from fontTools.ttLib.ttCollection import TTCollection  # noqa: E402


def collection():
    letters = [0x20] + list(range(0x30, 0x3A)) + list(range(0x41, 0x5B)) + list(range(0x61, 0x7B))
    faces = []
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        options = subset.Options()
        options.hinting = True
        options.name_IDs = ["*"]
        f = TTFont(src / font)
        s = subset.Subsetter(options)
        s.populate(unicodes=letters)
        s.subset(f)
        faces.append(f)
    ttc = TTCollection()
    ttc.fonts = faces
    ttc.save(here / "DejaVuSans-collection.ttc")


collection()
