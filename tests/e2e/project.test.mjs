// The planner's project travels everywhere: the indicator setup (label, direction, population
// column) and the classes reach a fresh browser by link, project file, offline file and
// autosave; links and project files of format 1 still open with the same classes; the command
// line classifies a project file the app saved exactly as the app shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBrowser, recordedPage, screenshot, berlinUrls, foreignRequests, outDir, root } from './harness.mjs';

const ctx = useBrowser(berlinUrls);
const format1 = path.join(root, 'crates', 'core', 'tests', 'fixtures', 'format1');
const expected = JSON.parse(fs.readFileSync(path.join(format1, 'expected.json'), 'utf8'));
const cli = process.env.SOZIALATLAS_CLI ?? path.join(root, 'target', 'debug', 'sozialatlas');

const classes = (page, sel = 'svg.map path.unit[data-key]') =>
  page.$$eval(sel, (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.dataset.class])));

async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name ?? dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

const berlinAddress = () => `${ctx.server.url}?geo=data/plr.geojson&table=data/mss.csv&key=PLR_ID`;
const all542 = (page) => page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 542, null, { timeout: 60000 });

/** The label of indicator S1 in the index indicators of Einordnen. */
const s1Label = (page) => page.$eval('[data-testid=classify-indicator][value=S1]', (e) => e.parentElement.textContent.trim());

