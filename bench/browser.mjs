// Timed browser run (a benchmark, not a test): opens the built dist/ in headless Chromium and
// reads the app's performance measures (src/io/perf.rs): the demo town's first map after
// navigation, and Berlin's 542 Planungsräume loaded by address, split into fetch (navigation to
// the bytes), parse + reproject + join, render and bytes-to-map; 10,000 synthetic units loaded and
// a brush stroke drawn over them in the Define mode. Prints JSON with the median of
// RUNS runs (default 7). Usage: node bench/browser.mjs [RUNS] > browser.json
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { serve, launch, dist, berlinUrls, root } from '../tests/e2e/harness.mjs';

// 10,000 synthetic units (100 x 100 cells) for the drawing benchmark, written by the CLI.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-bench-'));
const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
execFileSync(cli, ['demo', '--grid', '100x100', '--out', tmp]);

const runs = Number(process.argv[2] ?? 7);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const measures = (page) => page.evaluate(() => Object.fromEntries(
  performance.getEntriesByType('measure').filter((m) => m.name.startsWith('sa:')).map((m) => [m.name.slice(3), m.duration])));

const server = await serve(dist, { ...berlinUrls, '/data/syn.geojson': path.join(tmp, 'synthetic.geojson'), '/data/syn.csv': path.join(tmp, 'synthetic.csv') });
const browser = await launch();
const samples = {};
const add = (key, v) => { if (typeof v === 'number') (samples[key] ??= []).push(v); };
for (let r = 0; r < runs; r++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('sa:demo-map').length > 0);
  add('demo: navigation to first map (ms)', (await measures(page))['demo-map']);
  await page.goto(`${server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForFunction(() => performance.getEntriesByName('sa:bytes-to-map').length > 0, null, { timeout: 60000 });
  const m = await measures(page);
  const nav = await page.evaluate(() => performance.getEntriesByName('sa:bytes-to-map')[0].startTime);
  add('Berlin: navigation to bytes arrived (ms)', nav);
  add('Berlin: parse + reproject + join (ms)', m['parse-reproject-join']);
  add('Berlin: render 542 paths (ms)', m.render);
  add('Berlin: bytes arrived to map painted (ms)', m['bytes-to-map']);
  add('Berlin: navigation to map painted (ms)', nav + m['bytes-to-map']);
  add('Berlin: status index (ms)', m.classify);
  // Typology of six indicators, k = 5 (Ward on 536 areas).
  await page.click('[data-testid=mode-cluster]');
  await page.evaluate(() => performance.clearMeasures());
  for (const id of ['S1', 'S3', 'S4', 'D1', 'D3', 'D4']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.waitForFunction(() => performance.getEntriesByName('sa:cluster').length > 0);
  add('Berlin: typology, 6 indicators, Ward + diagnostics (ms)', (await measures(page)).cluster);
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize);
  add('Berlin: JS heap used (MB)', heap ? heap / 1e6 : undefined);
  // 10,000 units: load, then a brush stroke in the Define mode (pointer event to painted frame).
  await page.goto(`${server.url}?geo=data/syn.geojson&table=data/syn.csv&key=schluessel`);
  await page.waitForFunction(() => performance.getEntriesByName('sa:bytes-to-map').length > 0, null, { timeout: 120000 });
  add('10,000 units: bytes arrived to map painted (ms)', (await measures(page))['bytes-to-map']);
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
  await page.waitForTimeout(200);
  const brush = await page.evaluate(() => performance.getEntriesByName('sa:brush').map((m) => m.duration));
  const units = await page.$$eval('[data-testid=map-list] [data-key]', (e) => e.filter((x) => x.dataset.class === 'Sozialraum 1').length);
  add('10,000 units: brush step, event to painted frame, median (ms)', median(brush));
  add('10,000 units: brush step, slowest (ms)', Math.max(...brush));
  const part = async (name) => median(await page.evaluate((n) => performance.getEntriesByName(`sa:${n}`).map((m) => m.duration), name));
  add('10,000 units: brush step, event to end of its work (ms)', await part('brush-work'));
  add('10,000 units: brush step, of which colouring (ms)', await part('coloring'));
  add('10,000 units: brush step, of which canvas redraw (ms)', await part('canvas-draw'));
  add('10,000 units: units painted by the stroke', units);
  await context.close();
}
await browser.close();
await server.close();
const wasm = fs.readdirSync(dist).filter((f) => f.endsWith('.wasm')).map((f) => fs.statSync(path.join(dist, f)).size)[0];
const out = { runs, medians: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v) * 10) / 10])), wasm_bytes: wasm };
console.log(JSON.stringify(out, null, 2));
