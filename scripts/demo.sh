#!/usr/bin/env bash
# The main job on the bundled samples: every image in examples/images/ (PNG and JPEG) is
# decoded by libpng or libjpeg-turbo inside a Cordon sandbox and re-encoded to target/demo/.
# The `hostile-*` samples (truncated file, decompression bomb, not an image, corrupt Huffman
# table) must be refused with a clear error, and the run goes on.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cargo build --release --quiet --bin cordon
cordon=target/release/cordon
out=target/demo
mkdir -p "$out"

echo "== headers (read by the sandboxed libraries)"
"$cordon" info examples/images/*.png examples/images/*.jpg || true

echo "== decoding"
for input in examples/images/*.png examples/images/*.jpg; do
    name=$(basename "$input")
    name="${name%.*}.png"
    case "$name" in
        hostile-*)
            if "$cordon" decode "$input" "$out/$name"; then
                echo "demo: $name should have been refused" >&2
                exit 1
            fi
            echo "   (refused as expected; the process is fine)";;
        *)
            "$cordon" decode "$input" "$out/$name";;
    esac
done
echo "demo: decoded images are in $out/"
