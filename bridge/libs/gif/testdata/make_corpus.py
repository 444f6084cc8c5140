#!/usr/bin/env python3
"""Writes the GIF bridge's generated test files (gen_*.gif, pillow_*.gif) into this folder.

gen_*.gif come from the small GIF writer below, so each file has exactly the structure it
tests (disposal methods, transparency, offsets, local palettes, interlace, loop extension,
a missing trailer). Its LZW stream is valid but uncompressed: a clear code every 2^m - 3
literal codes keeps the code size fixed. pillow_*.gif are written by Pillow, whose encoder
compresses for real. Running it again gives byte-identical files (Pillow 13.0.0).
"""
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent


def lzw_uncompressed(indices, min_code_size):
    clear, eoi, width = 1 << min_code_size, (1 << min_code_size) + 1, min_code_size + 1
    run = (1 << min_code_size) - 3
    codes = []
    for i, index in enumerate(indices):
        if i % run == 0:
            codes.append(clear)
        codes.append(index)
    codes.append(eoi)
    bits, nbits, out = 0, 0, bytearray()
    for code in codes:
        bits |= code << nbits
        nbits += width
        while nbits >= 8:
            out.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8
    if nbits:
        out.append(bits & 0xFF)
    blocks = bytearray([min_code_size])
    for at in range(0, len(out), 255):
        chunk = out[at:at + 255]
        blocks += bytes([len(chunk)]) + chunk
    return bytes(blocks + b"\0")


def palette_bytes(colors):
    size = 2
    while size < len(colors):
        size *= 2
    colors = list(colors) + [(0, 0, 0)] * (size - len(colors))
    return size.bit_length() - 2, b"".join(bytes(c) for c in colors)


def gif(width, height, frames, global_palette=None, loop=None, background=0, trailer=True,
        version=b"GIF89a"):
    out = bytearray(version + struct.pack("<HH", width, height))
    if global_palette:
        bits, table = palette_bytes(global_palette)
        out += bytes([0x80 | 0x70 | bits, background, 0]) + table
    else:
        out += bytes([0, background, 0])
    if loop is not None:
        out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loop) + b"\0"
    for f in frames:
        disposal, delay, transparent = f.get("disposal", 0), f.get("delay", 0), f.get("transparent")
        if "disposal" in f or "delay" in f or transparent is not None:
            packed = disposal << 2 | (1 if transparent is not None else 0)
            out += b"\x21\xf9\x04" + bytes([packed]) + struct.pack("<H", delay)
            out += bytes([transparent or 0, 0])
        x, y, w, h = f["rect"]
        packed = 0x40 if f.get("interlace") else 0
        local = f.get("palette")
        if local:
            bits, table = palette_bytes(local)
            packed |= 0x80 | bits
        out += b"\x2c" + struct.pack("<HHHH", x, y, w, h) + bytes([packed])
        if local:
            out += table
        rows = [f["pixels"][r * w:(r + 1) * w] for r in range(h)]
        if f.get("interlace"):
            order = [r for start, step in ((0, 8), (4, 8), (2, 4), (1, 2)) for r in range(start, h, step)]
            rows = [rows[r] for r in order]
        out += lzw_uncompressed([p for row in rows for p in row], 8 if len(local or global_palette) > 16 else 4)
    if trailer:
        out += b"\x3b"
    return bytes(out)


def pattern(w, h, seed, colors):
    return [(x * 3 + y * 5 + seed * 7 + (x * y) % 5) % colors for y in range(h) for x in range(w)]


RAINBOW = [((i * 37) % 256, (i * 91 + 40) % 256, (255 - i * 53) % 256) for i in range(16)]
WIDE = [(i, (i * 7) % 256, 255 - i) for i in range(256)]


def write(name, data):
    (HERE / name).write_bytes(data)


