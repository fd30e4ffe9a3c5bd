// Sharing without a server: the state in the link (fresh browser, same classes everywhere),
// a damaged link, the project file (byte-identical round trip), the offline HTML file from
// file:// with the network off, the Content-Security-Policy and the requests made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { useBrowser, recordedPage, screenshot, berlinUrls, foreignRequests, outDir } from './harness.mjs';

// A map whose area names carry markup: shown as text, never run.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-markup-'));
const evil = '<img src=x onerror="window.__xss=1"><b>Nord</b>';
const square = (x) => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 500, 0], [x + 500, 500], [x, 500], [x, 0]].map(([a, b]) => [360000 + a, 5700000 + b])] });
fs.writeFileSync(path.join(tmp, 'markup.geojson'), JSON.stringify({
  type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } },
  features: [
    { type: 'Feature', properties: { id: 'A1', name: evil, einwohner: 100 }, geometry: square(0) },
    { type: 'Feature', properties: { id: 'A2', name: '"><script>window.__xss=2</script>', einwohner: 200 }, geometry: square(500) },
  ],
}));
const ctx = useBrowser({ ...berlinUrls, '/data/markup.geojson': path.join(tmp, 'markup.geojson') });

const classes = (page, sel = 'svg.map path.unit[data-key]') =>
  page.$$eval(sel, (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.dataset.class])));

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

