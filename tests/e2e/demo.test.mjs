// The app opens on the demo town: a choropleth with a legend and an indicator picker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, recordedPage, foreignRequests, screenshot, root } from './harness.mjs';

let server, browser, demoKeys;

before(async () => {
  // The expected units come from the CLI's export of the same demo town, not from the page.
  const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sozialatlas-demo-'));
  execFileSync(cli, ['demo', '--out', tmp]);
  const geo = JSON.parse(fs.readFileSync(path.join(tmp, 'musterstadt.geojson'), 'utf8'));
  demoKeys = geo.features.map((f) => f.properties.schluessel).sort();
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('demo town map renders with legend, German UI, no errors, no foreign requests', async () => {
  const { page, errors, requests, context } = await recordedPage(browser);
  await page.goto(server.url);
  await page.waitForSelector('svg.map path[data-key]');

  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  const keys = (await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.dataset.key))).sort();
  assert.deepEqual(keys, demoKeys, 'one map element per demo unit, keyed by the unit key');

  const classes = await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.dataset.class));
  assert.ok(classes.every((c) => /^[0-4]$/.test(c)), `classes 0..4: ${[...new Set(classes)]}`);
  assert.equal(new Set(classes).size, 5, 'all five quantile classes are used');

  // Legend: five rows whose counts add up to the number of units; German number format.
  const rows = await page.$$eval('[data-testid=legend-row]', (els) => els.map((e) => e.textContent));
  assert.equal(rows.length, 5);
  const counts = await page.$$eval('[data-testid=legend-row] .count', (els) => els.map((e) => e.textContent));
  const counted = counts.map((c) => Number(c.match(/^(\d+) Gebiete$/)[1])).reduce((a, b) => a + b, 0);
  assert.equal(counted, demoKeys.length);
  // Which end belongs to a class is said: the first holds both, the others their upper end.
  assert.match(rows[0], /^\d+,\d bis \d+,\d/, `German decimals in "${rows[0]}"`);
  assert.match(rows[1], /^über \d+,\d bis \d+,\d/, rows[1]);
  const avg = await page.textContent('[data-testid=city-average]');
  assert.match(avg, /Städtischer Durchschnitt: \d+,\d %/);
  assert.match(await page.textContent('[data-testid=legend] h2'), /SGB-II-Quote/);

  await screenshot(page, 'demo-sgb2');

  // Choosing another indicator recolours the map and retitles the legend.
  const fillsBefore = await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.getAttribute('fill')));
  await page.selectOption('[data-testid=indicator-picker]', { label: 'Einwohner mit Migrationshintergrund' });
  await page.waitForFunction(() => document.querySelector('[data-testid=legend] h2').textContent.includes('Migration'));
  const fillsAfter = await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.getAttribute('fill')));
  assert.notDeepEqual(fillsAfter, fillsBefore);
  await screenshot(page, 'demo-migration');

  // The other year changes values.
  const avg2024 = await page.textContent('[data-testid=city-average]');
  await page.selectOption('[data-testid=year-picker]', '2023');
  await page.waitForFunction((a) => document.querySelector('[data-testid=city-average]').textContent !== a, avg2024);

  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(foreignRequests(requests), [], 'no request leaves 127.0.0.1');
  await context.close();
});
