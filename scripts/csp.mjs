// Trunk post-build hook: writes a Content-Security-Policy into index.html, with the SHA-256
// hash of Trunk's inline loader script (it changes with every build, so it is computed here).
// The policy allows only this site's own files, wasm, and fetching the data addresses the user
// chose (any http/https origin: towns host their files anywhere); no other scripts, no frames,
// no form posts.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const inline = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((s) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' http: https: ws: data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?\s*/, '');
html = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}`);
fs.writeFileSync(file, html);
console.log(`csp.mjs: ${inline.length} inline script(s) hashed into the Content-Security-Policy`);
