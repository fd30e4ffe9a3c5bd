// Time chart (issue 18): a three-year table (Flensburg's unemployed residents per Stadtteil,
// the years 2020 to 2022 of the real long table) gives a chart of every year beside the map and
// in the Steckbrief, with the city line; the change between the first and the last year
// (base-year) is in percent for a count and equals the table's numbers; SVG, PNG and CSV
// downloads; the change map from the chosen year; Beamer-Modus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, outDir, sharedData } from './harness.mjs';

const fl = path.join(sharedData, 'flensburg-sozialatlas');
const source = fs.readFileSync(path.join(fl, 'tables_long', 'fl_unemployed_residents_by_district.csv'), 'utf8').trim().split(/\r?\n/);
const years = ['2020', '2021', '2022'];
const three = [source[0], ...source.slice(1).filter((l) => years.includes(l.split(',')[0]))].join('\n') + '\n';
fs.mkdirSync(outDir, { recursive: true });
const threeFile = path.join(outDir, 'flensburg-arbeitslose-2020-2022.csv');
fs.writeFileSync(threeFile, three);
const value = {};
for (const l of three.trim().split('\n').slice(1)) {
  const [y, d, n] = l.split(',');
  value[`${Number(d)}/${y}`] = Number(n);
}

// The same numbers with a date column (`Stichtag`, the last day of each year): the time axis is
// one of dates.
const dated = ['Stichtag,district_id,residents', ...three.trim().split('\n').slice(1).map((l) => {
  const [y, d, n] = l.split(',');
  return `31.12.${y},${d},${n}`;
})].join('\n') + '\n';
const datedFile = path.join(outDir, 'flensburg-arbeitslose-stichtage.csv');
fs.writeFileSync(datedFile, dated);

const ctx = useBrowser({
  '/data/fl.geojson': path.join(fl, 'flensburg_stadtteile_epsg25832.geojson'),
  '/data/alo.csv': threeFile,
  '/data/stichtag.csv': datedFile,
});

const de = (x, d) => x.toLocaleString('de-DE', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true });

