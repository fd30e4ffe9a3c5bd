#!/usr/bin/env bash
# The benchmark command: writes BENCHMARKS.md from one run on this machine (about 15 minutes on
# 2 cores, plus the first installation of the peers).
#   1. deterministic synthetic inputs (examples/bench_data.rs) in target/bench-data
#   2. the peers: Python packages of bench/requirements.txt in target/bench-venv (PyPI),
#      mapshaper from bench/package-lock.json (npm)
#   3. the core benchmarks (criterion) and our k-means inertia (examples/bench_quality.rs)
#   4. the peers on the same files (bench/peers.py, bench/mapshaper.mjs), and the shipped
#      command line against them as whole processes (bench/processes.py)
#   5. the built app in headless Chromium (bench/browser.mjs): demo, Berlin, 10,000 and 100,160 units
#   6. bench/report.mjs: BENCHMARKS.md with the goals, medians and ratios
# Benchmarks are not tests: the test suite asserts no timings.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test

START=$SECONDS
step() { printf '\n==> [%4ds] %s\n' "$((SECONDS - START))" "$*" >&2; }
DATA=target/bench-data
RUNS=${BENCH_RUNS:-5}
BIG_RUNS=${BENCH_BIG_RUNS:-3}

step "synthetic inputs ($DATA)"
cargo run --release --quiet -p sozialatlas-core --example bench_data -- "$DATA" >/dev/null

step "Python peers (target/bench-venv, bench/requirements.txt)"
if [ ! -x target/bench-venv/bin/python ]; then
  python3 -m venv target/bench-venv
fi
# pip run by the venv's python (the pip script's first line names the venv's path, which breaks when the checkout moves).
target/bench-venv/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt

step "node peers (bench/package-lock.json)"
if [ ! -f bench/node_modules/mapshaper/package.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

step "core benchmarks (criterion)"
cargo bench --quiet -p sozialatlas-core --bench core >&2
cargo run --release --quiet -p sozialatlas-core --example bench_quality -- "$DATA" > "$DATA/quality.json"

step "peers on the same files"
target/bench-venv/bin/python bench/peers.py "$DATA" > "$DATA/peers.json"
node bench/mapshaper.mjs "$DATA" 3 > "$DATA/mapshaper.json"

step "the shipped command line against the peers, whole processes"
cargo build --release --quiet -p sozialatlas-cli
target/bench-venv/bin/python bench/processes.py "$DATA" "$PWD/target/release/sozialatlas" > "$DATA/processes.json"

step "browser ($RUNS runs, $BIG_RUNS of 100,160 units)"
trunk build --release
SOZIALATLAS_CLI="$PWD/target/release/sozialatlas" node bench/browser.mjs "$RUNS" "$BIG_RUNS" > "$DATA/browser.json"

step "report"
node bench/report.mjs "$DATA" target/criterion dist > BENCHMARKS.md
step "done: BENCHMARKS.md"
