// Facilities (issue 19): the demo town's layers drawn one element per point; Berlin's 1,500
// seeded facilities (CSV in lat/lon with decimal commas by `?points=`, the same as GeoJSON by the
// file picker) counted per Planungsraum exactly as shapely counts them
// (crates/core/tests/fixtures/facilities); points outside the map counted and listed; the
// Steckbrief lists the facilities of an area; need against supply with the gap list; a Zensus
// grid streamed onto the demo town equals the command line; a bad file leaves the map as it was;
// screenshots at 1280x800 and in Beamer-Modus at 1024x768.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBrowser, recordedPage, screenshot, root, berlinDir, outDir } from './harness.mjs';

const fixtures = path.join(root, 'crates', 'core', 'tests', 'fixtures', 'facilities');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'facilities_expected.json'), 'utf8'));
const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
const ctx = useBrowser({
  '/data/plr.geojson': path.join(berlinDir, 'lor_planungsraeume_2021_epsg25833.geojson'),
  '/data/fac.csv': path.join(fixtures, 'berlin_facilities.csv'),
});

/// The numbers of one table-view column (by its header's start) per row key.
async function tableColumn(page, header) {
  return page.$$eval('[data-testid=table-view] table', ([table], header) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const col = heads.findIndex((h) => h.startsWith(header));
    const out = {};
    for (const tr of table.querySelectorAll('tbody tr')) {
      out[tr.dataset.key] = tr.children[col].textContent.trim();
    }
    return out;
  }, header);
}

test('the demo town draws one symbol per facility; the Steckbrief lists them; need against supply with its gaps', async () => {
  const { page, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-facility]').length === 34, null, { timeout: 30000 });
  const layers = await page.$$eval('[data-testid=facility-layer]', (l) => l.map((e) => e.dataset.layer));
  assert.deepEqual(layers, ['Kitas', 'Soziale Einrichtungen']);
  const cats = await page.$$eval('svg.map [data-facility]', (p) => [...new Set(p.map((e) => e.dataset.category))].sort());
  assert.deepEqual(cats, ['', 'Beratungsstelle', 'Familienzentrum', 'Grundschule', 'Jugendzentrum']);
  // Hover names the facility.
  const first = page.locator('svg.map path.facility[data-layer=Kitas]').first();
  await first.hover({ force: true });
  await page.waitForFunction(() => document.querySelector('[data-testid=hover-info]').textContent.includes('Kitas: Kita'));
  // A layer toggled off disappears from the map.
  await page.locator('[data-testid=layer-toggle]').first().uncheck();
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-facility]').length === 18);
  await page.locator('[data-testid=layer-toggle]').first().check();
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-facility]').length === 34);
  await screenshot(page, 'facilities-demo');
  // The Steckbrief of a block with a Kita lists it.
  const key = await page.evaluate(() => {
    const kita = document.querySelector('svg.map path.facility[data-layer=Kitas]');
    const b = kita.getBBox();
    const svg = kita.ownerSVGElement;
    const pt = svg.createSVGPoint();
    pt.x = b.x + b.width / 2;
    pt.y = b.y + b.height / 2;
    const scr = pt.matrixTransform(svg.getScreenCTM());
    const under = document.elementsFromPoint(scr.x, scr.y).find((e) => e.matches('path.unit'));
    return under.dataset.key;
  });
  await page.click(`svg.map path.unit[data-key="${key}"]`, { force: true, position: { x: 2, y: 2 } }).catch(() => {});
  await page.evaluate((k) => document.querySelector(`svg.map path.unit[data-key="${k}"]`).dispatchEvent(new MouseEvent('click', { bubbles: true })), key);
  await page.waitForSelector('[data-testid=profile-facilities]');
  assert.match(await page.textContent('[data-testid=profile-facilities]'), /Kitas \(\d+\): Kita /);
  await page.click('[data-testid=close-profile]');
  // Need against supply: the 3 x 3 map and the gap list (high need, low supply).
  await page.click('[data-testid=mode-classify]');
  await page.selectOption('[data-testid=classify-view]', 'need-supply');
  await page.waitForSelector('[data-testid=gap-list]');
  const supply = await page.$eval('[data-testid=supply-indicator]', (s) => s.value);
  assert.equal(supply, 'kitas_plaetze_quote');
  const classes = await page.$$eval('svg.map path.unit', (p) => p.map((e) => e.dataset.class));
  assert.ok(classes.every((c) => /^[123]-[123]$|^na$/.test(c)), classes.join(' '));
  const gaps = await page.$$eval('[data-testid=gap-list] li', (l) => l.map((e) => e.dataset.key));
  const onMap = await page.$$eval('svg.map path.unit[data-class="3-1"]', (p) => p.map((e) => e.dataset.key));
  assert.ok(gaps.length > 0);
  assert.deepEqual([...gaps].sort(), [...onMap].sort());
  await screenshot(page, 'facilities-need-supply');
  // Beamer-Modus at 1024x768: the symbols stay, larger.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.click('[data-testid=mode-explore]');
  await page.click('[data-testid=projector-toggle]');
  await page.waitForFunction(() => document.body.classList.contains('projector'));
  assert.equal(await page.locator('svg.map [data-facility]').count(), 34);
  await screenshot(page, 'facilities-beamer-1024');
  assert.deepEqual(errors, []);
});

