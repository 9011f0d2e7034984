// Search bandwidth, measured in headless Chromium: bytes on the wire (gzip where the server
// would compress) for a first query (scripts included) and a following query, for ithub's
// static search and for Pagefind over the same built site, over a query set of every class:
// selective and common words, two words, phrases, prefixes and typos. Each query is measured
// first on a fresh page and then as a following query after one of another class; the report
// gives the median and p90 per class and over all.
//
// Usage: node benches/search_bytes.mjs SITE_DIR [FIRST_QUERY SECOND_QUERY]
// With two queries, only that pair is measured (the old form).
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

const [site, firstArg, secondArg] = process.argv.slice(2);
if (!site) {
  console.error('usage: node benches/search_bytes.mjs SITE_DIR [FIRST_QUERY SECOND_QUERY]');
  process.exit(2);
}
// Words of benches/corpus.py's generated hub (board names are its most selective words).
const QUERIES = {
  selective: ['shetland', 'orkney', 'borders', 'tayside'],
  common: ['diabetes', 'prescribing', 'frailty', 'audit'],
  'two words': ['frailty audit', 'diabetes prescribing', 'care homes', 'shetland pharmacist'],
  phrase: ['"care homes"', '"protected learning time"', '"quality improvement"', '"care homes" frailty'],
  prefix: ['presc', 'diab', 'frai', 'pharm'],
  typo: ['diabtes', 'prescrbing', 'frialty', 'pharmacst'],
};
const set = firstArg && secondArg
  ? [['given', firstArg, secondArg]]
  : Object.entries(QUERIES).flatMap(([cls, qs], c, all) => qs.map((q, i) => {
    // The query it follows comes from the next class, so no shard or chunk is shared on purpose.
    const [, other] = all[(c + 1) % all.length];
    return [cls, q, other[i % other.length]];
  }));

// A static server that gzips text the way common hosts do, and counts bytes sent per path.
const sent = [];
const TEXT = /\.(html|css|js|mjs|json|xml|txt|svg)$/;
const server = createServer(async (req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(site, url);
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    let body = await readFile(file);
    // One byte range, as static hosts answer it (the client fetches a phrase's positions so).
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
    if (range && +range[1] < body.length) {
      const part = body.subarray(+range[1], Math.min(+range[2] + 1, body.length));
      res.writeHead(206, { 'content-type': 'application/octet-stream', 'content-range': `bytes ${range[1]}-${+range[1] + part.length - 1}/${body.length}` });
      res.end(part);
      sent.push({ url, bytes: part.length });
      return;
    }
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

async function ithub(first, second) {
  // A new context each time: nothing cached from the query before.
  const context = await browser.newContext();
  const page = await context.newPage();
  const loaded = sent.length;
  await page.goto(`${base}/search/`);
  await page.waitForLoadState('networkidle');
  const beforeFirst = sent.length;
  // The client's scripts: what loads with the page counts as part of the first query's cost,
  // and the scripts the client fetches on demand (the stemmer and corrector for a word the hub
  // does not hold, the phrase matcher for a phrase), as part of the query that fetched them.
  const isScript = (u) => /assets\/search(-stem|-fuzzy|-phrase)?\.[0-9a-f]+\.js$/.test(u);
  const queryBytes = (from) => sum(from, (u) => u.includes('/search/idx/') || isScript(u));
  const scripts = sum(loaded, isScript);
  const search = async (q) => {
    await page.fill('input[name=q]', q);
    await page.press('input[name=q]', 'Enter');
    await page.waitForFunction((q) => document.querySelector('[data-search-results]').dataset.query === q, q);
    await page.waitForLoadState('networkidle');
  };
  await search(first);
  const firstBytes = scripts + queryBytes(beforeFirst);
  const part = (re) => sum(beforeFirst, (u) => u.includes('/search/idx/') && re.test(u));
  const breakdown = { scripts: scripts + sum(beforeFirst, isScript), meta: part(/meta\.bin$/), dirs: part(/\/d[0-9a-z_]\.bin$/), terms: part(/\/t\d+\.bin$/), norms: part(/\/n[tsb]\d+\.bin$/), rows: part(/\/r\d+\.bin$/), positions: part(/\/p\d+\.bin$/), words: part(/\/w\d+\.bin$/), masks: part(/\/m\d+\.bin$/), sections: part(/\/s\d+\.bin$/) };
  const firstFiles = count(beforeFirst, (u) => u.includes('/search/idx/'));
  const beforeSecond = sent.length;
  // The following query: wait until the results are the new query's (search.js marks them).
  await page.fill('input[name=q]', second);
  await page.press('input[name=q]', 'Enter');
  await page.waitForFunction((q) => document.querySelector('[data-search-results]').dataset.query === q, second);
  await page.waitForLoadState('networkidle');
  const secondBytes = queryBytes(beforeSecond);
  const results = await page.$$eval('[data-search-results] li a', (as) => as.length);
  await context.close();
  return { firstBytes, firstFiles, secondBytes, results, breakdown };
}

async function pagefind(first, second) {
  const context = await browser.newContext();
  const page = await context.newPage();
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
  await context.close();
  return { firstBytes, firstFiles, secondBytes, results: n };
}

const kb = (b) => (b / 1024).toFixed(2) + ' KB';
// Linear interpolation between the closest ranks: the median of an even count is the mean of
// the two middle values. (Until 2026-12-07 this took the lower of the two, the nearest rank,
// which put the following queries' median at 7.97 KB where the middle two average 10.0 KB.)
const quantile = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  if (!v.length) return NaN;
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (h - lo);
};
let havePagefind = true;
try { await stat(path.join(site, 'pagefind', 'pagefind.js')); } catch { havePagefind = false; }
const rows = [];
for (const [cls, first, second] of set) {
  const a = await ithub(first, second);
  const b = havePagefind ? await pagefind(first, second) : null;
  rows.push({ cls, first, second, a, b });
  const bd = Object.entries(a.breakdown).filter(([, v]) => v).map(([k, v]) => `${k} ${kb(v)}`).join(', ');
  console.log(`${cls.padEnd(10)} ${JSON.stringify(first).padEnd(28)} ithub first ${kb(a.firstBytes)} in ${a.firstFiles} requests (${bd}), then ${JSON.stringify(second)} ${kb(a.secondBytes)}` +
    (b ? `; pagefind first ${kb(b.firstBytes)}, then ${kb(b.secondBytes)}` : ''));
}
const report = (label, rs) => {
  const line = (who, pick) => `${who} first median ${kb(quantile(rs.map((r) => pick(r).firstBytes), 0.5))} p90 ${kb(quantile(rs.map((r) => pick(r).firstBytes), 0.9))}, following median ${kb(quantile(rs.map((r) => pick(r).secondBytes), 0.5))} p90 ${kb(quantile(rs.map((r) => pick(r).secondBytes), 0.9))}`;
  console.log(`${label.padEnd(10)} ${line('ithub', (r) => r.a)}` + (havePagefind ? ` | ${line('pagefind', (r) => r.b)}` : ''));
};
console.log('\nper class (the class of the first query; the following query is of the next class):');
for (const cls of [...new Set(rows.map((r) => r.cls))]) report(cls, rows.filter((r) => r.cls === cls));
report('all', rows);
if (!havePagefind) console.log('pagefind: not measured (run `npx pagefind --site SITE_DIR` first)');
await browser.close();
server.close();
