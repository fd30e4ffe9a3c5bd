// Loading the user's data: by page address, file picker and drag and drop; bad input keeps the
// previous map and says what is wrong.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, recordedPage, foreignRequests, screenshot, root } from './harness.mjs';

const shared = path.resolve(root, '..', 'shared', 'data');
const berlin = path.join(shared, 'berlin-lor2021-mss2021');
const flensburg = path.join(shared, 'flensburg-sozialatlas');
const hamburg = path.join(shared, 'hamburg-stadtteilprofile-2024');
const dinslaken = path.join(shared, 'dinslaken-stimmbezirke-btw2025');
const broken = path.join(root, 'crates', 'cli', 'tests', 'broken');
let server, browser;

before(async () => {
  assert.ok(fs.existsSync(berlin), `test data missing: ${berlin}`);
  server = await serve(undefined, {
    '/data/plr.geojson': path.join(berlin, 'lor_planungsraeume_2021_epsg25833.geojson'),
    '/data/mss.csv': path.join(berlin, 'mss_2021_index_indikatoren_plr.csv'),
    '/data/hh.geojson': path.join(hamburg, 'hamburg_stadtteile_99_wgs84.geojson'),
    '/data/hh.csv': path.join(hamburg, 'hamburg_stadtteilprofile_2024_flat.csv'),
    '/data/dinslaken.geojson': path.join(dinslaken, 'dinslaken_stimmbezirke_btw2025.geojson'),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Berlin loads from ?geo=&table=&key= with relative URLs', async () => {
  const { page, errors, requests, context } = await recordedPage(browser);
  const t0 = Date.now();
  await page.goto(`${server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForSelector('[data-testid=load-summary]', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542);
  const firstMapMs = Date.now() - t0;
  const summary = await page.textContent('[data-testid=load-summary]');
  assert.match(summary, /542 Gebiete geladen\. Verknüpft über „PLR_ID“ \(Karte\) und „PLR_ID“ \(Tabelle\): 542 von 542 Gebieten mit Tabellenzeile, 0 Tabellenzeilen ohne Gebiet/);
  assert.match(summary, /Koordinatensystem: EPSG:25833 \(aus der Datei\)/);
  const geo = JSON.parse(fs.readFileSync(path.join(berlin, 'lor_planungsraeume_2021_epsg25833.geojson'), 'utf8'));
  const keys = (await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.dataset.key))).sort();
  assert.deepEqual(keys, geo.features.map((f) => f.properties.PLR_ID).sort());
  // The -9999 codes of the six unrated areas are treated as missing, and the user is told so.
  assert.match(await page.textContent('[data-testid=load-warnings]'), /-9999.*als fehlende Werte behandelt/);
  // Ids and constant columns are not offered as indicators.
  const options = await page.$$eval('[data-testid=indicator-picker] option', (os) => os.map((o) => o.textContent));
  assert.ok(options.includes('S1') && !options.includes('ZEIT') && !options.includes('BEZ_ID'), options.join());
  await page.selectOption('[data-testid=indicator-picker]', { label: 'S1' });
  await page.waitForFunction(() => document.querySelector('[data-testid=legend] h2').textContent.startsWith('S1'));
  assert.equal(await page.textContent('[data-testid=legend] h2'), 'S1 in %');
  const classes = await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.dataset.class));
  assert.equal(classes.filter((c) => c === 'na').length, 6, 'the six unrated areas have no class');
  assert.match(await page.textContent('[data-testid=legend]'), /keine Angabe\s*6 Gebiete/);
  await page.click('[data-testid=load-panel] summary');
  await screenshot(page, 'berlin-load');
  // Preview of the joined data, and the indicator setup: S1 (unemployment) means disadvantage.
  await page.click('.preview-box summary');
  assert.equal(await page.$$eval('[data-testid=preview] tbody tr', (r) => r.length), 5);
  await page.click('[data-testid=load-panel] summary');
  await page.click('[data-testid=indicator-setup] summary');
  const blue = await page.$eval('[data-testid=legend-row] .swatch', (e) => e.getAttribute('style'));
  await page.selectOption('[data-testid=ind-direction]', 'bad');
  await page.fill('[data-testid=ind-label]', 'Arbeitslosigkeit (S1)');
  await page.press('[data-testid=ind-label]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=legend] h2').textContent.startsWith('Arbeitslosigkeit (S1)'));
  assert.notEqual(await page.$eval('[data-testid=legend-row] .swatch', (e) => e.getAttribute('style')), blue);
  await screenshot(page, 'berlin-setup');
  console.log(`# Berlin: first map ${firstMapMs} ms after navigation (fetch, parse, join, draw)`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
  await context.close();
});

test('a broken file gives a positioned message and the demo map stays', async () => {
  const { page, context } = await recordedPage(browser);
  await page.goto(server.url);
  await page.waitForSelector('svg.map path[data-key]');
  const before = await page.$$eval('svg.map [data-key]', (els) => els.length);
  await page.click('[data-testid=load-panel] summary');
  await page.setInputFiles('[data-testid=file-input]', path.join(broken, 'truncated.geojson'));
  const msg = await (await page.waitForSelector('[data-testid=load-error]')).textContent();
  assert.match(msg, /truncated\.geojson, Zeile 4/);
  assert.equal(await page.$$eval('svg.map [data-key]', (els) => els.length), before, 'the previous map is still there');
  await screenshot(page, 'load-error');
  // A table without a map is refused with a hint.
  await page.setInputFiles('[data-testid=file-input]', path.join(berlin, 'mss_2021_indizes_plr.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=load-error]')?.textContent.includes('Karte (GeoJSON)'));
  await context.close();
});

test('Flensburg map and table dropped on the page', async () => {
  const { page, errors, context } = await recordedPage(browser);
  await page.goto(server.url);
  await page.waitForSelector('svg.map path[data-key]');
  const files = [
    ['flensburg_stadtteile_epsg25832.geojson', fs.readFileSync(path.join(flensburg, 'flensburg_stadtteile_epsg25832.geojson'), 'utf8')],
    ['flensburg_sozialatlas_2022_wide.csv', fs.readFileSync(path.join(flensburg, 'flensburg_sozialatlas_2022_wide.csv'), 'utf8')],
  ];
  const dt = await page.evaluateHandle((files) => {
    const d = new DataTransfer();
    for (const [name, content] of files) d.items.add(new File([content], name));
    return d;
  }, files);
  await page.dispatchEvent('main.workspace', 'drop', { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 13);
  assert.match(await page.textContent('[data-testid=load-summary]'), /13 Gebiete geladen\. Verknüpft über „AREA_ID“ \(Karte\) und „AREA_ID“ \(Tabelle\): 13 von 13 Gebieten mit Tabellenzeile/);
  const first = await page.$eval('[data-testid=indicator-picker] option', (o) => o.textContent);
  assert.notEqual(first, 'district_id', 'ids are no indicators');
  await screenshot(page, 'flensburg-drop');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an Excel table joins the demo map in the browser', async () => {
  const { page, errors, context } = await recordedPage(browser);
  await page.goto(server.url);
  await page.waitForSelector('svg.map path[data-key]');
  // The demo map as a file, from the CLI, and a workbook whose keys match five demo blocks.
  const { execFileSync } = await import('node:child_process');
  const os = await import('node:os');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-xlsx-'));
  execFileSync(process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas'), ['demo', '--out', tmp]);
  await page.click('[data-testid=load-panel] summary');
  await page.setInputFiles('[data-testid=file-input]', [
    path.join(tmp, 'musterstadt.geojson'),
    path.join(root, 'crates', 'core', 'tests', 'fixtures', 'xlsx', 'sozialdaten.xlsx'),
  ]);
  const summary = await (await page.waitForSelector('[data-testid=load-summary]')).textContent();
  assert.match(summary, /58 Gebiete geladen\. Verknüpft über .*: 5 von 58 Gebieten mit Tabellenzeile/);
  assert.match(summary, /EPSG:25832 \(aus der Datei\)/);
  // A coordinate system chosen by the user wins over the file's.
  await page.selectOption('[data-testid=crs-select]', '25833');
  await page.setInputFiles('[data-testid=file-input]', [path.join(tmp, 'musterstadt.geojson')]);
  await page.waitForFunction(() => document.querySelector('[data-testid=load-summary]')?.textContent.includes('EPSG:25833 (gewählt)'));
  await page.selectOption('[data-testid=crs-select]', '0');
  await page.setInputFiles('[data-testid=file-input]', [
    path.join(tmp, 'musterstadt.geojson'),
    path.join(root, 'crates', 'core', 'tests', 'fixtures', 'xlsx', 'sozialdaten.xlsx'),
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid=load-summary]')?.textContent.includes('aus der Datei'));
  assert.match(await page.textContent('[data-testid=load-warnings]'), /53 Gebiete ohne Tabellenzeile/);
  const classes = await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.dataset.class));
  assert.equal(classes.filter((c) => c !== 'na').length, 5, 'only the joined blocks have values');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Hamburg (WGS 84, suppression symbols) and Dinslaken (map only) load by address', async () => {
  const { page, errors, context } = await recordedPage(browser);
  await page.goto(`${server.url}?geo=data/hh.geojson&table=data/hh.csv&key=name`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 99);
  assert.match(await page.textContent('[data-testid=load-summary]'), /99 Gebiete geladen\. Verknüpft über .*: 99 von 99 Gebieten mit Tabellenzeile/);
  await page.selectOption('[data-testid=indicator-picker]', { label: 'arbeitslose_pct' });
  await page.waitForFunction(() => document.querySelector('[data-testid=legend] h2').textContent.startsWith('arbeitslose_pct'));
  // Suppressed cells ("-", ".", "x") are areas without a value, not zeros.
  const na = await page.$$eval('svg.map [data-class=na]', (els) => els.length);
  const table = fs.readFileSync(path.join(hamburg, 'hamburg_stadtteilprofile_2024_flat.csv'), 'utf8').split('\n');
  const col = table[0].split(',').indexOf('arbeitslose_pct');
  const symbols = table.slice(1).filter((l) => l.trim()).filter((l) => ['-', '.', 'x'].includes(l.split(',')[col])).length;
  assert.equal(na, symbols, 'one area without value per suppression symbol');
  await screenshot(page, 'hamburg-load');
  await page.goto(`${server.url}?geo=data/dinslaken.geojson`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 40);
  assert.match(await page.textContent('[data-testid=load-summary]'), /40 Gebiete geladen\. Schlüssel „[^“]+“\. Koordinatensystem: EPSG:4326 \(aus der Datei\)/);
  await screenshot(page, 'dinslaken-load');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a missing data URL explains the failure', async () => {
  const { page, context } = await recordedPage(browser);
  await page.goto(`${server.url}?geo=data/fehlt.geojson`);
  const msg = await (await page.waitForSelector('[data-testid=load-error]')).textContent();
  assert.match(msg, /data\/fehlt\.geojson: Der Server antwortet mit Fehler 404/);
  assert.ok((await page.$$eval('svg.map [data-key]', (els) => els.length)) > 0, 'the demo town stays');
  await context.close();
});
