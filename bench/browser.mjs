// Timed browser run (a benchmark, not a test): opens the built dist/ in headless Chromium and
// reads the app's performance measures (src/io/perf.rs, names `sa:*`):
// - the demo town's first map after navigation;
// - Berlin's 542 Planungsräume loaded by address: navigation to the bytes, parse + reproject +
//   join, render, bytes-to-map, status index, typology;
// - 10,000 synthetic units: load, and a brush stroke in the Define mode;
// - 100,160 synthetic units (320 x 313 cells, 12 indicators): load, memory, a brush stroke,
//   10,000 facilities placed;
// - a Zensus grid of 3 million cells streamed onto the demo town, and the tab's memory.
// RUNS runs of the first three (default 7), BIG_RUNS of 100,160 units and of the Zensus grid
// (default 3; each takes ~20 s).
// Prints JSON: for every measure its id, label, unit, the median and every run's value.
// Usage: node bench/browser.mjs [RUNS] [BIG_RUNS] > browser.json
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { serve, launch, dist, berlinUrls, root } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 7);
const bigRuns = Number(process.argv[3] ?? 3);

// Synthetic grids written by the CLI (the same generator as the core benchmarks).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-bench-'));
const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
const grid = (size) => {
  const dir = path.join(tmp, size);
  execFileSync(cli, ['demo', '--grid', size, '--out', dir]);
  return dir;
};
const mid = grid('100x100');
const big = grid('320x313');

// 10,000 seeded facilities in the synthetic map's box (x/y in its CRS), and a Zensus grid of
// 1,732 x 1,732 cells around the demo town in the published format (the core's
// `demo::zensus_grid` formula), written in pieces.
const pointsFile = path.join(tmp, 'einrichtungen.csv');
{
  const g = JSON.parse(fs.readFileSync(path.join(big, 'synthetic.geojson'), 'utf8'));
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of g.features) for (const ring of f.geometry.coordinates.flat(f.geometry.type === 'MultiPolygon' ? 1 : 0)) for (const [x, y] of ring) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  let seed = 19;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const lines = ['Nr;Rechtswert;Hochwert'];
  for (let i = 0; i < 10000; i++) lines.push(`${i + 1};${(x0 + rnd() * (x1 - x0)).toFixed(1)};${(y0 + rnd() * (y1 - y0)).toFixed(1)}`);
  fs.writeFileSync(pointsFile, lines.join('\n') + '\n');
}
const gridFile = path.join(tmp, 'zensus_3mio.csv');
{
  const fd = fs.openSync(gridFile, 'w');
  fs.writeSync(fd, 'GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\r\n');
  for (let n = 3_080_000; n < 3_253_200; n += 100) {
    let chunk = '';
    for (let e = 4_000_000; e < 4_173_200; e += 100) {
      const a = e / 100, b = n / 100;
      const v = (a * 3 + b * 5) % 17 === 0 ? '–' : String((a * 7 + b * 13) % 41);
      chunk += `CRS3035RES100mN${n}E${e};${e + 50};${n + 50};${v}\r\n`;
    }
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const measures = (page) => page.evaluate(() => Object.fromEntries(
  performance.getEntriesByType('measure').filter((m) => m.name.startsWith('sa:')).map((m) => [m.name.slice(3), m.duration])));
const all = (page, name) => page.evaluate((n) => performance.getEntriesByName(`sa:${n}`).map((m) => m.duration), name);

// Peak resident memory of Chromium's renderer processes (the tab), from /proc (Linux).
function rendererPeakMb() {
  let peak = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch { /* the process ended */ }
  }
  return peak;
}

const server = await serve(dist, {
  ...berlinUrls,
  '/data/mid.geojson': path.join(mid, 'synthetic.geojson'), '/data/mid.csv': path.join(mid, 'synthetic.csv'),
  '/data/big.geojson': path.join(big, 'synthetic.geojson'), '/data/big.csv': path.join(big, 'synthetic.csv'),
});
const browser = await launch();
const samples = {};
const labels = {};
const add = (id, label, unit, v) => {
  labels[id] = { label, unit };
  if (typeof v === 'number' && Number.isFinite(v)) (samples[id] ??= []).push(v);
};

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // The wasm instance's exports (for the size of its linear memory), and every main-thread task
  // longer than 50 ms (the Long Tasks API).
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__saWasm = e.detail.wasm; });
    window.__saLong = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__saLong.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  });
  return { context, page };
}