async function save(page, scope, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`${scope} [data-testid=${testid}]`)]);
  const file = path.join(outDir, `ts-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return fs.readFileSync(file);
}

test('Flensburg 2020-2022: the time chart shows every year, the change between the first and the last year, downloads', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/fl.geojson&table=data/alo.csv`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 13, null, { timeout: 30000 });
  assert.deepEqual(await page.$$eval('[data-testid=year-picker] option', (o) => o.map((e) => e.value)), years);
  // Beside the map: the hovered Stadtteil's chart.
  const panel = 'aside.panel';
  await page.hover('svg.map path[data-key="STGT03"]');
  await page.waitForSelector(`${panel} [data-testid=timeseries]`);
  assert.equal(await page.getAttribute(`${panel} [data-testid=timeseries]`, 'data-years'), '3');
  const points = await page.$$eval(`${panel} [data-testid=timeseries] circle title`, (t) => t.map((e) => e.textContent));
  for (const y of years) {
    assert.ok(points.some((p) => p === `03 Nordstadt ${y}: ${de(value[`3/${y}`], 0)}`), `${y}: ${points}`);
    const mean = [...Array(13).keys()].map((d) => value[`${d + 1}/${y}`]).reduce((a, b) => a + b) / 13;
    assert.ok(points.some((p) => p.startsWith(`Stadt (Ø je Gebiet) ${y}: ${de(mean, 0)}`)), `${y} city: ${points}`);
  }
  // Change between the first and the last year, in percent (a count).
  await page.selectOption('[data-testid=year-picker]', '2022');
  await page.selectOption('[data-testid=base-year]', '2020');
  await page.hover('svg.map path[data-key="STGT03"]');
  const change = await page.textContent(`${panel} [data-testid=timeseries-change]`);
  const pct = (value['3/2022'] - value['3/2020']) / value['3/2020'] * 100;
  assert.ok(change.startsWith('Veränderung 2020–2022: 03 Nordstadt: '), change);
  assert.ok(change.includes(`03 Nordstadt: ${pct > 0 ? '+' : ''}${de(pct, 1).replace('-', '−')} %`) || change.includes(`03 Nordstadt: ${pct > 0 ? '+' : ''}${de(pct, 1)} %`), `${change} / ${pct}`);
  await screenshot(page, 'timeseries-panel');
  // The Steckbrief has the same chart.
  await page.click('svg.map path[data-key="STGT03"]');
  const profile = '[data-testid=area-profile]';
  await page.waitForSelector(`${profile} [data-testid=timeseries]`);
  assert.equal(await page.getAttribute(`${profile} [data-testid=timeseries]`, 'data-years'), '3');
  await screenshot(page, 'timeseries-profile');
  // Downloads: CSV with every year, SVG, PNG.
  const csv = (await save(page, profile, 'timeseries-csv')).toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(';'));
  assert.deepEqual(csv[0], ['year', '03 Nordstadt', 'Stadt (Ø je Gebiet)']);
  assert.deepEqual(csv.slice(1).map((r) => [r[0], Number(r[1])]), years.map((y) => [y, value[`3/${y}`]]));
  const svg = (await save(page, profile, 'timeseries-svg')).toString('utf8');
  assert.ok(svg.includes('class="timeseries-chart"'));
  assert.equal((svg.match(/<circle /g) ?? []).length, 6, 'three years, two lines');
  const png = await save(page, profile, 'timeseries-png');
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  await page.click('[data-testid=close-profile]');
  // Pooled classes with a base year: of the two years compared.
  await page.check('[data-testid=pooled-breaks]');
  await page.waitForFunction(() => document.querySelector('[data-testid=scheme-note]')?.textContent.includes('gleiche Klassen für 2020 und 2022'));
  await page.uncheck('[data-testid=pooled-breaks]');
  await page.$eval('[data-testid=pooled-breaks]', (e) => e.blur());
  // The change map from the chosen year.
  await page.selectOption('[data-testid=explore-view]', 'change');
  await page.waitForFunction(() => document.querySelector('[data-testid=legend] h2')?.textContent.includes('2020–2022'));
  // Beamer-Modus at 1024x768 with the Steckbrief open: the chart is readable.
  await page.selectOption('[data-testid=explore-view]', 'level');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.keyboard.press('f');
  await page.waitForSelector('body.projector');
  await page.click('svg.map path[data-key="STGT03"]');
  await page.waitForSelector(`${profile} [data-testid=timeseries]`);
  const box = await page.$eval(`${profile} [data-testid=timeseries] svg`, (e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; });
  assert.ok(box[0] >= 400, `chart ${box}`);
  await screenshot(page, 'timeseries-beamer');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Flensburg with dates (Stichtag 31.12.): the years are dates on the picker and the time axis', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/fl.geojson&table=data/stichtag.csv`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 13, null, { timeout: 30000 });
  const options = await page.$$eval('[data-testid=year-picker] option', (o) => o.map((e) => e.textContent.trim()));
  assert.deepEqual(options, years.map((y) => `31.12.${y}`));
  await page.hover('svg.map path[data-key="STGT03"]');
  await page.waitForSelector('aside.panel [data-testid=timeseries]');
  const points = await page.$$eval('aside.panel [data-testid=timeseries] circle title', (t) => t.map((e) => e.textContent));
  for (const y of years) assert.ok(points.includes(`03 Nordstadt 31.12.${y}: ${de(value[`3/${y}`], 0)}`), `${y}: ${points}`);
  const labels = await page.$$eval('aside.panel [data-testid=timeseries] svg text', (t) => t.map((e) => e.textContent));
  assert.ok(labels.includes('31.12.2020') && labels.includes('31.12.2022'), labels.join('|'));
  assert.match(await page.textContent('[data-testid=legend] h2'), /, 31\.12\.2022$/);
  await screenshot(page, 'timeseries-dates');
  assert.deepEqual(errors, []);
  await context.close();
});
