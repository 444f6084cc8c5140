#!/usr/bin/env bash
# Installs the toolchain if needed, then runs every test of the workspace (unit, integration,
# containment, conformance, doc tests) plus formatting and lint checks.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo test --workspace
