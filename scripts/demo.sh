#!/usr/bin/env bash
# The main job on the bundled samples: thumbnails of every image in examples/images/ (PNG, JPEG,
# GIF and WebP, decoded by libpng, libjpeg-turbo, giflib or libwebp inside Cordon sandboxes) into
# target/demo/thumbnails, then each decoded in full to target/demo/decoded (an animation as
# numbered frames), and a line of text rendered by FreeType. The `hostile-*` samples (truncated file,
# decompression bomb, not an image, corrupt Huffman table) are refused with a clear reason and
# the run goes on; the summary says what happened.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cargo build --release --quiet --bin cordon
cordon=target/release/cordon
out=target/demo
rm -rf "$out"
mkdir -p "$out"

echo "== what the sandboxed libraries may do"
"$cordon" audit

echo "== headers (read by the sandboxed libraries)"
"$cordon" info examples/images/*.png examples/images/*.jpg examples/images/*.gif examples/images/*.webp || true

echo "== thumbnails (256 px, every core, one sandbox set per worker)"
status=0
"$cordon" thumbnail --verbose --size 256 --out-dir "$out/thumbnails" examples/images || status=$?
if [ "$status" -ne 1 ]; then
    echo "demo: expected the hostile samples to be refused (status 1), got $status" >&2
    exit 1
fi

echo "== full decodes"
for input in examples/images/*.png examples/images/*.jpg examples/images/*.gif examples/images/*.webp; do
    name=$(basename "$input")
    case "$name" in
        hostile-*)
            if "$cordon" decode "$input" "$out/decoded/${name%.*}.png"; then
                echo "demo: $name should have been refused" >&2
                exit 1
            fi
            echo "   (refused as expected; the process is fine)";;
        *)
            "$cordon" decode "$input" "$out/decoded/${name%.*}.png";;
    esac
done
echo "== text (FreeType in a sandbox: a face's names, a rendered line, a specimen thumbnail)"
font=bridge/libs/font/testdata/DejaVuSans-subset.ttf
"$cordon" info "$font"
"$cordon" render-text "$font" "Cordon: fonts from untrusted bytes, AV Wa To" "$out/text.png" --size 48
"$cordon" thumbnail -s 256 "$font" "$out/thumbnails/font-specimen.png"
if "$cordon" render-text bridge/libs/font/testdata/hostile-composite-cycle.ttf "A" "$out/x.png"; then
    echo "demo: a font whose glyph is made of itself should have been refused" >&2
    exit 1
fi
echo "   (refused as expected; the process is fine)"
echo "demo: thumbnails in $out/thumbnails/, full decodes in $out/decoded/, text in $out/text.png"
