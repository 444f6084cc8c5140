#!/usr/bin/env bash
# Installs the toolchain if needed, then runs every test of the workspace (unit, integration,
# containment, conformance, doc tests), the C++ face's tests and examples (CMake), plus
# formatting and lint checks.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo test --workspace
# The C++ face: tests (also under AddressSanitizer with leak checking), must-not-compile
# checks of the tainted API, and the C++ examples, in an ordinary CMake build.
cmake -S bridge/cxx/tests/cpp -B target/cxx-tests -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build target/cxx-tests -j "$(nproc)"
ctest --test-dir target/cxx-tests --output-on-failure
