#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/) with the repository's own test files: real
# shapes of input are a better start than nothing. Run from anywhere; then for example
#   cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run csv -- -max_total_time=600
set -euo pipefail
cd "$(dirname "$0")"
root=..
fix=$root/crates/core/tests/fixtures
mkdir -p corpus/{csv,geojson,xlsx,shapefile,load,share}
cp "$fix"/corpus/*.csv "$root"/crates/cli/tests/broken/*.csv corpus/csv/
cp "$fix"/corpus/*.geojson "$root"/crates/cli/tests/broken/*.geojson corpus/geojson/
cp "$fix"/xlsx/*.xlsx "$root"/crates/cli/tests/broken/*.xlsx corpus/xlsx/
cp "$fix"/shapefile/*.zip corpus/shapefile/
cp "$fix"/format1/*.txt "$fix"/format1/*.json corpus/share/
# load: a byte saying where to cut, then a map and a table.
i=0
for t in "$fix"/corpus/table_cp1252.csv "$fix"/corpus/duplicate_keys.csv; do
  i=$((i + 1))
  { printf '\200'; head -c 4000 "$fix"/corpus/districts_wgs84.geojson; cat "$t"; } > corpus/load/seed$i
done
echo "seeded: $(ls corpus/*/ | wc -l) files"
