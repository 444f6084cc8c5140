#!/bin/sh
# Regenerate Cordon's JPEG test corpus (this folder) from the vendored
# libjpeg-turbo in third_party/libjpeg-turbo.  See README.md.
#
#   bridge/libs/jpeg/testdata/make_corpus.sh
#
# 1. libjpeg-turbo's own test images (testorig.jpg, testimgint.jpg,
#    testimgari.jpg, testorig12.jpg) are kept when already here with the
#    recorded sha256; otherwise they are taken from Debian bookworm's
#    libjpeg-turbo 2.1.5 source package (apt-get source, private sources list,
#    the system's apt configuration is left alone).
# 2. The vendored library is compiled natively with $CC (default clang-22),
#    the 8-, 12- and 16-bit objects as upstream's CMakeLists.txt does, with the
#    hand-filled headers in ../config.
# 3. tools/gen_corpus.c writes the gen_*.jpg and corrupt_*.jpg files, and
#    tools/jpeg_check.c decodes every *.jpg here into expected.txt.
# Output is deterministic: rerunning gives byte-identical files.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
SRC=$ROOT/third_party/libjpeg-turbo/src
CFG=$HERE/../config
CC=${CC:-clang-22}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- 1. upstream test images --------------------------------------------------
cat > "$WORK/testimages.sha256" <<'EOF'
acc6ec555d41d15b368320edaa3b20958ee6fa97cb6e4a18d1213d5ae8bec73b  testorig.jpg
491679b8057739b3c8e5bacd1e918efb1691d271cbbd69820ff8d480dcb90963  testimgint.jpg
4672c7f08864cd0a8c73a4fa4b66ca32b635d38464551c1ecf06564ae8c89b38  testimgari.jpg
34790770f76db8e60a7765b52ca4edf5f16bc21bcb8c6045ca2efef39a8a013e  testorig12.jpg
EOF
if ! (cd "$HERE" && sha256sum --quiet -c "$WORK/testimages.sha256" >/dev/null 2>&1); then
  echo "fetching libjpeg-turbo test images from Debian's source package"
  mkdir -p "$WORK/apt/lists/partial" "$WORK/deb"
  echo 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main' \
    > "$WORK/apt/sources.list"
  APTO="-o Dir::Etc::SourceList=$WORK/apt/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$WORK/apt/lists"
  apt-get $APTO update >/dev/null
  (cd "$WORK/deb" && apt-get $APTO source --download-only libjpeg-turbo=1:2.1.5-2 >/dev/null 2>&1)
  ORIG=$WORK/deb/libjpeg-turbo_2.1.5.orig.tar.gz
  echo "254f3642b04e309fee775123133c6464181addc150499561020312ec61c1bf7c  $ORIG" | sha256sum --quiet -c
  for f in testorig.jpg testimgint.jpg testimgari.jpg testorig12.jpg; do
    tar xzOf "$ORIG" "libjpeg-turbo-2.1.5/testimages/$f" > "$HERE/$f"
  done
  (cd "$HERE" && sha256sum --quiet -c "$WORK/testimages.sha256")
fi

# --- 2. the library, natively -------------------------------------------------
J16="jcapistd jccolor jcdiffct jclossls jcmainct jcprepct jcsample jdapistd
  jdcolor jddiffct jdlossls jdmainct jdpostct jdsample jutils"
J12="$J16 jccoefct jcdctmgr jdcoefct jddctmgr jdmerge jfdctfst jfdctint
  jidctflt jidctfst jidctint jidctred jquant1 jquant2"
J8="$J12 jcapimin jchuff jcicc jcinit jclhuff jcmarker jcmaster jcomapi
  jcparam jcphuff jctrans jdapimin jdatadst jdatasrc jdhuff jdicc jdinput
  jdlhuff jdmarker jdmaster jdphuff jdtrans jerror jfdctflt jmemmgr jmemnobs
  jpeg_nbits jaricom jcarith jdarith"
CFLAGS="-O2 -I$CFG -I$SRC"
for f in $J8;  do $CC $CFLAGS -c "$SRC/$f.c" -o "$WORK/$f.o"; done
for f in $J12; do $CC $CFLAGS -DBITS_IN_JSAMPLE=12 -c "$SRC/$f.c" -o "$WORK/$f-12.o"; done
for f in $J16; do $CC $CFLAGS -DBITS_IN_JSAMPLE=16 -c "$SRC/$f.c" -o "$WORK/$f-16.o"; done
$CC $CFLAGS -Wall "$HERE/tools/gen_corpus.c" "$WORK"/*.o -o "$WORK/gen_corpus"
$CC $CFLAGS -Wall "$HERE/tools/jpeg_check.c" "$WORK"/*.o -o "$WORK/jpeg_check"

# --- 3. generate and record ---------------------------------------------------
"$WORK/gen_corpus" "$HERE/testorig.jpg" "$HERE"
(cd "$HERE" && "$WORK/jpeg_check" *.jpg > expected.txt) || true
cat "$HERE/expected.txt"