// A brush stroke across the middle of the canvas map in a new empty definition: per step the
// time from the pointer event to the end of the canvas drawing it causes, and to the painted frame.
async function stroke(page, prefix, what) {
  await page.click('[data-testid=mode-define]');
  await page.selectOption('[data-testid=new-def-source]', 'empty');
  await page.click('[data-testid=new-def-create]');
  await page.click('[data-testid=tool-brush]');
  await page.evaluate(() => performance.clearMeasures());
  const box = await page.locator('canvas.map').boundingBox();
  await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 30 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  const painted = await all(page, 'brush');
  const work = await all(page, 'brush-work');
  const units = await page.$$eval('[data-testid=map-list] [data-key]', (e) => e.filter((x) => x.dataset.class === 'Sozialraum 1').length);
  add(`${prefix}_brush_work`, `${what}: brush step, pointer event to canvas drawn, median`, 'ms', median(work));
  add(`${prefix}_brush_work_max`, `${what}: brush step, pointer event to canvas drawn, slowest`, 'ms', Math.max(...work));
  add(`${prefix}_brush_painted`, `${what}: brush step, pointer event to painted frame (two animation frames), median`, 'ms', median(painted));
  add(`${prefix}_brush_coloring`, `${what}: brush step, of which colouring every unit`, 'ms', median(await all(page, 'coloring')));
  add(`${prefix}_brush_canvas`, `${what}: brush step, of which canvas redraw`, 'ms', median(await all(page, 'canvas-draw')));
  add(`${prefix}_brush_units`, `${what}: units painted by the 30-step stroke`, 'units', units);
  add(`${prefix}_brush_units_per_step`, `${what}: units painted per step (mean)`, 'units', units / Math.max(1, painted.length));
}

async function memory(page, prefix, what) {
  const m = await page.evaluate(() => ({
    wasm: window.__saWasm?.memory?.buffer?.byteLength,
    heap: performance.memory?.usedJSHeapSize,
  }));
  add(`${prefix}_wasm_memory`, `${what}: wasm linear memory`, 'MB', m.wasm / 1e6);
  add(`${prefix}_js_heap`, `${what}: JS heap used`, 'MB', m.heap / 1e6);
  add(`${prefix}_tab_peak`, `${what}: tab (renderer process) peak resident memory`, 'MB', rendererPeakMb());
}

