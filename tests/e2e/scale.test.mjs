// Maps that scale: above 3,000 units the map is a canvas (hit-testing by the core's R-tree)
// with an accessible list that keeps the data-key/data-class contract. 4,800 synthetic units
// written by the CLI (`sozialatlas demo --grid 80x60`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBrowser, recordedPage, screenshot, root } from './harness.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-scale-'));
const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
execFileSync(cli, ['demo', '--grid', '80x60', '--out', tmp]);
const ctx = useBrowser({ '/data/syn.geojson': path.join(tmp, 'synthetic.geojson'), '/data/syn.csv': path.join(tmp, 'synthetic.csv') });

test('4,800 units: canvas map, accessible list, click opens the profile, modes keep the contract', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/syn.geojson&table=data/syn.csv&key=schluessel`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 4800, null, { timeout: 60000 });
  assert.equal(await page.$('svg.map'), null, 'no SVG with 4,800 paths');
  assert.ok(await page.$('canvas.map'));
  const list = () => page.$$eval('[data-testid=map-list] [data-key]', (e) => e.map((x) => [x.dataset.key, x.dataset.class]));
  const classes = (await list()).map(([, c]) => c);
  assert.deepEqual([...new Set(classes)].sort(), ['0', '1', '2', '3', '4']);
  // The canvas is painted: sample its centre pixel (not transparent).
  const painted = await page.$eval('canvas.map', (c) => { const d = c.getContext('2d').getImageData(c.width / 2, c.height / 2, 1, 1).data; return d[3]; });
  assert.ok(painted > 200, `alpha ${painted}`);
  // Click in the middle of the canvas: a profile opens for a real unit, and the hover line names it.
  const box = await page.locator('canvas.map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => /Rang \d+ von 4800/.test(document.querySelector('[data-testid=hover-info]').textContent));
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('[data-testid=area-profile]');
  assert.match(await page.textContent('[data-testid=profile-key]'), /^S\d{7}$/);
  await screenshot(page, 'scale-canvas');
  await page.keyboard.press('Escape');
  await page.click('[data-testid=mode-classify]');
  // Synthetic indicators have no direction: nothing is ticked, every unit is "ohne Zuordnung".
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=map-list] [data-key]')].every((e) => e.dataset.class === 'ohne Zuordnung'));
  await page.check('[data-testid=classify-indicator][value=ind_01]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=map-list] [data-key]')].some((e) => e.dataset.class === 'mittel'));
  await page.click('[data-testid=zoom-in]');
  assert.equal(await page.getAttribute('canvas.map', 'data-zoomed'), 'true');
  // Dragging the zoomed canvas pans it (its pixels move) and opens no profile.
  const row = () => page.$eval('canvas.map', (c) => Array.from(c.getContext('2d').getImageData(0, Math.round(c.height / 2), c.width, 1).data).join());
  const before = await row();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 10, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((b) => Array.from(document.querySelector('canvas.map').getContext('2d').getImageData(0, Math.round(document.querySelector('canvas.map').height / 2), document.querySelector('canvas.map').width, 1).data).join() !== b, before);
  assert.notEqual(await row(), before);
  assert.equal(await page.$('[data-testid=area-profile]'), null, 'a drag is no click');
  assert.deepEqual(errors, []);
  await context.close();
});

test('4,800 units: Sozialräume drawn with the brush on the canvas map, one undo step', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/syn.geojson&table=data/syn.csv&key=schluessel`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 4800, null, { timeout: 60000 });
  await page.click('[data-testid=mode-define]');
  await page.selectOption('[data-testid=new-def-source]', 'empty');
  await page.click('[data-testid=new-def-create]');
  await page.click('[data-testid=tool-brush]');
  const box = await page.locator('canvas.map').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx - 60, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy, { steps: 20 });
  await page.mouse.up();
  const painted = () => page.$$eval('[data-testid=map-list] [data-key]', (e) => e.filter((x) => x.dataset.class === 'Sozialraum 1').length);
  const n = await painted();
  assert.ok(n >= 10, `${n} units painted`);
  // The canvas itself shows the Sozialraum's colour along the stroke: only the
  // changed units' boxes are redrawn, so this checks that partial redraw.
  const tealAlongStroke = () => page.$eval('canvas.map', (c, [dx]) => {
    const ctx = c.getContext('2d');
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    let hits = 0;
    for (let x = -50; x <= 50; x += 5) {
      const d = ctx.getImageData(Math.round((r.width / 2 + x) * k), Math.round((r.height / 2) * k), 1, 1).data;
      // Teal (#8dd3c7, also blended with the white unit borders) against the grey of
      // unassigned units (equal channels).
      if (d[1] - d[0] > 20 && d[2] - d[0] > 15) hits++;
    }
    return hits;
  }, [0]);
  assert.ok(await tealAlongStroke() >= 10, 'painted units drawn on the canvas');
  const brush = await page.evaluate(() => performance.getEntriesByName('sa:brush').map((m) => m.duration));
  assert.ok(brush.length > 0, 'the app measures each brush step');
  await screenshot(page, 'scale-define');
  await page.click('[data-testid=undo]');
  assert.equal(await painted(), 0);
  assert.equal(await tealAlongStroke(), 0, 'and gone again after undo');
  assert.deepEqual(errors, []);
  await context.close();
});

