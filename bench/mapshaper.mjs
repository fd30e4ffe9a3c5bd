// The node peer of the dissolve benchmark: mapshaper (the tool many GIS-less planners use through
// its web UI) dissolving the 100,160 synthetic cells into the same 10,048 groups as
// `sozialraum/dissolve_100160_into_10048` (blocks of 5 x 2 cells: the group of cell u is
// floor(u / 320 / 2) * 64 + floor((u % 320) / 5), as in examples/bench_data.rs).
// mapshaper's import (topology building) and dissolve are timed apart: the import is its
// counterpart of our topology step, the dissolve of ours. Prints JSON.
// Usage: node bench/mapshaper.mjs DIR [RUNS]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import mapshaper from 'mapshaper';

const dir = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const text = fs.readFileSync(path.join(dir, 'synthetic_100160.geojson'), 'utf8');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const group = '-each "g = Math.floor(this.id / 320 / 2) * 64 + Math.floor((this.id % 320) / 5)"';
const time = async (cmd) => {
  const t = performance.now();
  const out = await mapshaper.applyCommands(cmd, { 'in.json': text });
  return { ms: performance.now() - t, out };
};
const importOnly = [];
const withDissolve = [];
let groups = 0;
for (let r = 0; r < runs; r++) {
  importOnly.push((await time(`-i in.json ${group} -o out.json format=geojson`)).ms);
  const d = await time(`-i in.json ${group} -dissolve g -o out.json format=geojson`);
  withDissolve.push(d.ms);
  groups = JSON.parse(d.out['out.json']).features.length;
}
const require = createRequire(import.meta.url);
const version = require('mapshaper/package.json').version;
console.log(JSON.stringify({
  peer: `mapshaper ${version}`,
  import_and_write_ms: median(importOnly),
  import_dissolve_and_write_ms: median(withDissolve),
  dissolve_ms: median(withDissolve) - median(importOnly),
  groups,
}, null, 2));