for (let r = 0; r < runs; r++) {
  const { context, page } = await newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('sa:demo-map').length > 0);
  add('demo_first_map', 'demo town: navigation to first map painted', 'ms', (await measures(page))['demo-map']);

  await page.goto(`${server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForFunction(() => performance.getEntriesByName('sa:bytes-to-map').length > 0, null, { timeout: 60000 });
  const m = await measures(page);
  const nav = await page.evaluate(() => performance.getEntriesByName('sa:bytes-to-map')[0].startTime);
  add('berlin_fetch', 'Berlin: navigation until the 5 MB GeoJSON and the CSV have arrived', 'ms', nav);
  add('berlin_parse', 'Berlin: parse + (no) reproject + join, in wasm', 'ms', m['parse-reproject-join']);
  add('berlin_render', 'Berlin: render 542 SVG paths (to the painted frame)', 'ms', m.render);
  add('berlin_bytes_to_map', 'Berlin: bytes arrived to map painted', 'ms', m['bytes-to-map']);
  add('berlin_nav_to_map', 'Berlin: navigation to map painted', 'ms', nav + m['bytes-to-map']);
  add('berlin_classify', 'Berlin: status index', 'ms', m.classify);
  await page.click('[data-testid=mode-cluster]');
  await page.evaluate(() => performance.clearMeasures());
  for (const id of ['S1', 'S3', 'S4', 'D1', 'D3', 'D4']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.waitForFunction(() => performance.getEntriesByName('sa:cluster').length > 0);
  add('berlin_cluster', 'Berlin: typology of 6 indicators (Ward + diagnostics k = 2..8)', 'ms', (await measures(page)).cluster);
  await memory(page, 'berlin', 'Berlin');

  await page.goto(`${server.url}?geo=data/mid.geojson&table=data/mid.csv&key=schluessel`);
  await page.waitForFunction(() => performance.getEntriesByName('sa:bytes-to-map').length > 0, null, { timeout: 120000 });
  const mm = await measures(page);
  add('mid_bytes_to_map', '10,000 units: bytes arrived to canvas map painted', 'ms', mm['bytes-to-map']);
  add('mid_parse', '10,000 units: parse + join, in wasm', 'ms', mm['parse-reproject-join']);
  await stroke(page, 'mid', '10,000 units');
  await context.close();
}

for (let r = 0; r < bigRuns; r++) {
  const { context, page } = await newPage();
  await page.goto(`${server.url}?geo=data/big.geojson&table=data/big.csv&key=schluessel`);
  await page.waitForFunction(() => performance.getEntriesByName('sa:bytes-to-map').length > 0, null, { timeout: 300000 });
  const m = await measures(page);
  const nav = await page.evaluate(() => performance.getEntriesByName('sa:bytes-to-map')[0].startTime);
  add('big_fetch', '100,160 units: navigation until the 68 MB GeoJSON and 24 MB CSV have arrived', 'ms', nav);
  add('big_parse', '100,160 units: parse + join, in wasm', 'ms', m['parse-reproject-join']);
  add('big_read_map', '100,160 units: of which the map read (first worker)', 'ms', m['read-map']);
  add('big_read_table', '100,160 units: the table read at the same time (second worker)', 'ms', m['read-table']);
  add('big_table_taken', '100,160 units: the table read taken over by the first worker', 'ms', m['table-taken']);
  add('big_join', '100,160 units: key, join and atlas (first worker)', 'ms', m['join']);
  add('big_worker_prepare', '100,160 units: a worker setting memory aside while the files arrive (before its read)', 'ms', m['worker-prepare']);
  add('big_render', '100,160 units: render on the canvas (to the painted frame)', 'ms', m.render);
  add('big_bytes_to_map', '100,160 units: bytes arrived to map painted', 'ms', m['bytes-to-map']);
  add('big_nav_to_map', '100,160 units: navigation to map painted', 'ms', nav + m['bytes-to-map']);
  // The longest main-thread task from the bytes' arrival until the map is painted.
  const longest = await page.evaluate(([from, to]) => Math.max(0, ...window.__saLong
    .filter(([s, d]) => s + d > from && s < to).map(([, d]) => d)), [nav, nav + m['bytes-to-map']]);
  add('big_longest_task', '100,160 units: longest main-thread task from the bytes\' arrival to the map painted', 'ms', longest);
  // The browser's own JSON.parse of the same GeoJSON, in the same page, and the ratio of this
  // run (the machine's speed varies between runs: each run compares like with like).
  const jsonParse = await page.evaluate(async () => {
    const text = await (await fetch('data/big.geojson')).text();
    const t = performance.now();
    JSON.parse(text);
    return performance.now() - t;
  });
  add('big_json_parse', '100,160 units: JSON.parse of the 68 MB GeoJSON in the same page', 'ms', jsonParse);
  add('big_parse_ratio', '100,160 units: read + join over JSON.parse, same page and run', 'x', m['parse-reproject-join'] / jsonParse);
  await memory(page, 'big', '100,160 units');
  await stroke(page, 'big', '100,160 units');
  // 10,000 facilities (seeded, in the map's box) placed on the 100,160 units.
  await page.click('[data-testid=mode-explore]');
  await page.setInputFiles('[data-testid=points-input]', pointsFile);
  await page.waitForFunction(() => performance.getEntriesByName('sa:points-place').length > 0, null, { timeout: 120000 });
  add('big_points', '100,160 units: 10,000 facilities read and placed (point in polygon, columns added)', 'ms', (await all(page, 'points-place'))[0]);
  // A max-p proposal on the 100,160 units (3 indicators, a floor of 2,000 inhabitants), in the
  // worker: from the click to the new definition.
  await page.click('[data-testid=mode-cluster]');
  for (const id of ['ind_01', 'ind_02', 'ind_03']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.click('[data-testid=mode-define]');
  if (!(await page.$eval('.new-definition', (e) => e.open))) await page.click('.new-definition summary');
  await page.selectOption('[data-testid=new-def-source]', 'proposal');
  await page.fill('[data-testid=proposal-min-pop]', '2000');
  await page.dispatchEvent('[data-testid=proposal-min-pop]', 'change');
  const defs = await page.$$eval('[data-testid=definition-select] option', (o) => o.length);
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=definition-select] option').length === n + 1, defs, { timeout: 600000 });
  add('big_propose', '100,160 units: max-p proposal (floor 2,000, 3 indicators), click to new definition', 'ms', (await all(page, 'propose'))[0]);
  add('big_propose_worker', '100,160 units: of which the proposal in the worker', 'ms', (await all(page, 'propose-worker'))[0]);
  await context.close();
}

// A Zensus grid of 3 million cells (183 MB) streamed onto the demo town, and the tab's memory.
for (let r = 0; r < bigRuns; r++) {
  const { context, page } = await newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length > 0, null, { timeout: 30000 });
  await page.setInputFiles('[data-testid=points-input]', gridFile);
  await page.waitForFunction(() => performance.getEntriesByName('sa:grid-stream').length > 0, null, { timeout: 300000 });
  add('grid_stream', 'Zensus grid, 3 million cells (183 MB), streamed and summed onto the demo town', 'ms', (await all(page, 'grid-stream'))[0]);
  add('grid_memory', 'Zensus grid: tab memory (peak resident memory of the renderer process)', 'MB', rendererPeakMb());
  await context.close();
}

await browser.close();
await server.close();
fs.rmSync(tmp, { recursive: true, force: true });
// The page's own module (the worker's is fetched only when a file is loaded).
const wasm = fs.readdirSync(dist).find((f) => f.endsWith('.wasm') && !f.includes('worker'));
const js = fs.readdirSync(dist).find((f) => f.endsWith('.js') && !f.includes('worker'));
const round = (v, unit) => (unit === 'x' ? Math.round(v * 100) / 100 : Math.round(v * 10) / 10);
const out = {
  runs, big_runs: bigRuns,
  chromium: execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version']).toString().trim(),
  measures: Object.fromEntries(Object.entries(labels).map(([id, l]) => [id, {
    // Ratios to two decimals (1.96 is not 2.0), everything else to one.
    ...l, median: samples[id] ? round(median(samples[id]), l.unit) : null, samples: samples[id]?.length ?? 0,
    values: samples[id]?.map((v) => round(v, l.unit)) ?? [],
  }])),
  wasm_bytes: fs.statSync(path.join(dist, wasm)).size,
  js_bytes: fs.statSync(path.join(dist, js)).size,
};
console.log(JSON.stringify(out, null, 2));
