#!/usr/bin/env python3
"""Rebuild the WebP test corpus (see README.md) and expected.txt.

test.webp is libwebp's examples/test.webp, copied from the source tree in $LIBWEBP_SRC
(default /tmp/src/libwebp-1.6.0) when it is there, else the committed copy is checked.

Needs Pillow 13.0.0 (`pip install pillow==13.0.0`; its wheels bundle libwebp 1.6.0, the
version vendored in third_party/libwebp). Stills and Pillow's own animations are encoded by
Pillow; the animations that need exact control of frame offsets, blending and disposal, and
the hostile files, are assembled here chunk by chunk from Pillow-encoded frames. Every file is
written only from fixed pictures and settings, so a rerun gives byte-identical files.

expected.txt is Pillow's decode of every file it can read (its WebPAnimDecoder, MODE_RGBA):
size, frame count, loop count, and per frame the duration and the CRC-32 of the RGBA rows.
"""

import hashlib
import io
import os
import struct
import sys
import zlib

from PIL import Image, ImageDraw, features

HERE = os.path.dirname(os.path.abspath(__file__))
UPSTREAM = os.environ.get("LIBWEBP_SRC", "/tmp/src/libwebp-1.6.0")
TEST_WEBP_SHA256 = "1bf9449d529b491c6eb22ec84d42217e43cf9af0ffe391fa7a30b29b037f098a"


def chunk(fourcc, payload):
    return fourcc + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")


def riff(*chunks):
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def chunks_of(data):
    """The (fourcc, payload) chunks of a RIFF WebP."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    out, at = [], 12
    while at + 8 <= len(data):
        fourcc, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        out.append((fourcc, data[at + 8:at + 8 + size]))
        at += 8 + size + (size & 1)
    return out


def encode(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", **options)
    return buffer.getvalue()


def frame_data(image, **options):
    """The image chunks (ALPH + VP8, or VP8L) of `image` encoded as a still."""
    kept = [c for c in chunks_of(encode(image, **options)) if c[0] in (b"ALPH", b"VP8 ", b"VP8L")]
    return b"".join(chunk(f, p) for f, p in kept)


def u24(value):
    return struct.pack("<I", value)[:3]


def vp8x(flags, width, height):
    return chunk(b"VP8X", bytes([flags, 0, 0, 0]) + u24(width - 1) + u24(height - 1))


def anim(background_rgba, loops):
    r, g, b, a = background_rgba
    return chunk(b"ANIM", bytes([b, g, r, a]) + struct.pack("<H", loops))


def anmf(x, y, image, duration, blend, dispose_background, **options):
    flags = (0 if blend else 2) | (1 if dispose_background else 0)
    header = u24(x // 2) + u24(y // 2) + u24(image.width - 1) + u24(image.height - 1)
    return chunk(b"ANMF", header + u24(duration) + bytes([flags]) + frame_data(image, **options))


ANIM_FLAG, ALPHA_FLAG, EXIF_FLAG, ICC_FLAG = 0x02, 0x10, 0x08, 0x20


def picture():
    """libwebp's examples/test.webp (128x128 lossy), decoded: the source of every picture."""
    return Image.open(os.path.join(HERE, "test.webp")).convert("RGB")


