// The "Einordnen" view: MSS status index on the map, classes with counts, list of low-status areas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, berlinDir as berlin, berlinUrls } from './harness.mjs';

const ctx = useBrowser(berlinUrls);

const classesOnMap = (page) => page.$$eval('svg.map [data-key]', (els) => els.map((e) => [e.dataset.key, e.dataset.class]));

test('demo town: status classes on the map and the list of low-status blocks', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  await page.click('[data-testid=mode-classify]');
  await page.waitForSelector('[data-testid=classify-panel]');
  const classes = (await classesOnMap(page)).map(([, c]) => c);
  const allowed = ['hoch', 'mittel', 'niedrig', 'sehr niedrig', 'ohne Zuordnung'];
  assert.ok(classes.every((c) => allowed.includes(c)), [...new Set(classes)].join());
  assert.equal(classes.filter((c) => c === 'ohne Zuordnung').length, 2, 'the two blocks under 300 inhabitants');
  const low = classes.filter((c) => c === 'niedrig' || c === 'sehr niedrig').length;
  assert.ok(low > 0);
  assert.equal(await page.textContent('[data-testid=below-count]'), `${low} Gebiete mit niedrigem oder sehr niedrigem Status`);
  assert.equal(await page.$$eval('[data-testid=below-list] li', (l) => l.length), low);
  await screenshot(page, 'demo-classify');
  // In English the legend names the classes in English; the map's data-class stays German.
  await page.click('[data-testid=lang-toggle]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const legend = await page.$$eval('[data-testid=status-legend-row]', (r) => r.map((e) => [e.dataset.class, e.textContent]));
  const en = { 'hoch': 'high', 'mittel': 'medium', 'niedrig': 'low', 'sehr niedrig': 'very low', 'ohne Zuordnung': 'not rated' };
  for (const [cls, text] of legend) assert.ok(text.includes(en[cls]) && !text.includes(cls), `${cls}: ${text}`);
  assert.deepEqual((await classesOnMap(page)).map(([, c]) => c), classes);
  await page.click('[data-testid=lang-toggle]');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  assert.equal(await page.$('[data-testid=choose-indicators]'), null);
  // Nothing ticked: a hint, and every area without class (nothing made up).
  for (const box of await page.$$('[data-testid=classify-indicator]:checked')) await box.uncheck();
  await page.waitForSelector('[data-testid=choose-indicators]');
  assert.ok((await classesOnMap(page)).every(([, c]) => c === 'ohne Zuordnung'));
  // Back to Explore: class indices again.
  await page.click('[data-testid=mode-explore]');
  await page.waitForFunction(() => [...document.querySelectorAll('svg.map [data-key]')].every((e) => /^(\d|na)$/.test(e.dataset.class)));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Berlin: S1, S3, S4 give exactly the 49 official "sehr niedrig" Planungsräume', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  await page.click('[data-testid=mode-classify]');
  for (const id of ['S1', 'S3', 'S4']) await page.check(`[data-testid=classify-indicator][value=${id}]`);
  assert.equal(await page.inputValue('[data-testid=min-population]'), '300');
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-class="sehr niedrig"]').length > 0);
  const ours = Object.fromEntries(await classesOnMap(page));
  // The official classes (SI_V) of the MSS 2021.
  const lines = fs.readFileSync(path.join(berlin, 'mss_2021_indizes_plr.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const [k, v] = [header.indexOf('PLR_ID'), header.indexOf('SI_V')];
  const official = Object.fromEntries(lines.slice(1).map((l) => l.split(',')).map((f) => [f[k].replaceAll('"', ''), f[v]]));
  const norm = (c) => (c.startsWith('Planungsraum ohne') ? 'ohne Zuordnung' : c);
  const wrong = Object.keys(official).filter((key) => ours[key] !== norm(official[key]));
  assert.deepEqual(wrong, [], 'every Planungsraum has its official status class');
  assert.equal(Object.values(ours).filter((c) => c === 'sehr niedrig').length, 49);
  assert.equal(await page.textContent('[data-testid=below-count]'), '95 Gebiete mit niedrigem oder sehr niedrigem Status');
  await screenshot(page, 'berlin-classify');
  assert.deepEqual(errors, []);
  await context.close();
});
