#!/usr/bin/env python3
"""Writes the lossy WebP inputs of benches/webp_decode.rs (Pillow 13.0.0, its bundled
libwebp): the plasma field of benches/images.rs at 1 and 4 MP (quality 85), and a 10-frame
512x512 animation of it shifting 8 pixels a frame (40 ms each, looping). No pure-Rust lossy
WebP encoder exists; lossless inputs are made at run time with `image-webp`."""
import math
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent


def plasma(width, height, shift=0):
    data = bytearray()
    for y in range(height):
        for x in range(shift, shift + width):
            fx, fy = x / 40.0, y / 30.0
            v = (math.sin(fx) + math.cos(fy) + math.sin((fx + fy) / 2) + math.sin(math.sqrt(fx * fx + fy * fy))) / 4
            for k in (0, 2, 4):
                data.append(int(128 + 127 * math.sin(v * 3 + k)))
    return Image.frombytes("RGB", (width, height), bytes(data))


for side, name in [(1024, "plasma-1mp-q85.webp"), (2048, "plasma-4mp-q85.webp")]:
    plasma(side, side).save(HERE / name, quality=85, method=4)
frames = [plasma(512, 512, 8 * i) for i in range(10)]
frames[0].save(HERE / "plasma-anim-10x512-q85.webp", save_all=True, append_images=frames[1:],
               duration=40, loop=0, quality=85, method=4)
