// Small numbers (issue 18): the demo town's tiny blocks (85 and 210 inhabitants) have counts
// of 1 and 2. With the rule on (default: fewer than 3 cases) no path shows them or a value
// made from them: map (hatched class `geheim`), hover, Steckbrief, table view and the CSV,
// XLSX and GeoJSON exports. The reference is the same app with the rule
// switched off (threshold 0): its export gives the raw counts, its hover and profile the raw
// values, which must not appear with the rule on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, outDir } from './harness.mjs';

const ctx = useBrowser();

async function save(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  const file = path.join(outDir, `small-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return fs.readFileSync(file);
}

async function setRule(page, n) {
  const open = await page.$eval('[data-testid=indicator-setup]', (d) => d.open);
  if (!open) await page.click('[data-testid=indicator-setup] summary');
  await page.fill('[data-testid=small-numbers]', String(n));
  await page.press('[data-testid=small-numbers]', 'Enter');
  await page.$eval('[data-testid=small-numbers]', (e) => e.dispatchEvent(new Event('change', { bubbles: true })));
}

const rows = (buf) => buf.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(';'));
const letters = (i) => { let s = ''; i += 1; while (i > 0) { const r = (i - 1) % 26; s = String.fromCharCode(65 + r) + s; i = Math.floor((i - 1) / 26); } return s; };
const hoverText = async (page, key) => { await page.hover(`svg.map path[data-key="${key}"]`); return page.textContent('[data-testid=hover-info]'); };
const profileValues = async (page, key) => {
  await page.click(`svg.map path[data-key="${key}"]`);
  await page.waitForSelector('[data-testid=area-profile]');
  const v = await page.$$eval('[data-testid=profile-table] tbody tr', (trs) => trs.map((tr) => [tr.dataset.withheld === 'true', tr.querySelector('td').textContent]));
  await page.click('[data-testid=close-profile]');
  return v;
};

test('demo town: small counts are withheld on the map, in hover, profile, table and every export', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  await page.click('[data-testid=export-panel] summary');

  // The reference: the rule off.
  await setRule(page, 0);
  await page.waitForFunction(() => !document.querySelector('svg.map [data-class=geheim]'));
  const raw = rows(await save(page, 'export-csv'));
  const header = raw[0];
  const first = header.indexOf('stadtteil') + 1;
  const last = header.findIndex((h) => h.startsWith('Karte:'));
  const small = [];
  // The demo town's facility columns (Kitas, social facilities) count facilities, not cases
  // of persons: they are never withheld, so they are no small counts here.
  const facility = (h) => /^(kitas|soziale_einrichtungen)_/.test(h);
  for (let r = 1; r < raw.length; r++) {
    for (let c = first; c < last; c++) {
      if (facility(header[c])) continue;
      const x = Number(raw[r][c].replace(',', '.'));
      if (x > 0 && x < 3) small.push({ r, c, key: raw[r][0], column: header[c], value: raw[r][c] });
    }
  }
  const tiny = [...new Set(small.map((s) => s.key))];
  assert.ok(small.length >= 4 && tiny.length >= 1, JSON.stringify(small));
  const options = await page.$$eval('[data-testid=indicator-picker] option', (o) => o.map((e) => e.value));
  const rawHover = {};
  const rawProfile = {};
  for (const o of options) {
    await page.selectOption('[data-testid=indicator-picker]', o);
    for (const key of tiny) rawHover[`${o}/${key}`] = await hoverText(page, key);
  }
  for (const key of tiny) rawProfile[key] = await profileValues(page, key);

  // The rule on (the default threshold 3).
  await setRule(page, 3);
  let hatched = 0;
  let most = [options[0], 0, []];
  for (const o of options) {
    await page.selectOption('[data-testid=indicator-picker]', o);
    await page.waitForTimeout(50);
    const geheim = await page.$$eval('svg.map [data-class=geheim]', (e) => e.map((x) => x.dataset.key));
    for (const key of geheim) assert.ok(tiny.includes(key), `${o}: ${key} is no tiny block`);
    hatched += geheim.length;
    if (geheim.length > most[1]) most = [o, geheim.length, geheim];
    for (const key of geheim) {
      const fill = await page.$eval(`svg.map path[data-key="${key}"]`, (e) => e.getAttribute('fill'));
      assert.equal(fill, 'url(#geheim)');
      const h = await hoverText(page, key);
      assert.match(h, /geheim \(weniger als 3 Fälle\)/);
      const value = rawHover[`${o}/${key}`].split(':')[1].split('·')[0].trim();
      assert.ok(!h.includes(value), `${o} ${key}: hover shows ${value}`);
    }
    if (geheim.length) {
      const legend = await page.$$eval('[data-testid=legend-row][data-class=geheim]', (e) => e.map((x) => x.textContent));
      assert.equal(legend.length, 1, o);
      assert.match(legend[0], new RegExp(`${geheim.length} Gebiet`));
    }
  }
  assert.ok(hatched > 0, 'some indicator of a tiny block is withheld');
  await page.selectOption('[data-testid=indicator-picker]', most[0]);
  await page.hover(`svg.map path[data-key="${tiny[0]}"]`);
  await screenshot(page, 'small-numbers-map');
  // The time chart in the Steckbrief has no point of a withheld year (a gap).
  const year = await page.inputValue('[data-testid=year-picker]');
  for (const key of most[2]) {
    await page.click(`svg.map path[data-key="${key}"]`);
    await page.waitForSelector('[data-testid=area-profile] [data-testid=timeseries]');
    const name = await page.textContent('#profile-name');
    const titles = await page.$$eval('[data-testid=area-profile] [data-testid=timeseries] circle title', (t) => t.map((e) => e.textContent));
    assert.ok(!titles.some((x) => x.startsWith(`${name} ${year}:`)), `${key}: ${titles}`);
    assert.ok(titles.some((x) => x.startsWith('Stadt ')), 'the city line stays');
    await page.click('[data-testid=close-profile]');
  }
  // Profile: the withheld rows say so; none shows its raw value.
  for (const key of tiny) {
    const shown = await profileValues(page, key);
    assert.ok(shown.some(([w]) => w), key);
    shown.forEach(([w, text], i) => {
      if (w) {
        assert.match(text, /^geheim/);
        assert.notEqual(text, rawProfile[key][i][1]);
      } else {
        assert.equal(text, rawProfile[key][i][1], `${key} row ${i} is not withheld and unchanged`);
      }
    });
  }
  // The table view: the tiny blocks' withheld cells.
  await page.click('[data-testid=table-toggle]');
  for (const key of tiny) {
    const cells = await page.$$eval(`tr[data-key="${key}"] td`, (tds) => tds.map((td) => [td.dataset.withheld === 'true', td.textContent]));
    const withheld = cells.filter(([w]) => w);
    assert.ok(withheld.length > 0, key);
    for (const [, text] of withheld) assert.match(text, /^geheim/);
  }
  await screenshot(page, 'small-numbers-table');
  await page.click('[data-testid=table-toggle]');

  // Exports: exactly the small cells read "geheim"; every other cell as without the rule.
  const csv = rows(await save(page, 'export-csv'));
  for (const s of small) assert.equal(csv[s.r][s.c], 'geheim', `${s.key} ${s.column}`);
  for (let r = 1; r < raw.length; r++) {
    for (let c = first; c < last; c++) {
      if (!small.some((s) => s.r === r && s.c === c)) assert.equal(csv[r][c], raw[r][c]);
    }
  }
  const xlsx = (await save(page, 'export-xlsx')).toString('utf8');
  for (const s of small) {
    assert.ok(xlsx.includes(`<c r="${letters(s.c)}${s.r + 1}" t="inlineStr"><is><t xml:space="preserve">geheim</t>`), `${s.key} ${s.column} in XLSX`);
  }
  const gj = JSON.parse((await save(page, 'export-geojson')).toString('utf8'));
  for (const s of small) {
    const f = gj.features.find((x) => x.properties.schluessel === s.key);
    assert.equal(f.properties[s.column], null, `${s.key} ${s.column}`);
    assert.ok(f.properties.geheim.includes(s.column));
  }
  assert.match(gj.geheim, /weniger als 3 Fällen/);
  const svg = (await save(page, 'export-svg')).toString('utf8');
  assert.ok(svg.includes('<pattern id="geheim"'));

  assert.deepEqual(errors, []);
  await context.close();
});
