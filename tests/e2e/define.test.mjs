// Sozialräume: draw (brush, click, lasso), undo/redo, autosave across a reload, official level by
// key prefix, automatic proposal, and comparing two definitions (side by side, swipe).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, recordedPage, screenshot, berlinUrls } from './harness.mjs';

const ctx = useBrowser(berlinUrls);

/** A screen point inside the unit with `key` (searched on a grid over its bounding box). */
async function pointIn(page, key) {
  return page.evaluate((key) => {
    const el = document.querySelector(`svg.map path.unit[data-key="${key}"]`);
    const r = el.getBoundingClientRect();
    for (let f = 0.5, step = 0.5; step > 0.02; step /= 2) {
      for (let a = step / 2; a < 1; a += step) {
        for (let b = step / 2; b < 1; b += step) {
          const x = r.left + a * r.width;
          const y = r.top + b * r.height;
          const hit = document.elementFromPoint(x, y);
          if (hit && hit.dataset && hit.dataset.key === key) return { x, y };
        }
      }
      f = step;
    }
    return null;
  }, key);
}

const classes = (page) => page.$$eval('svg.map path.unit[data-key]', (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.dataset.class])));

test('demo town: paint, undo, redo, lasso, autosave across a reload, compare two definitions', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  await page.click('[data-testid=mode-define]');
  await page.selectOption('[data-testid=new-def-source]', 'empty');
  await page.click('[data-testid=new-def-create]');
  await page.waitForSelector('[data-testid=tool-brush]');
  const keys = await page.$$eval('svg.map path.unit[data-key]', (els) => els.map((e) => e.dataset.key));
  assert.ok(Object.values(await classes(page)).every((c) => c === 'ohne Zuordnung'));

  // Brush: one stroke across three units paints them; one undo step takes the stroke back.
  await page.click('[data-testid=tool-brush]');
  const pts = [];
  for (const k of keys.slice(0, 3)) pts.push(await pointIn(page, k));
  await page.mouse.move(pts[0].x, pts[0].y);
  await page.mouse.down();
  for (const p of pts.slice(1)) await page.mouse.move(p.x, p.y, { steps: 8 });
  await page.mouse.up();
  let c = await classes(page);
  const painted = Object.entries(c).filter(([, v]) => v === 'Sozialraum 1').map(([k]) => k);
  for (const k of keys.slice(0, 3)) assert.ok(painted.includes(k), `${k} painted`);
  assert.ok((await page.getAttribute('[data-testid=sozialraum-outline]', 'd')).length > 20, 'outline drawn');
  await page.click('[data-testid=undo]');
  c = await classes(page);
  assert.ok(Object.values(c).every((v) => v === 'ohne Zuordnung'), 'the whole stroke undone at once');
  await page.click('[data-testid=redo]');
  c = await classes(page);
  assert.equal(Object.values(c).filter((v) => v === 'Sozialraum 1').length, painted.length);

  // Click tool and a second Sozialraum; Ctrl+Z undoes the click.
  await page.click('[data-testid=tool-click]');
  await page.click('[data-testid=add-sozialraum]');
  const far = keys[keys.length - 1];
  const p = await pointIn(page, far);
  await page.mouse.click(p.x, p.y);
  assert.equal((await classes(page))[far], 'Sozialraum 2');
  await page.keyboard.press('Control+z');
  assert.equal((await classes(page))[far], 'ohne Zuordnung');
  await page.keyboard.press('Control+y');
  assert.equal((await classes(page))[far], 'Sozialraum 2');

  // Lasso around the far unit's neighbourhood: those units go to the current Sozialraum.
  await page.click('[data-testid=tool-lasso]');
  const q = await pointIn(page, keys[10]);
  await page.mouse.move(q.x - 40, q.y - 40);
  await page.mouse.down();
  for (const [dx, dy] of [[40, -40], [40, 40], [-40, 40], [-40, -40]]) await page.mouse.move(q.x + dx, q.y + dy, { steps: 6 });
  await page.mouse.up();
  c = await classes(page);
  assert.equal(c[keys[10]], 'Sozialraum 2', 'the unit under the lasso');
  const validation = await page.textContent('[data-testid=validation]');
  assert.match(validation, /Gebiete ohne Sozialraum/);
  await screenshot(page, 'demo-define');

  // Autosave: after a reload the definition is back, every unit as before.
  const before = await classes(page);
  await page.reload();
  await page.waitForSelector('svg.map path[data-key]');
  await page.click('[data-testid=mode-define]');
  await page.waitForSelector('[data-testid=definition-select]');
  assert.deepEqual(await classes(page), before);

  // A second definition by key prefix, then compare.
  await page.click('.new-definition summary');
  await page.selectOption('[data-testid=new-def-source]', 'prefix');
  await page.fill('[data-testid=prefix-length]', '1');
  await page.dispatchEvent('[data-testid=prefix-length]', 'change');
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=definition-select] option').length === 2);
  await page.click('[data-testid=mode-compare]');
  await page.waitForSelector('[data-testid=compare-map-b] path.unit');
  assert.equal(await page.$$eval('[data-testid=compare-map-a] path.unit[data-key]', (e) => e.length), keys.length);
  const metrics = await page.$$eval('[data-testid=compare-metrics] tbody tr', (r) => r.map((x) => x.textContent));
  assert.ok(metrics.length >= 8, metrics.join('|'));
  const changed = await page.textContent('[data-testid=changed-count]');
  assert.match(changed, /^\d+ Gebiete in einem anderen Sozialraum$/);
  assert.ok(Number(changed.split(' ')[0]) > 0);
  assert.ok(await page.$$eval('[data-testid=compare-map-b] path.unit[data-changed=true]', (e) => e.length) > 0);
  await screenshot(page, 'demo-compare');
  // Zoomed in, dragging map A pans both maps (shared view).
  await page.click('[data-testid=zoom-in]');
  const vb = (id) => page.getAttribute(`[data-testid=${id}]`, 'viewBox');
  const zoomed = await vb('compare-map-a');
  const a = await page.locator('[data-testid=compare-map-a]').boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 50, a.y + a.height / 2 + 20, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await vb('compare-map-a'), zoomed);
  assert.equal(await vb('compare-map-b'), await vb('compare-map-a'));
  await page.click('[data-testid=zoom-fit]');
  await page.click('[data-testid=compare-swipe]');
  await page.waitForSelector('[data-testid=swipe]');
  await page.fill('[data-testid=swipe]', '0.3');
  await screenshot(page, 'demo-compare-swipe');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Berlin: 143 Bezirksregionen by key prefix, a max-p proposal of >= 20,000 inhabitants, compared', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  await page.click('[data-testid=mode-define]');
  assert.equal(await page.inputValue('[data-testid=prefix-length]'), '6');
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sozialraum-row]').length === 143, null, { timeout: 30000 });
  const c = await classes(page);
  assert.equal(c['01100101'], '011001');
  assert.equal(new Set(Object.values(c)).size, 143);
  assert.match(await page.textContent('[data-testid=validation]'), /Alle Sozialräume hängen zusammen/);
  const rows = await page.$$eval('[data-testid=sozialraum-table] tbody tr', (r) => r.length);
  assert.equal(rows, 143);
  const lowBzr = await page.$$eval('[data-testid=sozialraum-table] tbody tr', (r) => r.filter((x) => ['niedrig', 'sehr niedrig'].includes(x.dataset.class)).map((x) => x.dataset.key));
  await page.click('[data-testid=labels-toggle]');
  await screenshot(page, 'berlin-define');

  // The proposal needs indicators (Typisieren) and a population column: EW is found by ingest.
  await page.click('[data-testid=mode-cluster]');
  for (const id of ['S1', 'S3', 'S4']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.click('[data-testid=mode-define]');
  await page.click('.new-definition summary');
  await page.selectOption('[data-testid=new-def-source]', 'proposal');
  await page.fill('[data-testid=proposal-min-pop]', '20000');
  await page.dispatchEvent('[data-testid=proposal-min-pop]', 'change');
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=definition-select] option').length === 2, null, { timeout: 60000 });
  const text = await page.textContent('[data-testid=validation]');
  assert.match(text, /Alle Sozialräume hängen zusammen/);
  await page.fill('[data-testid=pop-min]', '20000');
  await page.dispatchEvent('[data-testid=pop-min]', 'change');
  assert.match(await page.textContent('[data-testid=validation]'), /Alle Sozialräume innerhalb der Grenzen/);
  await page.click('[data-testid=mode-compare]');
  await page.waitForSelector('[data-testid=compare-metrics]');
  const m = await page.$$eval('[data-testid=compare-metrics] tbody tr', (r) => r.map((x) => [...x.cells].map((c) => c.textContent)));
  assert.equal(m[0][1], '143');
  assert.ok(Number(m[0][2]) > 100 && Number(m[0][2]) < 143, `proposal regions: ${m[0][2]}`);
  // By result: the Bezirksregionen of low status under A are those of their table.
  const low = await page.$eval('[data-testid=low-status-a]', (e) => [e.textContent, e.title]);
  assert.ok(low[0].startsWith(`${lowBzr.length} · `), `${low[0]} / ${lowBzr.length}`);
  assert.deepEqual(low[1].split(', ').filter(Boolean).sort(), [...lowBzr].sort());
  assert.match(await page.textContent('[data-testid=low-status-b]'), /^\d+ · [\d.]+ EW$/);
  assert.match(await page.textContent('[data-testid=compare-results] caption'), /Nach Ergebnis/);
  await screenshot(page, 'berlin-compare');
  // The panel's tables fit its width (nothing cut off at the edge).
  assert.ok(await page.$eval('[data-testid=compare-panel]', (e) => e.scrollWidth <= e.clientWidth + 1), 'compare tables fit the panel');
  assert.deepEqual(errors, []);
  await context.close();
});
