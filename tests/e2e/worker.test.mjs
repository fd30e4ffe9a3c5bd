// Large files are read in a Web Worker (src/bin/worker.rs): the page shows how far the load is
// (`load-progress`), can cancel it (`load-cancel`, what was shown stays), and reads in the page
// where no worker can start. 10,000 synthetic units written by the CLI (9 MB: above the size
// from which files are read in the worker); the worker's module is held back by the test (a
// route that waits) so the progress can be seen and cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBrowser, recordedPage, screenshot, root } from './harness.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-worker-'));
const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
execFileSync(cli, ['demo', '--grid', '100x100', '--out', tmp]);
const files = [path.join(tmp, 'synthetic.geojson'), path.join(tmp, 'synthetic.csv')];
const small = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-worker-small-'));
execFileSync(cli, ['demo', '--grid', '40x30', '--out', small]);
const ctx = useBrowser({ '/data/mid.geojson': files[0], '/data/mid.csv': files[1] });

const demoKeys = (page) => page.$$eval('svg.map [data-key]', (e) => e.map((x) => x.dataset.key).sort().join());

/** Holds the worker's module back for `ms` (the page waits for the worker). */
async function slowWorker(page, ms) {
  await page.route('**/sozialatlas-worker_bg.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** The demo town shown, then `files` chosen: the count of loads read so far, to compare with. */
async function chooseAfterDemo(page) {
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  const reads = () => page.evaluate(() => performance.getEntriesByName('sa:parse-reproject-join').length);
  const demo = await reads();
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.waitForSelector('[data-testid=load-progress]');
  return { reads, demo };
}

test('a map and table are read in the worker, with progress; the result is the map', async () => {
  const { page, errors, context, requests } = await recordedPage(ctx.browser);
  await slowWorker(page, 800);
  const { reads, demo } = await chooseAfterDemo(page);
  assert.match(await page.textContent('[data-testid=load-progress-text]'), /vorbereitet|gelesen|übernommen/);
  await screenshot(page, 'worker-progress');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  assert.equal(await page.$('[data-testid=load-progress]'), null, 'the progress goes when the map is there');
  assert.match(await page.textContent('[data-testid=load-summary]'), /10000 Gebiete geladen/);
  assert.ok(requests.some((u) => u.endsWith('sozialatlas-worker_bg.wasm')), 'the worker was started');
  // The worker's time is posted back and recorded in the page like the page's own measures.
  assert.equal(await reads(), demo + 1);
  // The table was read in a second worker while the first read the map.
  const [map, table] = await page.evaluate(() => ['sa:read-map', 'sa:read-table']
    .map((n) => performance.getEntriesByName(n).map((e) => [e.startTime, e.startTime + e.duration])[0]));
  assert.ok(map && table, 'both workers measured their part');
  // The table's read did not wait for the map's (on a busy machine one worker may start a
  // little later than the other, so the two short reads need not overlap).
  assert.ok(table[0] < map[1], `the table read began before the map read ended: map ${map}, table ${table}`);
  // A second load starts a new worker (each one is terminated when its load is done).
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.waitForFunction((n) => performance.getEntriesByName('sa:parse-reproject-join').length === n, demo + 2, { timeout: 60000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=load-progress]'));
  // The accessible list is filled in parts after the map is drawn.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link to large files: both workers start while the files arrive and set memory aside for them', async () => {
  const { page, errors, context, requests } = await recordedPage(ctx.browser);
  // A line of 5 MB/s: the 9 MB take about two seconds to arrive.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 5e6, uploadThroughput: -1 });
  await page.goto(`${ctx.server.url}?geo=data/mid.geojson&table=data/mid.csv&key=schluessel`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  // Each worker says how long it took to set memory aside (posted back as `sa:worker-prepare`,
  // once), and it had done so before the files arrived and it began to read.
  const m = await page.evaluate(() => Object.fromEntries(['sa:worker-prepare', 'sa:read-map', 'sa:read-table', 'sa:bytes-to-map']
    .map((n) => [n, performance.getEntriesByName(n).map((e) => [e.startTime, e.startTime + e.duration])])));
  assert.equal(m['sa:worker-prepare'].length, 2, 'two workers prepared');
  const arrived = m['sa:bytes-to-map'][0][0];
  assert.ok(m['sa:worker-prepare'].every(([, end]) => end <= arrived), `prepared while the files arrived: ${JSON.stringify(m)}`);
  assert.equal(requests.filter((u) => u.endsWith('sozialatlas-worker_bg.wasm')).length, 2);
  assert.match(await page.textContent('[data-testid=load-summary]'), /10000 Gebiete geladen/);
  // Both were taken by the load and ended with it: no worker keeps the memory.
  for (let i = 0; i < 50 && page.workers().length > 0; i++) await page.waitForTimeout(100);
  assert.equal(page.workers().length, 0, 'no worker left');
  assert.deepEqual(errors, []);
  await context.close();
});

test('small files are read in the page: no worker is fetched for them', async () => {
  const { page, errors, context, requests } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  await page.setInputFiles('[data-testid=file-input]', [path.join(small, 'synthetic.geojson'), path.join(small, 'synthetic.csv')]);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 1200, null, { timeout: 60000 });
  assert.equal(requests.filter((u) => u.includes('sozialatlas-worker')).length, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cancelling a load leaves the map shown before, and nothing arrives later', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await slowWorker(page, 2500);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  const before = await demoKeys(page);
  await page.click('[data-testid=lang-toggle]');
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.waitForSelector('[data-testid=load-cancel]');
  assert.equal(await page.textContent('[data-testid=load-cancel]'), 'Cancel');
  await page.click('[data-testid=load-cancel]');
  assert.equal(await page.$('[data-testid=load-progress]'), null);
  assert.match(await page.textContent('[data-testid=load-error]'), /cancelled\. What was loaded before stays shown/);
  // Longer than the worker was held back: the cancelled load never replaces the map.
  await page.waitForTimeout(3500);
  assert.equal(await demoKeys(page), before);
  assert.equal(await page.$('[data-testid=map-list]'), null);
  // The same files load when asked again (the worker is still held back for a moment).
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a second load started while the first is still read replaces it: only the second arrives', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await slowWorker(page, 1500);
  const { reads, demo } = await chooseAfterDemo(page);
  // The second pair: the same map with a table whose first indicator has another name.
  const second = path.join(tmp, 'zweite.csv');
  fs.writeFileSync(second, fs.readFileSync(files[1], 'utf8').replace(';ind_01;', ';neu_01;'));
  const indicators = () => page.$$eval('[data-testid=indicator-picker] option', (o) => o.map((x) => x.textContent).join());
  await page.setInputFiles('[data-testid=file-input]', [files[0], second]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=load-progress]'));
  assert.match(await indicators(), /neu_01/);
  // Longer than the first load could take: it never replaces the second.
  await page.waitForTimeout(2000);
  assert.equal(await reads(), demo + 1, 'one load arrived');
  assert.match(await indicators(), /neu_01/, 'still the second table');
  assert.doesNotMatch(await indicators(), /ind_01/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('where no worker can start, the files are read in the page', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.route('**/sozialatlas-worker_loader.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  assert.match(await page.textContent('[data-testid=load-summary]'), /10000 Gebiete geladen/);
  // The failed worker script is the only console error.
  assert.ok(errors.every((e) => /sozialatlas-worker_loader|404|Failed to load/.test(e)), errors.join('\n'));
  await context.close();
});

test('a broken map read in the worker is named, and the map shown stays', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  const before = await demoKeys(page);
  const broken = path.join(tmp, 'kaputt.geojson');
  fs.writeFileSync(broken, fs.readFileSync(files[0], 'utf8').slice(0, 5000));
  await page.setInputFiles('[data-testid=file-input]', [broken, files[1]]);
  await page.waitForSelector('[data-testid=load-error]');
  assert.match(await page.textContent('[data-testid=load-error]'), /kaputt\.geojson/);
  assert.equal(await demoKeys(page), before);
  assert.equal(await page.$('[data-testid=load-progress]'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken table read in the second worker is named with its line, and the map shown stays', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  const before = await demoKeys(page);
  const lines = fs.readFileSync(files[1], 'utf8').split('\n');
  lines[5000] = 'S0005000;zu;wenig';
  const broken = path.join(tmp, 'kaputt.csv');
  fs.writeFileSync(broken, lines.join('\n'));
  await page.setInputFiles('[data-testid=file-input]', [files[0], broken]);
  await page.waitForSelector('[data-testid=load-error]', { timeout: 60000 });
  const message = await page.textContent('[data-testid=load-error]');
  assert.match(message, /kaputt\.csv/);
  assert.match(message, /5001/, 'the line is named');
  assert.equal(await demoKeys(page), before);
  assert.equal(await page.$('[data-testid=load-progress]'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('where only one worker starts, it reads the table too', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  let started = 0;
  await page.route('**/sozialatlas-worker_loader.js', (route) => (started++ === 0
    ? route.continue() : route.fulfill({ status: 404, body: 'not found' })));
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  const reads = () => page.evaluate(() => performance.getEntriesByName('sa:parse-reproject-join').length);
  const demo = await reads();
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  assert.match(await page.textContent('[data-testid=load-summary]'), /10000 Gebiete geladen/);
  assert.ok(started >= 2, 'a second worker was asked for');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('sa:read-table').length), 0, 'no second worker read the table');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('sa:read-map').length), 1, 'the first worker read the map apart');
  assert.equal(await reads(), demo + 1, 'and joined it with the table it read itself');
  assert.ok(errors.every((e) => /sozialatlas-worker_loader|404|Failed to load/.test(e)), errors.join('\n'));
  await context.close();
});

/** Loads the 10,000 units, ticks three indicators for the typology and opens a proposal. */
async function proposalReady(page) {
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map [data-key]');
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-list] [data-key]').length === 10000, null, { timeout: 60000 });
  await page.click('[data-testid=mode-cluster]');
  for (const id of ['ind_01', 'ind_02', 'ind_03']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.click('[data-testid=mode-define]');
  if (!(await page.$eval('.new-definition', (e) => e.open))) await page.click('.new-definition summary');
  await page.selectOption('[data-testid=new-def-source]', 'proposal');
  await page.fill('[data-testid=proposal-min-pop]', '5000');
  await page.dispatchEvent('[data-testid=proposal-min-pop]', 'change');
}

const definitions = (page) => page.$$eval('[data-testid=definition-select] option', (o) => o.length);

test('a max-p proposal runs in the worker, with progress, and becomes a definition', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await proposalReady(page);
  const before = await definitions(page);
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=definition-select] option').length === n + 1, before, { timeout: 120000 });
  // Computed in the worker (its measure posted back), not in the page.
  assert.equal(await page.evaluate(() => performance.getEntriesByName('sa:propose-worker').length), 1);
  assert.match(await page.textContent('[data-testid=validation]'), /Alle Sozialräume hängen zusammen/);
  const rows = await page.$$eval('[data-testid=sozialraum-row]', (r) => r.length);
  // 10,000 units of 300 to 1,200 inhabitants with a floor of 5,000: several hundred regions.
  assert.ok(rows > 400 && rows < 1500, `${rows} regions`);
  assert.equal(await page.$('[data-testid=proposal-progress]'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a proposal can be cancelled: nothing is added, and it runs again when asked', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await proposalReady(page);
  await slowWorker(page, 2500);
  const before = await definitions(page);
  await page.click('[data-testid=new-def-create]');
  await page.waitForSelector('[data-testid=proposal-cancel]');
  await page.click('[data-testid=proposal-cancel]');
  assert.equal(await page.$('[data-testid=proposal-progress]'), null);
  await page.waitForTimeout(3500);
  assert.equal(await definitions(page), before);
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=definition-select] option').length === n + 1, before, { timeout: 120000 });
  assert.deepEqual(errors, []);
  await context.close();
});