def with_alpha(image, kind):
    """`image` with an alpha channel: a radial fade ("fade") or holes and a gradient ("holes")."""
    w, h = image.size
    alpha = Image.new("L", (w, h))
    pixels = alpha.load()
    for y in range(h):
        for x in range(w):
            if kind == "fade":
                d = ((x - w / 2) ** 2 + (y - h / 2) ** 2) ** 0.5 / (max(w, h) / 2)
                pixels[x, y] = max(0, min(255, int(255 * (1.2 - d))))
            else:
                pixels[x, y] = 0 if (x // 6 + y // 6) % 3 == 0 else (x * 255) // max(1, w - 1)
    out = image.convert("RGBA")
    out.putalpha(alpha)
    return out


def tile(image, w, h):
    """`image` repeated (mirrored) to w x h."""
    out = Image.new(image.mode, (w, h))
    for y in range(0, h, image.height):
        for x in range(0, w, image.width):
            out.paste(image, (x, y))
    return out


def blob(w, h, rgb, alpha):
    image = Image.new("RGBA", (w, h), rgb + (0,))
    ImageDraw.Draw(image).ellipse((0, 0, w - 1, h - 1), fill=rgb + (alpha,))
    return image


def stills(src):
    crop = src.crop((32, 24, 96, 88))
    exif = Image.Exif()
    exif[0x0112] = 6
    from PIL import ImageCms
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc = icc[:24] + struct.pack(">6H", 2025, 1, 1, 0, 0, 0) + icc[36:]  # fixed creation date
    return {
        "lossy.webp": encode(src, quality=80, method=4),
        "lossless.webp": encode(crop, lossless=True, method=4),
        "lossy_alpha.webp": encode(with_alpha(crop, "fade"), quality=75),
        "lossy_alpha_quantized.webp": encode(with_alpha(crop, "holes"), quality=60,
                                             alpha_quality=40),
        "lossless_alpha.webp": encode(with_alpha(crop, "holes"), lossless=True, exact=True),
        "lossy_1x1.webp": encode(src.crop((60, 60, 61, 61)), quality=90),
        "lossless_1x1.webp": encode(Image.new("RGBA", (1, 1), (200, 100, 50, 128)),
                                    lossless=True, exact=True),
        "lossy_17x13.webp": encode(src.crop((5, 7, 22, 20)), quality=85),
        "lossless_257x5.webp": encode(tile(src.crop((0, 40, 128, 45)), 257, 5), lossless=True),
        "lossy_alpha_5x129.webp": encode(with_alpha(tile(src.crop((90, 0, 95, 128)), 5, 129),
                                                    "fade"), quality=70),
        "lossy_exif_icc.webp": encode(src.crop((0, 0, 48, 32)), quality=80, exif=exif,
                                      icc_profile=icc),
    }


def pillow_animations(src):
    background = src.crop((0, 0, 48, 40))
    frames, durations = [], [80, 120, 40, 200, 60, 100]
    for i in range(len(durations)):
        frame = background.copy()
        ImageDraw.Draw(frame).rectangle((4 + 6 * i, 6 + 3 * i, 14 + 6 * i, 16 + 3 * i),
                                        fill=(255, 40 * i, 0))
        frames.append(frame)
    lossy = io.BytesIO()
    frames[0].save(lossy, "WEBP", save_all=True, append_images=frames[1:], duration=durations,
                   loop=0, quality=80)
    sprites = []
    for i in range(5):
        frame = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
        ImageDraw.Draw(frame).ellipse((2 + 5 * i, 8, 18 + 5 * i, 24), fill=(30, 200, 90, 255))
        ImageDraw.Draw(frame).rectangle((0, 30, 39, 39), fill=(0, 0, 255, 100 + 30 * i))
        sprites.append(frame)
    lossless = io.BytesIO()
    sprites[0].save(lossless, "WEBP", save_all=True, append_images=sprites[1:],
                    duration=[50, 50, 150, 30, 500], loop=2, lossless=True)
    return {"anim_pillow.webp": lossy.getvalue(),
            "anim_pillow_lossless_alpha.webp": lossless.getvalue()}


def offsets_animation(src):
    """64x48, loop 3, lossy and lossless frames at offsets, every blend and dispose mode."""
    base = src.crop((10, 10, 74, 58))
    return riff(
        vp8x(ANIM_FLAG | ALPHA_FLAG, 64, 48),
        anim((0x33, 0x66, 0x99, 0xFF), 3),
        anmf(0, 0, base, 100, blend=False, dispose_background=False, lossless=True),
        anmf(8, 8, blob(24, 16, (250, 220, 0), 160), 50, blend=True, dispose_background=True,
             quality=80),
        anmf(20, 16, with_alpha(src.crop((0, 64, 32, 88)), "holes"), 200, blend=True,
             dispose_background=False, lossless=True, exact=True),
        anmf(40, 2, src.crop((100, 100, 116, 116)), 70, blend=False, dispose_background=True,
             quality=70),
        anmf(0, 0, with_alpha(base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), "holes"), 30,
             blend=True, dispose_background=False, lossless=True, exact=True),
        anmf(0, 38, blob(10, 10, (255, 0, 255), 255), 0, blend=False, dispose_background=False,
             quality=90),
    )