test('Berlin: the indicator setup and the classes travel by link, project file, offline file and autosave', async () => {
  const { page, context, errors, requests } = await recordedPage(ctx.browser);
  await page.goto(berlinAddress());
  await all542(page);
  // S1 relabelled and its direction turned round (high = advantage), population column EW.
  await page.click('[data-testid=indicator-setup] summary');
  const s1 = await page.$eval('[data-testid=indicator-picker]', (s) => [...s.options].find((o) => o.textContent === 'S1').value);
  await page.selectOption('[data-testid=indicator-picker]', s1);
  await page.fill('[data-testid=ind-label]', 'Arbeitslosigkeit S1 (umgedreht)');
  await page.press('[data-testid=ind-label]', 'Enter');
  await page.selectOption('[data-testid=ind-direction]', 'good');
  await page.selectOption('[data-testid=population-column]', 'EW');
  await page.click('[data-testid=mode-classify]');
  for (const id of ['S1', 'S3', 'S4']) await page.check(`[data-testid=classify-indicator][value=${id}]`);
  await page.waitForTimeout(300);
  const shown = await classes(page);
  // The direction counts: with S1 turned round the classes differ from the official ones.
  const official = expected.berlin.classify;
  const differ = Object.keys(official).filter((k) => official[k] !== shown[k]).length;
  assert.ok(differ > 50, `${differ} Planungsräume change class when S1 is turned round`);
  assert.equal(await s1Label(page), 'Arbeitslosigkeit S1 (umgedreht)');
  await page.click('[data-testid=share-link]');
  const link = await page.inputValue('[data-testid=share-url]');
  const project = await download(page, 'export-project', 'berlin-setup.sozialatlas.json');
  const offline = await download(page, 'export-offline', 'berlin-setup-offline.html');
  // Reload: the autosave brings back the same project.
  await page.reload();
  await all542(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=mode-classify]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(page), shown, 'after a reload (autosave)');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
  await context.close();

  // The link in a fresh browser.
  const a = await recordedPage(ctx.browser);
  await a.page.goto(link);
  await all542(a.page);
  await a.page.waitForFunction(() => document.querySelector('[data-testid=mode-classify]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(a.page), shown, 'by link');
  assert.equal(await s1Label(a.page), 'Arbeitslosigkeit S1 (umgedreht)');
  assert.deepEqual(a.errors, []);
  await a.context.close();

  // The project file in a fresh browser.
  const b = await recordedPage(ctx.browser);
  await b.page.goto(ctx.server.url);
  await b.page.waitForSelector('svg.map path[data-key]');
  await b.page.setInputFiles('[data-testid=file-input]', project);
  await all542(b.page);
  await b.page.waitForFunction(() => document.querySelector('[data-testid=mode-classify]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(b.page), shown, 'by project file');
  assert.equal(await s1Label(b.page), 'Arbeitslosigkeit S1 (umgedreht)');
  assert.deepEqual(b.errors, []);
  await b.context.close();

  // The offline file from file:// with the network off.
  const c = await recordedPage(ctx.browser);
  await c.context.setOffline(true);
  await c.page.goto(`file://${offline}`);
  await all542(c.page);
  await c.page.waitForFunction(() => document.querySelector('[data-testid=mode-classify]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(c.page), shown, 'by offline file');
  assert.equal(await s1Label(c.page), 'Arbeitslosigkeit S1 (umgedreht)');
  assert.deepEqual(c.errors, []);
  await c.context.close();

  // The command line on the project file the app saved: the same class for every area.
  const out = execFileSync(cli, ['classify', '--project', project], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const lines = out.trim().split(/\r?\n/);
  assert.equal(lines[0], 'key,z_S1,z_S3,z_S4,sum,index,class');
  const cliClasses = Object.fromEntries(lines.slice(1).map((l) => { const f = l.split(','); return [f[0], f.at(-1)]; }));
  assert.deepEqual(cliClasses, shown, 'sozialatlas classify --project');
});

test('drawn Sozialräume: the table classes equal the official recomputation and the command line', async () => {
  const { page, context, errors } = await recordedPage(ctx.browser);
  await page.goto(berlinAddress());
  await all542(page);
  await page.click('[data-testid=mode-classify]');
  for (const id of ['S1', 'S3', 'S4']) await page.check(`[data-testid=classify-indicator][value=${id}]`);
  const plr = await page.$$eval('svg.map [data-key]', (e) => e.map((x) => x.dataset.key));
  await page.click('[data-testid=mode-define]');
  await page.click('[data-testid=new-def-create]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sozialraum-table] tbody tr').length === 143, null, { timeout: 30000 });
  const table = await classes(page, '[data-testid=sozialraum-table] tbody tr[data-key]');
  const bzr = JSON.parse(fs.readFileSync(path.join(root, 'crates', 'core', 'tests', 'fixtures', 'levels', 'berlin_bzr.json'), 'utf8'));
  for (const r of bzr.rows) assert.equal(table[r.key], r.class, r.key);
  assert.equal(table['081005'], 'sehr niedrig');
  await screenshot(page, 'project-berlin-bzr-table');
  const project = await download(page, 'export-project', 'berlin-bzr.sozialatlas.json');
  const name = await page.inputValue('[data-testid=definition-name]');
  const out = execFileSync(cli, ['classify', '--project', project, '--level', name], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const cliClasses = Object.fromEntries(out.trim().split(/\r?\n/).slice(1).map((l) => { const f = l.split(','); return [f[0], f.at(-1)]; }));
  assert.deepEqual(cliClasses, table, 'sozialatlas classify --project --level');
  // Einordnen at the level of the definition: the map shows the 143 Bezirksregionen, keyed by
  // name, each in the class of the table, the recomputation and the command line.
  await page.click('[data-testid=mode-classify]');
  await page.selectOption('[data-testid=level-select]', name);
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 143, null, { timeout: 30000 });
  assert.deepEqual(await classes(page), table, 'the map at the level');
  await screenshot(page, 'project-berlin-bzr-level');
  // Erkunden at that level: 143 areas in classes; back to the base units: 542.
  await page.click('[data-testid=mode-explore]');
  await page.waitForFunction(() => [...document.querySelectorAll('svg.map [data-key]')].every((e) => /^(\d|na)$/.test(e.dataset.class)));
  assert.equal(await page.$$eval('svg.map [data-key]', (e) => e.length), 143);
  // The legend says how the Sozialräume's figures were made.
  assert.match(await page.textContent('[data-testid=level-aggregation]'), /^Werte der Sozialräume: /);
  // The Steckbrief of a Bezirksregion lists its Planungsräume; its figures are kept to compare
  // with the coarser level below.
  const members = plr.filter((k) => k.startsWith('081005'));
  await page.click('svg.map path[data-key="081005"]');
  await page.waitForSelector('[data-testid=profile-units]');
  const listed = await page.textContent('[data-testid=profile-units]');
  assert.ok(listed.startsWith(`${members.length} – `), listed);
  const num = (s) => Number(s.replace(/\./g, '').replace(',', '.').replace('−', '-'));
  const bzrValues = await page.$$eval('[data-testid=profile-table] tbody tr td:nth-child(2)', (t) => t.map((e) => e.textContent));
  await page.click('[data-testid=close-profile]');
  // The level travels with the project: after a reload the map is still at the level.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('svg.map [data-key]').length === 143, null, { timeout: 30000 });
  assert.equal(await page.inputValue('[data-testid=level-select]'), name);
  await page.selectOption('[data-testid=level-select]', 'units');
  await all542(page);
  // The definition as comparison level: its outlines over the map, and a Planungsraum's
  // Steckbrief beside the city average shows its Bezirksregion's figures.
  await page.selectOption('[data-testid=coarser-select]', name);
  await page.waitForSelector('[data-testid=coarser-outline]');
  await page.click(`svg.map path[data-key="${members[0]}"]`);
  await page.waitForSelector('[data-testid=profile-coarser-name]');
  assert.equal(await page.textContent('[data-testid=profile-coarser-name]'), 'Ø 081005');
  const coarser = await page.$$eval('[data-testid=profile-coarser]', (t) => t.map((e) => e.textContent));
  assert.equal(coarser.length, bzrValues.length);
  coarser.forEach((c, i) => {
    if (bzrValues[i] === '–') assert.equal(c, '–');
    else assert.ok(Math.abs(num(c) - num(bzrValues[i])) <= 0.051 * Math.max(1, Math.abs(num(bzrValues[i])) > 100 ? 10 : 1), `${i}: ${c} / ${bzrValues[i]}`);
  });
  await screenshot(page, 'project-berlin-coarser-profile');
  // Nothing is cut off at the profile's edge.
  assert.ok(await page.$eval('[data-testid=area-profile]', (e) => e.scrollWidth <= e.clientWidth + 1), 'the profile table fits');
  await page.click('[data-testid=close-profile]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('format 1: the links and the project file made before the project model open with the same classes', async () => {
  // The demo town's link (classes in Einordnen, the drawn definition in Sozialräume).
  const demoLink = fs.readFileSync(path.join(format1, 'demo-link.txt'), 'utf8').trim();
  const a = await recordedPage(ctx.browser);
  await a.page.goto(`${ctx.server.url}${demoLink}`);
  await a.page.waitForFunction(() => document.querySelector('[data-testid=mode-classify]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(a.page), expected.demo.classify);
  await a.page.click('[data-testid=mode-define]');
  assert.deepEqual(await classes(a.page), expected.demo.define);
  assert.deepEqual(a.errors, []);
  await a.context.close();
  // Berlin by address with a format-1 state.
  const berlinLink = fs.readFileSync(path.join(format1, 'berlin-link.txt'), 'utf8').trim();
  const b = await recordedPage(ctx.browser);
  await b.page.goto(`${ctx.server.url}${berlinLink}`);
  await all542(b.page);
  await b.page.waitForFunction(() => document.querySelector('[data-testid=mode-classify]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(await classes(b.page), expected.berlin.classify);
  await b.page.click('[data-testid=mode-define]');
  assert.deepEqual(await classes(b.page), expected.berlin.define);
  assert.deepEqual(b.errors, []);
  await b.context.close();
  // The project files (the key chosen by format 1 itself, and typed in).
  for (const [file, which] of [['demo-files.sozialatlas.json', 'files'], ['demo-files-key.sozialatlas.json', 'files_key']]) {
    const c = await recordedPage(ctx.browser);
    await c.page.goto(ctx.server.url);
    await c.page.waitForSelector('svg.map path[data-key]');
    await c.page.setInputFiles('[data-testid=file-input]', path.join(format1, file));
    await c.page.waitForFunction(() => document.querySelector('[data-testid=mode-cluster]')?.getAttribute('aria-pressed') === 'true');
    await c.page.waitForFunction(() => document.querySelectorAll('svg.map path.unit[data-key]').length === 58);
    assert.deepEqual(await classes(c.page), expected[which].cluster, file);
    await c.page.click('[data-testid=mode-define]');
    assert.deepEqual(await classes(c.page), expected[which].define, file);
    assert.deepEqual(c.errors, []);
    await c.context.close();
  }
});
