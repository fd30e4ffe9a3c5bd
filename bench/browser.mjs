// Timed browser run (a benchmark, not a test): opens the built dist/ in headless Chromium and
// reads the app's performance measures (src/io/perf.rs): the demo town's first map after
// navigation, and Berlin's 542 Planungsräume loaded by address, split into fetch (navigation to
// the bytes), parse + reproject + join, render and bytes-to-map. Prints JSON with the median of
// RUNS runs (default 7). Usage: node bench/browser.mjs [RUNS] > browser.json
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, dist, berlinUrls } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 7);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const measures = (page) => page.evaluate(() => Object.fromEntries(
  performance.getEntriesByType('measure').filter((m) => m.name.startsWith('sa:')).map((m) => [m.name.slice(3), m.duration])));

const server = await serve(dist, berlinUrls);
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
  await context.close();
}
await browser.close();
await server.close();
const wasm = fs.readdirSync(dist).filter((f) => f.endsWith('.wasm')).map((f) => fs.statSync(path.join(dist, f)).size)[0];
const out = { runs, medians: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v) * 10) / 10])), wasm_bytes: wasm };
console.log(JSON.stringify(out, null, 2));
