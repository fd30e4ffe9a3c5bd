// The Sozialbericht (issue 20): Berlin's 143 Bezirksregionen with S1, S3, S4 written by
// `sozialatlas report`, opened from file:// in headless Chromium and printed to an A4 PDF: every
// Bezirksregion's page present, nothing wider than the page, no request leaving the file, the
// status classes equal to `sozialatlas classify` at that level; the monitoring variant with the
// change; the app's "Bericht erstellen" on the demo town with the classes of the map and the
// commentary kept as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBrowser, recordedPage, root, berlinDir, outDir } from './harness.mjs';

const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');
const ctx = useBrowser();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-report-'));
fs.mkdirSync(outDir, { recursive: true });

/// Opens a report file as a reader would and checks it in print layout: the requests made, the
/// widest element against the page, the PDF.
async function printed(file, pdfName) {
  const context = await ctx.browser.newContext({ viewport: { width: 703, height: 1000 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${file}`);
  await page.emulateMedia({ media: 'print' });
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5) wide.push(`${e.tagName}.${e.className} ${Math.round(r.right)} > ${width}`);
    }
    return wide;
  });
  const pdf = path.join(outDir, pdfName);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const html = await page.content();
  await context.close();
  return { requests: requests.filter((u) => u !== `file://${file}`), overflow, pdf, html, size: fs.statSync(pdf).size };
}

test('Berlin\'s 143 Bezirksregionen: the report prints with every page, within the page, offline, with classify\'s classes', async () => {
  const plr = path.join(berlinDir, 'lor_planungsraeume_2021_epsg25833.geojson');
  const mss = path.join(berlinDir, 'mss_2021_index_indikatoren_plr.csv');
  const rows = fs.readFileSync(mss, 'utf8').trim().split(/\r?\n/);
  const head = rows[0].split(',');
  const k = head.indexOf('PLR_ID');
  const assign = path.join(tmp, 'bzr.csv');
  fs.writeFileSync(assign, ['key,area', ...rows.slice(1).map((l) => { const id = l.split(',')[k].replace(/"/g, ''); return `${id},${id.slice(0, 6)}`; })].join('\n') + '\n');
  const out = path.join(tmp, 'bericht-berlin.html');
  execFileSync(cli, ['report', '--geo', plr, '--table', mss, '--key', 'PLR_ID', '--indicators', 'S1,S3,S4', '--pop-col', 'EW', '--missing-code', '-9999', '--level', assign, '--out', out, '--date', '30.11.2026'], { stdio: 'ignore' });
  const classes = execFileSync(cli, ['classify', '--table', mss, '--key', 'PLR_ID', '--indicators', 'S1,S3,S4', '--method', 'mss', '--min-pop', '300', '--pop-col', 'EW', '--missing-code', '-9999', '--level', assign], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const want = Object.fromEntries(classes.trim().split(/\r?\n/).slice(1).map((l) => { const c = l.split(','); return [c[0], c[c.length - 1]]; }));
  assert.equal(Object.keys(want).length, 143);
  const { requests, overflow, html, pdf, size } = await printed(out, 'bericht-berlin.pdf');
  assert.deepEqual(requests, []);
  assert.deepEqual(overflow, []);
  assert.ok(size > 100000, `${pdf}: ${size} bytes`);
  const areas = [...html.matchAll(/data-testid="report-area" data-key="([^"]+)" data-class="([^"]+)"/g)];
  assert.equal(areas.length, 143);
  for (const [, key, cls] of areas) assert.equal(cls, want[key], key);
  // The status list of the report: the same classes, row by row.
  const status = html.slice(html.indexOf('data-testid="report-status"'));
  const listed = [...status.slice(0, status.indexOf('</section>')).matchAll(/<tr data-key="([^"]+)" data-class="([^"]+)"/g)];
  assert.equal(listed.length, 143);
  for (const [, key, cls] of listed) assert.equal(cls, want[key], key);
  assert.equal((html.match(/class="page indicator"/g) ?? []).length, 3);
  assert.ok(!/<(script|link|img)\b/.test(html), 'no scripts, links or images to load');
});

test('the monitoring variant shows the change since the previous year', () => {
  const dir = path.join(tmp, 'demo');
  execFileSync(cli, ['demo', '--out', dir], { stdio: 'ignore' });
  const out = path.join(tmp, 'monitoring.html');
  execFileSync(cli, ['report', '--geo', path.join(dir, 'musterstadt.geojson'), '--table', path.join(dir, 'musterstadt.csv'), '--key', 'schluessel', '--monitoring', '--out', out], { stdio: 'ignore' });
  const html = fs.readFileSync(out, 'utf8');
  const pages = html.match(/class="page monitoring"/g) ?? [];
  assert.ok(pages.length >= 3, `${pages.length} monitoring pages`);
  // The demo's counts (kinds guessed from the CSV) change in percent.
  assert.match(html, /<th class="num">2023<\/th><th class="num">2024<\/th><th class="num">Veränderung \(%\)<\/th>/);
  assert.ok(!html.includes('data-testid="report-area"'), 'no area pages in the monitoring variant');
  // Every change row: the change in percent of the earlier value (as printed), or withheld.
  const num = (s) => Number(s.replace(/\./g, '').replace(',', '.').replace('−', '-'));
  const rows = [...html.matchAll(/<tr data-key="[^"]+" data-class="[^"]+"><td>[^<]*<\/td><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td>/g)];
  assert.ok(rows.length > 50);
  for (const [, before, now, change] of rows) {
    if (before === 'geheim' || before === '–' || now === '–') continue;
    if (num(before) === 0) continue;
    assert.ok(Math.abs((num(now) / num(before) - 1) * 100 - num(change)) < 0.06, `${before} ${now} ${change}`);
  }
});

test('the app makes the report of what it shows: the classes of the map, the commentary as text', async () => {
  const { page, errors } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 58, null, { timeout: 30000 });
  await page.click('[data-testid=mode-classify]');
  await page.waitForFunction(() => document.querySelector('svg.map path.unit')?.getAttribute('data-class') !== null);
  const onMap = await page.$$eval('svg.map path.unit', (p) => Object.fromEntries(p.map((e) => [e.dataset.key, e.dataset.class])));
  await page.click('[data-testid=report-panel] summary');
  await page.fill('[data-testid=report-title]', 'Sozialbericht Musterstadt 2024');
  await page.press('[data-testid=report-title]', 'Tab');
  await page.fill('[data-testid=report-comment][data-id=status]', 'Der Norden <b>bleibt</b> benachteiligt.');
  await page.press('[data-testid=report-comment][data-id=status]', 'Tab');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-report]')]);
  const file = path.join(outDir, 'bericht-musterstadt.html');
  await dl.saveAs(file);
  const html = fs.readFileSync(file, 'utf8');
  assert.match(html, /<h1>Sozialbericht Musterstadt 2024<\/h1>/);
  assert.ok(html.includes('Der Norden &lt;b&gt;bleibt&lt;/b&gt; benachteiligt.'), 'commentary escaped');
  const areas = [...html.matchAll(/data-testid="report-area" data-key="([^"]+)" data-class="([^"]+)"/g)];
  assert.equal(areas.length, 58);
  for (const [, key, cls] of areas) assert.equal(cls, onMap[key], key);
  assert.match(html, /Kitas \(\d+\): Kita /, 'facilities on the area pages');
  const { requests, overflow } = await printed(file, 'bericht-musterstadt.pdf');
  assert.deepEqual(requests, []);
  assert.deepEqual(overflow, []);
  // The texts are kept in the project (autosave): after a reload the title is there.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 58, null, { timeout: 30000 });
  await page.click('[data-testid=report-panel] summary');
  assert.equal(await page.inputValue('[data-testid=report-title]'), 'Sozialbericht Musterstadt 2024');
  assert.deepEqual(errors, []);
});