// The typology of 4,800 units with four indicators, the page's frame gaps recorded while it
// is computed; `blockWorker` makes the worker's script missing (computed in the page instead).
async function clusterRun(blockWorker) {
  const { page, errors, context } = await recordedPage(ctx.browser);
  const workerRequests = [];
  page.on('request', (r) => { if (r.url().includes('sozialatlas-worker')) workerRequests.push(r.url()); });
  if (blockWorker) await page.route('**/sozialatlas-worker_loader.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${ctx.server.url}?geo=data/syn.geojson&table=data/syn.csv&key=schluessel`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 4800, null, { timeout: 60000 });
  await page.click('[data-testid=mode-cluster]');
  // Record the longest gap between animation frames while the typology is computed.
  await page.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    const tick = (t) => { window.__gap = Math.max(window.__gap, t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  for (const id of ['ind_01', 'ind_02', 'ind_03', 'ind_04']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.waitForSelector('[data-testid=cluster-progress]', { timeout: 10000 });
  if (!blockWorker) await screenshot(page, 'scale-cluster-progress');
  await page.waitForFunction(() => new Set([...document.querySelectorAll('[data-testid=map-list] [data-key]')].map((e) => e.dataset.class)).size === 5, null, { timeout: 120000 });
  const gap = await page.evaluate(() => { window.__stop = true; return window.__gap; });
  console.log(`longest frame gap while clustering 4,800 units (${blockWorker ? 'in the page' : 'in the worker'}): ${Math.round(gap)} ms`);
  assert.equal(await page.$('[data-testid=cluster-progress]'), null, 'progress bar gone');
  assert.equal(await page.$('[data-testid=cluster-error]'), null);
  const classes = await page.$$eval('[data-testid=map-list] [data-key]', (e) => e.map((x) => [x.dataset.key, x.dataset.class]));
  const inWorker = await page.evaluate(() => performance.getEntriesByName('sa:cluster-worker').length);
  if (blockWorker) assert.ok(errors.every((e) => /sozialatlas-worker_loader|404|Failed to load/.test(e)), errors.join('\n'));
  else assert.deepEqual(errors, []);
  await context.close();
  return { classes, inWorker, workerRequests };
}

test('4,800 units: the typology is computed in the worker with a progress bar; where no worker starts, in the page in slices, with the same clusters', async () => {
  const worker = await clusterRun(false);
  assert.equal(worker.inWorker, 1, 'computed in the worker (its measure posted back)');
  assert.ok(worker.workerRequests.some((u) => u.endsWith('_bg.wasm')), 'the worker module was fetched');
  assert.deepEqual([...new Set(worker.classes.map(([, c]) => c))].sort(), ['1', '2', '3', '4', '5']);
  const page = await clusterRun(true);
  assert.equal(page.inWorker, 0, 'computed in the page');
  // The same algorithm in either place: every area in the same cluster.
  assert.deepEqual(page.classes, worker.classes);
});
