// The cluster view: Ward typology on the map, ordered clusters, profiles, k diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, root, berlinDir as berlin, berlinUrls } from './harness.mjs';

const ctx = useBrowser(berlinUrls);

test('demo town: five ordered clusters with profiles and the measures for k', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForSelector('svg.map path[data-key]');
  await page.click('[data-testid=mode-cluster]');
  await page.waitForSelector('[data-testid=cluster-profiles]');
  const classes = await page.$$eval('svg.map [data-key]', (els) => els.map((e) => e.dataset.class));
  assert.deepEqual([...new Set(classes)].sort(), ['1', '2', '3', '4', '5']);
  assert.equal(await page.$$eval('[data-testid=cluster-legend-row]', (r) => r.length), 5);
  assert.equal(await page.$$eval('[data-testid=cluster-diagnostics] tbody tr', (r) => r.length), 7, 'k = 2..8');
  const last = await page.$$eval('[data-testid=cluster-legend-row] .cluster-label', (l) => l.map((e) => e.textContent));
  assert.match(last[4], /überdurchschnittlich belastet/);
  await page.selectOption('[data-testid=cluster-k]', '3');
  await page.waitForFunction(() => new Set([...document.querySelectorAll('svg.map [data-key]')].map((e) => e.dataset.class)).size === 3);
  await page.selectOption('[data-testid=cluster-k]', '5');
  await screenshot(page, 'demo-cluster');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Berlin: the 5-cluster Ward typology equals scipy on S1, S3, S4, D1, D3, D4', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(`${ctx.server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 30000 });
  await page.click('[data-testid=mode-cluster]');
  for (const id of ['S1', 'S3', 'S4', 'D1', 'D3', 'D4']) await page.check(`[data-testid=cluster-indicator][value=${id}]`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=cluster-legend-row]').length === 5);
  const ours = Object.fromEntries(await page.$$eval('svg.map [data-key]', (els) => els.map((e) => [e.dataset.key, e.dataset.class])));
  // scipy.cluster.hierarchy fcluster(maxclust=5) on the 536 valid areas in file order.
  const fixture = JSON.parse(fs.readFileSync(path.join(root, 'crates/core/tests/fixtures/cluster/cluster.json'), 'utf8'));
  const lines = fs.readFileSync(path.join(berlin, 'mss_2021_index_indikatoren_plr.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const [ki, kom] = [header.indexOf('PLR_ID'), header.indexOf('KOM')];
  const valid = lines.slice(1).map((l) => l.split(',')).filter((f) => f[kom].trim() === 'gültig').map((f) => f[ki].replaceAll('"', ''));
  const theirs = fixture.berlin.fcluster['5'];
  assert.equal(valid.length, theirs.length);
  const pairs = new Map();
  valid.forEach((key, i) => {
    const o = ours[key];
    assert.ok(/^[1-5]$/.test(o), `${key}: ${o}`);
    if (!pairs.has(o)) pairs.set(o, theirs[i]);
    assert.equal(pairs.get(o), theirs[i], `${key}: cluster ${o} mixes scipy clusters`);
  });
  assert.equal(new Set(pairs.values()).size, 5, 'one scipy cluster per cluster of ours');
  assert.equal(Object.values(ours).filter((c) => c === 'ohne Zuordnung').length, 6);
  await screenshot(page, 'berlin-cluster');
  assert.deepEqual(errors, []);
  await context.close();
});