def main():
    write("gen_still_87a.gif", gif(37, 23, [{"rect": (0, 0, 37, 23), "pixels": pattern(37, 23, 0, 256)}],
                                   global_palette=WIDE, version=b"GIF87a"))
    write("gen_1x1.gif", gif(1, 1, [{"rect": (0, 0, 1, 1), "pixels": [3]}], global_palette=RAINBOW))
    write("gen_interlaced.gif", gif(50, 41, [{"rect": (0, 0, 50, 41), "interlace": True,
                                              "pixels": pattern(50, 41, 1, 16)}], global_palette=RAINBOW))
    write("gen_transparent.gif", gif(30, 20, [{"rect": (0, 0, 30, 20), "transparent": 2,
                                               "pixels": pattern(30, 20, 2, 16)}], global_palette=RAINBOW))
    # A full first frame, then smaller frames at offsets with transparency.
    def animation(disposals, loop):
        frames = [{"rect": (0, 0, 40, 30), "pixels": pattern(40, 30, 3, 16), "disposal": disposals[0], "delay": 10}]
        rects = [(5, 4, 20, 12), (18, 10, 22, 20), (0, 0, 13, 30)]
        for i, (rect, disposal) in enumerate(zip(rects, disposals[1:])):
            frames.append({"rect": rect, "pixels": pattern(rect[2], rect[3], 4 + i, 16), "disposal": disposal,
                           "delay": [20, 0, 35][i], "transparent": 5 + i})
        return gif(40, 30, frames, global_palette=RAINBOW, loop=loop, background=7)
    write("gen_dispose_none.gif", animation([1, 1, 1, 1], loop=0))
    write("gen_dispose_background.gif", animation([1, 2, 2, 2], loop=3))
    write("gen_dispose_previous.gif", animation([1, 3, 2, 3], loop=None))
    write("gen_dispose_unspecified.gif", animation([0, 0, 3, 0], loop=1))
    # Every frame its own local palette, no global one.
    write("gen_local_palettes.gif", gif(24, 24, [
        {"rect": (0, 0, 24, 24), "pixels": pattern(24, 24, i, 16), "delay": 5,
         "palette": [((c * 16 + i * 60) % 256, (c * 11) % 256, (i * 90) % 256) for c in range(16)]}
        for i in range(3)], loop=0))
    # Frames reaching past the screen's edge (clipped), one entirely outside it.
    write("gen_offscreen.gif", gif(20, 16, [
        {"rect": (0, 0, 20, 16), "pixels": pattern(20, 16, 0, 16), "delay": 10},
        {"rect": (12, 10, 16, 12), "pixels": pattern(16, 12, 1, 16), "delay": 10},
        {"rect": (30, 30, 4, 4), "pixels": pattern(4, 4, 2, 16), "delay": 10}], global_palette=RAINBOW))
    # No trailer: the data ends after the last frame.
    write("gen_no_trailer.gif", gif(16, 16, [{"rect": (0, 0, 16, 16), "pixels": pattern(16, 16, 5, 16), "delay": 4},
                                             {"rect": (4, 4, 8, 8), "pixels": pattern(8, 8, 6, 16), "delay": 4}],
                                    global_palette=RAINBOW, trailer=False))

    from PIL import Image, ImageDraw
    frames = []
    for i in range(6):
        im = Image.new("RGB", (96, 64), (20, 30 + i * 20, 60))
        d = ImageDraw.Draw(im)
        d.ellipse((8 + i * 10, 8, 40 + i * 10, 40), fill=(250, 200 - i * 30, 40))
        d.rectangle((60, 30 + i * 4, 90, 50 + i * 2), fill=(40, 120, 250))
        frames.append(im)
    frames[0].save(HERE / "pillow_animated.gif", save_all=True, append_images=frames[1:],
                   duration=[50, 60, 70, 80, 90, 100], loop=0, optimize=False)
    grad = Image.new("RGB", (120, 80))
    grad.putdata([(x * 2, y * 3, (x * y) % 256) for y in range(80) for x in range(120)])
    grad.quantize(colors=200).save(HERE / "pillow_still.gif", interlace=True)


if __name__ == "__main__":
    main()
