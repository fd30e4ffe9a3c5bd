#!/usr/bin/env bash
# Runs every test of Sozialatlas. Installs what is missing first (scripts/setup.sh).
#   1. cargo fmt --check, cargo clippy -D warnings (native workspace and the wasm app)
#   2. native tests of core and CLI (cargo test)
#   3. component tests in headless Chromium (wasm-bindgen-test)
#   4. release build of dist/ with Trunk, end-to-end tests of it with playwright-core
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test

START=$SECONDS
step() { printf '\n==> [%4ds] %s\n' "$((SECONDS - START))" "$*" >&2; }

step "format"
cargo fmt --all --check

# The app is checked and tested for wasm32 only (its target); native steps cover core and CLI.
step "clippy (core and CLI, native)"
cargo clippy --workspace --exclude sozialatlas --all-targets --quiet -- -D warnings
step "clippy (app for wasm32)"
cargo clippy -p sozialatlas --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "core documentation (every public item, no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc -p sozialatlas-core --no-deps --quiet

step "native tests (core, CLI)"
cargo test --workspace --exclude sozialatlas

step "component tests in headless Chromium (wasm-bindgen-test)"
cargo test -p sozialatlas --target wasm32-unknown-unknown

step "release build of dist/ (Trunk)"
cargo build -p sozialatlas-cli --quiet
trunk build --release

step "end-to-end tests of dist/ (playwright-core, Debian Chromium)"
cd tests/e2e
SOZIALATLAS_CLI="$PWD/../../target/debug/sozialatlas" node --test --test-concurrency=1