test('Berlin: 1,500 facilities by ?points= (lat/lon, decimal commas) and by the picker (GeoJSON) give shapely\'s counts', async () => {
  const { page, errors } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/plr.geojson&key=PLR_ID&points=data/fac.csv`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-facility]').length === 715, null, { timeout: 60000 });
  const outside = await page.getAttribute('[data-testid=points-outside]', 'data-count');
  assert.equal(Number(outside), expected.facilities.outside);
  assert.match(await page.textContent('[data-testid=points-outside]'), /785 von 1500 Punkten liegen außerhalb der Karte/);
  // Every point keeps its own element, grouped or not.
  assert.ok(await page.locator('[data-testid=facility-group]').count() > 0);
  await page.click('[data-testid=table-toggle]');
  await page.waitForSelector('[data-testid=table-view] table');
  const counts = await tableColumn(page, 'fac: Anzahl');
  assert.equal(Object.keys(counts).length, 542);
  for (const [k, v] of Object.entries(counts)) {
    assert.equal(Number(v), expected.facilities.plr[k].count, k);
  }
  const kitas = await tableColumn(page, 'fac: Kita');
  for (const [k, v] of Object.entries(kitas)) {
    assert.equal(Number(v), expected.facilities.plr[k].Kita, k);
  }
  await page.click('[data-testid=table-toggle]');
  // The same points as GeoJSON through the picker: a second layer with the same counts.
  await page.setInputFiles('[data-testid=points-input]', path.join(fixtures, 'berlin_facilities.geojson'));
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-facility]').length === 1430, null, { timeout: 60000 });
  await page.click('[data-testid=table-toggle]');
  const again = await tableColumn(page, 'berlin_facilities: Anzahl');
  assert.deepEqual(again, counts);
  await page.click('[data-testid=table-toggle]');
  await screenshot(page, 'facilities-berlin');
  // A bad file: a positioned message, the map and the layers as they were.
  const bad = path.join(os.tmpdir(), 'kitas-kaputt.csv');
  fs.writeFileSync(bad, 'Name;Breite;Länge\nA;52,5;13,4\nB;52,5;dreizehn\n');
  await page.setInputFiles('[data-testid=points-input]', bad);
  await page.waitForSelector('[data-testid=load-error]');
  assert.match(await page.textContent('[data-testid=load-error]'), /kitas-kaputt\.csv, Zeile 3, Spalte „Länge“: „dreizehn“/);
  assert.equal(await page.locator('svg.map [data-facility]').count(), 1430);
  assert.equal(await page.locator('svg.map path.unit').count(), 542);
  assert.deepEqual(errors, []);
});

test('a Zensus grid streamed onto the demo town equals the command line', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-grid-'));
  execFileSync(cli, ['demo', '--out', tmp]);
  const csv = execFileSync(cli, ['facilities', '--geo', path.join(tmp, 'musterstadt.geojson'), '--key', 'schluessel', '--points', path.join(tmp, 'zensus_100m.csv')], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const want = {};
  for (const l of csv.trim().split('\n').slice(1)) {
    const [key, , , ew] = l.split(',');
    want[key] = Number(ew);
  }
  const { page, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-facility]').length === 34, null, { timeout: 30000 });
  await page.setInputFiles('[data-testid=points-input]', path.join(tmp, 'zensus_100m.csv'));
  await page.waitForFunction(() => (document.querySelector('[data-testid=load-summary]')?.textContent ?? '').includes('Zellen gelesen'), null, { timeout: 60000 });
  assert.match(await page.textContent('[data-testid=load-warnings]'), /nicht als null gelesen/);
  await page.click('[data-testid=table-toggle]');
  const got = await tableColumn(page, 'zensus_100m: Einwohner');
  assert.equal(Object.keys(got).length, 58);
  for (const [k, v] of Object.entries(got)) {
    assert.equal(Number(v.replace(/\./g, '')), want[k], k);
  }
  assert.deepEqual(errors, []);
});
