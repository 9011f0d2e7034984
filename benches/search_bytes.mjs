// Search bandwidth, measured in headless Chromium: bytes on the wire (gzip where the server
// would compress) for a first one-word query and a following query, for ithub's static search
// and for Pagefind over the same built site.
//
// Usage: node benches/search_bytes.mjs SITE_DIR [FIRST_QUERY] [SECOND_QUERY]
// SITE_DIR is an `ithub build` output; run `npx pagefind --site SITE_DIR` first to include
// Pagefind. Playwright comes from tests/browser/node_modules (bash tests/browser/run.sh installs it).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, '..', 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const [site, first = 'diabetes', second = 'prescribing'] = process.argv.slice(2);
if (!site) {
  console.error('usage: node benches/search_bytes.mjs SITE_DIR [FIRST_QUERY] [SECOND_QUERY]');
  process.exit(2);
}

// A static server that gzips text the way common hosts do, and counts bytes sent per path.
const sent = [];
const TEXT = /\.(html|css|js|mjs|json|xml|txt|svg)$/;
const server = createServer(async (req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(site, url);
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    let body = await readFile(file);
    const headers = { 'content-type': TEXT.test(file) ? (file.endsWith('.js') || file.endsWith('.mjs') ? 'text/javascript' : file.endsWith('.html') ? 'text/html' : 'text/plain') : 'application/octet-stream' };
    if (file.endsWith('.wasm')) headers['content-type'] = 'application/wasm';
    if (TEXT.test(file) && /gzip/.test(req.headers['accept-encoding'] || '')) {
      body = gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers);
    res.end(body);
    sent.push({ url, bytes: body.length });
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const sum = (from, match) => sent.slice(from).filter((s) => match(s.url)).reduce((a, s) => a + s.bytes, 0);
const count = (from, match) => sent.slice(from).filter((s) => match(s.url)).length;

async function ithub() {
  const page = await browser.newPage();
  await page.goto(`${base}/search/`);
  await page.waitForLoadState('networkidle');
  const beforeFirst = sent.length;
  // The client's scripts load with the page; count them as part of the first query's cost.
  const scripts = sent.filter((s) => /assets\/search(-stem)?\.[0-9a-f]+\.js$/.test(s.url)).reduce((a, s) => a + s.bytes, 0);
  await page.fill('input[name=q]', first);
  await page.waitForSelector('[data-search-results] li a');
  await page.waitForLoadState('networkidle');
  const firstBytes = scripts + sum(beforeFirst, (u) => u.includes('/search/idx/'));
  const part = (re) => sum(beforeFirst, (u) => u.includes('/search/idx/') && re.test(u));
  console.log(`ithub first query breakdown: scripts ${scripts} B, meta ${part(/meta\.bin$/)} B, term shards ${part(/\/t\d+\.bin$/)} B, document chunks ${part(/\/d\d+\.bin$/)} B, facets ${part(/\/f\.bin$/)} B`);
  const firstFiles = count(beforeFirst, (u) => u.includes('/search/idx/'));
  const beforeSecond = sent.length;
  await page.fill('input[name=q]', second);
  // The count line echoes the query ("N results for “q”"); the old results' snippets may hold
  // the word already, so wait for that line, not for the word anywhere.
  await page.waitForFunction((q) => (document.querySelector('[data-search-results] .search-count') || {}).textContent?.includes(`“${q}”`), second);
  await page.waitForLoadState('networkidle');
  const secondBytes = sum(beforeSecond, (u) => u.includes('/search/idx/'));
  const results = await page.$$eval('[data-search-results] li a', (as) => as.length);
  await page.close();
  return { firstBytes, firstFiles, secondBytes, results };
}

async function pagefind() {
  const page = await browser.newPage();
  await page.goto(`${base}/404.html`);
  const beforeFirst = sent.length;
  const n = await page.evaluate(async ([q]) => {
    const pf = await import('/pagefind/pagefind.js');
    const r = await pf.search(q);
    await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    window.__pf = pf;
    return r.results.length;
  }, [first]);
  const firstBytes = sum(beforeFirst, (u) => u.startsWith('/pagefind/'));
  const firstFiles = count(beforeFirst, (u) => u.startsWith('/pagefind/'));
  const beforeSecond = sent.length;
  await page.evaluate(async ([q]) => {
    const r = await window.__pf.search(q);
    await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  }, [second]);
  const secondBytes = sum(beforeSecond, (u) => u.startsWith('/pagefind/'));
  await page.close();
  return { firstBytes, firstFiles, secondBytes, results: n };
}

const kb = (b) => (b / 1024).toFixed(1) + ' KB';
const a = await ithub();
console.log(`ithub:    first "${first}" ${kb(a.firstBytes)} (${a.firstFiles} index files + client scripts), then "${second}" ${kb(a.secondBytes)}; ${a.results} results shown`);
let havePagefind = true;
try { await stat(path.join(site, 'pagefind', 'pagefind.js')); } catch { havePagefind = false; }
if (havePagefind) {
  const b = await pagefind();
  console.log(`pagefind: first "${first}" ${kb(b.firstBytes)} (${b.firstFiles} files), then "${second}" ${kb(b.secondBytes)}; ${b.results} results`);
  console.log(`ratio ithub/pagefind: first ${(a.firstBytes / b.firstBytes).toFixed(2)}, following ${(a.secondBytes / b.secondBytes).toFixed(2)}`);
} else {
  console.log('pagefind: not measured (run `npx pagefind --site SITE_DIR` first)');
}
await browser.close();
server.close();
