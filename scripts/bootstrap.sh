#!/usr/bin/env bash
# Installs the Debian toolchain Cordon's build needs, only when something is missing.
#   clang-22, lld-22, libclang-rt-22-dev-wasm32, wasi-libc : compile vendored C to wasm32-wasi
#   libclang-22-dev                                        : libclang for bindgen
#   libclang-rt-22-dev                                     : AddressSanitizer/UBSan runtime for
#                                                            the native checks of bridge C code
#   wabt                                                   : wasm-objdump / wasm2wat for inspection
#   cmake, g++                                             : the C++ face's example and tests
#   gcc-multilib (x86_64 only)                             : 32-bit C library for the native
#                                                            32-bit twins (FreeType's baseline)
# Safe to run repeatedly: when everything is present it prints one line and changes nothing.
set -euo pipefail

packages=(clang-22 lld-22 libclang-rt-22-dev-wasm32 wasi-libc libclang-22-dev libclang-rt-22-dev
    wabt cmake g++)
if [ "$(dpkg --print-architecture 2>/dev/null)" = "amd64" ]; then
    packages+=(gcc-multilib)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "bootstrap: toolchain present (${packages[*]})"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: missing ${missing[*]}, and this is not a Debian/Ubuntu machine (no apt-get)." >&2
    echo "bootstrap: install clang 22 with wasm32-wasi support and point CORDON_CLANG at it." >&2
    exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

echo "bootstrap: installing ${missing[*]} with apt-get (about 135 MB download)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: installed ${missing[*]}"
