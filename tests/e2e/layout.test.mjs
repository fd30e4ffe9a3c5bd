// The workshop in front of a projector and on a laptop (issue 20): Hamburg's 99 Stadtteile in
// every mode, at 1280x800 and in Beamer-Modus at 1024x768. Nothing is wider than its panel
// (scroll width against client width of the panel, the map area, the Steckbrief, the
// projector's title and legend), the areas the view highlights are named in Beamer-Modus, the
// title is the project's, the line under the map says what a click does in the mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, sharedData } from './harness.mjs';

const hh = path.join(sharedData, 'hamburg-stadtteilprofile-2024', 'hamburg_stadtteile_99_joined_wgs84.geojson');
const ctx = useBrowser({ '/data/hh.geojson': hh });

/// Containers whose content is wider than they are: [selector, scrollWidth, clientWidth].
const overflowing = (page) => page.evaluate(() => {
  const out = [];
  for (const sel of ['aside.panel', '.map-area', '.profile', '.projector-head', '.projector-legend', 'header.top', '[data-testid=classify-panel]', '[data-testid=cluster-panel]', '[data-testid=define-panel]', '[data-testid=compare-panel]', '[data-testid=facilities-panel]']) {
    for (const e of document.querySelectorAll(sel)) {
      if (e.offsetParent === null && getComputedStyle(e).position !== 'fixed') continue;
      if (e.scrollWidth > e.clientWidth + 1) out.push([sel, e.scrollWidth, e.clientWidth]);
    }
  }
  return out;
});

/// The names of the units with one of `classes` and whether each is named on the map.
const labelled = (page, classes) => page.evaluate((classes) => {
  const names = new Set([...document.querySelectorAll('svg.map [data-testid=map-labels] text')].map((t) => t.textContent));
  return [...document.querySelectorAll('svg.map path.unit')]
    .filter((p) => classes.includes(p.dataset.class))
    .map((p) => { const name = p.querySelector('title').textContent.split(':')[0]; return [name, names.has(name)]; });
}, classes);

async function mode(page, m) {
  await page.click(`[data-testid=mode-${m}]`);
  await page.waitForFunction((m) => document.querySelector(`[data-testid=mode-${m}]`).getAttribute('aria-pressed') === 'true', m);
}

test('Hamburg\'s 99 Stadtteile: every mode fits at 1280x800 and in Beamer-Modus at 1024x768', async () => {
  const { page, errors } = await recordedPage(ctx.browser, { width: 1280, height: 800 });
  await page.goto(`${ctx.server.url}?geo=data/hh.geojson&key=name`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map path.unit').length === 99, null, { timeout: 30000 });
  // Name the town.
  await page.fill('[data-testid=project-title]', 'Hamburg');
  await page.press('[data-testid=project-title]', 'Enter');
  // Two definitions for Sozialräume and Vergleichen: the Bezirke, and the first letters.
  await mode(page, 'define');
  await page.selectOption('[data-testid=new-def-source]', 'column');
  await page.click('[data-testid=new-def-create]');
  await page.selectOption('[data-testid=new-def-source]', 'prefix');
  await page.click('[data-testid=new-def-create]');
  assert.match(await page.textContent('[data-testid=hover-info]'), /Klicken Sie auf ein Gebiet: es kommt zum gewählten Sozialraum/);
  for (const m of ['explore', 'classify', 'cluster', 'define', 'compare']) {
    await mode(page, m);
    await page.waitForTimeout(200);
    assert.deepEqual(await overflowing(page), [], `${m} at 1280x800`);
    await screenshot(page, `layout-${m}-1280`);
  }
  // The Steckbrief at the laptop size: its table fits.
  await mode(page, 'explore');
  await page.click('svg.map path.unit[data-key="Harburg"]', { force: true });
  await page.waitForSelector('[data-testid=area-profile]');
  assert.deepEqual(await overflowing(page), [], 'Steckbrief at 1280x800');
  await screenshot(page, 'layout-profile-1280');
  await page.click('[data-testid=close-profile]');
  // Beamer-Modus at 1024x768.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.click('[data-testid=projector-toggle]');
  await page.waitForFunction(() => document.body.classList.contains('projector'));
  assert.match(await page.textContent('[data-testid=projector-title] p'), /^Hamburg/);
  assert.equal(await page.isVisible('[data-testid=hover-info]'), false, 'no hint line on the wall');
  for (const m of ['explore', 'classify', 'cluster', 'define', 'compare']) {
    await page.keyboard.press('Escape').catch(() => {});
    await page.evaluate(() => document.body.classList.contains('projector'));
    if (!(await page.evaluate(() => document.body.classList.contains('projector')))) {
      await mode(page, m);
      await page.click('[data-testid=projector-toggle]');
    } else {
      await page.click('[data-testid=projector-toggle]');
      await mode(page, m);
      await page.click('[data-testid=projector-toggle]');
    }
    await page.waitForFunction(() => document.body.classList.contains('projector'));
    await page.waitForTimeout(200);
    assert.deepEqual(await overflowing(page), [], `${m} in Beamer-Modus`);
    await screenshot(page, `layout-${m}-beamer-1024`);
    if (m === 'explore' || m === 'classify') {
      const classes = m === 'explore'
        ? [await page.$$eval('svg.map path.unit', (p) => String(Math.max(...p.map((e) => Number(e.dataset.class)).filter(Number.isFinite))))]
        : ['niedrig', 'sehr niedrig'];
      const named = await labelled(page, classes);
      assert.ok(named.length > 0, `${m}: highlighted areas exist`);
      const missing = named.filter(([, ok]) => !ok).map(([n]) => n);
      assert.deepEqual(missing, [], `${m}: highlighted areas without their name`);
    }
  }
  assert.deepEqual(errors, []);
});
