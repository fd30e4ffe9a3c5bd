#!/usr/bin/env bash
# Installs what building and testing Sozialatlas needs, and only what is missing.
# Sources: rustup (wasm32 target), crates.io (trunk, wasm-bindgen-cli), Debian (chromium,
# chromium-driver), npm (playwright-core, from tests/e2e/package-lock.json; binaryen's wasm-opt,
# from scripts/wasm-opt/package-lock.json). Nothing else is
# downloaded, and Trunk is configured never to download tools (Trunk.toml).
#
# Usage: source scripts/setup.sh serve|test
#   serve: wasm32 target, trunk, wasm-bindgen-cli
#   test:  the same plus Chromium, chromedriver and playwright-core
set -euo pipefail

TRUNK_VERSION=0.21.14
export TRUNK_SKIP_VERSION_CHECK=true
export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "setup: $*" >&2; }

# The wasm-bindgen version Cargo.lock resolves; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3 }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "installing the wasm32-unknown-unknown target (rustup)"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    log "installing trunk $TRUNK_VERSION (cargo install --locked; about 7-10 minutes on 2 cores)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local v
  v="$(wasm_bindgen_version)"
  if [ -z "$v" ]; then
    echo "setup: Cargo.lock names no wasm-bindgen version" >&2
    exit 1
  fi
  if ! grep -q "^wasm_bindgen = \"$v\"" "$ROOT/Trunk.toml"; then
    echo "setup: Trunk.toml [tools] wasm_bindgen must be \"$v\", the version in Cargo.lock" >&2
    exit 1
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $v"; then
    # Not --locked: its lockfile pins a webpki-roots release the registry no longer serves.
    log "installing wasm-bindgen-cli $v (cargo install; about 3-4 minutes)"
    cargo install --force wasm-bindgen-cli --version "$v"
  fi
}

# wasm-opt from npm's binaryen 132 (lockfile in scripts/wasm-opt), first on PATH so Trunk uses it
# (Trunk takes a tool from PATH when its version matches Trunk.toml's [tools] wasm_opt).
ensure_wasm_opt() {
  if [ ! -x "$ROOT/scripts/wasm-opt/node_modules/.bin/wasm-opt" ]; then
    log "installing binaryen 132 (wasm-opt) from npm (scripts/wasm-opt/package-lock.json)"
    (cd "$ROOT/scripts/wasm-opt" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  export PATH="$ROOT/scripts/wasm-opt/node_modules/.bin:$PATH"
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    return
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing chromium and chromium-driver from Debian"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}

ensure_playwright() {
  if [ ! -f "$ROOT/tests/e2e/node_modules/playwright-core/package.json" ]; then
    log "installing playwright-core from npm (tests/e2e/package-lock.json)"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

case "${1:-test}" in
  serve)
    ensure_wasm_target
    ensure_trunk
    ensure_wasm_bindgen
    ensure_wasm_opt
    ;;
  test)
    ensure_wasm_target
    ensure_trunk
    ensure_wasm_bindgen
    ensure_wasm_opt
    ensure_chromium
    ensure_playwright
    ;;
  *)
    echo "usage: source scripts/setup.sh serve|test" >&2
    exit 2
    ;;
esac
# Trunk builds with --offline (Trunk.toml): fetch the crates first.
(cd "$ROOT" && cargo fetch --quiet)
