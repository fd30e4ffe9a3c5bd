// Shared harness for the end-to-end tests: serves dist/ on 127.0.0.1, launches Debian's
// Chromium through playwright-core, records console errors and every request.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const dist = path.join(root, 'dist');
export const outDir = path.join(here, 'output');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `dir` (and extra files mapped by URL path) on 127.0.0.1 at a free port. */
export async function serve(dir = dist, extra = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = extra[url.pathname] ?? path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) && !extra[url.pathname]) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      // With its length, as static file servers send it (the page reads it from the head).
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
      });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Launches headless Chromium from Debian with flags that keep it off the network. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page that records console errors, page errors and all requested URLs. */
export async function recordedPage(browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => requests.push(req.url()));
  return { context, page, errors, requests };
}

/** URLs that left 127.0.0.1 (data: and blob: stay in the page). */
export function foreignRequests(requests) {
  return requests.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
}

export async function screenshot(page, name) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** The shared real data beside the repository, and Berlin's map and MSS table as served URLs. */
export const sharedData = path.resolve(root, '..', 'shared', 'data');
export const berlinDir = path.join(sharedData, 'berlin-lor2021-mss2021');
export const berlinUrls = {
  '/data/plr.geojson': path.join(berlinDir, 'lor_planungsraeume_2021_epsg25833.geojson'),
  '/data/mss.csv': path.join(berlinDir, 'mss_2021_index_indikatoren_plr.csv'),
};

/**
 * Registers before/after hooks that serve dist/ (plus `extra` URL -> file mappings) and launch
 * Chromium; returns an object whose `server` and `browser` are set once the hooks ran.
 */
export function useBrowser(extra = {}) {
  const ctx = {};
  before(async () => {
    for (const file of Object.values(extra)) {
      if (!fs.existsSync(file)) throw new Error(`test data missing: ${file}`);
    }
    ctx.server = await serve(dist, extra);
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
