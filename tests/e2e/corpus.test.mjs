// Real-world flaws in the browser (crates/core/tests/fixtures/corpus): every case shows its
// message and leaves what was there; saved projects and offline files of a map alone and of a
// map and a table with differently named keys reopen in a fresh browser as they were saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, outDir, root } from './harness.mjs';

const ctx = useBrowser();
const corpus = (name) => path.join(root, 'crates', 'core', 'tests', 'fixtures', 'corpus', name);
const units = (page) => page.$$eval('svg.map path.unit[data-key]', (els) => els.length);
const classes = (page) => page.$$eval('svg.map path.unit[data-key]', (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.dataset.class])));

async function drop(page, files) {
  await page.setInputFiles('[data-testid=file-input]', files.map(corpus));
}

async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name);
  await dl.saveAs(file);
  return file;
}

test('each flawed file shows its message; refused files leave the map as it was', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await page.click('[data-testid=load-panel] summary');
  const refused = [
    [['districts_wgs84.geojson', 'table_x_keys.csv'], /table_x_keys\.csv: Die Schlüssel „Schluessel“ passen nur ungefähr .* nur für 3 von 170 Gebieten/],
    [['districts_wgs84.geojson', 'png_renamed.csv'], /png_renamed\.csv: kein Text, sieht aus wie ein PNG-Bild/],
    [['districts_wgs84.geojson', 'zip_renamed.csv'], /zip_renamed\.csv: kein Text, sieht aus wie ein ZIP-Archiv/],
    [['districts_wgs84.geojson', 'binary_nul.csv'], /binary_nul\.csv: kein Text, sieht aus wie Binärdaten/],
    [['zero_area.geojson'], /zero_area\.geojson: Keines der 1 Polygone hat eine Fläche/],
  ];
  for (const [files, message] of refused) {
    await drop(page, files);
    // The message of this file (the previous case's message names another file).
    await page.waitForFunction((name) => document.querySelector('[data-testid=load-error]')?.textContent.includes(name), files.at(-1));
    const text = await page.textContent('[data-testid=load-error]');
    assert.match(text, message);
    assert.equal(await units(page), 58, `${files.join(' + ')}: the demo town stays`);
    await screenshot(page, `corpus-${path.parse(files.at(-1)).name}`);
  }
  const loaded = [
    [['districts_wgs84.geojson'], /60 Flächen überschnitten sich selbst und wurden repariert/],
    [['districts_wgs84.geojson', 'utf8_stray_byte.csv'], /Zeile 202 enthält Zeichen, die kein UTF-8 sind/],
    [['districts_wgs84.geojson', 'numbers_odd_cells.csv'], /Zeile 8 „siehe Fußnote“, Zeile 12 „inf“, Zeile 13 „NaN“/],
    [['districts_wgs84.geojson', 'duplicate_keys.csv'], /„005“ \(Zeile 6, 22\)/],
    [['districts_wgs84.geojson', 'one_row.csv'], /nur eine Zeile/],
    [['districts_wgs84.geojson', 'no_numbers.csv'], /keine Zahlenspalten/],
  ];
  // Each case from the demo town, so that what is read is this case's and not the previous one's.
  const fresh = async (files) => {
    await page.click('[data-testid=back-to-demo]');
    await page.waitForFunction(() => document.querySelectorAll('svg.map path.unit[data-key]').length === 58 && !document.querySelector('[data-testid=load-summary]'));
    await drop(page, files);
    await page.waitForFunction(() => document.querySelectorAll('svg.map path.unit[data-key]').length === 170, null, { timeout: 30000 });
    await page.waitForSelector('[data-testid=load-summary]');
  };
  for (const [files, warning] of loaded) {
    await fresh(files);
    const warnings = await page.textContent('[data-testid=load-warnings]');
    assert.match(warnings, warning, files.join(' + '));
    await screenshot(page, `corpus-${path.parse(files.at(-1)).name}`);
  }
  // Windows-1252: joined on the zero-padded key, its columns read (umlauts in their names), the
  // running number no indicator.
  await fresh(['districts_wgs84.geojson', 'table_cp1252.csv']);
  assert.match(await page.textContent('[data-testid=load-summary]'), /Verknüpft über „unbeznr“ \(Karte\) und „unbeznr“ \(Tabelle\): 170 von 170/);
  const names = await page.$$eval('svg.map path.unit[data-key] title', (t) => t.slice(0, 3).map((e) => e.textContent));
  assert.ok(names[1].startsWith('Südstraße 2'), names[1]);
  const options = await page.$$eval('[data-testid=indicator-picker] option', (o) => o.map((e) => e.textContent));
  assert.ok(options.includes('Arbeitslose') && options.includes('SGB-II-Quote'), options.join(', '));
  assert.ok(!options.includes('lfd') && !options.includes('Nummer'), options.join(', '));
  await screenshot(page, 'corpus-table_cp1252');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Opens the saved project in a fresh browser and the offline file from file:// offline. */
async function reopen(project, offline, expected, count) {
  const a = await recordedPage(ctx.browser);
  await a.page.goto(ctx.server.url);
  await a.page.waitForSelector('svg.map path[data-key]');
  await a.page.setInputFiles('[data-testid=file-input]', project);
  await a.page.waitForFunction((n) => document.querySelectorAll('svg.map path.unit[data-key]').length === n, count, { timeout: 30000 });
  await a.page.waitForFunction(() => document.querySelector('[data-testid=mode-define]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(a.page), expected, 'project file');
  assert.equal(await a.page.$$eval('[data-testid=share-message], [data-testid=load-error]', (e) => e.length), 0);
  assert.deepEqual(a.errors, []);
  await a.context.close();
  const b = await recordedPage(ctx.browser);
  await b.context.setOffline(true);
  await b.page.goto(`file://${offline}`);
  await b.page.waitForFunction((n) => document.querySelectorAll('svg.map path.unit[data-key]').length === n, count, { timeout: 60000 });
  await b.page.waitForFunction(() => document.querySelector('[data-testid=mode-define]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(b.page), expected, 'offline file');
  assert.doesNotMatch(await b.page.textContent('header h1'), /Musterstadt/);
  assert.deepEqual(b.errors, []);
  await b.context.close();
}

test('a map and a table with differently named keys: project and offline file reopen as saved', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await drop(page, ['districts_wgs84.geojson', 'table_other_key.csv']);
  await page.waitForFunction(() => document.querySelectorAll('svg.map path.unit[data-key]').length === 170, null, { timeout: 30000 });
  assert.match(await page.textContent('[data-testid=load-summary]'), /Verknüpft über „unbeznr“ \(Karte\) und „Bezirksnummer“ \(Tabelle\): 170 von 170/);
  await page.click('[data-testid=mode-define]');
  await page.selectOption('[data-testid=new-def-source]', 'column');
  await page.selectOption('[data-testid=group-column]', 'stadtbezirk');
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sozialraum-row]').length === 12);
  const defined = await classes(page);
  const project = await download(page, 'export-project', 'corpus-keys.sozialatlas.json');
  const offline = await download(page, 'export-offline', 'corpus-keys-offline.html');
  const saved = JSON.parse(fs.readFileSync(project, 'utf8'));
  assert.equal(saved.state.read.map_key, 'unbeznr');
  assert.equal(saved.state.read.table_key, 'Bezirksnummer');
  assert.deepEqual(errors, []);
  await context.close();
  await reopen(project, offline, defined, 170);
});

test('a map alone: project and offline file reopen as that town, not the demo', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path.unit[data-key]');
  await drop(page, ['districts_wgs84.geojson']);
  await page.waitForFunction(() => document.querySelectorAll('svg.map path.unit[data-key]').length === 170, null, { timeout: 30000 });
  await page.click('[data-testid=mode-define]');
  await page.fill('[data-testid=prefix-length]', '2');
  await page.dispatchEvent('[data-testid=prefix-length]', 'change');
  await page.click('[data-testid=new-def-create]');
  await page.waitForSelector('[data-testid=sozialraum-row]');
  const defined = await classes(page);
  assert.equal(new Set(Object.values(defined)).size, 18, 'key prefix of 2 of 001..170');
  // The checks and the dissolved export agree: a connected Sozialraum is one polygon.
  const checks = await page.textContent('[data-testid=validation]');
  const broken = (checks.match(/Nicht zusammenhängend: (.*)/) ?? [, ''])[1];
  const dissolved = JSON.parse(fs.readFileSync(await download(page, 'export-sozialraeume', 'corpus-dissolved.geojson'), 'utf8'));
  // RFC 7946: longitude/latitude, no crs member.
  assert.equal(dissolved.crs, undefined);
  const [lon, lat] = dissolved.features[0].geometry.coordinates[0][0][0];
  assert.ok(Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && lat > 40, `${lon}, ${lat}`);
  for (const f of dissolved.features) {
    const parts = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.length : 1;
    const split = broken.includes(`${f.properties.area} (`);
    assert.equal(parts > 1, split, `${f.properties.area}: ${parts} parts, checks: ${broken}`);
  }
  await screenshot(page, 'corpus-map-only-define');
  const project = await download(page, 'export-project', 'corpus-map-only.sozialatlas.json');
  const offline = await download(page, 'export-offline', 'corpus-map-only-offline.html');
  assert.equal(JSON.parse(fs.readFileSync(project, 'utf8')).state.read.map_key, 'unbeznr');
  assert.deepEqual(errors, []);
  await context.close();
  await reopen(project, offline, defined, 170);
});
