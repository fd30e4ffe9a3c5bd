// Safe to open, safe to share: a link or project file never destroys the user's own
// definitions (they stay beside the imported ones, and the import can be undone); a full
// storage is said at once; data addresses of another origin or `data:` are asked for before
// any request; a link too large for the map is a message and the default view; names that are
// formulas reach no spreadsheet as formulas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { useBrowser, recordedPage, screenshot, outDir, root } from './harness.mjs';

const ctx = useBrowser();
const names = (page) => page.$$eval('[data-testid=definition-select] option', (o) => o.map((e) => e.textContent));

async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name);
  await dl.saveAs(file);
  return file;
}

/** Draws a definition from the key prefix in the demo town and names it. */
async function drawOwn(page, name) {
  await page.click('[data-testid=mode-define]');
  await page.click('[data-testid=new-def-create]');
  await page.waitForSelector('[data-testid=sozialraum-row]');
  await page.fill('[data-testid=definition-name]', name);
  await page.press('[data-testid=definition-name]', 'Enter');
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid=definition-select] option')].some((o) => o.textContent === n), name);
}

test('a link and a project file arrive beside the autosaved definitions, and undo takes them back', async () => {
  // A colleague's link with the definition "Vorschlag Nord".
  const sender = await recordedPage(ctx.browser);
  await sender.page.goto(ctx.server.url);
  await sender.page.waitForSelector('svg.map path.unit[data-key]');
  await drawOwn(sender.page, 'Vorschlag Nord');
  await sender.page.click('[data-testid=share-link]');
  const link = await sender.page.inputValue('[data-testid=share-url]');
  const project = await download(sender.page, 'export-project', 'safety-sender.sozialatlas.json');
  await sender.context.close();

  // The planner's own browser: an autosaved definition "Meine Einteilung".
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await drawOwn(page, 'Meine Einteilung');
  await page.goto(link);
  await page.waitForSelector('[data-testid=import-message]');
  await page.click('[data-testid=mode-define]');
  assert.deepEqual(await names(page), ['Meine Einteilung', 'Vorschlag Nord (aus Link)']);
  assert.match(await page.textContent('[data-testid=import-message]'), /neben Ihren eigenen 1/);
  await screenshot(page, 'safety-link-beside-own');
  await page.click('[data-testid=undo-import]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=definition-select] option').length === 1);
  assert.deepEqual(await names(page), ['Meine Einteilung']);
  // The project file: the same.
  await page.setInputFiles('[data-testid=file-input]', project);
  await page.waitForSelector('[data-testid=import-message]');
  await page.click('[data-testid=mode-define]');
  assert.deepEqual(await names(page), ['Meine Einteilung', 'Vorschlag Nord (aus Datei)']);
  // And a reload keeps both (the autosave holds what is shown now).
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await page.click('[data-testid=mode-define]');
  assert.deepEqual(await names(page), ['Meine Einteilung', 'Vorschlag Nord (aus Datei)']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a full storage is said at once and offers the project file', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await drawOwn(page, 'Entwurf');
  const msg = await (await page.waitForSelector('[data-testid=autosave-failed]')).textContent();
  assert.match(msg, /Automatisches Speichern ist fehlgeschlagen.*QuotaExceededError/s);
  assert.ok(await page.$('[data-testid=autosave-save-project]'));
  await screenshot(page, 'safety-autosave-failed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('data of another origin or in the link itself is asked for before any request', async () => {
  const port = new URL(ctx.server.url).port;
  const foreign = `http://localhost:${port}/karte.geojson`;
  const { page, context, errors, requests } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=${encodeURIComponent(foreign)}&key=id`);
  const ask = await (await page.waitForSelector('[data-testid=ask-load]')).textContent();
  assert.match(ask, /Daten von localhost:\d+ laden\?.*privaten Netz/s);
  await page.waitForTimeout(500);
  assert.deepEqual(requests.filter((u) => u.startsWith('http://localhost')), [], 'no request before the answer');
  await screenshot(page, 'safety-ask-foreign');
  await page.click('[data-testid=ask-load-no]');
  assert.match(await page.textContent('[data-testid=load-error]'), /nicht geladen/);
  assert.deepEqual(requests.filter((u) => u.startsWith('http://localhost')), []);
  await context.close();

  // A data: address: asked for too; loading it shows the map, the source line names it.
  const geo = JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { id: 'A', name: 'Link-Land' }, geometry: { type: 'Polygon', coordinates: [[[7, 51], [7.01, 51], [7.01, 51.01], [7, 51.01], [7, 51]]] } },
    { type: 'Feature', properties: { id: 'B', name: 'Link-Nord' }, geometry: { type: 'Polygon', coordinates: [[[7, 51.01], [7.01, 51.01], [7.01, 51.02], [7, 51.02], [7, 51.01]]] } },
  ] });
  const b = await recordedPage(ctx.browser);
  await b.page.goto(`${ctx.server.url}?geo=${encodeURIComponent('data:application/json,' + geo)}&key=id`);
  assert.match(await (await b.page.waitForSelector('[data-testid=ask-load]')).textContent(), /data:-Adresse/);
  assert.equal(await b.page.$$eval('svg.map path.unit[data-key]', (e) => e.length), 58, 'the demo town meanwhile');
  await b.page.click('[data-testid=ask-load-yes]');
  await b.page.waitForFunction(() => document.querySelectorAll('svg.map path.unit[data-key]').length === 2);
  assert.match(await b.page.textContent('footer.source'), /data:/);
  assert.deepEqual(b.errors, []);
  await b.context.close();
  assert.deepEqual(errors, []);
});

/** FNV-1a over the keys as the core's fingerprint does. */
function fingerprint(keys) {
  let h = 0xcbf29ce484222325n;
  for (const k of keys) {
    for (const b of [...Buffer.from(k, 'utf8'), 0]) {
      h ^= BigInt(b);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  }
  return `${keys.length}:${h.toString(16).padStart(16, '0')}`;
}

test('a link with 50,000 Sozialräume is a message and the default view, at once', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  const keys = await page.$$eval('svg.map path.unit[data-key]', (e) => e.map((x) => x.dataset.key));
  const state = {
    v: 2,
    fp: fingerprint(keys),
    view: { mode: 'define', zoom: [0, 0, 1e-300, 1e-300] },
    definitions: [{ name: 'riesig', areas: Array.from({ length: 50000 }, (_, i) => [`SR ${i}`, '#8dd3c7', false]), assign: `1*${keys.length}` }],
  };
  const text = '2.' + zlib.deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url');
  console.log(`# link of 50,000 Sozialräume: ${text.length} characters`);
  const start = Date.now();
  await page.goto(`${ctx.server.url}#s=${text}`);
  const msg = await (await page.waitForSelector('[data-testid=share-message]')).textContent();
  console.log(`# message after ${Date.now() - start} ms`);
  assert.match(msg, /zu groß: 50000 Sozialräume .* \(höchstens 58\)/);
  assert.equal(await page.getAttribute('[data-testid=mode-explore]', 'aria-pressed'), 'true');
  assert.equal(await page.$$eval('svg.map path.unit[data-key]', (e) => e.length), 58);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Sozialraum named like a formula reaches the assignment CSV as text', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await drawOwn(page, 'Formeln');
  const first = (await page.$$('[data-testid=sozialraum-row] input.sr-name'))[0];
  await first.fill("=cmd|' /C calc'!A0");
  await first.press('Enter');
  await page.waitForTimeout(200);
  const csv = fs.readFileSync(await download(page, 'export-assignment', 'safety-assignment.csv'), 'utf8');
  assert.match(csv, /,'=cmd\|' \/C calc'!A0/);
  assert.doesNotMatch(csv, /,=cmd/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a map file named like markup goes through the offline file; a 100,000-column table is refused at once; English messages stay English', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-hostile-'));
  const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
  execFileSync(cli, ['demo', '--out', tmp]);
  const hostile = path.join(tmp, '<!--<script>window.__x=1<\u2028.geojson');
  fs.copyFileSync(path.join(tmp, 'musterstadt.geojson'), hostile);
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await page.setInputFiles('[data-testid=file-input]', [hostile, path.join(tmp, 'musterstadt.csv')]);
  await page.waitForSelector('[data-testid=load-summary]');
  await page.click('[data-testid=mode-classify]');
  const shown = await page.$$eval('svg.map path.unit[data-key]', (els) => els.map((e) => e.dataset.class));
  const offline = await download(page, 'export-offline', 'safety-hostile-offline.html');
  const html = fs.readFileSync(offline, 'utf8');
  const embedded = html.slice(html.indexOf('id="sozialatlas-project">'), html.indexOf('</script>', html.indexOf('id="sozialatlas-project">')));
  assert.ok(!embedded.slice(25).includes('<') && !embedded.includes('\u2028'), 'nothing in the project can end its element');
  // A table 100,000 columns wide: a message at once, the map stays.
  const wide = path.join(tmp, 'breit.csv');
  fs.writeFileSync(wide, Array.from({ length: 100000 }, (_, i) => `c${i}`).join(';') + '\n' + Array(100000).fill('1').join(';') + '\n');
  const start = Date.now();
  await page.setInputFiles('[data-testid=file-input]', [path.join(tmp, 'musterstadt.geojson'), wide]);
  assert.match(await (await page.waitForSelector('[data-testid=load-error]')).textContent(), /breit\.csv: 100000 Spalten, gelesen werden höchstens 10000/);
  console.log(`# 100,000 columns refused after ${Date.now() - start} ms`);
  // In English, a bad assignment file says so in English.
  await page.click('[data-testid=lang-toggle]');
  await page.click('[data-testid=mode-define]');
  const bad = path.join(tmp, 'zuordnung.csv');
  fs.writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
  await page.setInputFiles('[data-testid=import-assignment]', bad);
  const msg = await (await page.waitForSelector('[data-testid=define-message]')).textContent();
  assert.match(msg, /zuordnung\.csv: not text, looks like a PNG image/);
  assert.deepEqual(errors, []);
  await context.close();
  // The offline file opens from file:// with the same classes.
  const b = await recordedPage(ctx.browser);
  await b.context.setOffline(true);
  await b.page.goto(`file://${offline}`);
  await b.page.waitForFunction(() => document.querySelector('[data-testid=mode-classify]')?.getAttribute('aria-pressed') === 'true', null, { timeout: 60000 });
  assert.deepEqual(await b.page.$$eval('svg.map path.unit[data-key]', (els) => els.map((e) => e.dataset.class)), shown);
  assert.ok(await b.page.evaluate(() => window.__x === undefined));
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('comparing definitions of different granularity says that one nests in the other', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await drawOwn(page, 'Stadtteile');
  await page.click('details.new-definition summary');
  await page.fill('[data-testid=prefix-length]', '1');
  await page.dispatchEvent('[data-testid=prefix-length]', 'change');
  await page.click('[data-testid=new-def-create]');
  await page.click('[data-testid=mode-compare]');
  const relation = await (await page.waitForSelector('[data-testid=compare-relation]')).textContent();
  assert.match(relation, /A liegt vollständig in B: Jeder der 10 Sozialräume von A gehört ganz zu einem der \d von B\./);
  assert.deepEqual(errors, []);
  await context.close();
});