def hostile(src, files):
    out = {}
    # A still VP8X canvas of 16383x16383 with the VP8 frame header patched to match: libwebp
    # accepts the header; the host refuses it before any pixel memory exists.
    vp8 = dict(chunks_of(files["lossy_17x13.webp"]))[b"VP8 "]
    patched = vp8[:6] + struct.pack("<HH", 16383, 16383) + vp8[10:]
    out["bomb_still_16383.webp"] = riff(vp8x(0, 16383, 16383), chunk(b"VP8 ", patched))
    # An animation of 20000x20000 (400 Mpx; libwebp's decoder would allocate two 1.6 GB
    # canvases) with one 1x1 frame.
    out["bomb_anim_canvas.webp"] = riff(
        vp8x(ANIM_FLAG, 20000, 20000), anim((0, 0, 0, 0), 0),
        anmf(0, 0, src.crop((0, 0, 1, 1)), 100, blend=False, dispose_background=False,
             lossless=True))
    # Cut in the middle of the VP8 data (the RIFF size still says the whole file).
    lossy = files["lossy.webp"]
    out["corrupt_truncated.webp"] = lossy[: len(lossy) * 6 // 10]
    # The VP8 key-frame start code 9d 01 2a changed: a bitstream error in the header.
    at = lossy.index(b"\x9d\x01\x2a")
    out["corrupt_bad_signature.webp"] = lossy[:at] + b"\x9d\x01\x2b" + lossy[at + 3:]
    # Frame 3 of anim_offsets.webp with its VP8L data cut to 40 bytes (chunk sizes kept
    # consistent): the container and the frame header are fine, its pixels cannot be decoded.
    good = offsets_animation(src)
    parts = chunks_of(good)
    frame3 = parts[4][1]
    inner = chunks_of(b"RIFF\0\0\0\0WEBP" + frame3[16:])
    cut = b"".join(chunk(f, p[:40] if f == b"VP8L" else p) for f, p in inner)
    parts[4] = (b"ANMF", frame3[:16] + cut)
    out["corrupt_anim_frame3.webp"] = riff(*(chunk(f, p) for f, p in parts))
    return out


def one_frame_animation(src):
    return riff(vp8x(ANIM_FLAG, 20, 10), anim((255, 255, 255, 255), 1),
                anmf(0, 0, src.crop((50, 50, 70, 60)), 250, blend=True,
                     dispose_background=False, quality=80))


def expected_lines(name, data):
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception:  # noqa: BLE001 - the hostile files: Pillow refuses them too
        return []
    lines = []
    for i in range(image.n_frames):
        try:
            image.seek(i)
            rgba = image.convert("RGBA").tobytes()
        except OSError:  # corrupt_anim_frame3.webp: the frames before decode
            lines.append(f"{name} frame={i + 1}/{image.n_frames} error")
            break
        lines.append(
            f"{name} frame={i + 1}/{image.n_frames} {image.width}x{image.height}"
            f" loop={image.info['loop']} duration={image.info.get('duration', 0)}"
            f" crc32={zlib.crc32(rgba):08x}")
    return lines


def main():
    assert features.version("webp") == "1.6.0", features.version("webp")
    upstream = os.path.join(UPSTREAM, "examples", "test.webp")
    if os.path.exists(upstream):
        with open(upstream, "rb") as f, open(os.path.join(HERE, "test.webp"), "wb") as g:
            g.write(f.read())
    with open(os.path.join(HERE, "test.webp"), "rb") as f:
        files = {"test.webp": f.read()}
    assert hashlib.sha256(files["test.webp"]).hexdigest() == TEST_WEBP_SHA256
    src = picture()
    files.update(stills(src))
    files.update(pillow_animations(src))
    files["anim_offsets.webp"] = offsets_animation(src)
    files["anim_one_frame.webp"] = one_frame_animation(src)
    files.update(hostile(src, files))
    lines = []
    for name in sorted(files):
        if name != "test.webp":
            with open(os.path.join(HERE, name), "wb") as f:
                f.write(files[name])
        lines += expected_lines(name, files[name])
    with open(os.path.join(HERE, "expected.txt"), "w") as f:
        f.write("# Pillow 13.0.0 (libwebp 1.6.0): written by make_corpus.py, do not edit\n")
        f.write("\n".join(lines) + "\n")
    total = sum(len(d) for d in files.values())
    print(f"{len(files)} files, {total} bytes, {len(lines)} expected frames", file=sys.stderr)


if __name__ == "__main__":
    main()
