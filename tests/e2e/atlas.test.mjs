// The atlas views of issue 5: hover and profile (Steckbrief) with print, projector mode with
// names on the map, pan and zoom, the table view, exports, the other Einordnen maps and the
// charts of the typology. Demo town and Berlin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, outDir, berlinDir as berlin, berlinUrls } from './harness.mjs';

const ctx = useBrowser(berlinUrls);
const units = (page) => page.$$eval('svg.map [data-key]', (els) => els.map((e) => [e.dataset.key, e.dataset.class]));
const berlinPage = (ctx) => `${ctx.server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`;
async function openBerlin(page) {
  await page.goto(berlinPage(ctx));
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
}

test('demo town: hover tells rank and difference, a click opens the profile, which prints on one A4 page', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  const n = (await units(page)).length;
  const target = 'svg.map path[data-key="0101"]';
  await page.hover(target);
  const info = await page.textContent('[data-testid=hover-info]');
  assert.match(info, new RegExp(`Rang \\d+ von ${n} · [+-]?\\d+,\\d zum Ø`), info);
  await page.click(target);
  await page.waitForSelector('[data-testid=area-profile]');
  assert.equal(await page.textContent('[data-testid=profile-key]'), '0101');
  const indicators = await page.$$eval('[data-testid=indicator-picker] option', (o) => o.length);
  assert.equal(await page.$$eval('[data-testid=profile-table] tbody tr', (r) => r.length), indicators);
  // The profile's first row agrees with the tooltip of the first indicator.
  const row = await page.$$eval('[data-testid=profile-table] tbody tr:first-child td', (c) => c.map((e) => e.textContent));
  assert.ok(info.includes(`Rang ${row[3]}`), `${info} / ${row[3]}`);
  assert.match(await page.textContent('[data-testid=profile-status]'), /hoch|mittel|niedrig|ohne Zuordnung/);
  await page.waitForSelector('[data-testid=selected-outline]');
  await screenshot(page, 'demo-profile');
  // Print: only the profile, on one A4 page.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('aside.panel'), false);
  assert.equal(await page.isVisible('[data-testid=area-profile]'), true);
  await screenshot(page, 'demo-profile-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  fs.writeFileSync(path.join(outDir, 'demo-profile.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'the profile fits one A4 page');
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=area-profile]', { state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('demo town: projector mode by F key, names without overlap, arrows step indicators', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser, { width: 1024, height: 768 });
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  const before = await units(page);
  await page.keyboard.press('f');
  await page.waitForSelector('body.projector');
  assert.equal(await page.isVisible('aside.panel'), false, 'controls tucked away');
  const title = await page.textContent('[data-testid=projector-title] h2');
  const labels = await page.$$eval('[data-testid=map-labels] text', (t) => t.map((e) => {
    const b = e.getBoundingClientRect();
    return { x0: b.left, y0: b.top, x1: b.right, y1: b.bottom, size: parseFloat(getComputedStyle(e).fontSize) };
  }));
  assert.ok(labels.length >= 10, `${labels.length} names`);
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const [a, b] = [labels[i], labels[j]];
    const overlap = a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1;
    assert.ok(!overlap, `names ${i} and ${j} overlap`);
  }
  const px = labels.map((l) => l.y1 - l.y0);
  assert.ok(Math.min(...px) >= 14, `names at least 14 px high on 1024x768 (${Math.min(...px)})`);
  assert.deepEqual((await units(page)).map(([k]) => k), before.map(([k]) => k), 'data-key kept');
  await screenshot(page, 'demo-projector');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((t) => document.querySelector('[data-testid=projector-title] h2').textContent !== t, title);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((t) => document.querySelector('[data-testid=projector-title] h2').textContent === t, title);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.body.classList.contains('projector'));
  assert.equal(await page.isVisible('aside.panel'), true);
  // The button does the same.
  await page.click('[data-testid=projector-toggle]');
  await page.waitForSelector('body.projector');
  await page.click('[data-testid=projector-toggle]');
  await page.waitForFunction(() => !document.body.classList.contains('projector'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('demo town: zoom by buttons, wheel and keys; the table view sorts', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  const vb = () => page.getAttribute('svg.map', 'viewBox');
  const full = await vb();
  await page.click('[data-testid=zoom-in]');
  const zoomed = (await vb()).split(' ').map(Number);
  const whole = full.split(' ').map(Number);
  assert.ok(Math.abs(zoomed[2] - whole[2] / 1.5) < 0.01, `${zoomed}`);
  await page.click('[data-testid=zoom-fit]');
  assert.equal(await vb(), full);
  const box = await page.locator('svg.map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((f) => document.querySelector('svg.map')?.getAttribute('viewBox') !== f, full);
  // Dragging pans without opening a profile.
  const z1 = await vb();
  await page.mouse.move(box.x + 300, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + 360, box.y + 340, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await vb(), z1);
  assert.equal(await page.$('[data-testid=area-profile]'), null);
  await page.focus('svg.map');
  await page.keyboard.press('0');
  assert.equal(await vb(), full);
  // Table view: sort by the first indicator, highest first.
  await page.click('[data-testid=table-toggle]');
  await page.waitForSelector('[data-testid=table-view] tbody tr');
  assert.equal(await page.$$eval('[data-testid=table-view] tbody tr', (r) => r.length), (await units(page)).length);
  await page.click('[data-testid=table-view] thead th:nth-child(4) button');
  const col = await page.$$eval('[data-testid=table-view] tbody tr td:nth-child(4)', (c) => c.map((e) => parseFloat(e.textContent.replace('.', '').replace(',', '.'))));
  const sorted = [...col].sort((a, b) => b - a);
  assert.deepEqual(col, sorted, 'highest first');
  assert.equal(await page.getAttribute('[data-testid=table-view] thead th:nth-child(4)', 'aria-sort'), 'descending');
  await screenshot(page, 'demo-table');
  await page.click('[data-testid=table-view] tbody tr:first-child');
  await page.waitForSelector('[data-testid=area-profile]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('demo town: change map and the same classes for both years', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  const ranges = () => page.$$eval('[data-testid=legend-row] .range', (r) => r.map((e) => e.textContent));
  const r24 = await ranges();
  await page.selectOption('[data-testid=year-picker]', '2023');
  await page.waitForFunction((r) => JSON.stringify([...document.querySelectorAll('[data-testid=legend-row] .range')].map((e) => e.textContent)) !== r, JSON.stringify(r24));
  await page.check('[data-testid=pooled-breaks]');
  await page.waitForFunction(() => document.querySelector('[data-testid=scheme-note]').textContent.includes('alle Jahre'));
  const p23 = await ranges();
  await page.selectOption('[data-testid=year-picker]', '2024');
  await page.waitForFunction((r) => JSON.stringify([...document.querySelectorAll('[data-testid=legend-row] .range')].map((e) => e.textContent)) === r, JSON.stringify(p23));
  await page.selectOption('[data-testid=explore-view]', 'change');
  await page.waitForFunction(() => document.querySelector('[data-testid=legend] h2').textContent.startsWith('Veränderung: '));
  assert.match(await page.textContent('[data-testid=legend] h2'), /2023–2024 in %-Punkte/);
  const classes = (await units(page)).map(([, c]) => c);
  assert.ok(classes.every((c) => /^\d$/.test(c)), classes.join());
  assert.ok(new Set(classes).size >= 3);
  await screenshot(page, 'demo-change');
  assert.deepEqual(errors, []);
  await context.close();
});

test('demo town: exports of map (SVG, PNG), table (CSV, XLSX) and GeoJSON with results', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  const n = (await units(page)).length;
  await page.click('[data-testid=export-panel] summary');
  const save = async (testid) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
    const file = path.join(outDir, dl.suggestedFilename());
    await dl.saveAs(file);
    return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
  };
  const svg = await save('export-svg');
  assert.match(svg.name, /^musterstadt_.*\.svg$/);
  const text = svg.bytes.toString('utf8');
  assert.equal((text.match(/<path /g) ?? []).length, n);
  const legendTitle = await page.textContent('[data-testid=legend] h2');
  assert.ok(text.includes(legendTitle.split(',')[0].trim()), 'title');
  assert.match(text, /Stand: \d\d\.\d\d\.\d{4}/);
  assert.match(text, /Quelle: /);
  const png = await save('export-png');
  assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
  assert.ok(png.bytes.length > 20000, `${png.bytes.length} bytes`);
  const csv = await save('export-csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const csvLines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(csvLines.length, n + 1);
  assert.ok(csvLines[0].startsWith('schluessel;name;'));
  assert.ok(csvLines[0].includes(';Statusindex;Statusklasse'));
  const xlsx = await save('export-xlsx');
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  const gj = JSON.parse((await save('export-geojson')).bytes.toString('utf8'));
  assert.equal(gj.features.length, n);
  assert.ok('Statusklasse' in gj.features[0].properties);
  // RFC 7946 by default: WGS 84 longitude/latitude, no crs member (Musterstadt: about 6.6° E, 51.6° N).
  assert.equal(gj.crs, undefined);
  const [lon, lat] = gj.features[0].geometry.coordinates[0][0][0];
  assert.ok(lon > 5.5 && lon < 8 && lat > 50.5 && lat < 52.5, `${lon}, ${lat}`);
  // The planar copy on request names its system.
  await page.check('[data-testid=geojson-planar]');
  const planar = JSON.parse((await save('export-geojson')).bytes.toString('utf8'));
  assert.equal(planar.crs.properties.name, 'urn:ogc:def:crs:EPSG::25832');
  assert.ok(planar.features[0].geometry.coordinates[0][0][0][0] > 100000);
  await page.uncheck('[data-testid=geojson-planar]');
  // The zipped Shapefile: the parts a GIS needs and the list of field names.
  const shp = (await save('export-shapefile')).bytes;
  assert.equal(shp.subarray(0, 2).toString(), 'PK');
  const shpText = shp.toString('latin1');
  for (const part of ['.shp', '.shx', '.dbf', '.prj', '.cpg', 'felder.csv']) assert.ok(shpText.includes(part), part);
  assert.match(shpText, /feld;spalte\r\nschluessel;schluessel\r\nname;name/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Berlin: dynamic index from D1, D3, D4, the 4 x 3 grid and a band map', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await openBerlin(page);
  await page.click('[data-testid=mode-classify]');
  for (const id of ['S1', 'S3', 'S4']) await page.check(`[data-testid=classify-indicator][value=${id}]`);
  await page.selectOption('[data-testid=classify-view]', 'dynamic');
  for (const id of ['D1', 'D3', 'D4']) await page.check(`[data-testid=dynamic-indicator][value=${id}]`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-class=negativ]').length > 0);
  const count = (classes, c) => classes.filter(([, x]) => x === c).length;
  let classes = await units(page);
  // The MSS 2021 publishes 48 positiv, 436 stabil, 52 negativ (tests/mss_berlin.rs checks each area).
  assert.deepEqual([count(classes, 'positiv'), count(classes, 'stabil'), count(classes, 'negativ')], [48, 436, 52]);
  await page.selectOption('[data-testid=classify-view]', 'grid');
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-class^="Status "]').length > 0);
  classes = await units(page);
  assert.equal(count(classes, 'Status sehr niedrig, Dynamik negativ') + count(classes, 'Status sehr niedrig, Dynamik stabil') + count(classes, 'Status sehr niedrig, Dynamik positiv'), 49);
  assert.equal(await page.$$eval('[data-testid=status-legend-row]', (r) => r.length), 13);
  await screenshot(page, 'berlin-grid');
  await page.selectOption('[data-testid=classify-view]', 'band:S3');
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-class="deutlich über dem Durchschnitt"]').length > 0);
  classes = await units(page);
  const bands = new Set(classes.map(([, c]) => c));
  for (const b of bands) assert.match(b, /Durchschnitt|durchschnittlich|ohne Zuordnung/);
  await screenshot(page, 'berlin-band');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Berlin: typology charts (elbow, silhouette, dendrogram) and a profile with its cluster', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await openBerlin(page);
  await page.click('[data-testid=mode-cluster]');
  for (const box of await page.$$('[data-testid=cluster-indicator]:checked')) await box.uncheck();
  for (const id of ['S1', 'S3', 'S4', 'D1', 'D3', 'D4']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.waitForSelector('[data-testid=cluster-dendrogram] rect');
  assert.equal(await page.$$eval('[data-testid=cluster-dendrogram] rect', (r) => r.length), 30);
  assert.equal(await page.$$eval('[data-testid=cluster-elbow] circle.ws', (r) => r.length), 7);
  assert.equal(await page.$$eval('[data-testid=cluster-elbow] circle.sil', (r) => r.length), 7);
  await page.click('svg.map path[data-key="01100101"]');
  await page.waitForSelector('[data-testid=profile-cluster]');
  const cls = await page.getAttribute('svg.map path[data-key="01100101"]', 'data-class');
  assert.ok((await page.textContent('[data-testid=profile-cluster]')).startsWith(`${cls} – `));
  await screenshot(page, 'berlin-cluster-profile');
  assert.deepEqual(errors, []);
  await context.close();
});