/** Berlin by address, Bezirksregionen by key prefix, one Planungsraum moved to a neighbour. */
async function berlinWithDefinition(page) {
  await page.goto(`${ctx.server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  await page.click('[data-testid=mode-define]');
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sozialraum-row]').length === 143, null, { timeout: 30000 });
  // Paint Stülerstraße (011001) into the Sozialraum 011002 with the click tool.
  const rows = await page.$$('[data-testid=sozialraum-row] .swatch-button');
  await rows[1].click();
  await page.$eval('svg.map path.unit[data-key="01100101"]', (el) => el.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await page.waitForFunction(() => document.querySelector('svg.map path.unit[data-key="01100101"]').dataset.class === '011002');
}

test('Berlin: the link restores every class and the drawn definition in a fresh browser', async () => {
  const { page, errors, context, requests } = await recordedPage(ctx.browser);
  await berlinWithDefinition(page);
  const defined = await classes(page);
  await page.click('[data-testid=mode-classify]');
  for (const id of ['S1', 'S3', 'S4']) await page.check(`[data-testid=classify-indicator][value=${id}]`);
  await page.waitForFunction(() => [...document.querySelectorAll('svg.map path.unit')].filter((e) => e.dataset.class === 'sehr niedrig').length === 49);
  const classified = await classes(page);
  await page.click('[data-testid=share-link]');
  const link = await page.inputValue('[data-testid=share-url]');
  const state = link.split('#s=')[1];
  assert.ok(link.includes('?geo=data%2Fplr.geojson&table=data%2Fmss.csv&key=PLR_ID#s=2.'), link.slice(0, 120));
  console.log(`link: ${link.length} characters, state ${state.length}`);
  // The state carries the indicator setup of all 24 columns and 143 Sozialraum names.
  assert.ok(state.length < 2500, `${state.length} characters`);
  // Only the page's own files and the two data files were requested; nothing left 127.0.0.1.
  assert.deepEqual(foreignRequests(requests), []);
  const data = requests.filter((u) => u.includes('/data/'));
  assert.deepEqual([...new Set(data.map((u) => new URL(u).pathname))].sort(), ['/data/mss.csv', '/data/plr.geojson']);
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.deepEqual(errors, []);
  await context.close();

  const fresh = await recordedPage(ctx.browser);
  await fresh.page.goto(link);
  await fresh.page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  await fresh.page.waitForFunction(() => [...document.querySelectorAll('svg.map path.unit')].some((e) => e.dataset.class === 'sehr niedrig'));
  assert.equal(await fresh.page.getAttribute('[data-testid=mode-classify]', 'aria-pressed'), 'true');
  assert.deepEqual(await classes(fresh.page), classified);
  await fresh.page.click('[data-testid=mode-define]');
  assert.deepEqual(await classes(fresh.page), defined);
  await screenshot(fresh.page, 'share-berlin-link');
  assert.deepEqual(foreignRequests(fresh.requests), []);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});

test('a damaged link gives a message and the default view', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  await page.click('[data-testid=mode-cluster]');
  await page.click('[data-testid=share-link]');
  const link = await page.inputValue('[data-testid=share-url]');
  await context.close();
  for (const bad of [link.slice(0, link.length - 12), link.replace('#s=2.', '#s=2.%%%'), link.replace('#s=2.', '#s=9.')]) {
    const p = await recordedPage(ctx.browser);
    await p.page.goto(bad);
    await p.page.waitForSelector('svg.map path[data-key]');
    const msg = await p.page.textContent('[data-testid=share-message]');
    assert.match(msg, /Standardansicht/);
    assert.equal(await p.page.getAttribute('[data-testid=mode-explore]', 'aria-pressed'), 'true');
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

test('project file round-trips byte-identical; the offline file works from file:// with the network off', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await berlinWithDefinition(page);
  await page.click('[data-testid=labels-toggle]');
  const defined = await classes(page);
  const first = await download(page, 'export-project');
  const offline = await download(page, 'export-offline');
  assert.deepEqual(errors, []);
  await context.close();

  // Open the project in a fresh browser by the file picker, save it again: the same bytes.
  const p2 = await recordedPage(ctx.browser);
  await p2.page.goto(ctx.server.url);
  await p2.page.waitForSelector('svg.map path[data-key]');
  await p2.page.setInputFiles('[data-testid=file-input]', first);
  await p2.page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  await p2.page.waitForFunction(() => document.querySelector('[data-testid=mode-define]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(p2.page), defined);
  const again = await download(p2.page, 'export-project');
  assert.ok(fs.readFileSync(first).equals(fs.readFileSync(again)), 'project file byte-identical after open and save');
  assert.deepEqual(p2.errors, []);
  await p2.context.close();

  // The offline file: one HTML file, no network at all.
  const size = fs.statSync(offline).size;
  console.log(`offline file: ${(size / 1e6).toFixed(1)} MB`);
  const p3 = await recordedPage(ctx.browser);
  await p3.context.setOffline(true);
  await p3.page.goto(`file://${offline}`);
  await p3.page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 60000 });
  await p3.page.waitForFunction(() => document.querySelector('[data-testid=mode-define]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(p3.page), defined);
  assert.ok(await p3.page.$$eval('svg.map .sr-labels text', (t) => t.length) > 20, 'names on, as saved');
  assert.deepEqual(p3.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('blob:')), []);
  await screenshot(p3.page, 'share-offline');
  assert.deepEqual(p3.errors, []);
  await p3.context.close();
});

test('area and column names with markup are shown as text, never run', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/markup.geojson&key=id`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map path.unit[data-key]').length === 2, null, { timeout: 30000 });
  await page.click('[data-testid=labels-toggle]');
  await page.click('[data-testid=table-toggle]');
  const texts = await page.evaluate(() => document.body.innerText);
  assert.ok(texts.includes('<img src=x onerror="window.__xss=1"><b>Nord</b>'), 'the name as typed');
  const injected = await page.evaluate(() => document.querySelectorAll('body img, body script').length);
  assert.equal(injected, 0, 'no element from a name');
  assert.ok(await page.evaluate(() => window.__xss === undefined));
  // In a shared link the name travels and comes back as text too.
  await page.click('[data-testid=mode-define]');
  await page.selectOption('[data-testid=new-def-source]', 'column');
  await page.click('[data-testid=new-def-create]');
  assert.ok(await page.evaluate(() => window.__xss === undefined));
  assert.deepEqual(errors, []);
  await context.close();
});
