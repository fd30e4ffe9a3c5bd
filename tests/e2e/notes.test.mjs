// Workshop notes (issue 20): a note pinned to an area and one to a point clicked on the map,
// shown as pins, listed and filtered, exported as CSV; markup in them stays text; they survive
// the link, the project file, a reload (autosave) and the offline file, and appear in the report
// under their area.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, recordedPage, screenshot, outDir } from './harness.mjs';

const ctx = useBrowser();
const markup = '<img src=x onerror="window.__xss=1">Spielplatz fehlt';

async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name ?? dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

const notes = (page) => page.$$eval('[data-testid=note]', (l) => l.map((e) => e.textContent));
const ready = (page) => page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 58, null, { timeout: 30000 });

test('notes: pinned, listed, filtered, exported, kept as text through link, project file, reload and offline file', async () => {
  const { page, errors, context } = await recordedPage(ctx.browser);
  await page.goto(ctx.server.url);
  await ready(page);
  await page.click('[data-testid=notes-panel] summary');
  // A note at an area: its Steckbrief open first.
  await page.click('svg.map path.unit[data-key="0101"]', { force: true });
  await page.waitForSelector('[data-testid=area-profile]');
  await page.fill('[data-testid=note-title]', markup);
  await page.fill('[data-testid=note-text]', 'Kinder spielen auf der Straße.\n<script>window.__xss=2</script>');
  await page.selectOption('[data-testid=note-category]', 'Bedarf');
  await page.fill('[data-testid=note-initials]', 'AB');
  await page.click('[data-testid=note-add]');
  await page.click('[data-testid=close-profile]');
  // A note at a point: the next click on the map places it.
  await page.fill('[data-testid=note-title]', 'Idee: Quartierstreff');
  await page.selectOption('[data-testid=note-category]', 'Idee');
  await page.selectOption('[data-testid=note-anchor]', 'point');
  await page.click('[data-testid=note-add]');
  assert.match(await page.textContent('[data-testid=note-message]'), /Klicken Sie in die Karte/);
  const box = await page.locator('svg.map').boundingBox();
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.55);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=note-marker]').length === 2);
  assert.equal(await page.locator('[data-testid=area-profile]').count(), 0, 'the pin click opened no Steckbrief');
  const listed = await notes(page);
  assert.equal(listed.length, 2);
  assert.ok(listed[0].includes(markup), 'markup shown as typed');
  assert.ok(listed[0].includes('Gebiet 0101'));
  assert.ok(listed[1].includes('Punkt auf der Karte'));
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-testid=notes-panel] img, [data-testid=notes-panel] script, svg.map img').length), 0);
  assert.ok(await page.evaluate(() => window.__xss === undefined));
  // Filter by category.
  await page.selectOption('[data-testid=notes-filter]', 'Bedarf');
  assert.equal((await notes(page)).length, 1);
  await page.selectOption('[data-testid=notes-filter]', '');
  // CSV export.
  const csv = fs.readFileSync(await download(page, 'export-notes', 'notizen.csv'), 'utf8');
  assert.ok(csv.includes('Spielplatz fehlt') && csv.includes('Idee: Quartierstreff') && csv.includes('Gebiet 0101'), csv);
  await screenshot(page, 'notes-demo');
  // The report lists the note under its area.
  await page.click('[data-testid=report-panel] summary');
  const report = fs.readFileSync(await download(page, 'export-report', 'notizen-bericht.html'), 'utf8');
  const area = report.slice(report.indexOf('data-testid="report-area" data-key="0101"'));
  const section = area.slice(0, area.indexOf('</section>'));
  assert.ok(section.includes('&lt;img src=x onerror=') && section.includes('&gt;Spielplatz fehlt'), section.slice(-600));
  assert.ok(!report.includes('<img'), 'no markup from a note in the report');
  // Link, project file, offline file.
  await page.click('[data-testid=share-link]');
  const link = await page.inputValue('[data-testid=share-url]');
  const project = await download(page, 'export-project', 'notizen.sozialatlas.json');
  const offline = await download(page, 'export-offline', 'notizen-offline.html');
  // Reload: the autosave.
  await page.reload();
  await ready(page);
  await page.click('[data-testid=notes-panel] summary');
  assert.equal((await notes(page)).length, 2);
  assert.deepEqual(errors, []);
  await context.close();
  for (const [what, open] of [
    ['link', async (p) => p.goto(link)],
    ['project file', async (p) => { await p.goto(ctx.server.url); await ready(p); await p.setInputFiles('[data-testid=file-input]', project); }],
    ['offline file', async (p) => p.goto(`file://${offline}`)],
  ]) {
    const q = await recordedPage(ctx.browser);
    await open(q.page);
    await ready(q.page);
    await q.page.waitForFunction(() => document.querySelectorAll('[data-testid=note-marker]').length === 2, null, { timeout: 30000 });
    await q.page.click('[data-testid=notes-panel] summary');
    const got = await notes(q.page);
    assert.ok(got[0].includes(markup), `${what}: ${got[0]}`);
    assert.ok(await q.page.evaluate(() => window.__xss === undefined), what);
    assert.deepEqual(q.errors, [], what);
    await q.context.close();
  }
});
