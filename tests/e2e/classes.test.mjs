// Classes planners use (Erkunden): scheme, number of classes, typed bounds, legend style and
// colours. Berlin S1: for 3 to 9 classes the number of Planungsräume per class equals
// mapclassify's (crates/core/tests/fixtures/classes/classes.json, made by make_classes.py;
// natural breaks: the exact optimum).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, root, berlinUrls } from './harness.mjs';

const ctx = useBrowser(berlinUrls);
const expected = JSON.parse(fs.readFileSync(path.join(root, 'crates/core/tests/fixtures/classes/classes.json'), 'utf8')).berlin.S1;

/** Number of areas per class index on the map (`na` left out). */
const histogram = (page) => page.$$eval('svg.map path.unit[data-key]', (els) => {
  const h = [];
  for (const e of els) {
    if (e.dataset.class === 'na') continue;
    const k = Number(e.dataset.class);
    h[k] = (h[k] || 0) + 1;
  }
  return Array.from(h, (x) => x || 0);
});

/** Waits until the map shows `n` classes and returns its histogram. */
async function classesOf(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=legend-row]:not([data-class=na])').length === n, n);
  return histogram(page);
}

async function change(page, selector, value) {
  await page.fill(selector, value);
  await page.$eval(selector, (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
}

test('Berlin S1: equal, natural-breaks, quantile and typed classes equal mapclassify for 3 to 9 classes', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  await page.selectOption('[data-testid=indicator-picker]', { label: 'S1' });
  // Natural breaks: the exact optimum (an independent float64 dynamic programme in the fixture
  // script); it equals mapclassify's except for 8 classes, where mapclassify's float32
  // computation misses it by one Planungsraum.
  for (const [scheme, key] of [['equal', 'equal_K_counts'], ['jenks', 'jenks_K_exact_counts'], ['quantile', 'quantiles_K_counts']]) {
    await page.selectOption('[data-testid=class-scheme]', scheme);
    for (let k = 3; k <= 9; k++) {
      await page.selectOption('[data-testid=class-count]', String(k));
      const want = expected[key.replace('K', k)];
      assert.deepEqual(await classesOf(page, want.length), want, `${scheme} ${k}`);
    }
  }
  // Typed bounds: 2; 5; 10; 20 (the largest value 17,8 lies below 20).
  await page.selectOption('[data-testid=class-scheme]', 'manual');
  await change(page, '[data-testid=class-breaks]', '2; 5; 10; 20');
  assert.deepEqual(await classesOf(page, expected.manual_counts.length), expected.manual_counts, 'manual');
  // Something that is no number: a message, the classes stay.
  await change(page, '[data-testid=class-breaks]', '2; fünf');
  await page.waitForSelector('[data-testid=class-breaks-error]');
  assert.deepEqual(await histogram(page), expected.manual_counts);
  // Report style: "a < b" and "… und größer" for the last class.
  await page.selectOption('[data-testid=legend-style]', 'report');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=legend-row]')].some((r) => /und größer/.test(r.textContent)));
  const legend = await page.$$eval('[data-testid=legend-row]:not([data-class=na]) .range', (r) => r.map((e) => e.textContent));
  assert.equal(legend.length, 4);
  for (const [i, hi] of [[0, '2'], [1, '5'], [2, '10']]) assert.match(legend[i], new RegExp(`^[\\d.,]+ < ${hi}(,0+)?$`), legend[i]);
  assert.match(legend[3], /^10(,0+)? und größer$/);
  // Greys for print: every filled area grey.
  await page.selectOption('[data-testid=palette]', 'greys');
  await page.waitForFunction(() => [...document.querySelectorAll('svg.map path.unit[data-key]')].every((p) => {
    const m = /#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/.exec(p.getAttribute('fill') || '');
    return m && m[1] === m[2] && m[2] === m[3];
  }));
  await screenshot(page, 'berlin-classes-report-greys');
  // The settings travel with the project: a reload (autosave) shows the same classes.
  const before = await histogram(page);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  assert.equal(await page.inputValue('[data-testid=class-scheme]'), 'manual');
  assert.deepEqual(await histogram(page), before);
  assert.deepEqual(errors, []);
  await context.close();
});
